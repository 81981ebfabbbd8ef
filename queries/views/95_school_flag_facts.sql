-- Monitoring (issue 22): every rule that flags a school in a year, as codes and numbers (the
-- costly part, stored at import as stored_school_flag_facts); school_flags
-- (95_school_flags.sql) adds the one-line reasons. Rules and thresholds are settings
-- (flag_rules, flag_*, class_size_*, school_size_*, school_floor_ratio):
--   outlier         the value is outside the Tukey fences of school_position (异常值)
--   below_floor     a quality 2017 indicator below school_floor_ratio (85 %) of its standard
--   below_standard  below its standard but not below the floor (one of the two, never both)
--   cv_half         among the schools that together make up flag_cv_half_share of the CV
--                   (largest shares first; with flag_cv_half_scope = failing only where the CV
--                   is over its line in a standard set)
--   drop            the value fell by more than flag_drop_share since the year before
--   class_size / large_class / huge_class
--                   average pupils per class over the standard (45 小学, 50 初中), from 56
--                   (大班额) and from 66 (超大班额): only the highest level of a section fires
--   school_size     more pupils than school_size_max (2000), school_size_max_through (2500)
--                   for 九年一贯制 / 十二年一贯制, counting the school's sections together
-- family groups the rules that exclude each other (standard, class: the highest in use fires);
-- a school, year, stage, family and measure has at most one flag; measure is the indicator,
-- 'class_size' or 'school_size'; metric its value; threshold the line it crossed; better says
-- which way is better (整改成效 compares next year's metric). The numbers the reason quotes
-- beyond these: q1, q3 (outlier); cv_share, n_top, top_share (cv_half); previous, the value
-- the year before (drop); students, classes (class rules); students, school_type (school_size).
CREATE OR REPLACE VIEW school_flag_facts AS
WITH setting AS (
    SELECT
        (SELECT list_transform(string_split(value, ','), lambda x: trim(x))
         FROM settings WHERE key = 'flag_rules') AS rules,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'school_floor_ratio') AS floor,
        (SELECT value FROM settings WHERE key = 'flag_cv_half_scope') AS half_scope,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'class_size_max_primary')
            AS class_primary,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'class_size_max_junior')
            AS class_junior,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'class_size_large_min')
            AS class_large,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'class_size_huge_min')
            AS class_huge,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'school_size_max') AS size_max,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'school_size_max_through')
            AS size_through
),
-- outlier, cv_half and drop: 94_ranked_flags.sql (computed from sorted values while results are
-- stored)
failing AS (
    SELECT DISTINCT county_code, year, stage, indicator
    FROM county_indicator_cv
    WHERE NOT coalesce(passes, FALSE)
),
ranked AS (
    -- cv_half with flag_cv_half_scope = failing: only where the CV is over its line in a
    -- standard set
    SELECT r.*
    FROM ranked_flags AS r
    CROSS JOIN setting AS s
    WHERE r.rule <> 'cv_half' OR s.half_scope <> 'failing' OR EXISTS (
        SELECT 1 FROM failing AS f
        WHERE f.county_code = r.county_code AND f.year = r.year AND f.stage = r.stage
            AND f.indicator = r.measure)
),
short AS NOT MATERIALIZED (
    SELECT
        v.county_code, v.year, v.school_code, v.school_name, v.stage, v.indicator, v.value,
        q.standard_value, s.floor, v.value / q.standard_value AS ratio
    FROM indicator_values AS v
    JOIN indicator_standards AS q
        ON q.standard_set = 'quality2017' AND q.indicator = v.indicator AND q.stage = v.stage
    CROSS JOIN setting AS s
    -- (a small teaching point the 2017 computation leaves out is not judged on its standards)
    WHERE NOT v.meets_standard AND NOT v.outside_quality2017
),
standard AS (
    SELECT
        county_code, year, school_code, school_name, stage,
        'below_floor' AS rule, 'standard' AS family, indicator AS measure,
        value AS metric, standard_value * floor AS threshold, 'higher' AS better
    FROM short
    WHERE ratio < floor - 1e-9
    UNION ALL
    SELECT
        county_code, year, school_code, school_name, stage,
        'below_standard', 'standard', indicator, value, standard_value, 'higher'
    FROM short
    CROSS JOIN setting AS s
    -- (the higher rule of the family, when it is in use, fires instead)
    WHERE NOT (ratio < short.floor - 1e-9 AND list_contains(s.rules, 'below_floor'))
),
class_rows AS (
    SELECT
        c.county_code, c.year, c.school_code, c.school_name, c.stage, c.students, c.classes,
        c.students / c.classes AS average,
        CASE c.stage WHEN '小学' THEN s.class_primary ELSE s.class_junior END AS standard,
        s.class_large, s.class_huge
    FROM school_sections AS c
    CROSS JOIN setting AS s
    WHERE c.classes > 0 AND c.students IS NOT NULL
),
class_reached AS (
    -- the levels a section reaches among the rules in use: only the highest fires
    SELECT
        c.*,
        list_contains(s.rules, 'huge_class') AND c.average >= c.class_huge - 1e-9 AS huge,
        list_contains(s.rules, 'large_class') AND c.average >= c.class_large - 1e-9 AS large
    FROM class_rows AS c
    CROSS JOIN setting AS s
),
class_levels AS (
    SELECT * EXCLUDE (huge, large), 'huge_class' AS rule, class_huge AS threshold
    FROM class_reached WHERE huge
    UNION ALL
    SELECT * EXCLUDE (huge, large), 'large_class', class_large
    FROM class_reached WHERE large AND NOT huge
    UNION ALL
    SELECT * EXCLUDE (huge, large), 'class_size', standard
    FROM class_reached WHERE average > standard + 1e-9 AND NOT huge AND NOT large
),
class_size AS (
    SELECT
        county_code, year, school_code, school_name, stage, rule, 'class' AS family,
        'class_size' AS measure, average AS metric, threshold, 'lower' AS better,
        students, classes
    FROM class_levels
),
school_totals AS (
    SELECT
        county_code, year, school_code,
        arg_max(school_name, stage) AS school_name,
        arg_max(school_type, stage) AS school_type,
        CAST(sum(students) AS BIGINT) AS students
    FROM school_sections
    GROUP BY county_code, year, school_code
),
school_size AS (
    SELECT
        t.county_code, t.year, t.school_code, t.school_name, CAST(NULL AS VARCHAR) AS stage,
        'school_size' AS rule, 'school_size' AS family,
        'school_size' AS measure, CAST(t.students AS DOUBLE) AS metric,
        CASE WHEN t.school_type IN (SELECT school_type FROM school_types WHERE through)
            THEN s.size_through ELSE s.size_max END AS threshold,
        'lower' AS better,
        t.students, t.school_type
    FROM school_totals AS t
    CROSS JOIN setting AS s
    WHERE t.students > CASE WHEN t.school_type IN (SELECT school_type FROM school_types WHERE through)
        THEN s.size_through ELSE s.size_max END
    -- one flag per school and year (a code with sections in two counties: the first county)
    QUALIFY row_number() OVER (PARTITION BY t.year, t.school_code ORDER BY t.county_code) = 1
),
fired AS (
    SELECT * FROM ranked
    UNION ALL BY NAME SELECT * FROM standard
    UNION ALL BY NAME SELECT * FROM class_size
    UNION ALL BY NAME SELECT * FROM school_size
)
SELECT
    f.county_code, f.year, f.school_code, f.school_name, f.stage, f.rule, f.measure,
    f.family, f.metric, f.threshold, f.better,
    f.q1, f.q3, f.cv_share, f.n_top, f.top_share, f.previous,
    CAST(f.students AS BIGINT) AS students, CAST(f.classes AS BIGINT) AS classes,
    f.school_type
FROM fired AS f
CROSS JOIN setting AS s
WHERE list_contains(s.rules, f.rule);
