-- One school's value, county mean and standard on every indicator over the years, and the
-- floor under the standard (settings school_floor_ratio).
SELECT p.year, p.indicator, i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.sort_order,
       p.value, p.county_mean, p.meets_standard, p.cv_share, p.is_outlier, q.standard_value,
       (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'school_floor_ratio')
           AS floor_ratio
FROM school_position AS p
JOIN indicators AS i USING (indicator)
LEFT JOIN indicator_standards AS q
    ON q.standard_set = 'quality2017' AND q.indicator = p.indicator AND q.stage = p.stage
WHERE p.county_code = $county AND p.school_code = $school AND p.stage = $stage
ORDER BY p.year, i.sort_order;
