"""学校档案 School profile: one school's indicators against the standards and the county mean,
its history and its place in the county."""

import json
from functools import partial

import streamlit as st

from components.filters import current, url_selectbox
from components.report import school_report_pdf
from components.text import md
from components.widgets import (
    group_labels,
    indicator_picker,
    name_column,
    no_data,
    page_header,
    plot,
    source_note,
)
from queries.db import query

f = current()
page_header(f, "page_profile")
schools = query("school_list", county=f.county_code, year=f.year, stage=f.stage)
if schools.empty:
    no_data(f)
    st.stop()
school_names = dict(zip(schools["school_code"], schools["school_name"], strict=True))
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
now = history[(history["year"] == f.year) & history["standard_value"].notna()]
note = source_note(f)
if not facts.empty:  # presenting (#21): the one-page school report, built on click
    st.download_button(
        f.text("school_report_pdf"),
        partial(
            school_report_pdf,
            facts,
            history[history["year"] == f.year],
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
if not now.empty:
    n_met = int(now["meets_standard"].astype(bool).sum())
    plot(
        "profile_bars",
        now,
        name_column(f),
        f.text("profile_school"),
        f.text("county_mean"),
        f.text("standard"),
        f.text("profile_title", school=name, n_met=n_met),
        note,
        f.text("profile_axis"),
        key="profile-bars",
    )

choice = indicator_picker(f)
indicator = choice.key
line = history[history["indicator"] == indicator]
standard = line["standard_value"].dropna()
first, last = int(history["year"].min()), int(history["year"].max())
plot(
    "school_vs_county",
    line,
    name,
    f.text("county_mean"),
    float(standard.iloc[0]) if len(standard) else None,
    f.text("standard"),
    f.text("profile_history", school=name, indicator=choice.name),
    source_note(f, f"{first}–{last}"),
    choice.axis,
    f.text("axis_year"),
    key="profile-history",
)

outline = query("county_boundary", county=f.county_code)
places = query("school_places", county=f.county_code, year=f.year, stage=f.stage)
plot(
    "location_map",
    json.loads(outline["geojson"].iloc[0]) if len(outline) else None,
    places,
    school,
    labels,
    f"{f.text('profile_place')}：{name}",
    note,
    key="profile-place",
)
