"""校际差异 School gaps: schools on one indicator, who drives the CV, and the outliers."""

import streamlit as st

from components.filters import current
from components.inequality import inequality_metrics
from components.widgets import (
    group_labels,
    indicator_picker,
    no_data,
    page_header,
    plot,
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
if standard is not None:
    title = f.text(
        "gaps_title",
        indicator=choice.name,
        n_below=int((~schools["meets_standard"].astype(bool)).sum()),
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
plot(
    "school_bars",
    schools,
    labels,
    standard,
    f.text("standard"),
    county_mean,
    f.text("county_mean"),
    title,
    note,
    choice.axis,
    f.text("schools_axis"),
    key="school-bars",
)

cv = query("county_indicator_cv", county=f.county_code, stage=f.stage, standard_set=f.standard_set)
cv = cv[(cv["year"] == f.year) & (cv["indicator"] == indicator)]["cv"]
shares = schools["cv_share"].fillna(0).sort_values(ascending=False)
top = int((shares.cumsum() < 0.5).sum()) + 1 if shares.sum() > 0 else 0
plot(
    "contribution_bars",
    schools,
    labels,
    f.text("contribution_title", top=top, cv=f"{cv.iloc[0]:.3f}" if len(cv) else "—"),
    note,
    f.text("contribution_axis"),
    key="contribution-bars",
)

low, high = float(schools["low_fence"].iloc[0]), float(schools["high_fence"].iloc[0])
st.markdown(f.text("outlier_rule", low=f"{low:.2f}", high=f"{high:.2f}"))
outliers = schools[schools["is_outlier"].astype(bool)]
if outliers.empty:
    st.success(f.text("no_outliers"))
else:
    st.warning(f.text("outliers_found", n=len(outliers)))

table = schools.assign(
    group=schools["urban_rural_group"].map(labels),
    share=(schools["cv_share"] * 100).round(2),
    meets=schools["meets_standard"].map({True: "✓", False: "✗"}).fillna("—"),
    outlier=schools["is_outlier"].map({True: "!", False: ""}),
)[["school_name", "group", "students", "value", "share", "meets", "outlier"]].rename(
    columns={
        "school_name": f.text("col_school"),
        "group": f.text("col_group"),
        "students": f.text("col_students"),
        "value": choice.axis,
        "share": f"{f.text('col_share')} (%)",
        "meets": f.text("col_meets"),
        "outlier": f.text("col_outlier"),
    }
)
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={choice.axis: st.column_config.NumberColumn(format="%.3f")},
)
