-- The schools of a county below the quality-2017 school rule in a year, both stages: standards
-- met, lowest value / standard and the weakest indicator.
SELECT c.stage, c.school_code, c.school_name, c.n_met, c.n_indicators, c.min_ratio,
       i.name_zh AS weakest_zh, i.name_en AS weakest_en
FROM stored_school_compliance AS c
LEFT JOIN indicators AS i ON i.indicator = c.weakest_indicator
WHERE c.county_code = $county AND c.year = $year AND NOT c.compliant
ORDER BY CASE c.stage WHEN '小学' THEN 1 ELSE 2 END, c.min_ratio, c.school_code;
