-- The counties of a province with data, their outline and verdict for a year, stage and set.
SELECT
    c.county_code, c.county_name, c.city_name, b.geojson,
    v.composite_cv, v.threshold, v.passes, v.n_schools, v.n_compliant
FROM counties AS c
JOIN boundaries AS b ON b.code = c.county_code AND b.level = 'county'
LEFT JOIN county_verdict AS v
    ON v.county_code = c.county_code AND v.year = $year AND v.stage = $stage
    AND v.standard_set = $standard_set
WHERE c.province_code = (SELECT province_code FROM counties WHERE county_code = $county)
    AND c.county_code IN (SELECT DISTINCT county_code FROM school_sections)
ORDER BY c.county_code;
