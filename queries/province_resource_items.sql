-- The 7 resource-allocation items of quality 2017 met per county of a province in a year, by
-- the overview scorecard's rule: in both stages the CV can be computed and is within its line
-- and no school falls below the floor share of its standard (setting school_floor_ratio);
-- small teaching points left out of the 2017 computation are left out here too.
WITH cvs AS (
    SELECT
        county_code, indicator,
        bool_and(judgeable AND coalesce(passes, FALSE)) AS cv_ok
    FROM stored_county_indicator_cv
    WHERE county_code BETWEEN left($province, 2) || '0000' AND left($province, 2) || '9999'
        AND year = $year
        AND standard_set = 'quality2017'
    GROUP BY ALL
),
floors AS (
    SELECT
        v.county_code, v.indicator,
        count(*) FILTER (
            WHERE v.value < (SELECT CAST(value AS DOUBLE) FROM settings
                             WHERE key = 'school_floor_ratio') * q.standard_value - 1e-9
        ) AS n_below_floor
    FROM indicator_values AS v
    JOIN indicator_standards AS q
        ON q.standard_set = 'quality2017' AND q.indicator = v.indicator AND q.stage = v.stage
    WHERE v.county_code BETWEEN left($province, 2) || '0000' AND left($province, 2) || '9999'
        AND v.year = $year AND NOT v.outside_quality2017
    GROUP BY ALL
)
SELECT
    c.county_code,
    count(*) FILTER (WHERE c.cv_ok AND coalesce(f.n_below_floor, 0) = 0) AS items_met,
    count(*) AS items
FROM cvs AS c
LEFT JOIN floors AS f USING (county_code, indicator)
GROUP BY c.county_code;
