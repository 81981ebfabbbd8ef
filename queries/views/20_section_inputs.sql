-- The units that enter the county computation, per year and stage (domain.md §1):
-- 0. only the sections of entering_sections (no private or above-county schools unless the
--    settings include them); excluded_sections lists the others with the reason;
-- 1. whole-school resources of nine/twelve-year schools and 完全中学 are split across their
--    sections by weighted pupils, senior pupils included (settings stage_weight_*: 1 : 1.1 :
--    1.32, so a 完全中学's junior : senior is 1.1 : 1.32 = 1 : 1.2);
-- 2. a teaching point (教学点) is added to its central school when settings teaching_points is
--    'merge' and the central school has a row for that year and stage; a merged value is missing
--    when any part of it is missing, so nothing is silently dropped;
-- 3. a teaching point counted on its own with fewer pupils than settings
--    small_teaching_point_min (0 = rule off) is marked outside_quality2017: the 2017 resource
--    computation leaves it out (the Hebei rule).
-- 4. a 十二年一贯制 or 完全中学 reporting its resources as a whole cannot split them without its
--    senior pupils (高中在校生数): when that number is missing, its resources are missing for
--    its sections (resources_unsplit; excluded_sections says why), never all given to them.
-- A unit made of several rows adds its resource parts as decimals (to a millionth of a m²,
-- yuan or volume): an exact sum, the same to the last bit whatever order the rows arrive in.
-- A unit of one row keeps its value as stored.
CREATE OR REPLACE VIEW section_inputs AS
WITH rules AS (
    SELECT
        max(TRY_CAST(value AS DOUBLE)) FILTER (WHERE key = 'stage_weight_primary') AS w_primary,
        max(TRY_CAST(value AS DOUBLE)) FILTER (WHERE key = 'stage_weight_junior') AS w_junior,
        max(TRY_CAST(value AS DOUBLE)) FILTER (WHERE key = 'stage_weight_senior') AS w_senior,
        coalesce(max(TRY_CAST(value AS INTEGER)) FILTER (WHERE key = 'small_teaching_point_min'), 0)
            AS small_point_min
    FROM settings
    WHERE key IN ('stage_weight_primary', 'stage_weight_junior', 'stage_weight_senior',
                  'small_teaching_point_min')
),
entering AS (
    SELECT s.*, CASE s.stage WHEN '小学' THEN r.w_primary ELSE r.w_junior END AS weight
    FROM entering_sections AS s
    CROSS JOIN rules AS r
),
whole_school AS (
    -- the weighted pupils of each school that reports its resources as a whole (aggregated,
    -- then joined back: a window over every school costs several times as much)
    SELECT
        county_code, school_code, year,
        sum(students * weight) AS weighted_students,
        max(senior_students) AS senior_students
    FROM entering
    WHERE resources_whole_school
    GROUP BY county_code, school_code, year
),
split AS (
    SELECT
        e.* EXCLUDE (weight),
        CASE
            WHEN NOT e.resources_whole_school THEN 1.0
            WHEN w.senior_students IS NULL
                AND e.school_type IN (SELECT school_type FROM school_types WHERE with_senior)
            THEN NULL
            ELSE e.students * e.weight / NULLIF(
                w.weighted_students + coalesce(w.senior_students, 0) * r.w_senior, 0)
        END AS resource_share
    FROM entering AS e
    LEFT JOIN whole_school AS w
        ON e.resources_whole_school AND w.county_code = e.county_code
        AND w.school_code = e.school_code AND w.year = e.year
    CROSS JOIN rules AS r
),
mapped AS (
    SELECT
        sp.*,
        CASE
            WHEN sp.school_type = '教学点'
                AND (SELECT value FROM settings WHERE key = 'teaching_points') = 'merge'
                AND parent.school_code IS NOT NULL
            THEN sp.parent_school_code
            ELSE sp.school_code
        END AS unit_code
    FROM split AS sp
    LEFT JOIN entering AS parent
        ON parent.school_code = sp.parent_school_code
        AND parent.county_code = sp.county_code
        AND parent.year = sp.year
        AND parent.stage = sp.stage
),
units AS (
    SELECT
        county_code,
        unit_code AS school_code,
        year,
        stage,
        count(*) - 1 AS merged_points,
        bool_or(resource_share IS NULL) AS resources_unsplit,
        CASE WHEN count(students) = count(*) THEN CAST(sum(students) AS BIGINT) END AS students,
        CASE WHEN count(classes) = count(*) THEN CAST(sum(classes) AS BIGINT) END AS classes,
        CASE WHEN count(teachers) = count(*) THEN CAST(sum(teachers) AS BIGINT) END AS teachers,
        CASE WHEN count(teachers_above_degree) = count(*)
            THEN CAST(sum(teachers_above_degree) AS BIGINT) END AS teachers_above_degree,
        CASE WHEN count(teachers_senior_title) = count(*)
            THEN CAST(sum(teachers_senior_title) AS BIGINT) END AS teachers_senior_title,
        CASE WHEN count(key_teachers) = count(*) THEN CAST(sum(key_teachers) AS BIGINT) END AS key_teachers,
        CASE WHEN count(pe_art_teachers) = count(*)
            THEN CAST(sum(pe_art_teachers) AS BIGINT) END AS pe_art_teachers,
        CASE
            WHEN count(teaching_area_m2) < count(*) THEN NULL
            WHEN count(*) = 1 THEN any_value(teaching_area_m2 * resource_share)
            ELSE CAST(sum(CAST(teaching_area_m2 * resource_share AS DECIMAL(38, 6))) AS DOUBLE)
        END AS teaching_area_m2,
        CASE
            WHEN count(sports_area_m2) < count(*) THEN NULL
            WHEN count(*) = 1 THEN any_value(sports_area_m2 * resource_share)
            ELSE CAST(sum(CAST(sports_area_m2 * resource_share AS DECIMAL(38, 6))) AS DOUBLE)
        END AS sports_area_m2,
        CASE
            WHEN count(equipment_value_yuan) < count(*) THEN NULL
            WHEN count(*) = 1 THEN any_value(equipment_value_yuan * resource_share)
            ELSE CAST(sum(CAST(equipment_value_yuan * resource_share AS DECIMAL(38, 6))) AS DOUBLE)
        END AS equipment_value_yuan,
        CASE
            WHEN count(multimedia_rooms) < count(*) THEN NULL
            WHEN count(*) = 1 THEN any_value(multimedia_rooms * resource_share)
            ELSE CAST(sum(CAST(multimedia_rooms * resource_share AS DECIMAL(38, 6))) AS DOUBLE)
        END AS multimedia_rooms,
        CASE
            WHEN count(computers) < count(*) THEN NULL
            WHEN count(*) = 1 THEN any_value(computers * resource_share)
            ELSE CAST(sum(CAST(computers * resource_share AS DECIMAL(38, 6))) AS DOUBLE)
        END AS computers,
        CASE
            WHEN count(books) < count(*) THEN NULL
            WHEN count(*) = 1 THEN any_value(books * resource_share)
            ELSE CAST(sum(CAST(books * resource_share AS DECIMAL(38, 6))) AS DOUBLE)
        END AS books
    FROM mapped
    GROUP BY county_code, unit_code, year, stage
)
SELECT
    u.county_code,
    u.year,
    u.school_code,
    s.school_name,
    s.school_type,
    u.stage,
    s.urban_rural_code,
    g.urban_rural_group,
    s.township,
    s.longitude,
    s.latitude,
    u.merged_points,
    u.resources_unsplit,
    u.students,
    u.classes,
    u.teachers,
    u.teachers_above_degree,
    u.teachers_senior_title,
    u.key_teachers,
    u.pe_art_teachers,
    u.teaching_area_m2,
    u.sports_area_m2,
    u.equipment_value_yuan,
    u.multimedia_rooms,
    u.computers,
    u.books,
    s.achievement_score,
    coalesce(s.school_type = '教学点' AND u.students < r.small_point_min, FALSE)
        AS outside_quality2017
FROM units AS u
JOIN school_sections AS s USING (county_code, school_code, year, stage)
LEFT JOIN urban_rural_codes AS g ON g.urban_rural_code = s.urban_rural_code
CROSS JOIN rules AS r;
