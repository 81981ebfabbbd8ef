"""校际差异 School gaps: schools on one indicator, who drives the CV, and the outliers."""

import pandas as pd
import streamlit as st

from components import charts
from components.data_tables import contribution_table, school_gaps_table
from components.filters import current
from components.inequality import inequality_metrics
from components.numbers import fmt
from components.widgets import (
    chart_notes,
    group_labels,
    indicator_picker,
    no_data,
    page_header,
    plot,
    rows_equal,
    screen_table,
    shared,
    source_note,
)
from queries.db import query

f = current()
page_header(f, "page_gaps")
choice = indicator_picker(f)
indicator = choice.key
schools = query(
    "school_position", county=f.county_code, year=f.year, stage=f.stage, indicator=indicator
)
if schools.empty:
    no_data(f)
    st.stop()

labels = group_labels(f)
note = source_note(f)
measures = query(
    "county_inequality", county=f.county_code, year=f.year, stage=f.stage, indicator=indicator
)
inequality_metrics(f, measures, with_theil=False)
standard = schools["standard_value"].iloc[0]
standard = None if standard != standard or standard is None else float(standard)
county_mean = float(schools["county_mean"].iloc[0])
n_below = int((~schools["meets_standard"].astype(bool)).sum())
if standard is not None:
    title = f.text(
        "gaps_title_one" if n_below == 1 else "gaps_title",
        indicator=choice.name,
        n_below=n_below,
        standard=f"{standard:g}",
        unit=choice.unit,
    )
else:
    title = f.text(
        "gaps_title_no_standard",
        indicator=choice.name,
        mean=f"{county_mean:.2f}",
        unit=choice.unit,
    )
headers = {
    "school_name": f.text("col_school"),
    "group": f.text("col_group"),
    "students": f.text("col_students"),
    "value": choice.axis,
    "share": f"{f.text('col_share')} (%)",
    "meets": f.text("col_meets"),
    "outlier": f.text("col_outlier"),
}


def outlier_rows(schools: pd.DataFrame) -> pd.DataFrame:
    return schools[schools["is_outlier"].astype(bool)]


table = shared(school_gaps_table, schools, labels=labels, headers=headers)
outliers = shared(outlier_rows, schools)
plot(
    charts.school_bars,
    schools,
    labels=labels,
    standard=standard,
    standard_label=f.text("standard"),
    county_mean=county_mean,
    mean_label=f.text("county_mean"),
    outlier_label=f.text("outlier_legend"),
    title=title,
    note=note,
    axis_value=choice.axis,
    rest_label=f.text("gaps_rest"),
    key="school-bars",
    notes=chart_notes(
        f,
        "school_position",
        f.text("method_school_bars"),
        lambda: table,
        lambda: f.text(
            "alt_school_bars",
            n=len(schools),
            indicator=choice.name,
            top_name=schools["school_name"].iloc[0],
            top=fmt(schools["value"].iloc[0]),
            low_name=schools["school_name"].iloc[-1],
            low=fmt(schools["value"].iloc[-1]),
            mean=fmt(county_mean),
            standard=f.text("alt_standard", standard=f"{standard:g}") if standard else "",
            n_outliers=len(outliers),
        ),
    ),
)

cv = query("county_indicator_cv", county=f.county_code, stage=f.stage, standard_set=f.standard_set)
cv = shared(rows_equal, shared(rows_equal, cv, "year", f.year), "indicator", indicator)["cv"]
half = query(
    "cv_half_schools", county=f.county_code, year=f.year, stage=f.stage, indicator=indicator
).iloc[0]
top, half_share = int(half["n_schools"]), f"{half['half_share'] * 100:g}%"
ranked = shared(pd.DataFrame.nlargest, schools, 15, "cv_share")
plot(
    charts.contribution_bars,
    schools,
    labels=labels,
    title=f.text(
        "contribution_title_share_one" if top == 1 else "contribution_title_share",
        top=top,
        share=half_share,
        cv=f"{cv.iloc[0]:.3f}" if len(cv) else "—",
    ),
    note=note,
    axis_share=f.text("contribution_axis"),
    key="contribution-bars",
    notes=chart_notes(
        f,
        "cv_half_schools",
        f.text("method_contribution", share=half_share),
        lambda: contribution_table(schools, labels=labels, headers=headers, n=len(ranked)),
        lambda: f.text(
            "alt_contribution",
            n=len(ranked),
            top_name=ranked["school_name"].iloc[0] if len(ranked) else "—",
            top=float(ranked["cv_share"].iloc[0] * 100) if len(ranked) else 0.0,
            k=top,
            share=float(half["top_share"] * 100),
        ),
    ),
)

low, high = float(schools["low_fence"].iloc[0]), float(schools["high_fence"].iloc[0])
st.markdown(f.text("outlier_rule", low=f"{low:.2f}", high=f"{high:.2f}"))
if outliers.empty:
    st.success(f.text("no_outliers"))
else:
    st.warning(
        f.text("outliers_found_one" if len(outliers) == 1 else "outliers_found", n=len(outliers))
    )

st.dataframe(
    screen_table(table),
    hide_index=True,
    width="stretch",
    column_config={choice.axis: st.column_config.NumberColumn(format="%.3f")},
)
