"""城乡差距 Urban–rural: ratios of group means, the Theil index split, box plots by group."""

import pandas as pd
import streamlit as st

from components import charts
from components.data_tables import group_boxes_table, ratio_table, theil_table
from components.filters import current
from components.i18n import localised
from components.inequality import inequality_metrics
from components.numbers import fmt
from components.widgets import (
    chart_notes,
    group_labels,
    indicator_picker,
    name_column,
    no_data,
    page_header,
    plot,
    rows_equal,
    shared,
    source_note,
    wide_gap_title,
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
names = name_column(f)
headline = query(
    "wide_gaps", county=f.county_code, year=f.year, stage=f.stage, standard_set=f.standard_set
).iloc[0]
wide = f"{headline['wide_gap_ratio']:g}"
plot(
    charts.ratio_bars,
    ratios,
    name_column=names,
    labels={
        "urban_rural_ratio": f.text("urban_rural_ratio"),
        "town_rural_ratio": f.text("town_rural_ratio"),
    },
    title=wide_gap_title(f),
    note=note,
    axis_ratio=f.text("ratio_axis"),
    equal_label=f.text("ratio_equal"),
    wide_ratio=float(headline["wide_gap_ratio"]),
    wide_label=f.text("ratio_wide_line", ratio=wide),
    key="ratio-bars",
    notes=chart_notes(
        f,
        "wide_gaps",
        f.text("method_ratio", wide=wide),
        lambda: ratio_table(
            ratios,
            headers={
                names: f.text("col_indicator"),
                "urban_rural_ratio": f.text("col_ratio_urban"),
                "town_rural_ratio": f.text("col_ratio_town"),
            },
        ),
        lambda: f.text(
            "alt_ratio",
            n=len(ratios),
            top_name=headline[localised("widest", f.lang)] or "—",
            top=fmt(headline["widest_ratio"], 2),
        ),
    ),
)

choice = indicator_picker(f)
indicator = choice.key
measures = query(
    "county_inequality", county=f.county_code, year=f.year, stage=f.stage, indicator=indicator
)
inequality_metrics(f, measures, with_theil=True)
theil = query("county_theil", county=f.county_code, stage=f.stage, indicator=indicator)
now = shared(rows_equal, theil, "year", f.year)
share = f"{now['between_share'].iloc[0] * 100:.1f}%" if len(now) else "—"
first, last = int(theil["year"].min()), int(theil["year"].max())
plot(
    charts.theil_bars,
    theil,
    labels={"between": f.text("theil_between"), "within": f.text("theil_within")},
    title=f.text("theil_title", indicator=choice.name, share=share, year=f.year),
    note=source_note(f, f"{first}–{last}"),
    axis_theil=f.text("theil_axis"),
    axis_year=f.text("axis_year"),
    chosen_year=f.year,
    chosen_label=f.text("chosen_year"),
    key="theil-bars",
    notes=chart_notes(
        f,
        "county_theil",
        f.text("method_theil"),
        lambda: theil_table(
            theil,
            headers={
                "year": f.text("col_year"),
                "theil": f.text("col_theil"),
                "theil_between": f.text("theil_between"),
                "theil_within": f.text("theil_within"),
                "between_share": f.text("col_between_share"),
            },
        ),
        lambda: f.text(
            "alt_theil",
            first=first,
            last=last,
            indicator=choice.name,
            year=f.year,
            theil=fmt(now["theil"].iloc[0] if len(now) else None, 4),
            share=share,
        ),
    ),
)

schools = query(
    "school_position", county=f.county_code, year=f.year, stage=f.stage, indicator=indicator
)
standard = schools["standard_value"].iloc[0] if len(schools) else None
standard = None if standard is None or standard != standard else float(standard)


def median_by_group(schools: pd.DataFrame) -> pd.Series:
    return schools.groupby("urban_rural_group")["value"].median()


medians = shared(median_by_group, schools)
plot(
    charts.group_boxes,
    schools,
    labels=labels,
    standard=standard,
    standard_label=f.text("standard"),
    title=f.text("box_title", indicator=choice.name, year=f.year),
    note=note,
    axis_value=choice.axis,
    key="group-boxes",
    notes=chart_notes(
        f,
        "school_position",
        f.text("method_boxes"),
        lambda: group_boxes_table(
            schools,
            labels=labels,
            headers={
                "school_name": f.text("col_school"),
                "group": f.text("col_group"),
                "students": f.text("col_students"),
                "value": choice.axis,
            },
        ),
        lambda: f.text(
            "alt_boxes",
            indicator=choice.name,
            medians="; ".join(
                f"{labels[g]} {fmt(medians[g])}" for g in charts.GROUPS if g in medians.index
            ),
        ),
    ),
)
