-- The verdict of every county of a province with data, every year, both stages and both
-- standard sets (rows of county_verdict; status pass / fail / cannot_judge). A county's
-- adcode starts with its province's two digits: the range lets DuckDB skip the other
-- provinces' rows.
SELECT v.county_code, v.year, v.stage, v.standard_set, v.passes, v.status, v.composite_cv,
       v.threshold, v.n_indicators, v.n_cv_passing, v.n_schools, v.n_compliant
FROM stored_county_verdict AS v
WHERE v.county_code BETWEEN left($province, 2) || '0000' AND left($province, 2) || '9999'
ORDER BY v.county_code, v.year, v.stage, v.standard_set;
