"""数据导出 Export: the filtered table of school indicators as CSV or Excel."""

from functools import partial

import streamlit as st

from components.export import description, to_csv, to_xlsx, wide_table
from components.filters import STAGES, current
from components.text import safe_cells
from components.widgets import name_column, page_header, shared
from data.county_items import returns_workbook
from queries.db import query

f = current()
page_header(f, "page_export")
years = sorted(
    int(y) for y in query("county_years").set_index("county_code").loc[f.county_code, "years"]
)
catalogue = query("indicator_catalogue")
names = dict(zip(catalogue["indicator"], catalogue[name_column(f)], strict=True))

left, right = st.columns(2)
if len(years) > 1:
    year_from, year_to = left.select_slider(
        f.text("export_years"), options=years, value=(years[0], years[-1]), key="export_years"
    )
else:
    year_from = year_to = years[0]
stages = right.multiselect(
    f.text("export_stages"),
    list(STAGES),
    default=[f.stage],
    format_func=lambda s: f.text(s),
    key="export_stages",
)
indicators = left.multiselect(
    f.text("export_indicators"),
    list(names),
    default=list(names),
    format_func=names.get,
    key="export_indicators",
)
groups = right.multiselect(
    f.text("export_groups"),
    ["urban", "town", "rural"],
    default=["urban", "town", "rural"],
    format_func=lambda g: f.text(g),
    key="export_groups",
)
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

table = shared(wide_table, values, catalogue, f.lang)
columns = st.multiselect(
    f.text("export_columns"), list(table.columns), default=list(table.columns), key="export_columns"
)
table = table[columns]
st.caption(f.text("export_rows", n=len(table)))
st.dataframe(table, hide_index=True, width="stretch", height=420)

filters = {
    f.text("county"): f"{f.county_name} ({f.county_code})",
    f.text("export_years"): f"{year_from}–{year_to}",
    f.text("export_stages"): "、".join(f.text(s) for s in stages),
    f.text("export_groups"): "、".join(f.text(g) for g in groups),
}
stem = f"junheng-{f.county_code}-{year_from}-{year_to}"
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
    partial(to_xlsx, table, description(columns, catalogue, filters, f.lang), f.lang),
    f"{stem}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table_view:",
    key="export_xlsx",
)

st.divider()
st.caption(f.text("export_returns_help"))
st.download_button(
    f.text("export_returns"),
    partial(
        returns_workbook,
        safe_cells(query("county_sections", county=f.county_code)),
        safe_cells(query("county_checklist", county=f.county_code)),
    ),
    f"junheng-returns-{f.county_code}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table_view:",
    key="export_returns",
)
