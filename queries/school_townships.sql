-- The townships (乡镇/街道) named in a county's school returns.
SELECT DISTINCT township FROM school_sections
WHERE county_code = $county AND township IS NOT NULL
ORDER BY township;
