-- County verdict per year, stage and standard set: status 'pass', 'fail' or 'cannot_judge'.
-- basic2012: the composite CV (plain mean of the 8 unrounded indicator CVs) within the
--   threshold; when any of the 8 CVs cannot be computed there is no composite: cannot_judge.
-- quality2017: every indicator CV within its threshold and every school compliant. A CV over
--   the line or a school that certainly fails makes it 'fail'; otherwise a CV that cannot be
--   computed, or a school whose missing values decide its compliance, makes it cannot_judge.
-- passes is TRUE only for 'pass'. reason_zh / reason_en say why a verdict cannot be judged.
-- worst_indicator: the indicator whose CV is highest relative to its threshold; of ratios equal
-- to 9 decimals (one school gives every CV 0; equal CVs differ in their last bits from one
-- summing order to another), the first in the catalogue's order.
CREATE OR REPLACE VIEW county_verdict AS
WITH cvs AS (
    SELECT
        c.county_code, c.year, c.stage, c.standard_set,
        count(*) AS n_indicators,
        count(*) FILTER (WHERE c.passes) AS n_cv_passing,
        count(*) FILTER (WHERE c.passes = FALSE) AS n_cv_failing,
        count(*) FILTER (WHERE NOT c.judgeable) AS n_cv_unjudgeable,
        CASE WHEN bool_and(c.judgeable) THEN avg(c.cv) END AS composite_cv,
        any_value(c.threshold) AS threshold,
        bool_and(coalesce(c.passes, FALSE)) AS all_cv_pass,
        first(c.indicator ORDER BY round(c.cv / c.threshold, 9) DESC, i.sort_order)
            FILTER (WHERE c.cv / c.threshold IS NOT NULL) AS worst_indicator,
        max(c.cv / c.threshold) AS worst_ratio,
        first(c.cv ORDER BY round(c.cv / c.threshold, 9) DESC, i.sort_order)
            FILTER (WHERE c.cv / c.threshold IS NOT NULL) AS worst_cv,
        string_agg(i.name_zh || '：' || c.reason_zh, '；' ORDER BY i.sort_order)
            FILTER (WHERE NOT c.judgeable) AS cv_reason_zh,
        string_agg(i.name_en || ': ' || c.reason_en, '; ' ORDER BY i.sort_order)
            FILTER (WHERE NOT c.judgeable) AS cv_reason_en
    FROM county_indicator_cv AS c
    JOIN indicators AS i USING (indicator)
    GROUP BY ALL
),
units AS (
    SELECT
        county_code, year, stage,
        count(*) FILTER (WHERE students > 0) AS n_schools,
        count(*) FILTER (WHERE students > 0 AND NOT outside_quality2017) AS n_schools_2017
    FROM section_inputs
    GROUP BY ALL
),
compliance AS (
    SELECT
        county_code, year, stage,
        count(*) AS n_assessed,
        count(*) FILTER (WHERE compliant) AS n_compliant,
        count(*) FILTER (WHERE NOT compliant AND judgeable) AS n_failing,
        count(*) FILTER (WHERE NOT judgeable) AS n_unknown
    FROM school_compliance
    GROUP BY ALL
),
judged AS (
    SELECT
        c.*,
        CASE WHEN c.standard_set = 'quality2017' THEN u.n_schools_2017 ELSE u.n_schools END
            AS n_schools,
        coalesce(k.n_compliant, 0) AS n_compliant,
        coalesce(k.n_failing, 0) AS n_schools_failing,
        -- schools with no 2017 value at all are not in school_compliance: unknown as well
        coalesce(k.n_unknown, 0) + u.n_schools_2017 - coalesce(k.n_assessed, 0)
            AS n_schools_unknown
    FROM cvs AS c
    LEFT JOIN units AS u USING (county_code, year, stage)
    LEFT JOIN compliance AS k USING (county_code, year, stage)
),
status AS (
    SELECT
        *,
        CASE
            WHEN standard_set = 'basic2012' THEN CASE
                WHEN n_cv_unjudgeable > 0 THEN 'cannot_judge'
                -- at the line up to 1e-9, as each CV (50_county_indicator_cv.sql)
                WHEN composite_cv <= threshold + 1e-9 THEN 'pass'
                ELSE 'fail' END
            WHEN n_cv_failing > 0 OR n_schools_failing > 0 THEN 'fail'
            WHEN n_cv_unjudgeable > 0 OR n_schools_unknown > 0 THEN 'cannot_judge'
            ELSE 'pass'
        END AS status
    FROM judged
)
SELECT
    county_code, year, stage, standard_set,
    n_indicators, n_cv_passing, composite_cv, threshold, all_cv_pass,
    n_schools, n_compliant,
    status = 'pass' AS passes,
    status,
    CASE WHEN status = 'cannot_judge' THEN concat_ws('；', cv_reason_zh,
        CASE WHEN standard_set = 'quality2017' AND n_schools_unknown > 0
            THEN n_schools_unknown || '所学校数据缺失，无法判断是否达标' END) END AS reason_zh,
    CASE WHEN status = 'cannot_judge' THEN concat_ws('; ', cv_reason_en,
        CASE WHEN standard_set = 'quality2017' AND n_schools_unknown > 0
            THEN n_schools_unknown || ' school(s) with missing values: compliance unknown' END)
        END AS reason_en,
    n_cv_unjudgeable,
    n_schools_failing,
    n_schools_unknown,
    worst_indicator,
    worst_ratio,
    worst_cv
FROM status;
