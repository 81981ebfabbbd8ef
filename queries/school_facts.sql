-- A computation unit's facts in one year: type, group, place, enrolment, teachers.
SELECT school_code, school_name, school_type, urban_rural_code, urban_rural_group, township,
       longitude, latitude, students, classes, teachers, merged_points
FROM section_inputs
WHERE county_code = $county AND school_code = $school AND year = $year AND stage = $stage;
