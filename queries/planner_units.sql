-- A county's computation units for one year and stage (teaching points merged, whole-school
-- resources split), as school_sections rows the planner can change and recompute.
SELECT
    year, county_code, school_code, school_name, school_type, stage,
    CAST(NULL AS VARCHAR) AS parent_school_code, urban_rural_code, township, longitude,
    latitude, students, classes, teachers, teachers_above_degree, teachers_senior_title,
    key_teachers, pe_art_teachers, teaching_area_m2, sports_area_m2, equipment_value_yuan,
    multimedia_rooms, computers, books, achievement_score, FALSE AS resources_whole_school
FROM section_inputs
WHERE county_code = $county AND year = $year AND stage = $stage AND students > 0
ORDER BY school_code;
