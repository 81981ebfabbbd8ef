-- The 7 resource-allocation indicators of quality 2017 for a county and year, per stage: both
-- halves of the rule (domain.md §3a) — the CV against its threshold (judgeable FALSE when it
-- cannot be computed), and the schools meeting the standard and below its floor (settings
-- school_floor_ratio).
WITH rules AS (
    SELECT CAST(value AS DOUBLE) AS floor_ratio FROM settings WHERE key = 'school_floor_ratio'
),
schools AS (
    SELECT
        v.indicator,
        v.stage,
        count(*) FILTER (WHERE v.meets_standard) AS n_meeting,
        count(*) FILTER (WHERE v.value < r.floor_ratio * q.standard_value - 1e-9) AS n_below_floor,
        count(*) AS n_schools
    FROM indicator_values AS v
    JOIN indicator_standards AS q
        ON q.standard_set = 'quality2017' AND q.indicator = v.indicator AND q.stage = v.stage
    CROSS JOIN rules AS r
    WHERE v.county_code = $county AND v.year = $year AND NOT v.outside_quality2017
    GROUP BY v.indicator, v.stage
)
SELECT
    c.indicator, i.name_zh, i.name_en, c.stage, c.cv, c.threshold, c.passes, c.judgeable,
    c.reason_zh, c.reason_en,
    coalesce(s.n_meeting, 0) AS n_meeting,
    coalesce(s.n_below_floor, 0) AS n_below_floor,
    coalesce(s.n_schools, 0) AS n_schools,
    (SELECT floor_ratio FROM rules) AS floor_ratio
FROM stored_county_indicator_cv AS c
JOIN indicators AS i USING (indicator)
LEFT JOIN schools AS s USING (indicator, stage)
WHERE c.county_code = $county AND c.year = $year AND c.standard_set = 'quality2017'
ORDER BY i.sort_order, c.stage DESC;
