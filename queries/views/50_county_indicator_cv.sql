-- Student-weighted difference coefficient (domain.md §1) per county, year, stage, standard set
-- and indicator:  mean = Σ Pi·Xi / P,  S = sqrt(Σ Pi·(Xi − mean)² / P),  CV = S / mean.
CREATE OR REPLACE VIEW county_indicator_cv AS
WITH weighted AS (
    SELECT
        v.county_code, v.year, v.stage, s.standard_set, v.indicator, v.value, v.students,
        s.cv_threshold,
        sum(v.students * v.value) OVER g / sum(v.students) OVER g AS mean_value
    FROM indicator_values AS v
    JOIN indicator_standards AS s USING (indicator, stage)
    WINDOW g AS (PARTITION BY v.county_code, v.year, v.stage, s.standard_set, v.indicator)
),
spread AS (
    SELECT
        county_code, year, stage, standard_set, indicator,
        any_value(mean_value) AS mean_value,
        sqrt(sum(students * (value - mean_value) ^ 2) / sum(students)) AS std_dev,
        any_value(cv_threshold) AS threshold,
        count(*) AS n_schools,
        sum(students) AS students
    FROM weighted
    GROUP BY ALL
)
SELECT
    county_code, year, stage, standard_set, indicator,
    std_dev / NULLIF(mean_value, 0) AS cv,
    threshold,
    std_dev / NULLIF(mean_value, 0) <= threshold AS passes,
    n_schools,
    students,
    mean_value,
    std_dev
FROM spread;
