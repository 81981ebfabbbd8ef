-- The years with data, per county.
SELECT county_code, list(DISTINCT year ORDER BY year) AS years
FROM school_sections
GROUP BY county_code;
