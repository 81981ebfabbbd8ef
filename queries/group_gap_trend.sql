-- Are the group means of one indicator drawing together or apart (趋势)? The groups compared
-- are urban and rural when the county has both, else the two it has (none when it has one
-- group); their gap is |upper mean / lower mean − 1| (county_group_means, student-weighted)
-- in the first and the last year in which both have schools: smaller in the last year is
-- converging, larger diverging, equal steady. No row without data.
WITH means AS (
    SELECT year, urban_rural_group AS grp, mean_value
    FROM county_group_means
    WHERE county_code = $county AND stage = $stage AND indicator = $indicator
),
groups AS (
    SELECT grp, CASE grp WHEN 'urban' THEN 1 WHEN 'town' THEN 2 ELSE 3 END AS place
    FROM means
    GROUP BY grp
),
pair AS (
    SELECT
        count(*) AS n_groups,
        arg_min(grp, place) AS upper_group,
        arg_max(grp, place) AS lower_group
    FROM groups
),
gaps AS (
    SELECT u.year, u.mean_value / NULLIF(l.mean_value, 0) AS ratio
    FROM pair AS p
    JOIN means AS u ON u.grp = p.upper_group
    JOIN means AS l ON l.grp = p.lower_group AND l.year = u.year
    WHERE p.n_groups > 1
),
ends AS (
    SELECT
        min(year) AS first_year,
        max(year) AS last_year,
        count(*) AS n_years,
        arg_min(ratio, year) AS first_ratio,
        arg_max(ratio, year) AS last_ratio
    FROM gaps
    WHERE ratio IS NOT NULL
)
SELECT
    p.n_groups, p.upper_group, p.lower_group, e.first_year, e.last_year, e.first_ratio,
    e.last_ratio,
    CASE
        WHEN p.n_groups < 2 THEN 'one_group'
        WHEN e.n_years < 2 THEN 'one_year'
        WHEN abs(e.last_ratio - 1) < abs(e.first_ratio - 1) THEN 'converging'
        WHEN abs(e.last_ratio - 1) > abs(e.first_ratio - 1) THEN 'diverging'
        ELSE 'steady'
    END AS direction
FROM pair AS p
CROSS JOIN ends AS e
WHERE p.n_groups > 0;
