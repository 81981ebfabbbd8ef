"""学校档案 School profile: one school's indicators against the standards and the county mean,
its history and its place in the county."""

import json
from functools import partial

import pandas as pd
import streamlit as st

from components import charts
from components.data_tables import location_table, percent_of_standard, profile_table
from components.filters import current, url_selectbox
from components.report import school_report_pdf
from components.text import md
from components.widgets import (
    chart_notes,
    column_by_key,
    group_labels,
    indicator_picker,
    name_column,
    no_data,
    page_header,
    plot,
    rows_equal,
    school_trend_notes,
    shared,
    source_note,
)
from queries.db import query

f = current()
page_header(f, "page_profile")
schools = query("school_list", county=f.county_code, year=f.year, stage=f.stage)
if schools.empty:
    no_data(f)
    st.stop()
school_names = shared(column_by_key, schools, "school_code", "school_name")
school = url_selectbox(
    f.text("choose_school"),
    list(school_names),
    "school",
    format_func=lambda c: f"{school_names[c]}（{c}）",
)
name = school_names[school]
labels = group_labels(f)
facts = query("school_facts", county=f.county_code, school=school, year=f.year, stage=f.stage)
if not facts.empty:
    row = facts.iloc[0]
    st.caption(
        f.text(
            "profile_facts",
            type=md(row["school_type"]),
            group=labels[row["urban_rural_group"]],
            township=md(row["township"] or "—"),
            students=int(row["students"]),
            teachers=int(row["teachers"]),
        )
    )

history = query("school_history", county=f.county_code, school=school, stage=f.stage)


def with_standard(history: pd.DataFrame, year: int) -> pd.DataFrame:
    """The school's values of `year` for the indicators that have a standard."""
    return history[(history["year"] == year) & history["standard_value"].notna()]


now = shared(with_standard, history, f.year)
note = source_note(f)
if not facts.empty:  # presenting (#21): the one-page school report, built on click
    st.download_button(
        f.text("school_report_pdf"),
        partial(
            school_report_pdf,
            facts,
            shared(rows_equal, history, "year", f.year),
            query("school_compliance", county=f.county_code, year=f.year, stage=f.stage),
            f.county_name,
            f.year,
            f.stage,
            f.lang,
            note,
        ),
        f"junheng-school-{school}-{f.year}.pdf",
        "application/pdf",
        icon=":material/picture_as_pdf:",
        key="school-report",
    )
names = name_column(f)
if not now.empty:
    n_met = int(now["meets_standard"].astype(bool).sum())
    settings = shared(column_by_key, query("settings"), "key", "value")
    floor = f"{float(now['floor_ratio'].iloc[0]) * 100:g}%"  # settings school_floor_ratio
    percent = percent_of_standard(now)
    plot(
        charts.profile_bars,
        now,
        name_column=names,
        status_labels={
            "meets": f.text("profile_meets"),
            "below_standard": f.text("profile_below_standard"),
            "below_floor": f.text("profile_below_floor", floor=floor),
        },
        county_label=f.text("county_mean"),
        standard_label=f.text("profile_standard_line"),
        floor_label=f.text("profile_floor_line", floor=floor),
        title=f.text("profile_title", school=name, n_met=n_met),
        note=note,
        axis_percent=f.text("profile_axis"),
        key="profile-bars",
        notes=chart_notes(
            f,
            "school_history",
            f.text("method_profile", min_met=settings["school_min_met"], floor=floor),
            lambda: profile_table(
                now,
                headers={
                    names: f.text("col_indicator"),
                    "value": f.text("col_school_value"),
                    "standard_value": f.text("col_standard"),
                    "percent": f.text("col_percent"),
                    "county_mean": f.text("col_county_mean"),
                },
            ),
            lambda: f.text(
                "alt_profile",
                school=name,
                n=len(now),
                n_met=n_met,
                low_name=now[names].iloc[int(percent.to_numpy().argmin())],
                low=float(percent.min()),
            ),
        ),
    )

choice = indicator_picker(f)
indicator = choice.key
line = shared(rows_equal, history, "indicator", indicator)
standard = line["standard_value"].dropna()
standard = float(standard.iloc[0]) if len(standard) else None
first, last = int(history["year"].min()), int(history["year"].max())
plot(
    charts.school_vs_county,
    line,
    school_label=name,
    county_label=f.text("county_mean"),
    standard=standard,
    standard_label=f.text("standard"),
    title=f.text("profile_history", school=name, indicator=choice.name),
    note=source_note(f, f"{first}–{last}"),
    axis_value=choice.axis,
    axis_year=f.text("axis_year"),
    chosen_year=f.year,
    chosen_label=f.text("chosen_year"),
    key="profile-history",
    notes=school_trend_notes(
        f,
        line,
        school=name,
        indicator=choice.name,
        year=f.year,
        span=(first, last),
        standard=standard,
    ),
)


def parsed_outline(outline: pd.DataFrame) -> dict | None:
    """The county's GeoJSON outline (queries/county_boundary.sql), parsed once."""
    return json.loads(outline["geojson"].iloc[0]) if len(outline) else None


outline = query("county_boundary", county=f.county_code)
places = query("school_places", county=f.county_code, year=f.year, stage=f.stage)
plot(
    charts.location_map,
    places,
    outline=shared(parsed_outline, outline),
    highlight=school,
    highlight_label=f.text("profile_school"),
    labels=labels,
    title=f.text("profile_place_title", school=name),
    note=note,
    key="profile-place",
    notes=chart_notes(
        f,
        "school_places",
        f.text("method_location"),
        lambda: location_table(
            places,
            labels=labels,
            headers={
                "school_name": f.text("col_school"),
                "group": f.text("col_group"),
                "longitude": f.text("col_longitude"),
                "latitude": f.text("col_latitude"),
            },
        ),
        lambda: f.text("alt_location", n=len(places), school=name),
    ),
)
