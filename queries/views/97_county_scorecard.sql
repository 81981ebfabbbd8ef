-- The 25 county items of the quality 2017 scorecard (domain.md §3b–3d) for every county-year
-- with school returns or entered items: the catalogue joined with the computed items (4, 5)
-- and the items the bureau entered. source: 'computed', 'entered' or 'not_reported' (value and
-- met NULL: "not yet reported", never a fail).
CREATE OR REPLACE VIEW county_scorecard AS
WITH county_years AS (
    SELECT DISTINCT county_code, year FROM school_sections
    UNION
    SELECT DISTINCT county_code, year FROM county_checklist
)
SELECT
    y.county_code, y.year, c.item_group, c.item_no, c.item_key, c.name_zh, c.name_en, c.unit,
    c.target, c.comparison,
    coalesce(k.value, e.value) AS value,
    coalesce(k.met, e.met) AS met,
    CASE
        WHEN k.value IS NOT NULL THEN 'computed'
        WHEN e.value IS NOT NULL THEN 'entered'
        ELSE 'not_reported'
    END AS source,
    CASE WHEN k.value IS NULL THEN e.note END AS note,
    CASE WHEN k.value IS NULL THEN e.entered_by END AS entered_by,
    CASE WHEN k.value IS NULL THEN e.entered_at END AS entered_at
FROM county_years AS y
CROSS JOIN checklist_items AS c
LEFT JOIN county_computed_items AS k
    ON k.county_code = y.county_code AND k.year = y.year
    AND k.item_group = c.item_group AND k.item_no = c.item_no AND c.computed
LEFT JOIN county_checklist AS e
    ON e.county_code = y.county_code AND e.year = y.year
    AND e.item_group = c.item_group AND e.item_no = c.item_no;
