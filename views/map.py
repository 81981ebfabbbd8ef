"""地图 Map: the county's schools coloured by an indicator or by compliance, the counties of
the province by verdict, and uploaded township / school-zone outlines. Works offline."""

import json
import os

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit_folium import st_folium

from components import leaflet, maps
from components.filters import current, url_selectbox
from components.text import html, md
from components.widgets import frame_fingerprint, name_column, no_data, page_header, source_note
from components.zones import check_zones
from queries.db import query

f = current()
page_header(f, "page_map")


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


# Maps are built and rendered once per input and shared by every session (serving).
@st.cache_resource(
    max_entries=200, show_spinner=False, hash_funcs={pd.DataFrame: frame_fingerprint}
)
def build_school_map(
    schools: pd.DataFrame, outline: str, colour_by: str, labels: tuple, fields: tuple, tiles: tuple
) -> leaflet.PreparedMap:
    return leaflet.prepare(
        maps.school_map(
            schools,
            json.loads(outline) if outline else None,
            colour_by,
            dict(labels),
            dict(fields),
            *tiles,
        )
    )


@st.cache_resource(
    max_entries=200, show_spinner=False, hash_funcs={pd.DataFrame: frame_fingerprint}
)
def build_choropleth(counties: pd.DataFrame, colours: tuple, fields: tuple) -> leaflet.PreparedMap:
    return leaflet.prepare(maps.county_choropleth(counties, dict(colours), dict(fields)))


def legend_html(items: list[tuple[str, str]]) -> str:
    dots = "".join(
        f'<span style="display:inline-flex;align-items:center;margin-right:18px">'
        f'<span style="width:14px;height:14px;border-radius:50%;background:{colour};'
        f'display:inline-block;margin-right:6px;border:1px solid #333"></span>{label}</span>'
        for colour, label in items
    )
    return f'<div style="font-size:16px;line-height:2">{dots}</div>'


def drill_into_county() -> None:
    """Clicking a county on the choropleth switches the sidebar to it (runs before the
    script, so the sidebar widget may still be changed)."""
    clicked = (st.session_state.get("county_map") or {}).get("last_active_drawing") or {}
    code = (clicked.get("properties") or {}).get("code")
    if code:
        st.session_state["county_choice"] = code


indicators = query("set_indicators", standard_set="quality2017", stage=f.stage)
names = dict(zip(indicators["indicator"], indicators[name_column(f)], strict=True))
settings = query("settings").set_index("key")["value"]
floor = f"{float(settings['school_floor_ratio']) * 100:g}%"  # settings school_floor_ratio
names = {"compliance": f.text("compliance", floor=floor)} | names
colour_by = url_selectbox(f.text("map_colour_by"), list(names), "colour", format_func=names.get)
indicator = colour_by if colour_by != "compliance" else "above_degree_per_100"
schools = query(
    "map_schools", county=f.county_code, year=f.year, stage=f.stage, indicator=indicator
)
if schools.empty:
    no_data(f)
    st.stop()

labels = {g: f.text(g) for g in ("urban", "town", "rural", "boundary")}
fields = {
    "code": f.text("popup_code"),
    "name": f.text("popup_name"),
    "students": f.text("popup_students"),
    "value": f.text("popup_value"),
    "met": f.text("popup_met"),
}
outline = query("county_boundary", county=f.county_code)
st.subheader(
    f.text(
        "map_title", stage=f.text(f.stage), indicator=names[colour_by], year=f.year, n=len(schools)
    )
)
if colour_by == "compliance":
    legend = [
        (maps.COMPLIANCE_COLOURS[True], f.text("legend_compliant", floor=floor)),
        (maps.COMPLIANCE_COLOURS[False], f.text("legend_not_compliant")),
    ]
else:
    legend = [
        (maps.BIN_COLOURS[k], f.text(f"legend_{k}", floor=floor))
        for k in ("meets", "below_standard", "below_floor")
    ]
legend.append((maps.BIN_COLOURS["no_value"], f.text("legend_no_value")))
st.html(legend_html(legend))
st.caption(f"{f.text('legend_size')} · {f.text('legend_outline')} · {source_note(f)}")

school_map = build_school_map(
    schools,
    outline["geojson"].iloc[0] if len(outline) else "",
    colour_by,
    tuple(labels.items()),
    tuple(fields.items()),
    tile_settings(),
)
# Only a click comes back: panning and zooming stay in the browser and cost the server
# nothing (centre/zoom fed back made the page rerun on every move, and on load).
result = leaflet.show(school_map, key="school_map", height=620)
clicked = ((result or {}).get("last_active_drawing") or {}).get("properties") or {}
# The map's properties are HTML-escaped; the school is found by its code, its name is shown
# from the database, Markdown-escaped.
by_code = {html(s.school_code): (s.school_code, s.school_name) for s in schools.itertuples()}
if clicked.get("c") in by_code:
    code, school_name = by_code[clicked["c"]]
    st.session_state["school_choice"] = code
    st.success(f.text("map_selected", school=md(school_name)))
    st.page_link(
        "views/school_profile.py",
        label=f.text("open_profile", school=md(school_name)),
        icon=":material/badge:",
    )
else:
    st.caption(f.text("map_click_hint"))

counties = query(
    "province_counties",
    county=f.county_code,
    year=f.year,
    stage=f.stage,
    standard_set=f.standard_set,
)
if len(counties) > 1:
    province = query("counties").set_index("county_code").loc[f.county_code, "province_name"]
    basic = f.standard_set == "basic2012"
    title_key = "choropleth_title" if basic else "choropleth_title_highest"
    st.subheader(f.text(title_key, province=md(province), stage=f.text(f.stage), year=f.year))
    verdict_of = {
        "pass": f.text("county_pass"),
        "fail": f.text("county_fail"),
        "cannot_judge": f.text("county_cannot_judge"),
    }
    counties = counties.assign(
        cv=counties["headline_cv"].map(lambda cv: "—" if pd.isna(cv) else f"{cv:.3f}"),
        verdict=counties["status"].map(verdict_of).fillna(f.text("county_no_data")),
    )
    # "cannot be judged" is drawn like "no data": never as a pass, never as a fail.
    colour_of = {"pass": True, "fail": False}
    colours = {
        c.county_code: maps.COMPLIANCE_COLOURS[colour_of.get(c.status)]
        for c in counties.itertuples()
    }
    st.html(
        legend_html(
            [
                (maps.COMPLIANCE_COLOURS[True], f.text("county_pass")),
                (maps.COMPLIANCE_COLOURS[False], f.text("county_fail")),
                (
                    maps.COMPLIANCE_COLOURS[None],
                    f.text("county_cannot_judge") + " / " + f.text("county_no_data"),
                ),
            ]
        )
    )
    leaflet.show(
        build_choropleth(
            counties,
            tuple(colours.items()),
            (
                ("county_name", f.text("county")),
                ("cv", f.text("col_cv" if basic else "col_cv_highest")),
                ("verdict", f.text("col_verdict")),
            ),
        ),
        key="county_map",
        height=480,
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


with st.expander(f.text("zones_title")):
    st.caption(f.text("zones_help"))
    upload = st.file_uploader(
        "GeoJSON",
        type=["geojson", "json"],
        key=f"zones_file_{st.session_state.get('zones_upload', 0)}",
    )
    if upload is not None:
        load_zones(upload, sorted(query("school_townships", county=f.county_code)["township"]))
        st.rerun()
    loaded = st.session_state.get("zones")
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
            zone_map = maps.zone_map(check.features, schools, labels)
            st.success(
                f.text(
                    "zones_added",
                    n=len(check.features),
                    m=len({z["properties"]["township"] for z in check.features}),
                )
            )
            st_folium(
                zone_map, key="zone_map", height=520, use_container_width=True, returned_objects=[]
            )
