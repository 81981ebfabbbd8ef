-- Every county of a county's province with its outline (boundaries: those without data too,
-- has_data false, drawn grey), and for those with data the verdict for a year, stage and set.
-- headline_cv: the composite CV under basic2012 (its criterion); under quality2017, which has no
-- composite criterion, the highest indicator CV (every CV must be within the line).
SELECT
    b.code AS county_code,
    coalesce(c.county_name, b.name) AS county_name,
    c.city_name,
    b.geojson,
    c.county_code IS NOT NULL AS has_data,
    CASE WHEN $standard_set = 'basic2012' THEN v.composite_cv ELSE w.highest_cv END
        AS headline_cv,
    v.threshold, v.passes, v.status, v.n_schools, v.n_compliant
FROM boundaries AS b
LEFT JOIN counties AS c
    ON c.county_code = b.code
    AND c.county_code IN (SELECT DISTINCT county_code FROM school_sections)
LEFT JOIN stored_county_verdict AS v
    ON v.county_code = b.code AND v.year = $year AND v.stage = $stage
    AND v.standard_set = $standard_set
LEFT JOIN (
    SELECT county_code, max(cv) AS highest_cv
    FROM stored_county_indicator_cv
    WHERE year = $year AND stage = $stage AND standard_set = $standard_set
    GROUP BY county_code
) AS w ON w.county_code = b.code
WHERE b.level = 'county' AND substr(b.code, 1, 2) = substr($county, 1, 2)
ORDER BY b.code;
