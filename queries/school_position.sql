-- Every school's value on one indicator, its share of the CV and the outlier fences.
SELECT p.school_code, p.school_name, p.urban_rural_group, p.students, p.value,
       p.meets_standard, p.county_mean, p.cv_share, p.is_outlier, p.low_fence, p.high_fence,
       q.standard_value
FROM school_position AS p
LEFT JOIN indicator_standards AS q
    ON q.standard_set = 'quality2017' AND q.indicator = p.indicator AND q.stage = p.stage
WHERE p.county_code = $county AND p.year = $year AND p.stage = $stage
    AND p.indicator = $indicator
ORDER BY p.value DESC;
