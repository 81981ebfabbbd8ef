"""趋势 Trends: CVs over the years, urban/town/rural means, one school against the county."""

import pandas as pd
import streamlit as st

from components import charts
from components.data_tables import cv_trend_table, group_trend_table
from components.filters import current, url_selectbox
from components.numbers import fmt
from components.pace import PACE_YEARS, fitted_points, horizon, pace_table
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
from data.catalogue import URBAN_RURAL_GROUP
from queries.db import query


def codes_by_group(lang: str) -> dict[str, str]:
    """The catalogue's urban–rural codes of each group, as a list in words."""
    joiner = ", " if lang == "en" else "、"
    return {
        group: joiner.join(str(c) for c, g in URBAN_RURAL_GROUP.items() if g == group)
        for group in ("urban", "town", "rural")
    }


# The gap's direction (queries/group_gap_trend.sql) → its words (components/i18n.py).
GAP_TEXT = {"converging": "gap_converging", "diverging": "gap_diverging", "steady": "gap_steady"}

f = current()
page_header(f, "page_trends")
cvs = query("county_indicator_cv", county=f.county_code, stage=f.stage, standard_set=f.standard_set)
if cvs.empty:
    no_data(f)
    st.stop()

names = name_column(f)
first, last = int(cvs["year"].min()), int(cvs["year"].max())
latest = shared(rows_equal, cvs, "year", f.year if f.year in set(cvs["year"]) else last)
now_year = int(latest["year"].iloc[0])
title = f.text(
    "trend_cv_title",
    stage=f.text(f.stage),
    n_pass=int(latest["passes"].sum()),
    n=len(latest),
    year=now_year,
)
note = source_note(f, f"{first}–{last}")
chosen = {"chosen_year": now_year, "chosen_label": f.text("chosen_year")}
builder, pace_lines = charts.cv_trend, {}
if st.toggle(f.text("pace_toggle"), key="pace_toggle", help=f.text("pace_help", years=PACE_YEARS)):
    pace = shared(pace_table, cvs, last_years=PACE_YEARS, up_to=now_year, target_year=now_year)
    fits = shared(fitted_points, pace, until=horizon(pace, up_to=now_year))
    builder, pace_lines = charts.cv_trend_with_pace, {"fits": fits, "fit_label": f.text("pace_fit")}
ranked = shared(pd.DataFrame.sort_values, latest, "cv")
plot(
    builder,
    cvs,
    name_column=names,
    title=title,
    note=note,
    axis_cv=f.text("axis_cv"),
    axis_year=f.text("axis_year"),
    threshold_label=f.text("threshold"),
    key="cv-trend",
    notes=chart_notes(
        f,
        "county_indicator_cv",
        f.text("method_cv"),
        lambda: cv_trend_table(cvs, name_column=names, year_header=f.text("col_year")),
        lambda: f.text(
            "alt_cv_trend",
            first=first,
            last=last,
            n=cvs["indicator"].nunique(),
            year=now_year,
            top_name=ranked[names].iloc[-1],
            top=ranked["cv"].iloc[-1],
            low_name=ranked[names].iloc[0],
            low=ranked["cv"].iloc[0],
            line=float(cvs["threshold"].iloc[0]),
        ),
    ),
    **chosen,
    **pace_lines,
)

choice = indicator_picker(f)
indicator = choice.key
labels = group_labels(f)
means = query("county_group_means", county=f.county_code, stage=f.stage, indicator=indicator)
gaps = query("group_gap_trend", county=f.county_code, stage=f.stage, indicator=indicator)
gap = gaps.iloc[0] if len(gaps) else None
if gap is None:
    group_title = choice.name
elif gap["direction"] == "one_group":
    group = labels[gap["upper_group"]]
    group_title = f.text(
        "trend_group_one",
        indicator=choice.name,
        group=group if f.lang == "zh" else group.lower(),
        stage=f.text(f.stage) if f.lang == "zh" else f.text(f.stage).lower(),
    )
else:
    upper, lower = labels[gap["upper_group"]], labels[gap["lower_group"]]
    if f.lang == "en":  # mid-sentence
        upper, lower = upper.lower(), lower.lower()
    group_title = f.text(
        "trend_group_one_year" if gap["direction"] == "one_year" else "trend_group_gap",
        indicator=choice.name,
        upper=upper,
        lower=lower,
        direction=f.text(GAP_TEXT[gap["direction"]]),
        first=fmt(gap["first_ratio"], 2),
        last=fmt(gap["last_ratio"], 2),
        first_year=gap["first_year"],
        last_year=gap["last_year"],
    )
means_now = shared(rows_equal, means, "year", now_year)
plot(
    charts.group_trend,
    means,
    labels=labels,
    title=group_title,
    note=note,
    axis_value=choice.axis,
    axis_year=f.text("axis_year"),
    key="group-trend",
    notes=chart_notes(
        f,
        "county_group_means",
        f.text("method_group_means", **codes_by_group(f.lang)),
        lambda: group_trend_table(means, labels=labels, year_header=f.text("col_year")),
        lambda: f.text(
            "alt_group_trend",
            first=int(means["year"].min()),
            last=int(means["year"].max()),
            groups=" / ".join(
                labels[g] for g in charts.GROUPS if g in set(means["urban_rural_group"])
            ),
            indicator=choice.name,
            year=now_year,
            values="; ".join(
                f"{labels[g]} {fmt(v)}"
                for g, v in zip(
                    means_now["urban_rural_group"], means_now["mean_value"], strict=True
                )
            )
            or "—",
        ),
    ),
    **chosen,
)

schools = query("school_list", county=f.county_code, year=f.year, stage=f.stage)
if schools.empty:
    no_data(f)
    st.stop()
school_names = shared(column_by_key, schools, "school_code", "school_name")
school = url_selectbox(
    f.text("choose_school"), list(school_names), "school", format_func=school_names.get
)
history = query("school_history", county=f.county_code, school=school, stage=f.stage)
history = shared(rows_equal, history, "indicator", indicator)
standard = history["standard_value"].dropna()  # the quality-2017 standard, where one exists
standard = float(standard.iloc[0]) if len(standard) else None
plot(
    charts.school_vs_county,
    history,
    school_label=school_names[school],
    county_label=f.text("county_mean"),
    standard=standard,
    standard_label=f.text("standard"),
    title=f.text("trend_school_title", school=school_names[school], indicator=choice.name),
    note=note,
    axis_value=choice.axis,
    axis_year=f.text("axis_year"),
    key="school-trend",
    notes=school_trend_notes(
        f,
        history,
        school=school_names[school],
        indicator=choice.name,
        year=now_year,
        span=(
            (int(history["year"].min()), int(history["year"].max()))
            if len(history)
            else (now_year, now_year)
        ),
        standard=standard,
    ),
    **chosen,
)
