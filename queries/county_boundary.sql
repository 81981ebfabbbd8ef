-- A county's outline (WGS-84 GeoJSON geometry).
SELECT geojson FROM boundaries WHERE code = $county AND level = 'county';
