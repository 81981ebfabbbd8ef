"""The admin editor of the county items (县域指标) on the import page: the entered items of the
sidebar's county and year in a table; saving builds a 县域指标 sheet from it and imports that
through the importer (the same checks, staging copy, atomic swap and import_log)."""

import pandas as pd
import streamlit as st

from components.filters import Filters
from components.i18n import localised
from data.county_items import COLUMNS, GROUP_HEADERS
from data.ingest import import_files
from queries.db import database_path, query

HEADERS = [c.header for c in COLUMNS]  # 年份, 区县代码, 指标类别, 序号, 数值, 说明


def editable_items(card: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The items a bureau enters (not the computed 4 and 5), with their stored value."""
    entered = card[card["source"] != "computed"]
    entered = entered[~entered["item_key"].isin(["school_size", "class_size"])]
    return pd.DataFrame(
        {
            "指标类别": entered["item_group"].map(GROUP_HEADERS),
            "序号": entered["item_no"].astype(int),
            f.text("col_item"): entered[localised("name", f.lang)],
            "数值": [
                "" if pd.isna(v) or s == "not_reported" else f"{v:g}"
                for v, s in zip(entered["value"], entered["source"], strict=True)
            ],
            "说明": entered["note"].astype(object).where(entered["note"].notna(), ""),
        }
    ).reset_index(drop=True)


def county_items_editor(f: Filters) -> None:
    st.subheader(f.text("items_editor", county=f.county_name, year=f.year))
    st.caption(f.text("items_editor_help"))
    card = query("county_scorecard", county=f.county_code, year=f.year)
    shown = editable_items(card, f)
    edited = st.data_editor(
        shown,
        hide_index=True,
        width="stretch",
        disabled=["指标类别", "序号", f.text("col_item")],
        key=f"items-{f.county_code}-{f.year}",
    )
    if not st.button(f.text("items_save"), key="items_save"):
        return
    filled = edited[edited["数值"].astype(str).str.strip() != ""]
    changed = filled.merge(shown, how="left", indicator=True)
    changed = changed[changed["_merge"] == "left_only"]
    if changed.empty:
        st.info(f.text("import_same"))
        return
    sheet = pd.DataFrame(
        {
            "年份": f.year,
            "区县代码": f.county_code,
            "指标类别": changed["指标类别"],
            "序号": changed["序号"],
            "数值": changed["数值"].astype(str).str.strip(),
            "说明": changed["说明"].fillna("").astype(str),
        },
        columns=HEADERS,
    )
    data = sheet.to_csv(index=False).encode("utf-8-sig")
    checked, report = import_files(
        [(f.text("items_editor_file"), data)], database_path(), user="admin", lang=f.lang
    )
    for problem in checked.errors + checked.warnings:
        st.error(problem.text(f.lang))
    if report.written:
        st.success(
            f.text(
                "import_done",
                added=report.added,
                replaced=report.replaced,
                unchanged=report.unchanged,
            )
        )
