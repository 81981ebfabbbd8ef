-- The county-level items (quality 2017 §3b–3d) met per county of a province in a year.
-- The only place the province views read county_checklist: repoint it here if that changes.
SELECT county_code, count(*) FILTER (WHERE met) AS items_met, count(value) AS items_reported
FROM county_checklist
WHERE county_code BETWEEN left($province, 2) || '0000' AND left($province, 2) || '9999'
    AND year = $year
GROUP BY county_code;
