"""User-supplied township or attendance-zone (学区) outlines: parse, check, join by name.

No package ships township boundaries, so a bureau uploads its own GeoJSON. Every problem is
reported with the file, the feature number, the property and the reason, in the user's
language; nothing is stored (the layer lives in the browser session only)."""

import json
from dataclasses import dataclass, field

from components.i18n import t

NAME_PROPERTIES = ("name", "NAME", "Name", "乡镇", "乡镇名称", "街道", "township", "学区", "zone")
SUFFIXES = ("街道办事处", "街道", "镇", "乡")
LON_RANGE, LAT_RANGE = (73.0, 136.0), (3.0, 54.0)


@dataclass
class ZoneCheck:
    features: list[dict] = field(default_factory=list)  # matched features, with "township"
    errors: list[str] = field(default_factory=list)  # block the layer
    warnings: list[str] = field(default_factory=list)  # unmatched features, shown


def plain(name: str) -> str:
    """A township name without its administrative suffix, for matching 段园 with 段园镇."""
    name = name.strip()
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def positions(geometry: dict) -> list[tuple[float, float]]:
    if geometry["type"] == "Polygon":
        rings = geometry["coordinates"]
    else:
        rings = [ring for polygon in geometry["coordinates"] for ring in polygon]
    return [(p[0], p[1]) for ring in rings for p in ring]


def check_zones(data: bytes, filename: str, townships: list[str], lang: str) -> ZoneCheck:
    """Parse an uploaded GeoJSON and join its features to the county's townships by name."""
    result = ZoneCheck()
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
    by_plain = {plain(name): name for name in townships if name}
    for number, feature in enumerate(collection.get("features") or [], start=1):
        problem = feature_problem(feature, by_plain, filename, number, lang)
        if problem is None:
            properties = feature["properties"]
            key = name_property(properties)
            matched = dict(feature)
            matched["properties"] = dict(properties) | {
                "township": by_plain[plain(str(properties[key]))]
            }
            result.features.append(matched)
        elif problem[0] == "warning":
            result.warnings.append(problem[1])
        else:
            result.errors.append(problem[1])
    if not result.errors and not result.features:
        result.errors.append(
            t("zone_none_matched", lang, file=filename, townships="、".join(townships[:12]))
        )
    return result


def name_property(properties: dict) -> str | None:
    return next((k for k in NAME_PROPERTIES if properties.get(k) not in (None, "")), None)


def feature_problem(
    feature: object, by_plain: dict[str, str], filename: str, number: int, lang: str
) -> tuple[str, str] | None:
    """None when the feature is usable; otherwise ("error" | "warning", message)."""
    where = {"file": filename, "number": number}
    if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
        return "error", t("zone_no_geometry", lang, **where)
    geometry = feature["geometry"]
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return "error", t("zone_not_polygon", lang, kind=geometry.get("type"), **where)
    try:
        points = positions(geometry)
    except (KeyError, TypeError, IndexError):
        return "error", t("zone_bad_coordinates", lang, **where)
    outside = [
        p
        for p in points
        if not (LON_RANGE[0] <= p[0] <= LON_RANGE[1] and LAT_RANGE[0] <= p[1] <= LAT_RANGE[1])
    ]
    if not points or outside:
        sample = outside[0] if outside else None
        return "error", t("zone_not_wgs84", lang, point=sample, **where)
    properties = feature.get("properties") or {}
    key = name_property(properties)
    if key is None:
        return "error", t("zone_no_name", lang, properties="、".join(NAME_PROPERTIES[:6]), **where)
    if plain(str(properties[key])) not in by_plain:
        return "warning", t("zone_unmatched", lang, prop=key, value=properties[key], **where)
    return None
