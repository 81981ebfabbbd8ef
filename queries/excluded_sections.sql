-- School sections that could not enter an indicator of the chosen standard set, with the reason
-- (an exclusion with no standard set holds for both).
SELECT e.school_code, e.school_name, i.name_zh, i.name_en, e.reason, e.reason_zh, e.reason_en
FROM excluded_sections AS e
JOIN indicators AS i USING (indicator)
JOIN indicator_standards AS q
    ON q.indicator = e.indicator AND q.stage = e.stage AND q.standard_set = $standard_set
WHERE e.county_code = $county AND e.year = $year AND e.stage = $stage
    AND (e.standard_set IS NULL OR e.standard_set = $standard_set)
ORDER BY e.school_code, i.sort_order;
