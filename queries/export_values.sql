-- School indicator values for export: one row per school section, year and indicator,
-- filtered by county, years, stages, indicators and urban/rural groups.
SELECT
    v.county_code, c.county_name, v.year, v.stage, v.school_code, v.school_name,
    v.urban_rural_code, v.urban_rural_group, v.students, v.indicator, v.value,
    v.meets_standard
FROM indicator_values AS v
JOIN counties AS c USING (county_code)
WHERE v.county_code = $county
    AND v.year BETWEEN $year_from AND $year_to
    AND list_contains($stages, v.stage)
    AND list_contains($indicators, v.indicator)
    AND list_contains($groups, v.urban_rural_group)
ORDER BY v.year, v.stage, v.school_code;
