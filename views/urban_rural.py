"""城乡差距 Urban–rural: ratios of group means, the Theil index split, box plots by group."""

import streamlit as st

from components.filters import current
from components.inequality import inequality_metrics
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
page_header(f, "page_urban_rural")
ratios = query(
    "county_group_ratios",
    county=f.county_code,
    year=f.year,
    stage=f.stage,
    standard_set=f.standard_set,
)
if ratios.empty:
    no_data(f)
    st.stop()
if ratios["urban_rural_ratio"].isna().all() and ratios["town_rural_ratio"].isna().all():
    st.info(f.text("no_groups"))
    st.stop()

note = source_note(f)
labels = group_labels(f)
wide = int((ratios["urban_rural_ratio"] > 1.2).sum())
plot(
    "ratio_bars",
    ratios,
    name_column(f),
    {
        "urban_rural_ratio": f.text("urban_rural_ratio"),
        "town_rural_ratio": f.text("town_rural_ratio"),
    },
    f.text("ratio_title", n=wide),
    note,
    f.text("ratio_axis"),
    key="ratio-bars",
)

choice = indicator_picker(f)
indicator = choice.key
measures = query(
    "county_inequality", county=f.county_code, year=f.year, stage=f.stage, indicator=indicator
)
inequality_metrics(f, measures, with_theil=True)
theil = query("county_theil", county=f.county_code, stage=f.stage, indicator=indicator)
now = theil[theil["year"] == f.year]
share = f"{now['between_share'].iloc[0] * 100:.1f}%" if len(now) else "—"
first, last = int(theil["year"].min()), int(theil["year"].max())
plot(
    "theil_bars",
    theil,
    {"between": f.text("theil_between"), "within": f.text("theil_within")},
    f.text("theil_title", indicator=choice.name, share=share, year=f.year),
    source_note(f, f"{first}–{last}"),
    f.text("theil_axis"),
    f.text("axis_year"),
    key="theil-bars",
)

schools = query(
    "school_position", county=f.county_code, year=f.year, stage=f.stage, indicator=indicator
)
standard = schools["standard_value"].iloc[0] if len(schools) else None
standard = None if standard is None or standard != standard else float(standard)
plot(
    "group_boxes",
    schools,
    labels,
    standard,
    f.text("standard"),
    f.text("box_title", indicator=choice.name, year=f.year),
    note,
    choice.axis,
    key="group-boxes",
)
