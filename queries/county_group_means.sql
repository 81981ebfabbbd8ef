-- Student-weighted mean per urban/town/rural group over the years, for one indicator.
SELECT year, urban_rural_group, mean_value, students, n_schools
FROM county_group_means
WHERE county_code = $county AND stage = $stage AND indicator = $indicator
ORDER BY year, urban_rural_group;
