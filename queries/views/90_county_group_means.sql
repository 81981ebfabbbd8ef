-- Urban–rural gaps (domain.md §4–§5): the student-weighted mean of each indicator per
-- urban / town / rural group of a county, year and stage.
CREATE OR REPLACE VIEW county_group_means AS
SELECT
    county_code, year, stage, indicator, urban_rural_group,
    sum(students * value) / sum(students) AS mean_value,
    sum(students) AS students,
    count(*) AS n_schools
FROM indicator_values
GROUP BY ALL;
