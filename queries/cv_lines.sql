-- The CV line of each standard set and stage, from the catalogue (domain.md §2, §3a).
SELECT standard_set, stage, max(cv_threshold) AS cv_threshold
FROM indicator_standards
GROUP BY standard_set, stage
ORDER BY standard_set, stage;
