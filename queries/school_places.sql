-- Where the county's schools of a stage are, in one year.
SELECT school_code, school_name, urban_rural_group, longitude, latitude, students
FROM section_inputs
WHERE county_code = $county AND year = $year AND stage = $stage
    AND longitude IS NOT NULL AND latitude IS NOT NULL;
