-- When the data last changed: the latest import that changed data, and how many there were.
SELECT max(imported_at) AS imported_at, arg_max(file_name, imported_at) AS file_name,
       count(*) AS n_imports
FROM import_log;
