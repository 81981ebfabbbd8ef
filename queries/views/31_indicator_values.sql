-- Every indicator of both standard sets for each computation unit and year.
-- Only units that can enter are here; the others are in excluded_sections with the reason.
-- meets_standard compares with the quality 2017 per-school standard (NULL where none exists);
-- outside_quality2017 marks a small teaching point the 2017 computation leaves out (settings
-- small_teaching_point_min).
CREATE OR REPLACE VIEW indicator_values AS
SELECT
    a.county_code,
    a.year,
    a.school_code,
    a.stage,
    i.indicator,
    a.amount * i.per / a.students AS value,
    a.students,
    CASE
        WHEN q.standard_value IS NOT NULL
        THEN a.amount * i.per / a.students >= q.standard_value - 1e-9
    END AS meets_standard,
    a.school_name,
    a.urban_rural_code,
    a.urban_rural_group,
    a.outside_quality2017
FROM indicator_amounts AS a
JOIN indicators AS i USING (numerator)
LEFT JOIN indicator_standards AS q
    ON q.standard_set = 'quality2017' AND q.indicator = i.indicator AND q.stage = a.stage
WHERE a.students > 0 AND a.amount IS NOT NULL;
