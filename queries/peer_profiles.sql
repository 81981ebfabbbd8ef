-- What each county of a province with data looks like in a year, for finding its peers:
-- pupils (both stages), the share of them in rural (乡村) schools and the number of schools
-- (computation units with pupils; a nine-year school counts once).
SELECT
    u.county_code,
    c.county_name,
    sum(u.students) AS students,
    coalesce(sum(u.students) FILTER (WHERE u.urban_rural_group = 'rural'), 0)
        / sum(u.students) AS rural_share,
    count(DISTINCT u.school_code) AS n_schools
FROM section_inputs AS u
JOIN counties AS c USING (county_code)
WHERE u.county_code BETWEEN left($province, 2) || '0000' AND left($province, 2) || '9999'
    AND u.year = $year AND u.students > 0
GROUP BY u.county_code, c.county_name
ORDER BY u.county_code;
