-- The counties of a province with data, their outline and verdict for a year, stage and set.
-- headline_cv: the composite CV under basic2012 (its criterion); under quality2017, which has no
-- composite criterion, the highest indicator CV (every CV must be within the line).
SELECT
    c.county_code, c.county_name, c.city_name, b.geojson,
    CASE WHEN $standard_set = 'basic2012' THEN v.composite_cv ELSE w.highest_cv END
        AS headline_cv,
    v.threshold, v.passes, v.status, v.n_schools, v.n_compliant
FROM counties AS c
JOIN boundaries AS b ON b.code = c.county_code AND b.level = 'county'
LEFT JOIN stored_county_verdict AS v
    ON v.county_code = c.county_code AND v.year = $year AND v.stage = $stage
    AND v.standard_set = $standard_set
LEFT JOIN (
    SELECT county_code, max(cv) AS highest_cv
    FROM stored_county_indicator_cv
    WHERE year = $year AND stage = $stage AND standard_set = $standard_set
    GROUP BY county_code
) AS w ON w.county_code = c.county_code
WHERE c.province_code = (SELECT province_code FROM counties WHERE county_code = $county)
    AND c.county_code IN (SELECT DISTINCT county_code FROM school_sections)
ORDER BY c.county_code;
