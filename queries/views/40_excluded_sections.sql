-- Units and school sections that cannot enter an indicator's computation, and why: never
-- silently dropped (domain.md §1). standard_set is NULL when the exclusion holds for both
-- standard sets. Reasons are given in Chinese and in English, from the catalogue's names.
CREATE OR REPLACE VIEW excluded_sections AS
WITH rules AS (
    SELECT
        coalesce(max(value) FILTER (WHERE key = 'include_private'), 'false') = 'true'
            AS include_private,
        coalesce(max(value) FILTER (WHERE key = 'include_above_county'), 'false') = 'true'
            AS include_above_county,
        coalesce(max(TRY_CAST(value AS INTEGER)) FILTER (WHERE key = 'small_teaching_point_min'), 0)
            AS small_point_min
    FROM settings
),
outside AS (
    SELECT
        s.county_code, s.year, s.school_code, s.school_name, s.stage,
        CASE WHEN coalesce(s.ownership, '公办') = '民办' AND NOT r.include_private
            THEN 'private' ELSE 'above_county' END AS reason,
        CASE WHEN coalesce(s.ownership, '公办') = '民办' AND NOT r.include_private
            THEN '民办学校，不计入县域计算'
            ELSE '举办者为' || s.run_by || '，不计入县域计算' END AS reason_zh,
        CASE WHEN coalesce(s.ownership, '公办') = '民办' AND NOT r.include_private
            THEN 'private school: outside the county computation'
            ELSE 'run by the ' || CASE s.run_by WHEN '地市级' THEN 'city'
                WHEN '省级' THEN 'province' ELSE 'central government' END
                || ': outside the county computation' END AS reason_en
    FROM school_sections AS s
    CROSS JOIN rules AS r
    WHERE (coalesce(s.ownership, '公办') = '民办' AND NOT r.include_private)
        OR (coalesce(s.run_by, '县级') <> '县级' AND NOT r.include_above_county)
)
SELECT
    o.county_code, o.year, o.school_code, o.school_name, o.stage, i.indicator,
    o.reason, o.reason_zh, o.reason_en, CAST(NULL AS VARCHAR) AS standard_set
FROM outside AS o
CROSS JOIN indicators AS i
UNION ALL
SELECT
    a.county_code,
    a.year,
    a.school_code,
    a.school_name,
    a.stage,
    i.indicator,
    CASE WHEN coalesce(a.students, 0) = 0 THEN 'no_students' ELSE 'missing_value' END
        AS reason,
    CASE
        WHEN a.students IS NULL THEN '在校生数缺失'
        WHEN a.students = 0 THEN '在校生数为0'
        WHEN a.resources_unsplit
        THEN '数据缺失：' || i.name_zh || '（资源按全校填报，缺少高中在校生数，无法按学段拆分）'
        ELSE '数据缺失：' || i.name_zh
    END AS reason_zh,
    CASE
        WHEN a.students IS NULL THEN 'number of students missing'
        WHEN a.students = 0 THEN 'no students'
        WHEN a.resources_unsplit
        THEN 'missing value: ' || i.name_en
            || ' (resources reported for the whole school without its senior pupils: '
            || 'they cannot be split between stages)'
        ELSE 'missing value: ' || i.name_en
    END AS reason_en,
    CAST(NULL AS VARCHAR) AS standard_set
FROM indicator_amounts AS a
JOIN indicators AS i USING (numerator)
WHERE coalesce(a.students, 0) = 0 OR a.amount IS NULL
UNION ALL
SELECT
    a.county_code,
    a.year,
    a.school_code,
    a.school_name,
    a.stage,
    q.indicator,
    'small_teaching_point' AS reason,
    '教学点在校生不足' || r.small_point_min || '人，不计入2017资源配置指标' AS reason_zh,
    'teaching point under ' || r.small_point_min
        || ' pupils: left out of the 2017 resource indicators' AS reason_en,
    'quality2017' AS standard_set
FROM indicator_amounts AS a
JOIN indicators AS i USING (numerator)
JOIN indicator_standards AS q
    ON q.standard_set = 'quality2017' AND q.indicator = i.indicator AND q.stage = a.stage
CROSS JOIN rules AS r
WHERE a.outside_quality2017 AND coalesce(a.students, 0) > 0 AND a.amount IS NOT NULL;
