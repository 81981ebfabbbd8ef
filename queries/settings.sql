-- The computation settings (data/settings.py documents and validates each key).
SELECT key, value, note FROM settings ORDER BY key;
