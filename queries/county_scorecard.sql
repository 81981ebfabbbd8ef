-- The 25 county-level items of the quality 2017 method for a county and year: value, target,
-- met and where the value came from (computed / entered / not_reported).
SELECT item_group, item_no, item_key, name_zh, name_en, value, target, comparison, unit, met,
       source, note
FROM county_scorecard
WHERE county_code = $county AND year = $year
ORDER BY CASE item_group WHEN 'government' THEN 1 WHEN 'quality' THEN 2 ELSE 3 END, item_no;
