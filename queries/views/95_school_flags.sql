-- Monitoring (issue 22): the flags of school_flag_facts (95_school_flag_facts.sql: the rules,
-- what fires and its numbers), each with the one-line reason why it fired, in Chinese and in
-- English, and flag_key, which names the flag across imports.
-- The reasons are built from the facts' numbers, the catalogue's names and standards and the
-- settings, by the macro explained_flags(facts table), so that the stored facts
-- (stored_school_flag_facts, small) are explained the same way when they are read:
-- stored_school_flags is explained_flags('stored_school_flag_facts') (data/build.py).
CREATE OR REPLACE MACRO explained_flags(facts) AS TABLE
WITH setting AS (
    SELECT
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'school_floor_ratio') AS floor,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'flag_cv_half_share')
            AS half_share,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'flag_drop_share') AS drop_share
),
named AS (
    SELECT
        f.*, i.name_zh, i.name_en, q.standard_value, s.floor, s.half_share, s.drop_share,
        f.metric / q.standard_value AS ratio
    FROM query_table(facts) AS f
    LEFT JOIN indicators AS i ON i.indicator = f.measure
    LEFT JOIN indicator_standards AS q
        ON q.standard_set = 'quality2017' AND q.indicator = f.measure AND q.stage = f.stage
    CROSS JOIN setting AS s
)
SELECT
    county_code, year, school_code, school_name, stage, rule, measure, family, metric,
    threshold, better,
    CASE rule
        WHEN 'outlier' THEN name_zh || ' ' || printf('%.2f', metric)
            || CASE WHEN better = 'higher'
                THEN '，低于异常值下限 ' ELSE '，高于异常值上限 ' END
            || printf('%.2f', threshold)
            || '（全县四分位 Q1 ' || printf('%.2f', q1) || '、Q3 ' || printf('%.2f', q3)
            || '，1.5 倍四分位距）'
        WHEN 'below_floor' THEN name_zh || ' ' || printf('%.2f', metric) || '，不足标准 '
            || printf('%g', standard_value) || ' 的 ' || printf('%g', floor * 100) || '%（'
            || printf('%g', round(standard_value * floor, 6)) || '），仅为标准的 '
            || printf('%.1f', ratio * 100) || '%'
        WHEN 'below_standard' THEN name_zh || ' ' || printf('%.2f', metric) || '，低于标准 '
            || printf('%g', standard_value) || '，仅为标准的 ' || printf('%.1f', ratio * 100)
            || '%'
        WHEN 'cv_half' THEN name_zh || ' ' || printf('%.2f', metric) || '（全县均值 '
            || printf('%.2f', threshold) || '），占差异的 '
            || printf('%.1f', cv_share * 100) || '%；与另外 ' || (n_top - 1)
            || ' 所学校合计占 ' || printf('%.1f', top_share * 100) || '%，达到差异的 '
            || printf('%g', half_share * 100) || '%'
        WHEN 'drop' THEN name_zh || ' 由 ' || (year - 1) || ' 年的 ' || printf('%.2f', previous)
            || ' 降至 ' || printf('%.2f', metric) || '，下降 '
            || printf('%.1f', (previous - metric) / previous * 100) || '%（超过 '
            || printf('%g', drop_share * 100) || '%）'
        WHEN 'school_size' THEN '在校生 ' || students || ' 人，超过校额上限 '
            || printf('%g', threshold) || ' 人'
            || CASE WHEN school_type IN (SELECT school_type FROM school_types WHERE through)
                THEN '（' || school_type || '）' ELSE '' END
        ELSE '平均班额 ' || printf('%.1f', metric) || ' 人（' || students || ' 人 / '
            || classes || ' 个班），'
            || CASE rule
                WHEN 'huge_class' THEN '属超大班额（≥ ' || printf('%g', threshold) || ' 人）'
                WHEN 'large_class' THEN '属大班额（≥ ' || printf('%g', threshold) || ' 人）'
                ELSE '超过' || stage || '标准班额 ' || printf('%g', threshold) || ' 人' END
    END AS reason_zh,
    CASE rule
        WHEN 'outlier' THEN name_en || ' ' || printf('%.2f', metric)
            || CASE WHEN better = 'higher'
                THEN ' is below the outlier fence ' ELSE ' is above the outlier fence ' END
            || printf('%.2f', threshold)
            || ' (county quartiles Q1 ' || printf('%.2f', q1) || ', Q3 '
            || printf('%.2f', q3) || ', 1.5 × IQR)'
        WHEN 'below_floor' THEN name_en || ' ' || printf('%.2f', metric) || ' is below '
            || printf('%g', floor * 100) || '% of the standard ' || printf('%g', standard_value)
            || ' (' || printf('%g', round(standard_value * floor, 6)) || '): '
            || printf('%.1f', ratio * 100) || '% of it'
        WHEN 'below_standard' THEN name_en || ' ' || printf('%.2f', metric)
            || ' is below the standard ' || printf('%g', standard_value) || ': '
            || printf('%.1f', ratio * 100) || '% of it'
        WHEN 'cv_half' THEN name_en || ' ' || printf('%.2f', metric) || ' (county mean '
            || printf('%.2f', threshold) || ') makes up '
            || printf('%.1f', cv_share * 100) || '% of the spread; with ' || (n_top - 1)
            || ' other schools ' || printf('%.1f', top_share * 100) || '%, at least '
            || printf('%g', half_share * 100) || '% of it'
        WHEN 'drop' THEN name_en || ' fell from ' || printf('%.2f', previous) || ' in '
            || (year - 1) || ' to ' || printf('%.2f', metric) || ', down '
            || printf('%.1f', (previous - metric) / previous * 100) || '% (more than '
            || printf('%g', drop_share * 100) || '%)'
        WHEN 'school_size' THEN students || ' pupils, more than the school size limit of '
            || printf('%g', threshold)
            || CASE WHEN school_type IN (SELECT school_type FROM school_types WHERE through)
                THEN ' (nine/twelve-year school)' ELSE '' END
        ELSE 'Average class ' || printf('%.1f', metric) || ' pupils (' || students
            || ' pupils / ' || classes || ' classes): '
            || CASE rule
                WHEN 'huge_class' THEN 'a very large class (≥ ' || printf('%g', threshold) || ')'
                WHEN 'large_class' THEN 'a large class (≥ ' || printf('%g', threshold) || ')'
                ELSE 'over the standard of ' || printf('%g', threshold)
                    || CASE stage WHEN '小学' THEN ' (primary)' ELSE ' (junior)' END END
    END AS reason_en,
    year || ':' || school_code || ':' || coalesce(stage, '-') || ':' || family || ':' || measure
        AS flag_key
FROM named;

CREATE OR REPLACE VIEW school_flags AS
SELECT * FROM explained_flags('school_flag_facts');
