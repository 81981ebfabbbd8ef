-- Every indicator CV of every county of a province, every year, for a stage and standard set.
SELECT cv.county_code, cv.year, cv.indicator, i.name_zh, i.name_en, i.sort_order, cv.cv,
       cv.threshold, cv.passes, cv.mean_value
FROM stored_county_indicator_cv AS cv
JOIN indicators AS i USING (indicator)
WHERE cv.county_code BETWEEN left($province, 2) || '0000' AND left($province, 2) || '9999'
    AND cv.stage = $stage AND cv.standard_set = $standard_set
ORDER BY cv.county_code, cv.year, i.sort_order;
