-- Urban–rural gaps (domain.md §5): the Theil T index with its between-group and
-- within-group parts over the groups 城区 / 镇区 / 乡村:
--   T = Σ (Pi/P)(xi/μ) ln(xi/μ) = T_between + T_within,
--   T_between = Σ_g (P_g/P)(μ_g/μ) ln(μ_g/μ),  T_within = Σ_g (P_g μ_g / (P μ)) T_g.
-- A school with value 0 adds 0 (x ln x → 0).
CREATE OR REPLACE VIEW county_theil AS
WITH grouped AS (
    SELECT
        county_code, year, stage, indicator, urban_rural_group,
        sum(students * value) AS px_g,
        sum(students) AS p_g
    FROM indicator_values
    GROUP BY county_code, year, stage, indicator, urban_rural_group
),
county AS (
    -- from the groups' sums: a county of one group has μ_g = μ exactly, so T_between = 0
    SELECT county_code, year, stage, indicator, sum(px_g) / sum(p_g) AS mu, sum(p_g) AS p
    FROM grouped
    GROUP BY county_code, year, stage, indicator
),
-- (aggregated, then joined back: a window over each county's rows costs several times as
-- much at national scale)
means AS (
    SELECT v.*, c.mu, c.p, g.px_g / g.p_g AS mu_g, g.p_g
    FROM indicator_values AS v
    JOIN county AS c USING (county_code, year, stage, indicator)
    JOIN grouped AS g
        ON g.county_code = v.county_code AND g.year = v.year AND g.stage = v.stage
        AND g.indicator = v.indicator
        AND g.urban_rural_group IS NOT DISTINCT FROM v.urban_rural_group
),
terms AS (
    SELECT
        county_code, year, stage, indicator, urban_rural_group, mu, p, mu_g, p_g,
        CASE WHEN value > 0
            THEN (students / p) * (value / mu) * ln(value / mu) ELSE 0 END AS t_term,
        CASE WHEN value > 0
            THEN (students / p_g) * (value / mu_g) * ln(value / mu_g) ELSE 0 END AS t_g_term
    FROM means
    WHERE mu > 0
),
groups AS (
    SELECT
        county_code, year, stage, indicator, urban_rural_group,
        any_value(mu) AS mu, any_value(p) AS p, any_value(mu_g) AS mu_g,
        any_value(p_g) AS p_g,
        sum(t_term) AS t_part,
        sum(t_g_term) AS t_g
    FROM terms
    GROUP BY ALL
)
SELECT
    county_code, year, stage, indicator,
    sum(t_part) AS theil,
    sum(CASE WHEN mu_g > 0 THEN (p_g / p) * (mu_g / mu) * ln(mu_g / mu) ELSE 0 END)
        AS theil_between,
    sum((p_g * mu_g) / (p * mu) * t_g) AS theil_within,
    sum(CASE WHEN mu_g > 0 THEN (p_g / p) * (mu_g / mu) * ln(mu_g / mu) ELSE 0 END)
        / NULLIF(sum(t_part), 0) AS between_share
FROM groups
GROUP BY ALL;
