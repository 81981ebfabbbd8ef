-- The CV of every indicator for a county's chosen years and stages, under both standard sets,
-- for the export page (the same rows as county_cv, which the pages draw).
SELECT cv.standard_set, cv.year, cv.stage, cv.indicator, i.name_zh, i.name_en, i.sort_order,
       cv.cv, cv.threshold, cv.passes, cv.n_schools, cv.students
FROM stored_county_indicator_cv AS cv
JOIN indicators AS i USING (indicator)
WHERE cv.county_code = $county
    AND cv.year BETWEEN $year_from AND $year_to
    AND list_contains($stages, cv.stage)
ORDER BY cv.standard_set, cv.year, cv.stage, i.sort_order;
