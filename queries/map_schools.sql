-- Every school section of a county, year and stage with a place, its value on one indicator,
-- the ratio to the quality-2017 standard and the floor under it (settings school_floor_ratio),
-- and its compliance (school_compliance).
SELECT
    u.school_code, u.school_name, u.urban_rural_group, u.longitude, u.latitude, u.students,
    v.value,
    v.value / q.standard_value AS ratio,
    c.compliant,
    c.n_met,
    (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'school_floor_ratio') AS floor_ratio
FROM section_inputs AS u
LEFT JOIN indicator_values AS v
    ON v.county_code = u.county_code AND v.year = u.year AND v.stage = u.stage
    AND v.school_code = u.school_code AND v.indicator = $indicator
LEFT JOIN indicator_standards AS q
    ON q.standard_set = 'quality2017' AND q.indicator = $indicator AND q.stage = u.stage
LEFT JOIN stored_school_compliance AS c
    ON c.county_code = u.county_code AND c.year = u.year AND c.stage = u.stage
    AND c.school_code = u.school_code
WHERE u.county_code = $county AND u.year = $year AND u.stage = $stage
    AND u.longitude IS NOT NULL AND u.latitude IS NOT NULL
ORDER BY u.school_code;
