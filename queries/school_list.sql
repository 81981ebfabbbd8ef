-- The schools of a county and stage that have data in a year (computation units).
SELECT DISTINCT school_code, school_name, urban_rural_group
FROM indicator_values
WHERE county_code = $county AND year = $year AND stage = $stage
ORDER BY school_name;
