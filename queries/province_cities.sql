-- The cities (地市) of a province that have a county outline, for the 全市 choice.
SELECT DISTINCT city.code AS city_code, city.name AS city_name
FROM boundaries AS city
WHERE city.level = 'city' AND left(city.code, 2) = left($province, 2)
    AND city.code IN (SELECT parent_code FROM boundaries WHERE level = 'county')
ORDER BY city.code;
