-- The imports that changed data, latest first.
SELECT imported_at, user_name, file_name, rows_added, rows_replaced, rows_unchanged, sha256
FROM import_log
ORDER BY imported_at DESC
LIMIT 200;
