-- Units that cannot enter an indicator's computation, and why: never silently dropped.
CREATE OR REPLACE VIEW excluded_sections AS
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
        ELSE '缺少' || i.numerator || '数据'
    END AS reason_zh,
    CASE
        WHEN a.students IS NULL THEN 'number of students missing'
        WHEN a.students = 0 THEN 'no students'
        ELSE 'missing value: ' || i.numerator
    END AS reason_en
FROM indicator_amounts AS a
JOIN indicators AS i USING (numerator)
WHERE coalesce(a.students, 0) = 0 OR a.amount IS NULL;
