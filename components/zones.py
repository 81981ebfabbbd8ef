"""User-supplied township or attendance-zone (学区) outlines: parse, check, join by name.

No package ships township boundaries, so a bureau uploads its own GeoJSON. Every problem is
reported with the file, the feature number, the property and the reason, in the user's
language (unmatched features in one line, however many); nothing is written to the database:
the session keeps the simplified matched outlines only, never the upload."""

import json
import re
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from components.geometry import positions as geometry_positions
from components.i18n import t

NAME_PROPERTIES = ("name", "NAME", "Name", "乡镇", "乡镇名称", "街道", "township", "学区", "zone")
SUFFIXES = ("街道办事处", "街道", "镇", "乡")
LON_RANGE, LAT_RANGE = (73.0, 136.0), (3.0, 54.0)
# Bounds checked before the file is parsed deeply: a county's township outlines are a few MB,
# a few hundred features, nested 6 levels (collection > features > geometry > polygons > rings
# > positions) plus whatever the properties hold.
MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 16
MAX_FEATURES = 5000
MAX_POSITIONS = 200_000  # a county's townships at 10 m detail need far fewer
MAX_LISTED = 5  # problems listed one by one; the rest are counted in one line
SIMPLIFY_DEGREES = 0.0001  # about 10 m: kept outlines are drawn, not measured
JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')


@dataclass
class ZoneCheck:
    features: list[dict] = field(default_factory=list)  # matched: geometry + {"township"}
    errors: list[str] = field(default_factory=list)  # block the layer
    warnings: list[str] = field(default_factory=list)  # unmatched features, shown


def plain(name: str) -> str:
    """A township name without its administrative suffix, for matching 段园 with 段园镇."""
    name = name.strip()
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def shape_of(data: bytes) -> tuple[int, int]:
    """(nesting depth, number of arrays) of a JSON text, counted without parsing it: strings
    are blanked first, so brackets inside names do not count. A GeoJSON position is an array,
    so the second number bounds the positions."""
    skeleton = np.frombuffer(JSON_STRING.sub(b'""', data), dtype=np.uint8)
    arrays = skeleton == ord("[")
    opens = arrays | (skeleton == ord("{"))
    brackets = np.flatnonzero(opens | (skeleton == ord("]")) | (skeleton == ord("}")))
    steps = np.where(opens[brackets], 1, -1).astype(np.int32)
    depth = int(np.cumsum(steps).max()) if len(steps) else 0
    return depth, int(np.count_nonzero(arrays))


def check_zones(data: bytes, filename: str, townships: list[str], lang: str) -> ZoneCheck:
    """Parse an uploaded GeoJSON and join its features to the county's townships by name.

    Size and nesting are checked before parsing; the matched features keep a simplified
    geometry and their township only, so a session holds kilobytes, not the upload."""
    result = ZoneCheck()
    if len(data) > MAX_BYTES:
        mb = f"{len(data) / 2**20:.1f}"
        result.errors.append(t("zone_too_big", lang, file=filename, mb=mb, limit=MAX_BYTES >> 20))
        return result
    depth, arrays = shape_of(data)
    if depth > MAX_DEPTH:
        result.errors.append(t("zone_too_deep", lang, file=filename, limit=MAX_DEPTH))
        return result
    if arrays > MAX_POSITIONS:
        result.errors.append(
            t("zone_too_detailed", lang, file=filename, n=arrays, limit=MAX_POSITIONS)
        )
        return result
    try:
        collection = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        result.errors.append(t("zone_not_utf8", lang, file=filename))
        return result
    except json.JSONDecodeError as error:
        result.errors.append(
            t(
                "zone_not_json",
                lang,
                file=filename,
                line=error.lineno,
                column=error.colno,
                reason=error.msg,
            )
        )
        return result
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        result.errors.append(t("zone_not_collection", lang, file=filename))
        return result
    features = collection.get("features") or []
    if not isinstance(features, list):
        result.errors.append(t("zone_not_collection", lang, file=filename))
        return result
    if len(features) > MAX_FEATURES:
        result.errors.append(
            t("zone_too_many", lang, file=filename, n=len(features), limit=MAX_FEATURES)
        )
        return result
    by_plain = {plain(name): name for name in townships if name}
    unmatched: list[tuple[int, str, str]] = []
    for number, feature in enumerate(features, start=1):
        problem = feature_problem(feature, by_plain, filename, number, lang)
        if problem is None:
            properties = feature["properties"]
            township = by_plain[plain(str(properties[name_property(properties)]))]
            result.features.append(
                {
                    "type": "Feature",
                    "geometry": simplified(feature["geometry"]),
                    "properties": {"township": township},
                }
            )
        elif problem[0] == "unmatched":
            unmatched.append((number, *problem[1:]))
        else:
            result.errors.append(problem[1])
    result.errors = summarised(result.errors, filename, lang)
    result.warnings = unmatched_warnings(unmatched, filename, lang)
    if not result.errors and not result.features:
        result.errors.append(
            t("zone_none_matched", lang, file=filename, townships="、".join(townships[:12]))
        )
    return result


def summarised(errors: list[str], filename: str, lang: str) -> list[str]:
    """The first few errors, and one line counting the rest."""
    if len(errors) <= MAX_LISTED:
        return errors
    more = t("zone_more_errors", lang, file=filename, n=len(errors) - MAX_LISTED)
    return errors[:MAX_LISTED] + [more]


def unmatched_warnings(
    unmatched: list[tuple[int, str, str]], filename: str, lang: str
) -> list[str]:
    """One warning line, however many features match no township."""
    if not unmatched:
        return []
    if len(unmatched) == 1:
        number, prop, value = unmatched[0]
        return [t("zone_unmatched", lang, file=filename, number=number, prop=prop, value=value)]
    examples = "; ".join(f"{number}: {value}" for number, _, value in unmatched[:MAX_LISTED])
    return [t("zone_unmatched_many", lang, file=filename, n=len(unmatched), examples=examples)]


def simplified(geometry: dict) -> dict:
    """The outline with about 10 m of detail and 5-decimal coordinates (what a map needs)."""
    try:
        outline = shape(geometry).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        outline = shapely.set_precision(outline, 1e-5)
    except (shapely.errors.GEOSException, ValueError):
        return geometry
    return json.loads(json.dumps(mapping(outline)))


def name_property(properties: dict) -> str | None:
    return next((k for k in NAME_PROPERTIES if properties.get(k) not in (None, "")), None)


def feature_problem(
    feature: object, by_plain: dict[str, str], filename: str, number: int, lang: str
) -> tuple[str, ...] | None:
    """None when the feature is usable; ("error", message); or ("unmatched", property, value)."""
    where = {"file": filename, "number": number}
    if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
        return "error", t("zone_no_geometry", lang, **where)
    geometry = feature["geometry"]
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return "error", t("zone_not_polygon", lang, kind=str(geometry.get("type"))[:40], **where)
    try:
        points = geometry_positions(geometry)
    except (KeyError, TypeError, IndexError, ValueError):
        return "error", t("zone_bad_coordinates", lang, **where)
    outside = [
        p
        for p in points
        if not (LON_RANGE[0] <= p[0] <= LON_RANGE[1] and LAT_RANGE[0] <= p[1] <= LAT_RANGE[1])
    ]
    if not points or outside:
        sample = outside[0] if outside else None
        return "error", t("zone_not_wgs84", lang, point=sample, **where)
    properties = feature.get("properties")
    properties = properties if isinstance(properties, dict) else {}
    key = name_property(properties)
    if key is None:
        return "error", t("zone_no_name", lang, properties="、".join(NAME_PROPERTIES[:6]), **where)
    if plain(str(properties[key])) not in by_plain:
        return "unmatched", key, str(properties[key])[:60]
    return None
