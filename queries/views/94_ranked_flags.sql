-- Monitoring (issue 22): the flag rules that need values in order: a school among its county's
-- schools on an indicator (school_position), or a school's years; school_flag_facts
-- (95_school_flag_facts.sql) keeps those of the rules in use and the cv_half scope:
--   outlier  the value is outside the Tukey fences of school_position (异常值)
--   cv_half  among the schools that together make up flag_cv_half_share of the CV (largest
--            shares first, ties in school-code order)
--   drop     the value fell by more than flag_drop_share since the year before
-- While the results are stored, data/ranked.py computes these rows from indicator_values
-- sorted in numpy (windows over ~600,000 small partitions and a self-join of every value cost
-- most of a national store); this view stays the definition, and the tests check that both
-- give the same rows.
CREATE OR REPLACE VIEW ranked_flags AS
WITH setting AS (
    SELECT
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'flag_cv_half_share')
            AS half_share,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'flag_drop_share') AS drop_share
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
),
fell AS (
    SELECT
        v.county_code, v.year, v.school_code, v.school_name, v.stage,
        'drop' AS rule, 'drop' AS family, v.indicator AS measure,
        v.value AS metric, prev.value * (1 - s.drop_share) AS threshold, 'higher' AS better,
        prev.value AS previous
    FROM indicator_values AS v
    JOIN indicator_values AS prev
        ON prev.school_code = v.school_code AND prev.stage = v.stage
        AND prev.indicator = v.indicator AND prev.year = v.year - 1
    CROSS JOIN setting AS s
    WHERE prev.value > 0 AND (prev.value - v.value) / prev.value > s.drop_share + 1e-9
)
SELECT * FROM outlier
UNION ALL BY NAME SELECT * FROM cv_half
UNION ALL BY NAME SELECT * FROM fell;
