-- How many schools, largest shares of the CV first, together make up flag_cv_half_share
-- (settings; half by default) of Σ Pi·(Xi − X̄)² for one county, year, stage and indicator:
-- the "n schools make up half of the gap" of 校际差异, counted as the cv_half flag rule
-- counts them (school_position.cv_share, ties in school-code order).
WITH ranked AS (
    SELECT
        p.cv_share,
        coalesce(sum(p.cv_share) OVER (
            ORDER BY p.cv_share DESC, p.school_code
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS share_before
    FROM school_position AS p
    WHERE p.county_code = $county AND p.year = $year AND p.stage = $stage
        AND p.indicator = $indicator AND p.cv_share > 0
),
setting AS (
    SELECT CAST(value AS DOUBLE) AS half_share FROM settings WHERE key = 'flag_cv_half_share'
)
SELECT
    s.half_share,
    count(r.cv_share) AS n_schools,
    coalesce(sum(r.cv_share), 0) AS top_share
FROM setting AS s
LEFT JOIN ranked AS r ON r.share_before < s.half_share - 1e-12
WHERE EXISTS (
    SELECT 1 FROM school_position AS p
    WHERE p.county_code = $county AND p.year = $year AND p.stage = $stage
        AND p.indicator = $indicator)
GROUP BY s.half_share;
