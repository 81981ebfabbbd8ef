-- The indicators of a standard set for a stage, with names, units and standards.
SELECT i.indicator, i.name_zh, i.name_en, i.unit_zh, i.unit_en, i.sort_order,
       s.standard_value, s.cv_threshold
FROM indicator_standards AS s
JOIN indicators AS i USING (indicator)
WHERE s.standard_set = $standard_set AND s.stage = $stage
ORDER BY i.sort_order;
