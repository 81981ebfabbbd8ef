-- Every school's responsible inspector (责任督学) with the school's county and name.
SELECT i.school_code, i.inspector_name, i.contact, s.county_code, s.school_name
FROM school_inspectors AS i
LEFT JOIN schools AS s USING (school_code)
ORDER BY i.inspector_name, i.school_code;
