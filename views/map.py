"""地图 Map: the county's schools coloured by an indicator or by compliance, with its
neighbours, its province and uploaded township outlines around them; the counties of the
province by verdict. Works offline."""

import json
import os
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import leaflet, maps
from components.filters import current, url_selectbox
from components.i18n import localised
from components.numbers import fmt
from components.text import md
from components.widgets import (
    column_by_key,
    frame_fingerprint,
    name_column,
    no_data,
    page_header,
    rows_equal,
    shared,
    source_note,
)
from components.zones import check_zones
from queries.db import query

f = current()
page_header(f, "page_map")
MAP_HEIGHT = 600  # px before the browser fits it to the county (maps.Behaviour)


def tile_settings() -> tuple[str, str]:
    """A bureau's own tile service (天地图 with its key, or an intranet server): the
    environment (JUNHENG_TILE_URL, JUNHENG_TILE_ATTRIBUTION) or [map] in secrets.toml."""
    url = os.environ.get("JUNHENG_TILE_URL", "")
    attribution = os.environ.get("JUNHENG_TILE_ATTRIBUTION", "")
    if not url:
        try:
            section = st.secrets.get("map", {})
        except FileNotFoundError:  # no secrets.toml: no tiles, boundaries only
            section = {}
        url, attribution = section.get("tile_url", ""), section.get("attribution", "")
    return url, attribution


def profile_link() -> str:
    """The school profile's address with this view's filters; the school's URL-encoded code
    is appended in the browser."""
    params = {"lang": f.lang, "county": f.county_code, "year": f.year, "stage": f.stage}
    params["set"] = f.standard_set
    if st.query_params.get("present") == "1":
        params["present"] = "1"
    base = st.get_option("server.baseUrlPath").strip("/")
    path = f"/{base}/school-profile" if base else "/school-profile"
    return f"{path}?{urlencode(params)}&school="


# Maps are built and rendered once per input and shared by every session (serving).
@st.cache_resource(
    max_entries=200, show_spinner=False, hash_funcs={pd.DataFrame: frame_fingerprint}
)
def build_school_map(
    schools: pd.DataFrame,
    outline: str,
    surroundings: pd.DataFrame,
    colour_by: str,
    texts: str,
    zones: str,
) -> leaflet.PreparedMap:
    """`texts` (JSON): labels, popup fields, legend, link and tiles; `zones` (JSON): checked
    township outlines."""
    words = json.loads(texts)
    return leaflet.prepare(
        maps.school_map(
            schools,
            json.loads(outline) if outline else None,
            colour_by,
            words["labels"],
            dict(words["fields"]),  # pairs: the JSON has sorted keys, pairs keep the order
            *words["tiles"],
            surroundings=surroundings,
            zones=json.loads(zones),
            legend=words["legend"],
            link=words["link"],
            link_text=words["link_text"],
        )
    )


@st.cache_resource(
    max_entries=200, show_spinner=False, hash_funcs={pd.DataFrame: frame_fingerprint}
)
def build_choropleth(counties: pd.DataFrame, texts: str, province: str) -> leaflet.PreparedMap:
    """Every county of the province coloured by its verdict ("cannot be judged" never as a
    pass or a fail, no data lighter still); those with data are named on the map. `texts`
    (JSON): verdict names, hover fields and the legend."""
    words = json.loads(texts)
    verdict_of = {status: name for status, name in words["verdicts"]}
    shown = counties.assign(
        cv=counties["headline_cv"].map(fmt),
        verdict=counties["status"].map(verdict_of).fillna(verdict_of[None]),
    )
    drawn_as = {"pass": True, "fail": False, "cannot_judge": None}
    colours = {
        c.county_code: maps.COMPLIANCE_COLOURS[drawn_as[c.status]]
        if c.status in drawn_as
        else maps.NO_DATA_COLOUR
        for c in shown.itertuples()
    }
    return leaflet.prepare(
        maps.county_choropleth(
            shown,
            colours,
            dict(words["fields"]),
            province=json.loads(province) if province else None,
            legend=words["legend"],
            named=shown.loc[shown["has_data"], "county_code"],
        )
    )


def drill_into_county() -> None:
    """Clicking a county with data on the choropleth switches the sidebar to it (runs before
    the script, so the sidebar widget may still be changed); grey counties have none."""
    clicked = (st.session_state.get("county_map") or {}).get("last_active_drawing") or {}
    code = (clicked.get("properties") or {}).get("code")
    if code and code in set(query("counties")["county_code"]):
        st.session_state["county_choice"] = code


indicators = query("set_indicators", standard_set="quality2017", stage=f.stage)
names = shared(column_by_key, indicators, "indicator", name_column(f))
settings = shared(column_by_key, query("settings"), "key", "value")
floor = f"{float(settings['school_floor_ratio']) * 100:g}%"  # settings school_floor_ratio
names = {"compliance": f.text("compliance", floor=floor)} | names
choice_column, search_column = st.columns([3, 2])
with choice_column:
    colour_by = url_selectbox(f.text("map_colour_by"), list(names), "colour", format_func=names.get)
indicator = colour_by if colour_by != "compliance" else "above_degree_per_100"
schools = query(
    "map_schools", county=f.county_code, year=f.year, stage=f.stage, indicator=indicator
)
if schools.empty:
    no_data(f)
    st.stop()

labels = {g: f.text(g) for g in ("urban", "town", "rural", "boundary")}
labels |= {
    "neighbours": f.text("map_layer_neighbours"),
    "province": f.text("map_layer_province"),
    "zones": f.text("map_layer_zones"),
}
fields = {"code": f.text("popup_code"), "name": f.text("popup_name")}
fields["students"] = f.text("popup_students")
if colour_by == "compliance":
    colours = [
        (maps.COMPLIANCE_COLOURS[True], f.text("legend_compliant", floor=floor)),
        (maps.COMPLIANCE_COLOURS[False], f.text("legend_not_compliant")),
    ]
else:
    shown = indicators.set_index("indicator").loc[colour_by]
    fields["value"] = f.text(
        "popup_value_named",
        indicator=names[colour_by],
        unit=shown[localised("unit", f.lang)],
        standard=f"{shown['standard_value']:g}",
    )
    colours = [
        (maps.BIN_COLOURS[k], f.text(key, floor=floor))
        for k, key in (
            ("meets", "legend_meets"),
            ("below_standard", "legend_below_standard"),
            ("below_floor", "legend_below_floor"),
        )
    ]
fields["met"] = f.text("popup_met")
colours.append((maps.BIN_COLOURS["no_value"], f.text("legend_no_value")))
sizes = [
    (f.text("legend_students", n=f"{n:,.0f}"), maps.marker_radius(n, schools["students"].max()))
    for n in maps.size_examples(float(schools["students"].max()))
]
legend = maps.legend_html(
    f.text("legend_title"),
    colours,
    groups={g: labels[g] for g in ("urban", "town", "rural")},
    sizes=sizes,
)
outline = query("county_boundary", county=f.county_code)
outline_json = outline["geojson"].iloc[0] if len(outline) else ""
surroundings = query("map_surroundings", county=f.county_code)
st.subheader(
    f.text(
        "map_title", stage=f.text(f.stage), indicator=names[colour_by], year=f.year, n=len(schools)
    )
)
loaded = st.session_state.get("zones")
if loaded and loaded["county"] == f.county_code and not loaded["check"].errors:
    zones = loaded["check"].features  # drawn on the map with their names
else:
    zones = []
texts = {
    "labels": labels,
    "fields": list(fields.items()),
    "legend": legend,
    "link": profile_link(),
    "link_text": f.text("open_profile_link"),
    "tiles": tile_settings(),
}
school_map = build_school_map(
    schools,
    outline_json,
    surroundings,
    colour_by,
    json.dumps(texts, ensure_ascii=False, sort_keys=True),
    json.dumps(zones, ensure_ascii=False),
)

with search_column:
    school_names = shared(column_by_key, schools, "school_code", "school_name")
    found = st.selectbox(
        f.text("map_search"),
        list(school_names),
        index=None,
        format_func=lambda c: f"{school_names[c]}（{c}）",
        placeholder=f.text("map_search_placeholder"),
        key=f"map_search_{f.county_code}_{f.year}_{f.stage}",  # a new list, a new search
    )
# Nothing comes back from this map: panning, zooming and clicking stay in the browser and cost
# the server nothing (centre/zoom fed back made the page rerun on every move). The search
# reruns the page and opens the school in the browser (maps.focus_script).
leaflet.show(
    leaflet.preceded(school_map, maps.focus_script(found) if found else ""),
    key="school_map",
    height=MAP_HEIGHT,
    returned_objects=(),
)
st.caption(f"{f.text('map_click_hint')} {source_note(f)}")

counties = query(
    "province_counties",
    county=f.county_code,
    year=f.year,
    stage=f.stage,
    standard_set=f.standard_set,
)
if counties["has_data"].sum() > 1:
    province = shared(column_by_key, query("counties"), "county_code", "province_name")[
        f.county_code
    ]
    basic = f.standard_set == "basic2012"
    title_key = "choropleth_title" if basic else "choropleth_title_highest"
    st.subheader(f.text(title_key, province=md(province), stage=f.text(f.stage), year=f.year))
    verdict_names = {
        "pass": f.text("county_pass"),
        "fail": f.text("county_fail"),
        "cannot_judge": f.text("county_cannot_judge"),
        None: f.text("county_no_data"),
    }
    fields = {"county_name": f.text("county")}
    fields |= {"cv": f.text("col_cv" if basic else "col_cv_highest")}
    fields |= {"verdict": f.text("col_verdict")}
    province_outline = shared(rows_equal, surroundings, "level", "province")["geojson"]
    leaflet.show(
        build_choropleth(
            counties,  # the cached query result: keyed cheaply (not its 100 outlines)
            json.dumps(
                {
                    "verdicts": list(verdict_names.items()),
                    "fields": list(fields.items()),
                    "legend": maps.legend_html(
                        f.text("col_verdict"),
                        [
                            (maps.COMPLIANCE_COLOURS[True], verdict_names["pass"]),
                            (maps.COMPLIANCE_COLOURS[False], verdict_names["fail"]),
                            (maps.COMPLIANCE_COLOURS[None], verdict_names["cannot_judge"]),
                            (maps.NO_DATA_COLOUR, verdict_names[None]),
                        ],
                    ),
                },
                ensure_ascii=False,
            ),
            province_outline.iloc[0] if len(province_outline) else "",
        ),
        key="county_map",
        height=520,
        on_change=drill_into_county,
    )
    st.caption(f.text("choropleth_hint"))


def load_zones(upload, townships: list[str]) -> None:
    """Check an uploaded outline file once: keep the simplified matched outlines and the
    messages in the session, and let the upload itself go (a 20 MB file is not kept)."""
    check = check_zones(upload.getvalue(), upload.name, townships, f.lang)
    st.session_state["zones"] = {"county": f.county_code, "file": upload.name, "check": check}
    context = get_script_run_ctx()
    manager = getattr(context, "uploaded_file_mgr", None)
    if hasattr(manager, "remove_file"):
        manager.remove_file(session_id=context.session_id, file_id=upload.file_id)
    st.session_state["zones_upload"] = st.session_state.get("zones_upload", 0) + 1


with st.expander(f.text("zones_title"), expanded=bool(zones)):
    st.caption(f.text("zones_help"))
    upload = st.file_uploader(
        "GeoJSON",
        type=["geojson", "json"],
        key=f"zones_file_{st.session_state.get('zones_upload', 0)}",
    )
    if upload is not None:
        load_zones(upload, sorted(query("school_townships", county=f.county_code)["township"]))
        st.rerun()
    if loaded and loaded["county"] == f.county_code:
        check = loaded["check"]
        st.caption(f.text("zones_loaded", file=md(loaded["file"])))
        if st.button(f.text("zones_remove"), key="zones_remove"):
            del st.session_state["zones"]
            st.rerun()
        for message in check.errors:
            st.error(md(message))
        for message in check.warnings:
            st.warning(md(message))
        if not check.errors:
            st.success(
                f.text(
                    "zones_added",
                    n=len(check.features),
                    m=len({z["properties"]["township"] for z in check.features}),
                )
            )
