-- Where each school stands on an indicator within its county, year and stage:
-- its share of the CV (domain.md §5: Pi·(Xi − X̄)² / Σ Pj·(Xj − X̄)², the schools that pull
-- the county over the line) and the outlier rule (异常值): a value outside the Tukey fences
-- [Q1 − 1.5·IQR, Q3 + 1.5·IQR] of the county's schools (quartiles not weighted by students).
-- (Windows over each county's rows, not aggregates joined back: a page reads one county, and
-- DuckDB pushes a county filter through a window's partition but not into a joined aggregate
-- — 20× slower per county at national scale; the store step reads whole chunks, where the
-- aggregate form saved ~0.2 s per province.)
CREATE OR REPLACE VIEW school_position AS
WITH stats AS (
    SELECT
        v.*,
        sum(v.students * v.value) OVER g / sum(v.students) OVER g AS county_mean,
        quantile_cont(v.value, 0.25) OVER g AS q1,
        quantile_cont(v.value, 0.75) OVER g AS q3
    FROM indicator_values AS v
    WINDOW g AS (PARTITION BY v.county_code, v.year, v.stage, v.indicator)
),
spread AS (
    SELECT
        *,
        students * (value - county_mean) ^ 2 AS squared_gap,
        sum(students * (value - county_mean) ^ 2) OVER g AS total_squared_gap
    FROM stats
    WINDOW g AS (PARTITION BY county_code, year, stage, indicator)
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
FROM spread;
