-- Student-weighted difference coefficient (domain.md §1) per county, year, stage, standard set
-- and indicator:  mean = Σ Pi·Xi / P,  S = sqrt(Σ Pi·(Xi − mean)² / P),  CV = S / mean.
-- Computed in one pass as S² = Σ Pi·Xi² / P − mean² (within 1e-9 of the two-pass formula for
-- any CV above 1e-6); values equal to 12 significant digits give exactly 0.
-- A CV passes at its line: "≤ threshold" up to 1e-9, the rounding of doubles (two schools of
-- 100 pupils with 0.33 and 0.87 m² give 0.45000000000000007 for a CV of 0.45 by hand), far
-- below the 3 decimals reports print (0.501787 stays over 0.50). components/numbers.over_line
-- draws the same line on screen.
-- Every indicator of the standard set has a row for every county, year and stage with units:
-- when the CV cannot be computed (no school with a value, or a county mean of 0) cv and passes
-- are NULL, judgeable is FALSE and the reason says why; the verdict is then "cannot be judged".
-- The 2017 set leaves out small teaching points (section_inputs.outside_quality2017).
CREATE OR REPLACE VIEW county_indicator_cv AS
WITH sums AS (
    SELECT
        v.county_code, v.year, v.stage, s.standard_set, v.indicator,
        sum(v.students) AS students,
        sum(v.students * v.value) AS sum_px,
        sum(v.students * v.value * v.value) AS sum_pxx,
        max(v.value) - min(v.value) <= 1e-12 * greatest(abs(max(v.value)), abs(min(v.value)))
            AS all_equal,
        count(*) AS n_schools
    FROM indicator_values AS v
    JOIN indicator_standards AS s USING (indicator, stage)
    WHERE NOT (s.standard_set = 'quality2017' AND v.outside_quality2017)
    GROUP BY v.county_code, v.year, v.stage, s.standard_set, v.indicator
),
expected AS (
    SELECT u.county_code, u.year, u.stage, s.standard_set, s.indicator, s.cv_threshold
    FROM (SELECT DISTINCT county_code, year, stage FROM section_inputs) AS u
    JOIN indicator_standards AS s USING (stage)
),
spread AS (
    SELECT
        e.county_code, e.year, e.stage, e.standard_set, e.indicator,
        e.cv_threshold AS threshold,
        coalesce(m.n_schools, 0) AS n_schools,
        m.students,
        m.sum_px / m.students AS mean_value,
        CASE
            WHEN m.all_equal THEN 0.0
            ELSE sqrt(greatest(m.sum_pxx / m.students - (m.sum_px / m.students) ^ 2, 0))
        END AS std_dev
    FROM expected AS e
    LEFT JOIN sums AS m USING (county_code, year, stage, standard_set, indicator)
)
SELECT
    county_code, year, stage, standard_set, indicator,
    std_dev / NULLIF(mean_value, 0) AS cv,
    threshold,
    std_dev / NULLIF(mean_value, 0) <= threshold + 1e-9 AS passes,
    n_schools,
    CAST(students AS BIGINT) AS students,
    mean_value,
    std_dev,
    n_schools > 0 AND mean_value <> 0 AS judgeable,
    CASE
        WHEN n_schools = 0 THEN 'no_values'
        WHEN mean_value = 0 THEN 'zero_mean'
    END AS reason,
    CASE
        WHEN n_schools = 0 THEN '没有任何学校有该指标的数据，无法计算差异系数'
        WHEN mean_value = 0 THEN '全县均值为0，无法计算差异系数'
    END AS reason_zh,
    CASE
        WHEN n_schools = 0 THEN 'no school has a value for this indicator: no CV'
        WHEN mean_value = 0 THEN 'the county mean is 0: no CV'
    END AS reason_en
FROM spread;
