-- County items 4 and 5 of the government guarantee group (domain.md §3b), computed for every
-- county and year from the school returns (entering_sections):
--   4 school size: % of schools with at most school_size_max pupils (a nine/twelve-year
--     school: school_size_max_through in its compulsory part, i.e. its 小学 + 初中 sections);
--   5 class size: % of school sections whose pupils per class are within
--     class_size_max_primary (小学) / class_size_max_junior (初中); sections without classes
--     are not counted.
-- met compares the value with the catalogue's target (100 %).
CREATE OR REPLACE VIEW county_computed_items AS
WITH rules AS (
    SELECT
        max(TRY_CAST(value AS DOUBLE)) FILTER (WHERE key = 'school_size_max') AS size_max,
        max(TRY_CAST(value AS DOUBLE)) FILTER (WHERE key = 'school_size_max_through')
            AS size_max_through,
        max(TRY_CAST(value AS DOUBLE)) FILTER (WHERE key = 'class_size_max_primary')
            AS class_max_primary,
        max(TRY_CAST(value AS DOUBLE)) FILTER (WHERE key = 'class_size_max_junior')
            AS class_max_junior
    FROM settings
),
schools AS (
    SELECT
        county_code, year, school_code,
        any_value(school_type) AS school_type,
        sum(students) AS students
    FROM entering_sections
    WHERE students IS NOT NULL
    GROUP BY ALL
),
school_size AS (
    SELECT
        s.county_code, s.year, 4 AS item_no,
        100.0 * count(*) FILTER (WHERE s.students <= CASE
            WHEN s.school_type IN (SELECT school_type FROM school_types WHERE through) THEN r.size_max_through
            ELSE r.size_max END) / count(*) AS value
    FROM schools AS s
    CROSS JOIN rules AS r
    GROUP BY ALL
),
class_size AS (
    SELECT
        s.county_code, s.year, 5 AS item_no,
        100.0 * count(*) FILTER (WHERE s.students <= s.classes * CASE s.stage
            WHEN '小学' THEN r.class_max_primary ELSE r.class_max_junior END) / count(*) AS value
    FROM entering_sections AS s
    CROSS JOIN rules AS r
    WHERE s.classes > 0 AND s.students IS NOT NULL
    GROUP BY ALL
)
SELECT
    v.county_code, v.year, c.item_group, c.item_no, v.value,
    CASE c.comparison
        WHEN '>=' THEN v.value >= c.target
        WHEN '<=' THEN v.value <= c.target
        ELSE v.value < c.target
    END AS met
FROM (SELECT * FROM school_size UNION ALL SELECT * FROM class_size) AS v
JOIN checklist_items AS c ON c.item_group = 'government' AND c.item_no = v.item_no;
