-- Urban/rural and town/rural ratios of student-weighted means, per indicator of a set.
SELECT r.indicator, i.name_zh, i.name_en, i.unit_zh, i.unit_en, r.urban_mean, r.town_mean,
       r.rural_mean, r.urban_rural_ratio, r.town_rural_ratio
FROM county_group_ratios AS r
JOIN indicator_standards AS s
    ON s.indicator = r.indicator AND s.stage = r.stage AND s.standard_set = $standard_set
JOIN indicators AS i ON i.indicator = r.indicator
WHERE r.county_code = $county AND r.year = $year AND r.stage = $stage
ORDER BY i.sort_order;
