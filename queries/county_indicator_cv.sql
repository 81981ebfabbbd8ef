-- Every year's CV per indicator for a county, stage and standard set.
SELECT cv.year, cv.indicator, i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.sort_order,
       cv.cv, cv.threshold, cv.passes, cv.n_schools, cv.students, cv.mean_value
FROM stored_county_indicator_cv AS cv
JOIN indicators AS i USING (indicator)
WHERE cv.county_code = $county AND cv.stage = $stage AND cv.standard_set = $standard_set
ORDER BY cv.year, i.sort_order;
