-- The school sections that belong to the county computation (domain.md §1): private (民办)
-- schools and schools run above county level (举办者 地市级/省级/中央) stay out unless settings
-- include_private / include_above_county are 'true'. excluded_sections lists the others.
CREATE OR REPLACE VIEW entering_sections AS
WITH rules AS (
    SELECT
        coalesce(max(value) FILTER (WHERE key = 'include_private'), 'false') = 'true'
            AS include_private,
        coalesce(max(value) FILTER (WHERE key = 'include_above_county'), 'false') = 'true'
            AS include_above_county
    FROM settings
)
SELECT s.*
FROM school_sections AS s
CROSS JOIN rules AS r
WHERE (coalesce(s.ownership, '公办') = '公办' OR r.include_private)
    AND (coalesce(s.run_by, '县级') = '县级' OR r.include_above_county);
