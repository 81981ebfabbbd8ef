-- Counties that have school data, grouped by province and city.
SELECT c.county_code, c.county_name, c.city_name, c.province_name, c.is_demo
FROM counties AS c
WHERE c.county_code IN (SELECT DISTINCT county_code FROM school_sections)
ORDER BY c.province_code, c.city_code, c.county_code;
