-- Every stored amount (numerator column) of each computation unit and year, one row per
-- numerator: the input of indicator_values, which divides each by the unit's pupils.
CREATE OR REPLACE VIEW indicator_amounts AS
WITH amounts AS (
    SELECT
        county_code, year, school_code, school_name, stage, urban_rural_code,
        urban_rural_group, students, outside_quality2017, resources_unsplit,
        CAST(teaching_area_m2 AS DOUBLE) AS teaching_area_m2,
        CAST(sports_area_m2 AS DOUBLE) AS sports_area_m2,
        CAST(equipment_value_yuan AS DOUBLE) AS equipment_value_yuan,
        CAST(computers AS DOUBLE) AS computers,
        CAST(books AS DOUBLE) AS books,
        CAST(teachers AS DOUBLE) AS teachers,
        CAST(teachers_above_degree AS DOUBLE) AS teachers_above_degree,
        CAST(teachers_senior_title AS DOUBLE) AS teachers_senior_title,
        CAST(key_teachers AS DOUBLE) AS key_teachers,
        CAST(pe_art_teachers AS DOUBLE) AS pe_art_teachers,
        CAST(multimedia_rooms AS DOUBLE) AS multimedia_rooms
    FROM section_inputs
)
SELECT *
FROM amounts
UNPIVOT INCLUDE NULLS (
    amount FOR numerator IN (
        teaching_area_m2, sports_area_m2, equipment_value_yuan, computers, books, teachers,
        teachers_above_degree, teachers_senior_title, key_teachers, pe_art_teachers,
        multimedia_rooms
    )
);
