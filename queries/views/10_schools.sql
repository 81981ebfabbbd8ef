-- Each school's latest known name, type, place and urban–rural class.
CREATE OR REPLACE VIEW schools AS
SELECT
    school_code,
    arg_max(county_code, year) AS county_code,
    arg_max(school_name, year) AS school_name,
    arg_max(school_type, year) AS school_type,
    arg_max(parent_school_code, year) AS parent_school_code,
    arg_max(urban_rural_code, year) AS urban_rural_code,
    arg_max(township, year) AS township,
    arg_max(longitude, year) AS longitude,
    arg_max(latitude, year) AS latitude,
    min(year) AS first_year,
    max(year) AS last_year
FROM school_sections
GROUP BY school_code;
