-- Urban–rural gaps (domain.md §5): the ratio of the urban and of the town group mean to the
-- rural one (NULL without a rural group or when its mean is 0).
CREATE OR REPLACE VIEW county_group_ratios AS
SELECT
    county_code, year, stage, indicator,
    max(mean_value) FILTER (WHERE urban_rural_group = 'urban') AS urban_mean,
    max(mean_value) FILTER (WHERE urban_rural_group = 'town') AS town_mean,
    max(mean_value) FILTER (WHERE urban_rural_group = 'rural') AS rural_mean,
    max(mean_value) FILTER (WHERE urban_rural_group = 'urban')
        / NULLIF(max(mean_value) FILTER (WHERE urban_rural_group = 'rural'), 0)
        AS urban_rural_ratio,
    max(mean_value) FILTER (WHERE urban_rural_group = 'town')
        / NULLIF(max(mean_value) FILTER (WHERE urban_rural_group = 'rural'), 0)
        AS town_rural_ratio
FROM county_group_means
GROUP BY ALL;
