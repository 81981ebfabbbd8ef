"""The county-level items of the quality 2017 method (shared/domain.md §3b–3d).

Their catalogue (names, units, targets) lives in the database (data/catalogue.sql, table
`checklist_items`); this module reads it and says whether a value meets its item."""

from functools import cache
from typing import NamedTuple

import duckdb

from data.catalogue import catalogue_connection

GROUPS = ("government", "quality", "recognition")


class ChecklistItem(NamedTuple):
    group: str  # government | quality | recognition
    no: int
    key: str
    name_zh: str
    name_en: str
    unit: str  # '%', '元', 'ratio' or 'yes/no' (value 1 = yes)
    target: float
    comparison: str  # ">=", "<=" or "<"
    max_value: float | None  # largest sensible value (None: no maximum)
    computed: bool  # computed from the school returns (items 4 and 5)


def items_of(con: duckdb.DuckDBPyConnection) -> tuple[ChecklistItem, ...]:
    """The catalogue of the database open on `con`, in group and number order."""
    rows = con.execute(
        "SELECT item_group, item_no, item_key, name_zh, name_en, unit, target, comparison, "
        "max_value, computed FROM checklist_items "
        "ORDER BY CASE item_group WHEN 'government' THEN 1 WHEN 'quality' THEN 2 ELSE 3 END, "
        "item_no"
    ).fetchall()
    return tuple(ChecklistItem(*row) for row in rows)


@cache
def catalogue_items() -> tuple[ChecklistItem, ...]:
    """The catalogue of this version of the product (data/catalogue.sql)."""
    with catalogue_connection() as con:
        return items_of(con)


def meets(value: float, target: float, comparison: str) -> bool:
    """Whether `value` meets `target` under `comparison` ('>=', '<=' or '<')."""
    return {">=": value >= target, "<=": value <= target, "<": value < target}[comparison]
