"""总览 Overview: the county's verdict, CV gauges, compliant schools and the 32-item scorecard."""

from functools import partial

import pandas as pd
import streamlit as st

from components import charts
from components.filters import STAGES, current
from components.report import PPTX_MIME, pdf_report, pptx_report, report_slides
from components.scorecard import (
    MET,
    NOT_MET,
    NOT_REPORTED,
    scorecard_display,
    scorecard_table,
    status_colours,
)
from components.text import md
from components.widgets import (
    excluded_list,
    figure,
    fmt,
    name_column,
    no_data,
    page_header,
    plot,
    shared,
    source_note,
    wide_gap_title,
)
from queries.db import query

f = current()
page_header(f, "page_overview")
verdicts = query("county_verdicts", county=f.county_code, standard_set=f.standard_set)
this_year = verdicts[verdicts["year"] == f.year].set_index("stage")
stage_cvs = query("county_cv", county=f.county_code, stage=f.stage, standard_set=f.standard_set)
now = stage_cvs[stage_cvs["year"] == f.year]

if f.stage not in this_year.index or now.empty:
    no_data(f)
    st.stop()

verdict = this_year.loc[f.stage]
settings = query("settings").set_index("key")["value"]
floor_text = f"{float(settings['school_floor_ratio']) * 100:g}%"
reasons = []  # why the county does not pass, one line each
if verdict["status"] == "pass":
    key = "verdict_pass_quality" if f.standard_set == "quality2017" else "verdict_pass_basic"
    headline = f"{f.text(f.stage)}{f.text('colon')}{f.text(key)}"
    st.success(f"### {headline}", icon=":material/check_circle:")
elif verdict["status"] == "cannot_judge":
    headline = (
        f"{f.text(f.stage)}{f.text('colon')}"
        f"{f.text('verdict_cannot_judge', standard=f.text(f.standard_set))}"
    )
    reasons.append(str(verdict["reason_en" if f.lang == "en" else "reason_zh"]))
    st.warning(f"### {headline}\n" + "\n".join(f"- {r}" for r in reasons), icon=":material/help:")
else:
    headline = (
        f"{f.text(f.stage)}{f.text('colon')}"
        f"{f.text('verdict_fail', standard=f.text(f.standard_set))}"
    )
    if f.standard_set == "basic2012":
        reasons.append(
            f.text(
                "verdict_composite_fail",
                cv=fmt(verdict["composite_cv"]),
                threshold=fmt(verdict["threshold"], 2),
                excess=fmt(verdict["composite_cv"] - verdict["threshold"]),
            )
        )
    else:
        for row in now[now["passes"].eq(False)].itertuples():
            reasons.append(
                f.text(
                    "verdict_cv_fail",
                    indicator=getattr(row, name_column(f)),
                    cv=fmt(row.cv),
                    threshold=fmt(row.threshold, 2),
                    excess=fmt(row.cv - row.threshold),
                )
            )
        failing = int(verdict["n_schools"] - verdict["n_compliant"])
        if failing:
            reasons.append(f.text("verdict_schools_fail", n=failing, floor=floor_text))
    st.error(f"### {headline}\n" + "\n".join(f"- {r}" for r in reasons), icon=":material/warning:")

report_figures = []  # (slide title, figure) for the county report
gauge_columns = st.columns(len(STAGES))
for column, stage in zip(gauge_columns, STAGES, strict=True):
    with column:
        if stage not in this_year.index:
            st.info(f.text("no_data", county=md(f.county_name), year=f.year, stage=f.text(stage)))
            continue
        row = this_year.loc[stage]
        before = verdicts[(verdicts["year"] == f.year - 1) & (verdicts["stage"] == stage)]
        if row["status"] == "cannot_judge" and (
            f.standard_set == "basic2012" or pd.isna(row["worst_cv"])
        ):
            reason = row["reason_en" if f.lang == "en" else "reason_zh"]
            st.warning(f.text("gauge_cannot_judge", stage=f.text(stage), reason=reason))
            continue
        if f.standard_set == "quality2017":
            # No composite criterion in 2017: the indicator furthest over (or nearest to) its
            # line, and how many of the 7 are within it.
            cv, threshold = float(row["worst_cv"]), float(row["threshold"])
            previous = None if before.empty else before["worst_cv"].iloc[0]
            previous = None if previous is None or pd.isna(previous) else float(previous)
            title = f.text(
                "gauge_worst_title",
                stage=f.text(stage),
                cv=fmt(cv),
                n=int(row["n_cv_passing"]),
                total=int(row["n_indicators"]),
            )
            caption = f.text(
                "gauge_worst_caption",
                indicator=row["worst_en" if f.lang == "en" else "worst_zh"],
                cv=fmt(cv),
                threshold=fmt(threshold, 2),
            )
        else:
            previous = None if before.empty else before["composite_cv"].iloc[0]
            previous = None if previous is None or pd.isna(previous) else float(previous)
            cv, threshold = float(row["composite_cv"]), float(row["threshold"])
            title = f.text(
                "gauge_title",
                stage=f.text(stage),
                cv=fmt(cv),
                verdict=f.text("within" if cv <= threshold else "over"),
                threshold=fmt(threshold, 2),
            )
        report_figures.append(
            (
                title,
                plot(
                    "cv_gauge", cv, threshold, previous, title, source_note(f), key=f"gauge-{stage}"
                ),
            )
        )
        if f.standard_set == "quality2017":
            st.caption(caption)

compliance = query("school_compliance", county=f.county_code, year=f.year, stage=f.stage)
ratios = query(
    "group_ratios", county=f.county_code, year=f.year, stage=f.stage, standard_set=f.standard_set
)
left, right = st.columns(2)
left.metric(
    f"{f.text(f.stage)} · {f.text('schools_meeting', floor=floor_text)}",
    f.text("schools_meeting_value", n=int(compliance["compliant"].sum()), total=len(compliance)),
)
widest = ratios.dropna(subset=["urban_rural_ratio"])
if widest.empty:
    right.metric(f.text("urban_rural_headline"), f.text("no_rural"))
else:
    top = widest.loc[(widest["urban_rural_ratio"] - 1).abs().idxmax()]
    right.metric(
        f.text("urban_rural_headline"),
        f"{top['urban_rural_ratio']:.2f}×",
        help=f.text(
            "urban_rural_value",
            indicator=top[name_column(f)],
            ratio=f"{top['urban_rural_ratio']:.2f}",
        ),
    )
    right.caption(
        f.text(
            "urban_rural_value",
            indicator=top[name_column(f)],
            ratio=f"{top['urban_rural_ratio']:.2f}",
        )
    )

previous_cvs = stage_cvs[stage_cvs["year"] == f.year - 1][["indicator", "cv"]].rename(
    columns={"cv": "previous_cv"}
)
grid = now.merge(previous_cvs, on="indicator", how="left")
grid["previous_cv"] = grid["previous_cv"].astype(float)
grid_title = f.text("indicator_gauges", stage=f.text(f.stage), year=f.year)
grid_figure = plot(
    "indicator_gauge_grid",
    grid,
    name_column(f),
    f.text("indicator_gauges", stage=f.text(f.stage), year=f.year),
    source_note(f),
    key="indicator-gauges",
)

st.subheader(f.text("scorecard"))
resources = query("resource_scorecard", county=f.county_code, year=f.year)
checklist = query("checklist", county=f.county_code, year=f.year)
table = shared(scorecard_table, resources, checklist, f.lang)
counts = table["status"].value_counts()
st.caption(
    f.text(
        "scorecard_counts",
        met=int(counts.get(MET, 0)),
        total=len(table),
        not_met=int(counts.get(NOT_MET, 0)),
        not_reported=int(counts.get(NOT_REPORTED, 0)),
    )
)
colours = status_colours(table)
st.dataframe(
    scorecard_display(table, f.lang).style.apply(lambda _: colours, axis=0),
    hide_index=True,
    width="stretch",
    height=36 * (len(table) + 1) + 4,
    column_config={
        f.text("col_category"): st.column_config.TextColumn(width="small"),
        f.text("col_value"): st.column_config.TextColumn(width="large"),
    },
)

excluded_list(
    f,
    query(
        "excluded",
        county=f.county_code,
        year=f.year,
        stage=f.stage,
        standard_set=f.standard_set,
    ),
)


def inclusion(setting: str) -> str:
    return "included" if setting == "true" else "excluded"


with st.expander(f.text("how_computed_title")):
    st.markdown(
        f.text(
            "how_computed",
            w_primary=settings["stage_weight_primary"],
            w_junior=settings["stage_weight_junior"],
            w_senior=settings["stage_weight_senior"],
            teaching_points=f.text(f"how_{settings['teaching_points']}"),
            private=f.text(f"how_{inclusion(settings['include_private'])}"),
            above=f.text(f"how_{inclusion(settings['include_above_county'])}"),
            min_met=settings["school_min_met"],
            floor=floor_text,
        )
    )

st.subheader(f.text("report_title"))
first, last = int(stage_cvs["year"].min()), int(stage_cvs["year"].max())
trend_title = f.text(
    "trend_cv_title",
    stage=f.text(f.stage),
    n_pass=int(now["passes"].sum()),
    n=len(now),
    year=f.year,
)
report_figures += [
    (grid_title, grid_figure),
    (
        trend_title,
        figure(
            charts.cv_trend,
            stage_cvs,
            name_column=name_column(f),
            title=trend_title,
            note=source_note(f, f"{first}–{last}"),
            axis_cv=f.text("axis_cv"),
            axis_year=f.text("axis_year"),
            threshold_label=f.text("threshold"),
        ),
    ),
]
if not ratios.dropna(subset=["urban_rural_ratio"]).empty:
    ratio_title = wide_gap_title(f)
    report_figures.append(
        (
            ratio_title,
            figure(
                charts.ratio_bars,
                ratios,
                name_column=name_column(f),
                labels={
                    "urban_rural_ratio": f.text("urban_rural_ratio"),
                    "town_rural_ratio": f.text("town_rural_ratio"),
                },
                title=ratio_title,
                note=source_note(f),
                axis_ratio=f.text("ratio_axis"),
            ),
        )
    )
worst = (
    compliance.nsmallest(10, "min_ratio")
    .assign(weakest=lambda d: d["weakest_en" if f.lang == "en" else "weakest_zh"])[
        ["school_name", "n_met", "min_ratio", "weakest"]
    ]
    .rename(
        columns={
            "school_name": f.text("col_school"),
            "n_met": f.text("popup_met"),
            "min_ratio": f.text("report_min_ratio"),
            "weakest": f.text("report_weakest"),
        }
    )
)
verdict_lines = [headline, *reasons]
slides = partial(
    report_slides,
    report_figures,
    verdict_lines,
    worst,
    f.text("report_verdict"),
    f.text("report_worst"),
)
title = f.text("report_heading", county=f.county_name, year=f.year)
subtitle = f"{f.text(f.standard_set)} · {source_note(f)}"
stem = f"junheng-report-{f.county_code}-{f.year}"
left, right = st.columns(2)
left.download_button(
    f.text("report_pptx"),
    lambda: pptx_report(title, subtitle, slides()),
    f"{stem}.pptx",
    PPTX_MIME,
    icon=":material/slideshow:",
    key="report_pptx",
)
right.download_button(
    f.text("report_pdf"),
    lambda: pdf_report(title, subtitle, slides()),
    f"{stem}.pdf",
    "application/pdf",
    icon=":material/picture_as_pdf:",
    key="report_pdf",
)
