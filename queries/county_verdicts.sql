-- The county verdict for every year and both stages under a standard set.
SELECT year, stage, n_indicators, n_cv_passing, composite_cv, threshold, all_cv_pass,
       n_schools, n_compliant, passes
FROM county_verdict
WHERE county_code = $county AND standard_set = $standard_set
ORDER BY year, stage;
