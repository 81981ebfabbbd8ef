-- Quality 2017 per-school compliance in a county, year and stage.
SELECT c.school_code, c.school_name, c.urban_rural_group, c.students, c.n_met, c.min_ratio,
       c.compliant, c.n_indicators, c.weakest_indicator, i.name_zh AS weakest_zh,
       i.name_en AS weakest_en
FROM stored_school_compliance AS c
LEFT JOIN indicators AS i ON i.indicator = c.weakest_indicator
WHERE c.county_code = $county AND c.year = $year AND c.stage = $stage
ORDER BY c.compliant, c.min_ratio;
