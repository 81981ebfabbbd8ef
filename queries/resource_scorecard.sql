-- The 7 resource-allocation indicators of quality 2017 for a county and year, both stages:
-- CVs against their thresholds and schools below the standard or below its 85 % floor.
WITH cvs AS (
    SELECT
        indicator,
        max(cv) FILTER (WHERE stage = '小学') AS cv_primary,
        max(threshold) FILTER (WHERE stage = '小学') AS threshold_primary,
        max(cv) FILTER (WHERE stage = '初中') AS cv_junior,
        max(threshold) FILTER (WHERE stage = '初中') AS threshold_junior,
        bool_and(coalesce(passes, FALSE)) AS cv_ok
    FROM county_indicator_cv
    WHERE county_code = $county AND year = $year AND standard_set = 'quality2017'
    GROUP BY indicator
),
schools AS (
    SELECT
        v.indicator,
        count(*) FILTER (WHERE NOT v.meets_standard) AS n_below_standard,
        count(*) FILTER (WHERE v.value < 0.85 * q.standard_value - 1e-9) AS n_below_floor,
        count(*) AS n_schools
    FROM indicator_values AS v
    JOIN indicator_standards AS q
        ON q.standard_set = 'quality2017' AND q.indicator = v.indicator AND q.stage = v.stage
    WHERE v.county_code = $county AND v.year = $year
    GROUP BY v.indicator
)
SELECT
    i.indicator, i.name_zh, i.name_en, c.cv_primary, c.threshold_primary, c.cv_junior,
    c.threshold_junior, s.n_below_standard, s.n_below_floor, s.n_schools,
    c.cv_ok AND s.n_below_floor = 0 AS met
FROM cvs AS c
JOIN schools AS s USING (indicator)
JOIN indicators AS i USING (indicator)
ORDER BY i.sort_order;
