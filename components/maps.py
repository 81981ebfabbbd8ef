"""Leaflet maps (folium) that work with no internet: Leaflet is served by the app itself
(static/vendor, Streamlit static serving), no tiles unless a tile URL is configured, and the
schools are one GeoJSON layer per urban/town/rural group drawn as circle markers (on a canvas
when there are many), so a province of 20,000 schools stays light."""

import json
from collections.abc import Iterable

import folium
import pandas as pd
from folium.features import GeoJsonPopup, GeoJsonTooltip
from folium.utilities import JsCode

from components.text import html

STATIC = "/app/static/vendor/leaflet-1.9.3"
# folium's defaults load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; the maps here
# need Leaflet only.
folium.Map.default_js = [("leaflet", f"{STATIC}/leaflet.js")]
folium.Map.default_css = [("leaflet_css", f"{STATIC}/leaflet.css")]

CANVAS_FROM = 3000  # schools; above this, markers are drawn on one canvas, not as SVG paths
BIN_COLOURS = {
    "below_floor": "#D55E00",
    "below_standard": "#E69F00",
    "meets": "#009E73",
    "no_value": "#999999",
}
COMPLIANCE_COLOURS = {True: "#009E73", False: "#D55E00", None: "#999999"}
OUTLINES = {  # urban / town / rural told apart by the marker's outline
    "urban": {"color": "#000000", "weight": 3, "dashArray": None},
    "town": {"color": "#000000", "weight": 2, "dashArray": "3 3"},
    "rural": {"color": "#FFFFFF", "weight": 1, "dashArray": None},
}


def value_bin(ratio: float | None, floor: float) -> str:
    """Where a school's value stands against its standard (ratio = value / standard) and its
    floor (settings school_floor_ratio)."""
    if ratio is None or pd.isna(ratio):
        return "no_value"
    if ratio < floor - 1e-9:
        return "below_floor"
    if ratio < 1 - 1e-9:
        return "below_standard"
    return "meets"


def marker_radius(students: float, largest: float) -> float:
    """4–16 px, area proportional to enrolment, in whole pixels (fewer distinct styles make
    a lighter page)."""
    if not largest or pd.isna(students):
        return 4.0
    return float(round(4 + 12 * (max(students, 0) / largest) ** 0.5))


# Popup fields are stored under one-letter keys: at 20,000 schools every byte counts.
POPUP_KEYS = {"code": "c", "name": "n", "students": "s", "value": "v", "met": "m"}
# Each marker takes its radius (r) and fill (f) from its own properties in the browser: a
# folium style_function would instead write a JavaScript switch with one case per school.
MARKER_STYLE = JsCode(
    "function(feature, layer) {"
    " layer.setStyle({radius: feature.properties.r, fillColor: feature.properties.f}); }"
)


def school_features(schools: pd.DataFrame, colour_by: str) -> dict[str, list[dict]]:
    """GeoJSON point features per urban/town/rural group: what the popup shows, and the
    marker's radius (by enrolment) and fill (by value against the standard, or compliance).

    `schools` has school_code, school_name, urban_rural_group, longitude, latitude,
    students, value, ratio (value / standard), compliant, n_met."""
    largest = float(schools["students"].max() or 0)
    groups: dict[str, list[dict]] = {"urban": [], "town": [], "rural": []}
    for s in schools.itertuples():
        if colour_by == "compliance":
            fill = COMPLIANCE_COLOURS[None if pd.isna(s.compliant) else bool(s.compliant)]
        else:
            fill = BIN_COLOURS[value_bin(s.ratio, s.floor_ratio)]
        groups[s.urban_rural_group].append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(s.longitude, 5), round(s.latitude, 5)],
                },
                "properties": {  # text is HTML-escaped: folium puts it into innerHTML
                    "c": html(s.school_code),
                    "n": html(s.school_name),
                    "s": int(s.students),
                    "v": None if pd.isna(s.value) else round(float(s.value), 2),
                    "m": None if pd.isna(s.n_met) else f"{int(s.n_met)}/7",
                    "r": marker_radius(s.students, largest),
                    "f": fill,
                },
            }
        )
    return groups


def school_map(
    schools: pd.DataFrame,
    outline: dict | None,
    colour_by: str,
    labels: dict[str, str],
    fields: dict[str, str],
    tile_url: str = "",
    attribution: str = "",
    hidden_groups: Iterable[str] = (),
) -> folium.Map:
    """The county outline and every school; `labels` names the groups, `fields` the popup
    rows (code, name, students, value, met, link)."""
    many = len(schools) > CANVAS_FROM
    m = folium.Map(
        location=centre_of(schools, outline),
        zoom_start=11,
        tiles=None,
        prefer_canvas=many,
        control_scale=True,
    )
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr=attribution or " ", name="tiles").add_to(m)
    if outline is not None:
        folium.GeoJson(
            outline,
            name=labels.get("boundary", "boundary"),
            interactive=False,
            style_function=lambda _: {
                "color": "#444",
                "weight": 2,
                "fillColor": "#F2F2F2",
                "fillOpacity": 0.5,
            },
        ).add_to(m)
    for group, features in school_features(schools, colour_by).items():
        if not features:
            continue
        outline_style = OUTLINES[group]
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name=labels[group],
            show=group not in set(hidden_groups),
            marker=folium.CircleMarker(
                radius=6,
                fill=True,
                fill_opacity=0.9,
                color=outline_style["color"],
                weight=outline_style["weight"],
                dash_array=outline_style["dashArray"],
            ),
            on_each_feature=MARKER_STYLE,
            tooltip=GeoJsonTooltip(fields=["n"], labels=False),
            popup=GeoJsonPopup(
                fields=[POPUP_KEYS[k] for k in fields],
                aliases=[html(label) for label in fields.values()],
                localize=True,
            ),
        ).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    bounds = bounds_of(schools, outline)
    if bounds:
        m.fit_bounds(bounds)
    return m


def county_choropleth(
    counties: pd.DataFrame, colour_of: dict[str, str], fields: dict[str, str]
) -> folium.Map:
    """Counties coloured by verdict; `counties` has county_code, county_name, geojson, cv,
    passes and the `fields` to show on hover."""
    features = []
    for c in counties.itertuples():
        props = {k: html(getattr(c, k)) for k in fields}  # into innerHTML: escaped
        props["code"] = html(c.county_code)
        props["colour"] = colour_of[c.county_code]
        features.append({"type": "Feature", "geometry": json.loads(c.geojson), "properties": props})
    collection = {"type": "FeatureCollection", "features": features}
    m = folium.Map(tiles=None, control_scale=True)
    folium.GeoJson(
        collection,
        name="counties",
        style_function=lambda f: {
            "fillColor": f["properties"]["colour"],
            "color": "#333",
            "weight": 1,
            "fillOpacity": 0.75,
        },
        highlight_function=lambda _: {"weight": 3, "color": "#000"},
        tooltip=GeoJsonTooltip(
            fields=list(fields), aliases=[html(label) for label in fields.values()]
        ),
    ).add_to(m)
    m.fit_bounds(geojson_bounds(f["geometry"] for f in features))
    return m


def geojson_bounds(geometries: Iterable[dict]) -> list[list[float]]:
    xs, ys = [], []
    for geometry in geometries:
        for x, y in coordinates(geometry):
            xs.append(x)
            ys.append(y)
    return [[min(ys), min(xs)], [max(ys), max(xs)]] if xs else []


def coordinates(geometry: dict) -> Iterable[tuple[float, float]]:
    """Every (x, y) position of a Polygon, MultiPolygon or geometry collection."""
    kind = geometry["type"]
    if kind == "Polygon":
        for ring in geometry["coordinates"]:
            yield from ((p[0], p[1]) for p in ring)
    elif kind == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            for ring in polygon:
                yield from ((p[0], p[1]) for p in ring)
    elif kind == "GeometryCollection":
        for part in geometry["geometries"]:
            yield from coordinates(part)
    elif kind == "Point":
        yield tuple(geometry["coordinates"][:2])


def bounds_of(schools: pd.DataFrame, outline: dict | None) -> list[list[float]]:
    if outline is not None:
        return geojson_bounds([outline])
    if schools.empty:
        return []
    return [
        [schools["latitude"].min(), schools["longitude"].min()],
        [schools["latitude"].max(), schools["longitude"].max()],
    ]


def centre_of(schools: pd.DataFrame, outline: dict | None) -> list[float]:
    bounds = bounds_of(schools, outline)
    if not bounds:
        return [35.0, 105.0]
    return [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]


def asset_urls(m: folium.Map) -> list[str]:
    """Every script and stylesheet URL the map asks the browser to load."""
    urls = []
    for element in [m, *m._children.values()]:
        urls += [url for _, url in getattr(element, "default_js", [])]
        urls += [url for _, url in getattr(element, "default_css", [])]
    return urls


def zone_map(zones: list[dict], schools: pd.DataFrame, labels: dict[str, str]) -> folium.Map:
    """Uploaded township / school-zone outlines (already checked and matched) with the
    schools on top, coloured by group."""
    m = folium.Map(tiles=None, control_scale=True)
    shown = [z | {"properties": {"township": html(z["properties"]["township"])}} for z in zones]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": shown},
        name="zones",
        style_function=lambda _: {
            "color": "#0072B2",
            "weight": 2,
            "fillColor": "#56B4E9",
            "fillOpacity": 0.15,
        },
        tooltip=GeoJsonTooltip(fields=["township"], labels=False),
    ).add_to(m)
    colours = {"urban": "#0072B2", "town": "#E69F00", "rural": "#009E73"}
    for s in schools.itertuples():
        folium.CircleMarker(
            [s.latitude, s.longitude],
            radius=5,
            color="#333",
            weight=1,
            fill=True,
            fill_color=colours[s.urban_rural_group],
            fill_opacity=0.9,
            tooltip=html(f"{s.school_name} ({labels[s.urban_rural_group]})"),
        ).add_to(m)
    m.fit_bounds(geojson_bounds(z["geometry"] for z in zones))
    return m
