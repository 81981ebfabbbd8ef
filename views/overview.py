"""总览 Overview: the county's verdict (and the schools behind it), every CV gauge in one chart
with an explainer, compliant schools, and what the chosen method judges: the 32-item scorecard
(quality 2017) or the 8 CVs and their composite (basic 2012)."""

import datetime as dt

import pandas as pd
import streamlit as st

from components import charts
from components.charts import StageGauge
from components.filters import STAGES, current
from components.gauges import GAUGES_MAX_PX, overview_gauges_svg
from components.i18n import localised
from components.numbers import fmt, over_line
from components.presenting import font_scale
from components.report import (
    PPTX_MIME,
    cv_rows,
    pdf_report,
    pptx_report,
    report_slides,
    weakest_schools,
)
from components.scorecard import (
    MET,
    NOT_MET,
    NOT_REPORTED,
    html_table,
    scorecard_html,
    scorecard_table,
    shortfall_html,
)
from components.text import md
from components.widgets import (
    drawing,
    excluded_list,
    figure,
    name_column,
    no_data,
    page_header,
    rows_equal,
    shared,
    source_note,
    wide_gap_title,
)
from queries.db import database_path, query

f = current()
page_header(f, "page_overview")


def indexed(frame: pd.DataFrame, column: str | list[str]) -> pd.DataFrame:
    return frame.set_index(column)


def value_counts(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].value_counts()


verdicts = query("county_verdict", county=f.county_code, standard_set=f.standard_set)
this_year = shared(indexed, shared(rows_equal, verdicts, "year", f.year), "stage")
stage_cvs = query(
    "county_indicator_cv", county=f.county_code, stage=f.stage, standard_set=f.standard_set
)
now = shared(rows_equal, stage_cvs, "year", f.year)
quality = f.standard_set == "quality2017"

# How a rule is applied (settings teaching_points, include_*) → its words (components/i18n.py).
HOW_TEXT = {
    "merge": "how_merge",
    "separate": "how_separate",
    "included": "how_included",
    "excluded": "how_excluded",
}


def data_updated() -> str:
    """When the data last changed: the latest import, or (no import recorded, e.g. the demo)
    when the database file was written — imports swap a new file in, so that is the same."""
    log = query("data_updated").iloc[0]
    if pd.notna(log["imported_at"]):
        when = pd.Timestamp(log["imported_at"]).strftime("%Y-%m-%d %H:%M")
        return f.text("data_updated", when=when, file=md(log["file_name"]))
    written = dt.datetime.fromtimestamp(database_path().stat().st_mtime)
    return f.text("data_written", when=written.strftime("%Y-%m-%d %H:%M"))


st.caption(f":material/update: {data_updated()}")

if f.stage not in this_year.index or now.empty:
    no_data(f)
    st.stop()

verdict = this_year.loc[f.stage]
settings = shared(indexed, query("settings"), "key")["value"]
floor_text = f"{float(settings['school_floor_ratio']) * 100:g}%"
reasons = []  # why the county does not pass, one line each


def cv_fail_reasons(now: pd.DataFrame, lang: str) -> list[str]:
    """One line per indicator whose CV is over its line (in `lang`, the user's language)."""
    return [
        f.text(
            "verdict_cv_fail",
            indicator=getattr(row, name_column(f)),
            cv=fmt(row.cv),
            threshold=fmt(row.threshold, 2),
            excess=fmt(row.cv - row.threshold),
        )
        for row in now[now["passes"].eq(False)].itertuples()
    ]


failing = 0  # schools failing the 2017 per-school rule
if verdict["status"] == "pass":
    key = "verdict_pass_quality" if quality else "verdict_pass_basic"
    headline = f"{f.text(f.stage)}{f.text('colon')}{f.text(key)}"
    st.success(f"### {headline}", icon=":material/check_circle:")
elif verdict["status"] == "cannot_judge":
    headline = (
        f"{f.text(f.stage)}{f.text('colon')}"
        f"{f.text('verdict_cannot_judge', standard=f.text(f.standard_set))}"
    )
    reasons.append(str(verdict[localised("reason", f.lang)]))
    st.warning(f"### {headline}\n" + "\n".join(f"- {r}" for r in reasons), icon=":material/help:")
else:
    headline = (
        f"{f.text(f.stage)}{f.text('colon')}"
        f"{f.text('verdict_fail', standard=f.text(f.standard_set))}"
    )
    if not quality:
        reasons.append(
            f.text(
                "verdict_composite_fail",
                cv=fmt(verdict["composite_cv"]),
                threshold=fmt(verdict["threshold"], 2),
                excess=fmt(verdict["composite_cv"] - verdict["threshold"]),
            )
        )
    else:
        reasons.extend(shared(cv_fail_reasons, now, f.lang))
        failing = int(verdict["n_schools"] - verdict["n_compliant"])
        if failing:
            reasons.append(f.text("verdict_schools_fail", n=failing, floor=floor_text))
    st.error(f"### {headline}\n" + "\n".join(f"- {r}" for r in reasons), icon=":material/warning:")

if failing:
    # The verdict's "n schools do not comply" leads here: which schools, and what each misses.
    with st.expander(f.text("shortfall_open", n=failing), icon=":material/list:"):
        st.caption(f.text("shortfall_note", min_met=settings["school_min_met"], floor=floor_text))
        shortfalls = query("school_shortfalls", county=f.county_code, year=f.year, stage=f.stage)
        st.html(shared(shortfall_html, shortfalls, f.lang))


def stage_gauge(stage: str) -> StageGauge:
    """The headline gauge of a stage: under 2017 the highest of the 7 CVs (no composite
    criterion) with "n / 7 within the line", under 2012 the composite CV against its line."""
    row = this_year.loc[stage]
    before = verdicts[(verdicts["year"] == f.year - 1) & (verdicts["stage"] == stage)]
    column = "worst_cv" if quality else "composite_cv"
    previous = None if before.empty else before[column].iloc[0]
    previous = None if previous is None or pd.isna(previous) else float(previous)
    if row["status"] == "cannot_judge" and (not quality or pd.isna(row["worst_cv"])):
        reason = row[localised("reason", f.lang)]
        message = f.text("gauge_cannot_judge", stage=f.text(stage), reason=reason)
        return StageGauge(f.text(stage), None, None, None, message)
    cv, threshold = float(row[column]), float(row["threshold"])
    if quality:
        title = f.text(
            "gauge_worst_title",
            stage=f.text(stage),
            cv=fmt(cv),
            n=int(row["n_cv_passing"]),
            total=int(row["n_indicators"]),
        )
    else:
        title = f.text(
            "gauge_title",
            stage=f.text(stage),
            cv=fmt(cv),
            verdict=f.text("over" if over_line(cv, threshold) else "within"),
            threshold=fmt(threshold, 2),
        )
    return StageGauge(title, cv, threshold, previous)


def stage_gauges(this_year: pd.DataFrame, verdicts: pd.DataFrame, lang: str) -> tuple:
    """stage_gauge of every stage with data (shared: keyed on what stage_gauge reads; the
    year and standard set are those of `this_year` and `verdicts`)."""
    return tuple(stage_gauge(stage) for stage in STAGES if stage in this_year.index)


stages = shared(stage_gauges, this_year, verdicts, f.lang)
for stage in STAGES:
    if stage not in this_year.index:
        st.info(f.text("no_data", county=md(f.county_name), year=f.year, stage=f.text(stage)))


def gauge_grid(stage_cvs: pd.DataFrame, now: pd.DataFrame, year: int) -> pd.DataFrame:
    """The indicators' CVs of `year` (`now`) with last year's beside them."""
    previous_cvs = stage_cvs[stage_cvs["year"] == year - 1][["indicator", "cv"]].rename(
        columns={"cv": "previous_cv"}
    )
    grid = now.merge(previous_cvs, on="indicator", how="left")
    grid["previous_cv"] = grid["previous_cv"].astype(float)
    return grid


grid = shared(gauge_grid, stage_cvs, now, f.year)
grid_title = f.text("indicator_gauges", stage=f.text(f.stage), year=f.year)
lines = shared(indexed, query("cv_lines"), ["standard_set", "stage"])["cv_threshold"]
with st.expander(f.text("cv_help_button"), icon=":material/help:"):
    st.markdown(
        f.text(
            "cv_help",
            basic_p=f"{lines['basic2012', '小学']:.2f}",
            basic_j=f"{lines['basic2012', '初中']:.2f}",
            quality_p=f"{lines['quality2017', '小学']:.2f}",
            quality_j=f"{lines['quality2017', '初中']:.2f}",
            min_met=settings["school_min_met"],
            floor=floor_text,
        )
    )
gauge_options = {
    "stages": stages,
    "name_column": name_column(f),
    "section_title": grid_title,
    "change_label": f.text("change_label"),
    "title": f.text("gauges_title", year=f.year),
    "note": source_note(f),
}
drawing(
    shared(overview_gauges_svg, grid, max_px=GAUGES_MAX_PX * font_scale(), **gauge_options),
    key="gauges",
    plotted=lambda: figure(charts.overview_gauges, grid, **gauge_options),
)
if quality:
    stage_rows = [(stage, this_year.loc[stage]) for stage in STAGES if stage in this_year.index]
    captions = [
        f.text(
            "gauge_worst_caption",
            indicator=f"{f.text(stage)} · {row[localised('worst', f.lang)]}",
            cv=fmt(row["worst_cv"]),
            threshold=fmt(row["threshold"], 2),
        )
        for stage, row in stage_rows
        if pd.notna(row["worst_cv"])
    ]
    st.caption("\n\n".join(captions))

ratios = query(
    "county_group_ratios",
    county=f.county_code,
    year=f.year,
    stage=f.stage,
    standard_set=f.standard_set,
)
left, right = st.columns(2)
compliance = None
if quality:
    # The 2017 per-school rule; the 2012 method does not judge schools one by one.
    compliance = query("school_compliance", county=f.county_code, year=f.year, stage=f.stage)
    left.metric(
        f"{f.text(f.stage)} · {f.text('schools_meeting', floor=floor_text)}",
        f.text(
            "schools_meeting_value", n=int(compliance["compliant"].sum()), total=len(compliance)
        ),
    )
wide = query(
    "wide_gaps", county=f.county_code, year=f.year, stage=f.stage, standard_set=f.standard_set
)  # the indicator whose urban/rural ratio is furthest from 1 (no row without data)
gaps = wide.iloc[0] if len(wide) else None
gap_column = right if quality else left
if gaps is None or pd.isna(gaps["widest_ratio"]):
    gap_column.metric(f.text("urban_rural_headline"), f.text("no_rural"))
else:
    widest = f.text(
        "urban_rural_value",
        indicator=gaps[localised("widest", f.lang)],
        ratio=f"{gaps['widest_ratio']:.2f}",
    )
    gap_column.metric(f.text("urban_rural_headline"), f"{gaps['widest_ratio']:.2f}×", help=widest)
    gap_column.caption(widest)


def basic_table() -> pd.DataFrame:
    """Under 2012: the 8 CVs of the chosen stage with last year's, then the composite (their
    mean) against the line — the only thing the 2012 method judges."""
    table = pd.DataFrame(
        {
            f.text("col_item"): grid[name_column(f)],
            f.text("col_indicator_cv"): grid["cv"].map(fmt),
            f.text("col_last_year"): grid["previous_cv"].map(fmt),
            f.text("col_line"): f.text("composite_info"),
        }
    )
    composite, line = verdict["composite_cv"], verdict["threshold"]
    status = (
        "composite_unknown"
        if pd.isna(composite)
        else "composite_within"
        if composite <= line
        else "composite_over"
    )
    before = verdicts[(verdicts["year"] == f.year - 1) & (verdicts["stage"] == f.stage)]
    total = {
        f.text("col_item"): f.text("basic_composite", n=len(grid)),
        f.text("col_indicator_cv"): fmt(composite),
        f.text("col_last_year"): fmt(None if before.empty else before["composite_cv"].iloc[0]),
        f.text("col_line"): f"≤ {fmt(line, 2)} {f.text(status)}",
    }
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


if quality:
    st.subheader(f.text("scorecard"))
    resources = query("resource_scorecard", county=f.county_code, year=f.year)
    checklist = query("county_scorecard", county=f.county_code, year=f.year)
    table = shared(scorecard_table, resources, checklist, f.lang)
    counts = shared(value_counts, table, "status")
    st.caption(
        f.text(
            "scorecard_counts",
            met=int(counts.get(MET, 0)),
            total=len(table),
            not_met=int(counts.get(NOT_MET, 0)),
            not_reported=int(counts.get(NOT_REPORTED, 0)),
        )
    )
    st.html(shared(scorecard_html, table, f.lang))
else:
    st.subheader(f.text("basic_table", stage=f.text(f.stage)))
    st.caption(
        f.text(
            "basic_note",
            p=f"{lines['basic2012', '小学']:.2f}",
            j=f"{lines['basic2012', '初中']:.2f}",
        )
    )
    shown = basic_table()
    total_row = "font-weight:700;background:#f3f4f6;border-top:2px solid #374151"
    st.html(html_table(shown, row_styles=[""] * (len(shown) - 1) + [total_row]))

excluded_list(
    f,
    query(
        "excluded_sections",
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
            teaching_points=f.text(HOW_TEXT[settings["teaching_points"]]),
            private=f.text(HOW_TEXT[inclusion(settings["include_private"])]),
            above=f.text(HOW_TEXT[inclusion(settings["include_above_county"])]),
            min_met=settings["school_min_met"],
            floor=floor_text,
        )
    )


def report_figures() -> list:
    """(slide title, figure) for the county report, built when a report is asked for: each
    stage's gauge, the indicator gauges, the CV trend and the urban–rural ratios."""
    figures = [
        (
            stage.title,
            figure(
                charts.cv_gauge,
                stage.cv,
                stage.threshold,
                stage.previous,
                stage.title,
                source_note(f),
            ),
        )
        for stage in stages
        if stage.message is None
    ]
    figures.append(
        (
            grid_title,
            figure(
                charts.indicator_gauge_grid,
                grid,
                name_column=name_column(f),
                title=grid_title,
                note=source_note(f),
            ),
        )
    )
    first, last = int(stage_cvs["year"].min()), int(stage_cvs["year"].max())
    trend_title = f.text(
        "trend_cv_title",
        stage=f.text(f.stage),
        n_pass=int(now["passes"].sum()),
        n=len(now),
        year=f.year,
    )
    figures.append(
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
        )
    )
    if not ratios.dropna(subset=["urban_rural_ratio"]).empty:
        ratio_title = wide_gap_title(f)
        figures.append(
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
    return figures


def slides() -> list:
    """The report's slides: the verdict, the figures, the ten weakest schools (2017)."""
    weakest = (
        compliance
        if compliance is not None
        else query("school_compliance", county=f.county_code, year=f.year, stage=f.stage)
    )
    worst = weakest_schools(weakest, f.lang)  # a table: "4 / 7", "61.0%"
    return report_slides(
        report_figures(),
        [headline, *reasons],
        worst,
        f.text("report_verdict"),
        f.text("report_worst"),
        cv_rows(now, name_column(f), f.lang),
    )


st.subheader(f.text("report_title"))
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
