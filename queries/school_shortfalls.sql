-- Quality 2017: the schools of a county, year and stage that do not comply with the per-school
-- rule (domain.md §3a; view school_compliance), each with every standard it misses: one row per
-- missed standard (value, standard, share of it, below the floor or not), or one row with no
-- indicator when the school misses none but lacks data for some.
WITH rules AS (
    SELECT CAST(value AS DOUBLE) AS floor_ratio FROM settings WHERE key = 'school_floor_ratio'
),
missed AS (
    SELECT
        v.school_code, v.stage, i.sort_order, i.name_zh, i.name_en, i.unit_zh, i.unit_en,
        v.value, q.standard_value, v.value / q.standard_value AS ratio
    FROM indicator_values AS v
    JOIN indicator_standards AS q
        ON q.standard_set = 'quality2017' AND q.indicator = v.indicator AND q.stage = v.stage
    JOIN indicators AS i ON i.indicator = v.indicator
    WHERE v.county_code = $county AND v.year = $year AND v.stage = $stage
        AND NOT v.outside_quality2017 AND NOT v.meets_standard
)
SELECT
    c.school_code, c.school_name, c.n_met, c.n_indicators, c.min_ratio,
    (SELECT count(*) FROM indicator_standards
     WHERE standard_set = 'quality2017' AND stage = $stage) AS n_required,
    m.name_zh, m.name_en, m.unit_zh, m.unit_en, m.value, m.standard_value, m.ratio,
    m.ratio < r.floor_ratio - 1e-9 AS below_floor, r.floor_ratio
FROM stored_school_compliance AS c
LEFT JOIN missed AS m USING (school_code, stage)
CROSS JOIN rules AS r
WHERE c.county_code = $county AND c.year = $year AND c.stage = $stage AND NOT c.compliant
ORDER BY c.n_met, c.min_ratio, c.school_code, m.sort_order;
