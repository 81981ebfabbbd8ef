-- The county items a bureau entered for a county, every year (the 县域指标 sheet's rows).
SELECT county_code, year, item_group, item_no, value, met, note
FROM county_checklist
WHERE county_code = $county
ORDER BY year, CASE item_group WHEN 'government' THEN 1 WHEN 'quality' THEN 2 ELSE 3 END, item_no;
