-- Urban–rural gaps (domain.md §5): the Theil T index with its between-group and
-- within-group parts over the groups 城区 / 镇区 / 乡村:
--   T = Σ (Pi/P)(xi/μ) ln(xi/μ) = T_between + T_within,
--   T_between = Σ_g (P_g/P)(μ_g/μ) ln(μ_g/μ),  T_within = Σ_g (P_g μ_g / (P μ)) T_g.
-- A school with value 0 adds 0 (x ln x → 0); a group holding every pupil of its county has
-- μ_g = μ, so its between-group term is exactly 0.
-- (Windows, not aggregates joined back: DuckDB pushes a county filter through a window's
-- partition, so a page reading one county does not compute every county.)
CREATE OR REPLACE VIEW county_theil AS
WITH means AS (
    SELECT
        v.*,
        sum(v.students * v.value) OVER c / sum(v.students) OVER c AS mu,
        sum(v.students) OVER c AS p,
        sum(v.students * v.value) OVER g / sum(v.students) OVER g AS mu_g,
        sum(v.students) OVER g AS p_g
    FROM indicator_values AS v
    WINDOW
        c AS (PARTITION BY v.county_code, v.year, v.stage, v.indicator),
        g AS (PARTITION BY v.county_code, v.year, v.stage, v.indicator, v.urban_rural_group)
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
    sum(CASE WHEN mu_g > 0 AND p_g < p THEN (p_g / p) * (mu_g / mu) * ln(mu_g / mu) ELSE 0 END)
        AS theil_between,
    sum((p_g * mu_g) / (p * mu) * t_g) AS theil_within,
    sum(CASE WHEN mu_g > 0 AND p_g < p THEN (p_g / p) * (mu_g / mu) * ln(mu_g / mu) ELSE 0 END)
        / NULLIF(sum(t_part), 0) AS between_share
FROM groups
GROUP BY ALL;
