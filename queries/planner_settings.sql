-- Every setting with its note: the planner's engine computes with them, and its unit costs
-- (plan_cost_*) come from here.
SELECT key, value, note
FROM settings
ORDER BY key;
