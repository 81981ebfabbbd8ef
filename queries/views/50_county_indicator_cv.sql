-- Student-weighted difference coefficient (domain.md §1) per county, year, stage, standard set
-- and indicator:  mean = Σ Pi·Xi / P,  S = sqrt(Σ Pi·(Xi − mean)² / P),  CV = S / mean.
-- Computed in one pass as S² = Σ Pi·Xi² / P − mean² (within 1e-9 of the two-pass formula for
-- any CV above 1e-6); values equal to 12 significant digits give exactly 0, and a mean of 0
-- gives no CV (NULL) rather than a division by 0.
CREATE OR REPLACE VIEW county_indicator_cv AS
WITH sums AS (
    SELECT
        v.county_code, v.year, v.stage, s.standard_set, v.indicator,
        sum(v.students) AS students,
        sum(v.students * v.value) AS sum_px,
        sum(v.students * v.value * v.value) AS sum_pxx,
        max(v.value) - min(v.value) <= 1e-12 * greatest(abs(max(v.value)), abs(min(v.value)))
            AS all_equal,
        any_value(s.cv_threshold) AS threshold,
        count(*) AS n_schools
    FROM indicator_values AS v
    JOIN indicator_standards AS s USING (indicator, stage)
    GROUP BY v.county_code, v.year, v.stage, s.standard_set, v.indicator
),
spread AS (
    SELECT
        *,
        sum_px / students AS mean_value,
        CASE
            WHEN all_equal THEN 0.0
            ELSE sqrt(greatest(sum_pxx / students - (sum_px / students) ^ 2, 0))
        END AS std_dev
    FROM sums
)
SELECT
    county_code, year, stage, standard_set, indicator,
    std_dev / NULLIF(mean_value, 0) AS cv,
    threshold,
    std_dev / NULLIF(mean_value, 0) <= threshold AS passes,
    n_schools,
    CAST(students AS BIGINT) AS students,
    mean_value,
    std_dev
FROM spread;
