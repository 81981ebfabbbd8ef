-- The urban–rural headline of one county, year and stage (城乡差距, 总览): how many indicators
-- of the set have an urban mean above wide_gap_ratio (settings) times the rural mean, and the
-- indicator whose urban/rural ratio is furthest from 1 (the first in catalogue order on a tie).
WITH ratios AS (
    SELECT r.indicator, i.name_zh, i.name_en, i.sort_order, r.urban_rural_ratio
    FROM county_group_ratios AS r
    JOIN indicator_standards AS s
        ON s.indicator = r.indicator AND s.stage = r.stage AND s.standard_set = $standard_set
    JOIN indicators AS i ON i.indicator = r.indicator
    WHERE r.county_code = $county AND r.year = $year AND r.stage = $stage
),
setting AS (
    SELECT (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'wide_gap_ratio')
        AS wide_gap_ratio
),
widest AS (
    SELECT indicator, name_zh, name_en, urban_rural_ratio
    FROM ratios
    WHERE urban_rural_ratio IS NOT NULL
    ORDER BY abs(urban_rural_ratio - 1) DESC, sort_order
    LIMIT 1
)
SELECT
    s.wide_gap_ratio,
    (SELECT count(*) FROM ratios WHERE urban_rural_ratio > s.wide_gap_ratio) AS n_wide,
    w.indicator AS widest_indicator,
    w.name_zh AS widest_zh,
    w.name_en AS widest_en,
    w.urban_rural_ratio AS widest_ratio
FROM setting AS s
LEFT JOIN widest AS w ON TRUE
WHERE EXISTS (SELECT 1 FROM ratios);
