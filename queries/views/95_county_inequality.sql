-- Gap measures beyond the CV (domain.md §5), all student-weighted, per county, year, stage and
-- indicator, with the Theil T of county_theil joined:
--   Gini  G = Σi Σj Pi·Pj·|xi − xj| / (2·P²·μ), computed over the schools sorted by value as
--         Σi Pi·(xi·P<i − Σ<i Pj·xj) / (P·Σ Pi·xi)  (each pair counted once);
--   McLoone = Σ Pi·xi / (m · Σ Pi) over the schools with xi < m, where m is the student-weighted
--         median: the first value at which the running pupil count reaches P/2. With no school
--         below m the lower half is already at the median: 1.
CREATE OR REPLACE VIEW county_inequality AS
WITH ordered AS (
    -- one sort: every sum runs over the rows in value order (p_running = p_before + students,
    -- pupils are whole numbers)
    SELECT
        county_code, year, stage, indicator, students, value,
        coalesce(sum(students) OVER before, 0) AS p_before,
        coalesce(sum(students * value) OVER before, 0) AS px_before,
        coalesce(sum(students) OVER before, 0) + students AS p_running,
        sum(students) OVER whole AS p_total
    FROM indicator_values
    WINDOW
        before AS (
            PARTITION BY county_code, year, stage, indicator ORDER BY value, school_code
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ),
        whole AS (
            PARTITION BY county_code, year, stage, indicator ORDER BY value, school_code
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        )
),
medians AS (
    SELECT
        county_code, year, stage, indicator,
        sum(students) AS p,
        sum(students * value) AS px,
        sum(students * (value * p_before - px_before)) AS pair_gaps,
        min(value) FILTER (WHERE p_running >= p_total / 2.0) AS median_value
    FROM ordered
    GROUP BY ALL
),
lower_half AS (
    SELECT
        m.county_code, m.year, m.stage, m.indicator,
        sum(o.students * o.value) FILTER (WHERE o.value < m.median_value) AS px_low,
        sum(o.students) FILTER (WHERE o.value < m.median_value) AS p_low
    FROM medians AS m
    JOIN ordered AS o USING (county_code, year, stage, indicator)
    GROUP BY ALL
)
SELECT
    m.county_code, m.year, m.stage, m.indicator,
    m.pair_gaps / NULLIF(m.p * m.px, 0) AS gini,
    CASE
        WHEN coalesce(l.p_low, 0) = 0 THEN 1.0
        ELSE l.px_low / NULLIF(m.median_value * l.p_low, 0)
    END AS mcloone,
    m.median_value,
    t.theil,
    t.theil_between,
    t.theil_within,
    t.between_share
FROM medians AS m
JOIN lower_half AS l USING (county_code, year, stage, indicator)
LEFT JOIN county_theil AS t USING (county_code, year, stage, indicator);
