"""The sheet kinds the importer knows: a kind = its columns (headers), its row checks and its
writer. A workbook may hold several kinds, one sheet each (found by sheet name); a CSV or a
workbook without a known sheet name is matched to the kind whose headers it shares most.

To add a kind, define its columns (data/template.py `Column`s), a row check
`(rows, CheckContext) -> list[Problem]` (data/checking.py) and a counter and writer
(data/writing.py: `(con, rows, present) -> Counts` / `-> None`), then `register(SheetKind(...))`
below the marker of your area at the end of this file.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import duckdb
import pandas as pd

from data import checking, template, writing
from data.template import Column

RowCheck = Callable[[pd.DataFrame, checking.CheckContext], list[checking.Problem]]
Counter = Callable[[duckdb.DuckDBPyConnection, pd.DataFrame, frozenset[str]], writing.Counts]
Writer = Callable[[duckdb.DuckDBPyConnection, pd.DataFrame, frozenset[str]], None]


@dataclass(frozen=True)
class SheetKind:
    name: str  # registry key, e.g. "schools"
    sheet: str  # the sheet's name in a workbook, e.g. "学校数据"
    columns: tuple[Column, ...]
    check_rows: RowCheck
    count: Counter  # added / replaced / unchanged against the stored rows
    write: Writer  # inside the import's transaction

    @cached_property
    def by_header(self) -> dict[str, Column]:
        """Columns by Chinese header and by English key."""
        return {c.header: c for c in self.columns} | {c.key: c for c in self.columns}

    def header_of(self, key: str) -> str:
        return next(c.header for c in self.columns if c.key == key)

    def matches(self, headers: list[str]) -> int:
        """How many of `headers` are this kind's."""
        return sum(str(h).strip() in self.by_header for h in headers)


KINDS: dict[str, SheetKind] = {}


def register(kind: SheetKind) -> None:
    KINDS[kind.name] = kind


def kind_for(sheet: str, headers: list[str]) -> SheetKind:
    """The kind named by the sheet, else the one sharing most headers (schools on a tie)."""
    for kind in KINDS.values():
        if sheet and sheet == kind.sheet:
            return kind
    return max(KINDS.values(), key=lambda k: (k.matches(headers), k.name == "schools"))


register(
    SheetKind(
        name="schools",
        sheet=template.SHEET,
        columns=template.COLUMNS,
        check_rows=checking.check_school_rows,
        count=writing.count_school_rows,
        write=writing.write_school_rows,
    )
)

# --- engine (issue 10): register 县域指标 here ---

# --- monitoring (issue 22): register 责任督学 here ---
from data import inspectors  # noqa: E402

register(
    SheetKind(
        name="inspectors",
        sheet=inspectors.SHEET,
        columns=inspectors.COLUMNS,
        check_rows=inspectors.check_inspector_rows,
        count=inspectors.count_inspector_rows,
        write=inspectors.write_inspector_rows,
    )
)
