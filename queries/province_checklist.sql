-- The 25 county-level items (quality 2017 §3b–3d) of every county of a province in a year,
-- from the county_scorecard view (value, target, met, source: computed / entered /
-- not_reported, note). The only place the province page and the self-evaluation report read
-- the county items: repoint it here if that view changes.
SELECT county_code, item_group, item_no, item_key, name_zh, name_en, value, target,
       comparison, unit, met, source, note
FROM county_scorecard
WHERE county_code BETWEEN left($province, 2) || '0000' AND left($province, 2) || '9999'
    AND year = $year
ORDER BY county_code,
    CASE item_group WHEN 'government' THEN 1 WHEN 'quality' THEN 2 ELSE 3 END, item_no;
