-- The county verdict for every year and both stages under a standard set: status (pass / fail /
-- cannot_judge) with the reason, and the indicator furthest over (or nearest to) its line.
SELECT v.year, v.stage, v.n_indicators, v.n_cv_passing, v.composite_cv, v.threshold,
       v.all_cv_pass, v.n_schools, v.n_compliant, v.passes, v.status, v.reason_zh, v.reason_en,
       v.worst_indicator, v.worst_cv, v.worst_ratio, i.name_zh AS worst_zh,
       i.name_en AS worst_en
FROM stored_county_verdict AS v
LEFT JOIN indicators AS i ON i.indicator = v.worst_indicator
WHERE v.county_code = $county AND v.standard_set = $standard_set
ORDER BY v.year, v.stage;
