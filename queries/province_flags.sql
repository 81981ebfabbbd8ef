-- The flags of every county of a province in a year (stored results of school_flags): the
-- province page counts those still open with the follow-up store (store/follow_up.py).
SELECT county_code, flag_key
FROM stored_school_flags
WHERE county_code BETWEEN left($province, 2) || '0000' AND left($province, 2) || '9999'
    AND year = $year
ORDER BY county_code, flag_key;
