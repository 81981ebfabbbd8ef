-- All indicators with names and units, in display order.
SELECT indicator, name_zh, name_en, unit_zh, unit_en, numerator, per, sort_order
FROM indicators
ORDER BY sort_order;
