"""趋势 Trends: CVs over the years, urban/town/rural means, one school against the county."""

import streamlit as st

from components.filters import current, url_selectbox
from components.pace import PACE_YEARS, fitted_points, horizon, pace_table
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
page_header(f, "page_trends")
cvs = query("county_indicator_cv", county=f.county_code, stage=f.stage, standard_set=f.standard_set)
if cvs.empty:
    no_data(f)
    st.stop()

first, last = int(cvs["year"].min()), int(cvs["year"].max())
latest = cvs[cvs["year"] == (f.year if f.year in set(cvs["year"]) else last)]
title = f.text(
    "trend_cv_title",
    stage=f.text(f.stage),
    n_pass=int(latest["passes"].sum()),
    n=len(latest),
    year=int(latest["year"].iloc[0]),
)
note = source_note(f, f"{first}–{last}")
builder, pace_lines = "cv_trend", {}
if st.toggle(f.text("pace_toggle"), key="pace_toggle", help=f.text("pace_help", years=PACE_YEARS)):
    now_year = int(latest["year"].iloc[0])
    pace = pace_table(cvs, last_years=PACE_YEARS, up_to=now_year, target_year=now_year)
    fits = fitted_points(pace, until=horizon(pace, up_to=now_year))
    builder, pace_lines = "cv_trend_with_pace", {"fits": fits, "fit_label": f.text("pace_fit")}
plot(
    builder,
    cvs,
    name_column(f),
    title,
    note,
    f.text("axis_cv"),
    f.text("axis_year"),
    f.text("threshold"),
    key="cv-trend",
    **pace_lines,
)

choice = indicator_picker(f)
indicator = choice.key

means = query("county_group_means", county=f.county_code, stage=f.stage, indicator=indicator)
ratio = means.pivot(index="year", columns="urban_rural_group", values="mean_value")
converging = True
if {"urban", "rural"} <= set(ratio.columns) and len(ratio) > 1:
    gap = (ratio["urban"] / ratio["rural"] - 1).abs().dropna()
    converging = bool(gap.iloc[-1] <= gap.iloc[0]) if len(gap) > 1 else True
plot(
    "group_trend",
    means,
    group_labels(f),
    f.text(
        "trend_group_title",
        indicator=choice.name,
        direction=f.text("converging" if converging else "diverging"),
    ),
    note,
    choice.axis,
    f.text("axis_year"),
    key="group-trend",
)

schools = query("school_list", county=f.county_code, year=f.year, stage=f.stage)
if schools.empty:
    no_data(f)
    st.stop()
school_names = dict(zip(schools["school_code"], schools["school_name"], strict=True))
school = url_selectbox(
    f.text("choose_school"), list(school_names), "school", format_func=school_names.get
)
history = query("school_history", county=f.county_code, school=school, stage=f.stage)
history = history[history["indicator"] == indicator]
standard = history["standard_value"].dropna()  # the quality-2017 standard, where one exists
plot(
    "school_vs_county",
    history,
    school_names[school],
    f.text("county_mean"),
    float(standard.iloc[0]) if len(standard) else None,
    f.text("standard"),
    f.text("trend_school_title", school=school_names[school], indicator=choice.name),
    note,
    choice.axis,
    f.text("axis_year"),
    key="school-trend",
)
