-- Monitoring (issue 22): every rule that flags a school in a year, each flag with the one-line
-- reason why it fired and its numbers. Rules and thresholds are settings (flag_rules, flag_*,
-- class_size_*, school_size_*, school_floor_ratio):
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
-- family groups the rules that exclude each other (standard, class); measure is the indicator,
-- 'class_size' or 'school_size'; metric its value; better says which way is better (整改成效
-- compares next year's metric); flag_key names the flag across imports.
CREATE OR REPLACE VIEW school_flags AS
WITH setting AS (
    SELECT
        (SELECT list_transform(string_split(value, ','), lambda x: trim(x))
         FROM settings WHERE key = 'flag_rules') AS rules,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'school_floor_ratio') AS floor,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'flag_cv_half_share')
            AS half_share,
        (SELECT value FROM settings WHERE key = 'flag_cv_half_scope') AS half_scope,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'flag_drop_share') AS drop_share,
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
-- Each engine view is read once (the rules below share these).
iv AS MATERIALIZED (SELECT * FROM indicator_values),
pos AS MATERIALIZED (SELECT * FROM school_position),
outlier AS (
    SELECT
        p.county_code, p.year, p.school_code, p.school_name, p.stage,
        'outlier' AS rule, 'outlier' AS family, 1 AS severity, p.indicator AS measure,
        p.value AS metric,
        CASE WHEN p.value < p.low_fence THEN p.low_fence ELSE p.high_fence END AS threshold,
        CASE WHEN p.value < p.low_fence THEN 'higher' ELSE 'lower' END AS better,
        i.name_zh || ' ' || printf('%.2f', p.value)
            || CASE WHEN p.value < p.low_fence
                THEN '，低于异常值下限 ' || printf('%.2f', p.low_fence)
                ELSE '，高于异常值上限 ' || printf('%.2f', p.high_fence) END
            || '（全县四分位 Q1 ' || printf('%.2f', p.q1) || '、Q3 ' || printf('%.2f', p.q3)
            || '，1.5 倍四分位距）' AS reason_zh,
        i.name_en || ' ' || printf('%.2f', p.value)
            || CASE WHEN p.value < p.low_fence
                THEN ' is below the outlier fence ' || printf('%.2f', p.low_fence)
                ELSE ' is above the outlier fence ' || printf('%.2f', p.high_fence) END
            || ' (county quartiles Q1 ' || printf('%.2f', p.q1) || ', Q3 '
            || printf('%.2f', p.q3) || ', 1.5 × IQR)' AS reason_en
    FROM pos AS p
    JOIN indicators AS i USING (indicator)
    WHERE p.is_outlier
),
short AS (
    SELECT
        v.county_code, v.year, v.school_code, v.school_name, v.stage, v.indicator, v.value,
        q.standard_value, s.floor, i.name_zh, i.name_en,
        v.value / q.standard_value AS ratio
    FROM iv AS v
    JOIN indicator_standards AS q
        ON q.standard_set = 'quality2017' AND q.indicator = v.indicator AND q.stage = v.stage
    JOIN indicators AS i ON i.indicator = v.indicator
    CROSS JOIN setting AS s
    WHERE NOT v.meets_standard
),
standard AS (
    SELECT
        county_code, year, school_code, school_name, stage,
        'below_floor' AS rule, 'standard' AS family, 2 AS severity, indicator AS measure,
        value AS metric, standard_value * floor AS threshold, 'higher' AS better,
        name_zh || ' ' || printf('%.2f', value) || '，不足标准 ' || printf('%g', standard_value)
            || ' 的 ' || printf('%g', floor * 100) || '%（'
            || printf('%g', round(standard_value * floor, 6)) || '），仅为标准的 '
            || printf('%.1f', ratio * 100) || '%' AS reason_zh,
        name_en || ' ' || printf('%.2f', value) || ' is below ' || printf('%g', floor * 100)
            || '% of the standard ' || printf('%g', standard_value) || ' ('
            || printf('%g', round(standard_value * floor, 6)) || '): '
            || printf('%.1f', ratio * 100) || '% of it' AS reason_en
    FROM short
    WHERE ratio < floor - 1e-9
    UNION ALL
    SELECT
        county_code, year, school_code, school_name, stage,
        'below_standard', 'standard', 1, indicator, value, standard_value, 'higher',
        name_zh || ' ' || printf('%.2f', value) || '，低于标准 ' || printf('%g', standard_value)
            || '，仅为标准的 ' || printf('%.1f', ratio * 100) || '%',
        name_en || ' ' || printf('%.2f', value) || ' is below the standard '
            || printf('%g', standard_value) || ': ' || printf('%.1f', ratio * 100) || '% of it'
    FROM short
),
failing AS (
    SELECT DISTINCT county_code, year, stage, indicator
    FROM county_indicator_cv
    WHERE NOT coalesce(passes, FALSE)
),
ranked AS (
    SELECT
        p.*,
        coalesce(sum(p.cv_share) OVER (
            PARTITION BY p.county_code, p.year, p.stage, p.indicator
            ORDER BY p.cv_share DESC, p.school_code
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS share_before
    FROM pos AS p
    WHERE p.cv_share > 0
),
half AS (
    SELECT
        r.*,
        count(*) OVER g AS n_top,
        sum(r.cv_share) OVER g AS top_share
    FROM ranked AS r
    CROSS JOIN setting AS s
    WHERE r.share_before < s.half_share - 1e-12
        AND (s.half_scope <> 'failing' OR EXISTS (
            SELECT 1 FROM failing AS f
            WHERE f.county_code = r.county_code AND f.year = r.year AND f.stage = r.stage
                AND f.indicator = r.indicator))
    WINDOW g AS (PARTITION BY r.county_code, r.year, r.stage, r.indicator)
),
cv_half AS (
    SELECT
        h.county_code, h.year, h.school_code, h.school_name, h.stage,
        'cv_half' AS rule, 'cv_half' AS family, 1 AS severity, h.indicator AS measure,
        h.value AS metric, h.county_mean AS threshold,
        CASE WHEN h.value < h.county_mean THEN 'higher' ELSE 'lower' END AS better,
        i.name_zh || ' ' || printf('%.2f', h.value) || '（全县均值 '
            || printf('%.2f', h.county_mean) || '），占差异的 '
            || printf('%.1f', h.cv_share * 100) || '%；与另外 ' || (h.n_top - 1)
            || ' 所学校合计占 ' || printf('%.1f', h.top_share * 100) || '%，达到差异的 '
            || printf('%g', s.half_share * 100) || '%' AS reason_zh,
        i.name_en || ' ' || printf('%.2f', h.value) || ' (county mean '
            || printf('%.2f', h.county_mean) || ') makes up '
            || printf('%.1f', h.cv_share * 100) || '% of the spread; with ' || (h.n_top - 1)
            || ' other schools ' || printf('%.1f', h.top_share * 100) || '%, at least '
            || printf('%g', s.half_share * 100) || '% of it' AS reason_en
    FROM half AS h
    JOIN indicators AS i ON i.indicator = h.indicator
    CROSS JOIN setting AS s
),
fell AS (
    SELECT
        v.county_code, v.year, v.school_code, v.school_name, v.stage,
        'drop' AS rule, 'drop' AS family, 1 AS severity, v.indicator AS measure,
        v.value AS metric, prev.value * (1 - s.drop_share) AS threshold, 'higher' AS better,
        i.name_zh || ' 由 ' || prev.year || ' 年的 ' || printf('%.2f', prev.value) || ' 降至 '
            || printf('%.2f', v.value) || '，下降 '
            || printf('%.1f', (prev.value - v.value) / prev.value * 100) || '%（超过 '
            || printf('%g', s.drop_share * 100) || '%）' AS reason_zh,
        i.name_en || ' fell from ' || printf('%.2f', prev.value) || ' in ' || prev.year
            || ' to ' || printf('%.2f', v.value) || ', down '
            || printf('%.1f', (prev.value - v.value) / prev.value * 100) || '% (more than '
            || printf('%g', s.drop_share * 100) || '%)' AS reason_en
    FROM iv AS v
    JOIN iv AS prev
        ON prev.school_code = v.school_code AND prev.stage = v.stage
        AND prev.indicator = v.indicator AND prev.year = v.year - 1
    JOIN indicators AS i ON i.indicator = v.indicator
    CROSS JOIN setting AS s
    WHERE prev.value > 0 AND (prev.value - v.value) / prev.value > s.drop_share + 1e-9
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
class_levels AS (
    SELECT *, 'huge_class' AS rule, 3 AS severity, class_huge AS threshold,
        '属超大班额（≥ ' || printf('%g', class_huge) || ' 人）' AS level_zh,
        'a very large class (≥ ' || printf('%g', class_huge) || ')' AS level_en
    FROM class_rows WHERE average >= class_huge - 1e-9
    UNION ALL
    SELECT *, 'large_class', 2, class_large,
        '属大班额（≥ ' || printf('%g', class_large) || ' 人）',
        'a large class (≥ ' || printf('%g', class_large) || ')'
    FROM class_rows WHERE average >= class_large - 1e-9
    UNION ALL
    SELECT *, 'class_size', 1, standard,
        '超过' || stage || '标准班额 ' || printf('%g', standard) || ' 人',
        'over the standard of ' || printf('%g', standard)
            || CASE stage WHEN '小学' THEN ' (primary)' ELSE ' (junior)' END
    FROM class_rows WHERE average > standard + 1e-9
),
class_size AS (
    SELECT
        county_code, year, school_code, school_name, stage, rule, 'class' AS family, severity,
        'class_size' AS measure, average AS metric, threshold, 'lower' AS better,
        '平均班额 ' || printf('%.1f', average) || ' 人（' || students || ' 人 / ' || classes
            || ' 个班），' || level_zh AS reason_zh,
        'Average class ' || printf('%.1f', average) || ' pupils (' || students || ' pupils / '
            || classes || ' classes): ' || level_en AS reason_en
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
        'school_size' AS rule, 'school_size' AS family, 1 AS severity,
        'school_size' AS measure, CAST(t.students AS DOUBLE) AS metric,
        CASE WHEN t.school_type IN (SELECT school_type FROM school_types WHERE through)
            THEN s.size_through ELSE s.size_max END AS threshold,
        'lower' AS better,
        '在校生 ' || t.students || ' 人，超过校额上限 '
            || CASE WHEN t.school_type IN (SELECT school_type FROM school_types WHERE through)
                THEN printf('%g', s.size_through) || ' 人（' || t.school_type || '）'
                ELSE printf('%g', s.size_max) || ' 人' END AS reason_zh,
        t.students || ' pupils, more than the school size limit of '
            || CASE WHEN t.school_type IN (SELECT school_type FROM school_types WHERE through)
                THEN printf('%g', s.size_through) || ' (nine/twelve-year school)'
                ELSE printf('%g', s.size_max) END AS reason_en
    FROM school_totals AS t
    CROSS JOIN setting AS s
    WHERE t.students > CASE WHEN t.school_type IN (SELECT school_type FROM school_types WHERE through)
        THEN s.size_through ELSE s.size_max END
),
fired AS (
    SELECT * FROM outlier
    UNION ALL BY NAME SELECT * FROM standard
    UNION ALL BY NAME SELECT * FROM cv_half
    UNION ALL BY NAME SELECT * FROM fell
    UNION ALL BY NAME SELECT * FROM class_size
    UNION ALL BY NAME SELECT * FROM school_size
)
SELECT
    f.county_code, f.year, f.school_code, f.school_name, f.stage, f.rule, f.measure,
    f.family, f.metric, f.threshold, f.better, f.reason_zh, f.reason_en,
    f.year || ':' || f.school_code || ':' || coalesce(f.stage, '-') || ':' || f.family || ':'
        || f.measure AS flag_key
FROM fired AS f
CROSS JOIN setting AS s
WHERE list_contains(s.rules, f.rule)
QUALIFY row_number() OVER (
    PARTITION BY f.year, f.school_code, f.stage, f.family, f.measure
    ORDER BY f.severity DESC
) = 1;
