-- School sections that could not enter an indicator, with the reason.
SELECT e.school_code, e.school_name, i.name_zh, i.name_en, e.reason, e.reason_zh, e.reason_en
FROM excluded_sections AS e
JOIN indicators AS i USING (indicator)
WHERE e.county_code = $county AND e.year = $year AND e.stage = $stage
ORDER BY e.school_code, i.sort_order;
