-- The province and city a county belongs to.
SELECT province_code, province_name, city_code, city_name
FROM counties
WHERE county_code = $county;
