-- The flags of a county in a year (every stage), worst rules first.
SELECT flag_key, county_code, year, school_code, school_name, stage, rule, family, measure,
       metric, threshold, better, reason_zh, reason_en
FROM stored_school_flags
WHERE county_code = $county AND year = $year
ORDER BY school_code, stage NULLS FIRST, rule, measure;
