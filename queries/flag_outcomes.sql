-- 整改成效: for every flag of a county, the same measure in the year after (metric_next) and
-- whether a rule of the same family still fires for it then (flagged_next).
WITH f AS MATERIALIZED (
    SELECT * FROM stored_school_flags WHERE county_code = $county
),
still AS (
    SELECT DISTINCT year - 1 AS year, school_code, coalesce(stage, '-') AS stage, family, measure
    FROM f
),
classes AS (
    SELECT school_code, year - 1 AS year, stage, students / classes AS metric_next
    FROM school_sections
    WHERE county_code = $county AND classes > 0
),
sizes AS (
    SELECT school_code, year - 1 AS year, CAST(sum(students) AS DOUBLE) AS metric_next
    FROM school_sections
    WHERE county_code = $county
    GROUP BY ALL
),
values_next AS (
    SELECT school_code, year - 1 AS year, stage, indicator, value AS metric_next
    FROM indicator_values
    WHERE county_code = $county
)
SELECT
    f.flag_key, f.year, f.school_code, f.school_name, f.stage, f.rule, f.measure, f.metric,
    f.better, f.reason_zh, f.reason_en,
    coalesce(v.metric_next, c.metric_next, z.metric_next) AS metric_next,
    s.school_code IS NOT NULL AS flagged_next
FROM f
LEFT JOIN values_next AS v
    ON v.school_code = f.school_code AND v.year = f.year AND v.stage = f.stage
    AND v.indicator = f.measure
LEFT JOIN classes AS c
    ON f.measure = 'class_size' AND c.school_code = f.school_code AND c.year = f.year
    AND c.stage = f.stage
LEFT JOIN sizes AS z
    ON f.measure = 'school_size' AND z.school_code = f.school_code AND z.year = f.year
LEFT JOIN still AS s
    ON s.school_code = f.school_code AND s.year = f.year AND s.stage = coalesce(f.stage, '-')
    AND s.family = f.family AND s.measure = f.measure
ORDER BY f.year, f.school_code, f.stage, f.rule, f.measure;
