-- The county verdict for a county's chosen years and stages, under both standard sets, for
-- the export page (the same rows as county_verdicts, which the overview reads).
SELECT v.standard_set, v.year, v.stage, v.status, v.n_indicators, v.n_cv_passing,
       v.composite_cv, v.threshold, v.worst_cv, i.name_zh AS worst_zh, i.name_en AS worst_en,
       v.n_schools, v.n_compliant, v.reason_zh, v.reason_en
FROM stored_county_verdict AS v
LEFT JOIN indicators AS i ON i.indicator = v.worst_indicator
WHERE v.county_code = $county
    AND v.year BETWEEN $year_from AND $year_to
    AND list_contains($stages, v.stage)
ORDER BY v.standard_set, v.year, v.stage;
