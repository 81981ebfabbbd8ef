-- Where each school stands on an indicator within its county, year and stage:
-- its share of the CV (domain.md §5: Pi·(Xi − X̄)² / Σ Pj·(Xj − X̄)², the schools that pull
-- the county over the line) and the outlier rule (异常值): a value outside the Tukey fences
-- [Q1 − 1.5·IQR, Q3 + 1.5·IQR] of the county's schools (quartiles not weighted by students).
-- (County figures are aggregated once and joined back: a window over each county's rows costs
-- several times as much at national scale.)
CREATE OR REPLACE VIEW school_position AS
WITH county AS (
    SELECT
        county_code, year, stage, indicator,
        sum(students * value) / sum(students) AS county_mean,
        quantile_cont(value, 0.25) AS q1,
        quantile_cont(value, 0.75) AS q3
    FROM indicator_values
    GROUP BY county_code, year, stage, indicator
),
stats AS (
    SELECT
        v.*, c.county_mean, c.q1, c.q3,
        v.students * (v.value - c.county_mean) ^ 2 AS squared_gap
    FROM indicator_values AS v
    JOIN county AS c USING (county_code, year, stage, indicator)
),
spread AS (
    SELECT county_code, year, stage, indicator, sum(squared_gap) AS total_squared_gap
    FROM stats
    GROUP BY county_code, year, stage, indicator
)
SELECT
    county_code, year, stage, indicator, school_code, school_name, urban_rural_code,
    urban_rural_group, students, value, meets_standard, county_mean,
    squared_gap / NULLIF(total_squared_gap, 0) AS cv_share,
    value < county_mean AS below_mean,
    q1, q3,
    q1 - 1.5 * (q3 - q1) AS low_fence,
    q3 + 1.5 * (q3 - q1) AS high_fence,
    value < q1 - 1.5 * (q3 - q1) OR value > q3 + 1.5 * (q3 - q1) AS is_outlier
FROM stats
JOIN spread USING (county_code, year, stage, indicator);
