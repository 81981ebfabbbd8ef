-- Quality 2017 per-school rule: at least 6 of the 7 standards met and no indicator below 85 %
-- of its standard (settings school_min_met, school_floor_ratio). A unit with an indicator
-- missing (see excluded_sections) cannot be shown to comply: compliant is FALSE, and judgeable
-- says whether the missing values could still change that (FALSE: the school might comply).
-- Small teaching points the 2017 computation leaves out (outside_quality2017) are not here.
CREATE OR REPLACE VIEW school_compliance AS
WITH rules AS (
    SELECT
        (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'school_min_met') AS min_met,
        (SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'school_floor_ratio') AS floor
),
required AS (
    SELECT stage, count(*) AS n_required
    FROM indicator_standards WHERE standard_set = 'quality2017'
    GROUP BY stage
),
per_school AS (
    SELECT
        v.county_code, v.year, v.school_code, v.stage,
        any_value(v.school_name) AS school_name,
        any_value(v.urban_rural_group) AS urban_rural_group,
        any_value(v.students) AS students,
        count(*) AS n_indicators,
        count(*) FILTER (WHERE v.meets_standard) AS n_met,
        min(v.value / q.standard_value) AS min_ratio,
        -- (ties: the first in the catalogue's order, whatever order the rows come in)
        arg_min(v.indicator, (v.value / q.standard_value, i.sort_order)) AS weakest_indicator
    FROM indicator_values AS v
    JOIN indicator_standards AS q
        ON q.standard_set = 'quality2017' AND q.indicator = v.indicator AND q.stage = v.stage
    JOIN indicators AS i ON i.indicator = v.indicator
    WHERE NOT v.outside_quality2017
    GROUP BY v.county_code, v.year, v.school_code, v.stage
)
SELECT
    p.county_code, p.year, p.school_code, p.stage, p.n_met, p.min_ratio,
    p.n_indicators = r.n_required
        AND p.n_met >= rules.min_met
        AND p.min_ratio >= rules.floor - 1e-9 AS compliant,
    p.n_indicators,
    p.n_indicators = r.n_required
        OR p.n_met + r.n_required - p.n_indicators < rules.min_met
        OR p.min_ratio < rules.floor - 1e-9 AS judgeable,
    p.weakest_indicator,
    p.school_name,
    p.urban_rural_group,
    p.students
FROM per_school AS p
JOIN required AS r USING (stage)
CROSS JOIN rules;
