"""数据导出 Export: the filtered table of school indicators as CSV or Excel, and the county's
CVs and verdicts for the same years and stages."""

from functools import partial

import streamlit as st

from components.export import (
    ID_COLUMNS,
    cv_table,
    description,
    id_label,
    to_csv,
    to_xlsx,
    verdict_table,
    wide_table,
)
from components.filters import STAGES, current, years_by_county
from components.text import safe_cells
from components.widgets import columns_of, name_column, page_header, screen_table, shared
from data.county_items import returns_workbook
from queries.db import query

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

f = current()
page_header(f, "page_export")
years = sorted(int(y) for y in shared(years_by_county, query("county_years"))[f.county_code])
catalogue = query("indicator_catalogue")
names = dict(zip(catalogue["indicator"], catalogue[name_column(f)], strict=True))

left, right = st.columns(2)
if len(years) > 1:
    chosen = f.year if f.year in years else years[-1]
    year_from, year_to = left.select_slider(
        f.text("export_years"),
        options=years,
        value=(chosen, chosen),  # the year in the header; widen it for a series
        key=f"export_years-{f.county_code}-{f.year}",
    )
else:
    year_from = year_to = years[0]
# Pills, not multiselects: every choice stays visible, nothing is clipped.
stages = (
    right.pills(
        f.text("export_stages"),
        list(STAGES),
        selection_mode="multi",
        default=[f.stage],
        format_func=lambda s: f.text(s),
        key="export_stages",
    )
    or []
)
groups = (
    right.pills(
        f.text("export_groups"),
        ["urban", "town", "rural"],
        selection_mode="multi",
        default=["urban", "town", "rural"],
        format_func=lambda g: f.text(g),
        key="export_groups",
    )
    or []
)
indicators = (
    st.pills(
        f.text("export_indicators"),
        list(names),
        selection_mode="multi",
        default=list(names),
        format_func=names.get,
        key="export_indicators",
    )
    or []
)
id_columns = (
    st.pills(
        f.text("export_id_columns"),
        list(ID_COLUMNS),
        selection_mode="multi",
        default=list(ID_COLUMNS),
        format_func=lambda c: id_label(c, f.lang),
        key="export_id_columns",
    )
    or []
)
flags = st.toggle(f.text("export_flags"), value=True, key="export_flags")
values = query(
    "export_values",
    county=f.county_code,
    year_from=year_from,
    year_to=year_to,
    stages=stages,
    indicators=indicators,
    groups=groups,
)
if values.empty:
    st.info(f.text("export_empty"))
    st.stop()

table = shared(wide_table, values, catalogue, f.lang, flags)
dropped = {id_label(c, f.lang) for c in ID_COLUMNS if c not in id_columns}
columns = [c for c in table.columns if c not in dropped]
table = shared(columns_of, table, tuple(columns))
st.caption(f.text("export_rows", n=len(table)))
st.dataframe(screen_table(table), hide_index=True, width="stretch", height=420)

cvs = shared(
    cv_table,
    query("export_cvs", county=f.county_code, year_from=year_from, year_to=year_to, stages=stages),
    f.lang,
)
verdicts = shared(
    verdict_table,
    query(
        "export_verdicts", county=f.county_code, year_from=year_from, year_to=year_to, stages=stages
    ),
    f.lang,
)
filters = {
    f.text("county"): f"{f.county_name} ({f.county_code})",
    f.text("export_years"): f"{year_from}–{year_to}",
    f.text("export_stages"): "、".join(f.text(s) for s in stages),
    f.text("export_groups"): "、".join(f.text(g) for g in groups),
}
stem = f"junheng-{f.county_code}-{year_from}-{year_to}"
more = ((f.text("export_sheet_cvs"), cvs), (f.text("export_sheet_verdicts"), verdicts))
left, right = st.columns(2)
left.download_button(
    f.text("export_csv"),
    partial(to_csv, table),  # built when clicked, not on every rerun
    f"{stem}.csv",
    "text/csv",
    icon=":material/download:",
    key="export_csv",
)
right.download_button(
    f.text("export_xlsx"),
    partial(to_xlsx, table, description(columns, catalogue, filters, f.lang), f.lang, more),
    f"{stem}.xlsx",
    XLSX_MIME,
    icon=":material/table_view:",
    key="export_xlsx",
)

st.subheader(f.text("export_cvs_heading"))
st.caption(f.text("export_cvs_help"))
st.dataframe(screen_table(verdicts), hide_index=True, width="stretch")
st.dataframe(screen_table(cvs), hide_index=True, width="stretch", height=320)
left, right = st.columns(2)
left.download_button(
    f.text("export_cvs_csv"),
    partial(to_csv, cvs),
    f"junheng-cv-{f.county_code}-{year_from}-{year_to}.csv",
    "text/csv",
    icon=":material/download:",
    key="export_cvs_csv",
)
right.download_button(
    f.text("export_verdicts_csv"),
    partial(to_csv, verdicts),
    f"junheng-verdicts-{f.county_code}-{year_from}-{year_to}.csv",
    "text/csv",
    icon=":material/download:",
    key="export_verdicts_csv",
)

st.divider()
st.caption(f.text("export_returns_help"))
st.download_button(
    f.text("export_returns"),
    partial(
        returns_workbook,
        shared(safe_cells, query("county_sections", county=f.county_code)),
        shared(safe_cells, query("county_checklist", county=f.county_code)),
    ),
    f"junheng-returns-{f.county_code}.xlsx",
    XLSX_MIME,
    icon=":material/table_view:",
    key="export_returns",
)
