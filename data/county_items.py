"""The 县域指标 sheet: county items of the quality 2017 method (domain.md §3b–3d, §7) entered by
the bureau, one row per county, year and item:

    年份, 区县代码, 指标类别 (政府保障程度 / 教育质量 / 社会认可度), 序号, 数值, 说明

数值 is a rate in %, an amount, or 1/0 (是/否) for yes/no items; 说明 (optional) gives the evidence
or source document. The sheet goes through the importer like school returns (the same checks,
staging copy, atomic swap and import_log); the admin editor of the import page writes its rows
through the same path. Items 4 and 5 are computed from the school returns (view
county_computed_items); an entered value for them is kept but shown only for a year without
school returns.
"""

import datetime as dt
import io

import duckdb
import pandas as pd

from data import boundaries
from data.checking import CheckContext, Problem, row_problem
from data.checklist import GROUPS, ChecklistItem, catalogue_items, meets
from data.template import Column
from data.writing import Counts, count_keyed_rows, replace_keyed_rows

SHEET = "县域指标"
COLUMNS: tuple[Column, ...] = (
    Column("year", "年份", "year", True, "", 2024),
    Column("county_code", "区县代码", "code", True, "6位行政区划代码", "610526"),
    Column("item_group", "指标类别", "text", True, "政府保障程度/教育质量/社会认可度", "教育质量"),
    Column("item_no", "序号", "int", True, "类别内序号（社会认可度为1）", 1),
    Column("value", "数值", "text", True, "比率填百分数；是/否填1/0", "99.2"),
    Column("note", "说明", "text", False, "佐证材料、文件名（可不填）", ""),
)
GROUP_NAMES = {"政府保障程度": "government", "教育质量": "quality", "社会认可度": "recognition"}
GROUP_HEADERS = {key: name for name, key in GROUP_NAMES.items()}
YES_NO = {"是": 1.0, "否": 0.0, "yes": 1.0, "no": 0.0}
KEY = ["county_code", "year", "item_group", "item_no"]


def group_key(text: str | None) -> str | None:
    """'教育质量' or 'quality' → 'quality'; None for anything else."""
    if text is None:
        return None
    text = str(text).strip()
    return GROUP_NAMES.get(text) or (text if text in GROUPS else None)


def item_value(text: str | None, item: ChecklistItem) -> float | None:
    """The number a 数值 cell stands for under its item (是/否 for yes/no items), or None."""
    if text is None:
        return None
    text = str(text).strip().replace(",", "")
    if item.unit == "yes/no" and text.lower() in YES_NO:
        return YES_NO[text.lower()]
    if text.endswith("%") and item.unit == "%":
        text = text[:-1]
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def check_item_rows(rows: pd.DataFrame, context: CheckContext) -> list[Problem]:
    """Group and number in the catalogue, a value that fits its item, a known county, one row
    per county, year and item."""
    from data.sheets import KINDS

    kind, lang = KINDS["county_items"], context.lang
    items = {(i.group, i.no): i for i in catalogue_items()}
    counties = boundaries.divisions("county")
    problems: list[Problem] = []
    first_seen: dict[tuple, int] = {}

    def add(r, column: str, value: object, key: str, severity: str = "error", **v) -> None:
        problems.append(row_problem(r, kind, column, value, key, lang, severity, **v))

    for r in rows.itertuples():
        if r.county_code is not None and r.county_code not in counties:
            add(r, "county_code", r.county_code, "unknown_county")
        group = group_key(r.item_group)
        if r.item_group is not None and group is None:
            add(r, "item_group", r.item_group, "item_group")
            continue
        item = items.get((group, r.item_no))
        if item is None:
            if r.item_no is not None:
                add(r, "item_no", r.item_no, "item_no", group=GROUP_HEADERS[group])
            continue
        key = (r.county_code, r.year, group, r.item_no)
        if key in first_seen:
            add(r, "item_no", r.item_no, "item_duplicate", other=first_seen[key])
        else:
            first_seen[key] = r.src_row
        if r.value is None:
            continue
        value = item_value(r.value, item)
        if value is None:
            add(r, "value", r.value, "item_not_number")
        elif item.unit == "yes/no" and value not in (0.0, 1.0):
            add(r, "value", r.value, "item_yes_no")
        elif value < 0 or (item.max_value is not None and value > item.max_value):
            add(
                r,
                "value",
                r.value,
                "item_range",
                high="∞" if item.max_value is None else f"{item.max_value:g}",
            )
        elif item.computed:
            add(r, "item_no", r.item_no, "item_computed", "warning")
    return problems


def typed_items(rows: pd.DataFrame) -> pd.DataFrame:
    """Checked sheet rows → county_checklist rows (group keys, numbers, met from the catalogue)."""
    items = {(i.group, i.no): i for i in catalogue_items()}
    out = pd.DataFrame(
        {
            "county_code": rows["county_code"].astype(str),
            "year": rows["year"].astype(int),
            "item_group": rows["item_group"].map(group_key),
            "item_no": rows["item_no"].astype(int),
        }
    )
    catalogue = [items[(g, n)] for g, n in zip(out["item_group"], out["item_no"], strict=True)]
    out["value"] = [item_value(v, i) for v, i in zip(rows["value"], catalogue, strict=True)]
    out["met"] = [
        meets(v, i.target, i.comparison) for v, i in zip(out["value"], catalogue, strict=True)
    ]
    out["note"] = [None if n is None or n == "" else str(n) for n in rows["note"]]
    return out.reset_index(drop=True)


def with_stored_notes(
    con: duckdb.DuckDBPyConnection, items: pd.DataFrame, present: frozenset[str]
) -> pd.DataFrame:
    """A file without the 说明 column keeps the notes already stored."""
    if "note" in present or not present:
        return items
    con.register("incoming_items", items[KEY])
    stored = con.execute(
        "SELECT i.county_code, i.year, i.item_group, i.item_no, c.note FROM incoming_items i "
        "JOIN county_checklist c USING (county_code, year, item_group, item_no)"
    ).df()
    con.unregister("incoming_items")
    kept = items.drop(columns="note").merge(stored, on=KEY, how="left", sort=False)
    kept["note"] = kept["note"].astype(object).where(kept["note"].notna(), None)
    return kept


ITEM_KEY = ["county_code", "year", "item_group", "item_no"]


def count_item_rows(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, present: frozenset[str]
) -> Counts:
    items = with_stored_notes(con, typed_items(rows), present)
    return count_keyed_rows(con, "county_checklist", items, ITEM_KEY, ["value", "note"])


def write_item_rows(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, present: frozenset[str]
) -> None:
    """Replace the stored items of the rows' county, year and item; add the others."""
    items = with_stored_notes(con, typed_items(rows), present)
    items["entered_at"] = dt.datetime.now().replace(microsecond=0)
    columns = [*ITEM_KEY, "value", "met", "note", "entered_at"]
    replace_keyed_rows(con, "county_checklist", items, ITEM_KEY, columns)


def items_as_template(stored: pd.DataFrame) -> pd.DataFrame:
    """county_checklist rows under the sheet's Chinese headers, ready to be imported again."""
    frame = pd.DataFrame(
        {
            "年份": stored["year"].astype(int),
            "区县代码": stored["county_code"].astype(str),
            "指标类别": stored["item_group"].map(GROUP_HEADERS),
            "序号": stored["item_no"].astype(int),
            "数值": [f"{v:g}" for v in stored["value"]],
            "说明": stored["note"].astype(object).where(stored["note"].notna(), ""),
        }
    )
    return frame.reset_index(drop=True)


def returns_workbook(sections: pd.DataFrame, items: pd.DataFrame) -> bytes:
    """A county's stored returns as one importable workbook: 学校数据 and 县域指标."""
    from data import template

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        template.sections_as_template(sections).to_excel(
            writer, sheet_name=template.SHEET, index=False
        )
        items_as_template(items).to_excel(writer, sheet_name=SHEET, index=False)
        for sheet in writer.sheets.values():
            sheet.freeze_panes = "A2"
    return buffer.getvalue()
