-- Gini, McLoone and Theil (domain.md §5) for one county, year, stage and indicator.
SELECT gini, mcloone, median_value, theil, theil_between, theil_within, between_share
FROM stored_county_inequality
WHERE county_code = $county AND year = $year AND stage = $stage AND indicator = $indicator;
