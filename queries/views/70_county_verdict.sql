-- County verdict per year, stage and standard set.
-- basic2012: the composite CV (plain mean of the 8 indicator CVs) within the threshold.
-- quality2017: every indicator CV within its threshold and every school compliant.
CREATE OR REPLACE VIEW county_verdict AS
WITH cvs AS (
    SELECT
        county_code, year, stage, standard_set,
        count(*) AS n_indicators,
        count(*) FILTER (WHERE passes) AS n_cv_passing,
        avg(cv) AS composite_cv,
        any_value(threshold) AS threshold,
        bool_and(coalesce(passes, FALSE)) AS all_cv_pass
    FROM county_indicator_cv
    GROUP BY ALL
),
units AS (
    SELECT county_code, year, stage, count(*) AS n_schools
    FROM section_inputs
    WHERE students > 0
    GROUP BY ALL
),
compliance AS (
    SELECT county_code, year, stage, count(*) FILTER (WHERE compliant) AS n_compliant
    FROM school_compliance
    GROUP BY ALL
),
expected AS (
    SELECT standard_set, stage, count(*) AS n_expected
    FROM indicator_standards
    GROUP BY ALL
)
SELECT
    c.county_code, c.year, c.stage, c.standard_set,
    c.n_indicators, c.n_cv_passing, c.composite_cv, c.threshold, c.all_cv_pass,
    u.n_schools,
    coalesce(k.n_compliant, 0) AS n_compliant,
    CASE
        WHEN c.standard_set = 'basic2012'
        THEN c.n_indicators = e.n_expected AND c.composite_cv <= c.threshold
        ELSE c.n_indicators = e.n_expected AND c.all_cv_pass
            AND coalesce(k.n_compliant, 0) = u.n_schools
    END AS passes
FROM cvs AS c
JOIN expected AS e USING (standard_set, stage)
LEFT JOIN units AS u USING (county_code, year, stage)
LEFT JOIN compliance AS k USING (county_code, year, stage);
