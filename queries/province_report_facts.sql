-- A county's basic facts per stage in a year, for its self-evaluation report: computation
-- units with pupils (teaching points merged with their central school), pupils, classes and
-- full-time teachers.
SELECT
    stage,
    count(*) AS n_schools,
    sum(students) AS students,
    sum(classes) AS classes,
    sum(teachers) AS teachers,
    sum(merged_points) AS merged_points
FROM section_inputs
WHERE county_code = $county AND year = $year AND students > 0
GROUP BY stage
ORDER BY CASE stage WHEN '小学' THEN 1 ELSE 2 END;
