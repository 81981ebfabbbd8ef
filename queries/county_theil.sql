-- Theil T and its between-group / within-group parts over the years, for one indicator.
SELECT year, theil, theil_between, theil_within, between_share
FROM county_theil
WHERE county_code = $county AND stage = $stage AND indicator = $indicator
ORDER BY year;
