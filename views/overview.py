"""总览 Overview: the county's verdict, CV gauges, compliant schools and the 32-item scorecard."""

import streamlit as st

from components.filters import STAGES, current
from components.scorecard import scorecard_table
from components.widgets import (
    excluded_list,
    fmt,
    name_column,
    no_data,
    page_header,
    plot,
    source_note,
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
standard_name = f.text(f.standard_set)
if verdict["passes"]:
    key = "verdict_pass_quality" if f.standard_set == "quality2017" else "verdict_pass_basic"
    st.success(
        f"### {f.text(f.stage)}{f.text('colon')}{f.text(key)}", icon=":material/check_circle:"
    )
else:
    reasons = []
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
        for row in now[~now["passes"].fillna(False).astype(bool)].itertuples():
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
            reasons.append(f.text("verdict_schools_fail", n=failing))
    st.error(
        f"### {f.text(f.stage)}{f.text('colon')}{f.text('verdict_fail', standard=standard_name)}\n"
        + "\n".join(f"- {r}" for r in reasons),
        icon=":material/warning:",
    )

gauge_columns = st.columns(len(STAGES))
for column, stage in zip(gauge_columns, STAGES, strict=True):
    with column:
        if stage not in this_year.index:
            st.info(f.text("no_data", county=f.county_name, year=f.year, stage=f.text(stage)))
            continue
        row = this_year.loc[stage]
        before = verdicts[(verdicts["year"] == f.year - 1) & (verdicts["stage"] == stage)]
        previous = None if before.empty else float(before["composite_cv"].iloc[0])
        cv, threshold = float(row["composite_cv"]), float(row["threshold"])
        title = f.text(
            "gauge_title",
            stage=f.text(stage),
            cv=fmt(cv),
            verdict=f.text("within" if cv <= threshold else "over"),
            threshold=fmt(threshold, 2),
        )
        plot("cv_gauge", cv, threshold, previous, title, source_note(f), key=f"gauge-{stage}")

compliance = query("school_compliance", county=f.county_code, year=f.year, stage=f.stage)
ratios = query(
    "group_ratios", county=f.county_code, year=f.year, stage=f.stage, standard_set=f.standard_set
)
left, right = st.columns(2)
left.metric(
    f"{f.text(f.stage)} · {f.text('schools_meeting')}",
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
plot(
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
table = scorecard_table(resources, checklist, f.lang)
met_column = f.text("col_met")
st.caption(f.text("scorecard_summary", met=int(table[met_column].sum()), total=len(table)))
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=36 * (len(table) + 1) + 4,
    column_config={met_column: st.column_config.CheckboxColumn()},
)

excluded_list(f, query("excluded", county=f.county_code, year=f.year, stage=f.stage))
