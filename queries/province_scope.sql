-- Every county of a province, or of one city in it ($city = '' for the whole province): its
-- outline, city and whether it has school data. Counties without data are kept (drawn grey).
WITH outlines AS (
    SELECT code, name, parent_code, geojson
    FROM boundaries
    WHERE level = 'county' AND left(code, 2) = left($province, 2)
),
with_data AS (
    SELECT county_code, county_name, city_code, city_name
    FROM counties
    WHERE province_code = $province
        AND county_code IN (SELECT DISTINCT county_code FROM school_sections)
)
SELECT
    coalesce(d.county_code, o.code) AS county_code,
    coalesce(d.county_name, o.name) AS county_name,
    coalesce(d.city_code, o.parent_code) AS city_code,
    coalesce(d.city_name, city.name, '') AS city_name,
    o.geojson,
    d.county_code IS NOT NULL AS has_data
FROM outlines AS o
FULL JOIN with_data AS d ON d.county_code = o.code
LEFT JOIN boundaries AS city ON city.code = o.parent_code AND city.level = 'city'
WHERE $city = '' OR coalesce(d.city_code, o.parent_code) = $city
ORDER BY county_code;
