-- A county's stored returns, every year, as the import template expects them.
SELECT s.*, c.county_name
FROM school_sections AS s
JOIN counties AS c USING (county_code)
WHERE s.county_code = $county
ORDER BY s.year, s.school_code, s.stage;
