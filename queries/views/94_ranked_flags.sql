-- Monitoring (issue 22): the two flag rules that rank a school among its county's schools on an
-- indicator (school_position), for every county, year, stage and indicator; school_flag_facts
-- (95_school_flag_facts.sql) keeps those of the rules in use and the cv_half scope:
--   outlier  the value is outside the Tukey fences of school_position (异常值)
--   cv_half  among the schools that together make up flag_cv_half_share of the CV (largest
--            shares first, ties in school-code order)
-- While the results are stored, data/ranked.py computes these rows from one sort of
-- indicator_values (windows over ~600,000 small partitions cost most of a national store);
-- this view stays the definition, and the tests check that both give the same rows.
CREATE OR REPLACE VIEW ranked_flags AS
WITH setting AS (
    SELECT
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'flag_cv_half_share')
            AS half_share
),
pos AS MATERIALIZED (SELECT * FROM school_position),
outlier AS (
    SELECT
        county_code, year, school_code, school_name, stage,
        'outlier' AS rule, 'outlier' AS family, indicator AS measure,
        value AS metric,
        CASE WHEN value < low_fence THEN low_fence ELSE high_fence END AS threshold,
        CASE WHEN value < low_fence THEN 'higher' ELSE 'lower' END AS better,
        q1, q3
    FROM pos
    WHERE is_outlier
),
positive AS (
    SELECT county_code, year, stage, indicator, count(*) AS n_positive
    FROM pos
    WHERE cv_share > 0
    GROUP BY county_code, year, stage, indicator
),
ranked AS (
    -- Only schools whose share exceeds (1 − half_share) / n (n: the schools with a share) are
    -- ranked: the shares from a smaller one on are each no larger than its own, so they add up
    -- to at most 1 − half_share, and the schools before it already hold half_share (a margin
    -- of 1e-9 keeps rounding on the safe side). Sorting a fraction of the rows, on the columns
    -- the rule needs, costs a fraction of sorting them all.
    SELECT
        p.county_code, p.year, p.stage, p.indicator, p.school_code, p.school_name, p.value,
        p.county_mean, p.cv_share,
        coalesce(sum(p.cv_share) OVER (
            PARTITION BY p.county_code, p.year, p.stage, p.indicator
            ORDER BY p.cv_share DESC, p.school_code
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS share_before
    FROM pos AS p
    JOIN positive AS n USING (county_code, year, stage, indicator)
    CROSS JOIN setting AS s
    WHERE p.cv_share > 0 AND p.cv_share * n.n_positive > (1 - s.half_share) * (1 - 1e-9)
),
half AS (
    SELECT
        r.*,
        count(*) OVER g AS n_top,
        sum(r.cv_share) OVER g AS top_share
    FROM ranked AS r
    CROSS JOIN setting AS s
    WHERE r.share_before < s.half_share - 1e-12
    WINDOW g AS (PARTITION BY r.county_code, r.year, r.stage, r.indicator)
),
cv_half AS (
    SELECT
        county_code, year, school_code, school_name, stage,
        'cv_half' AS rule, 'cv_half' AS family, indicator AS measure,
        value AS metric, county_mean AS threshold,
        CASE WHEN value < county_mean THEN 'higher' ELSE 'lower' END AS better,
        cv_share, n_top, top_share
    FROM half
)
SELECT * FROM outlier
UNION ALL BY NAME SELECT * FROM cv_half;
