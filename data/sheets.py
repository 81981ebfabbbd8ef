"""The sheet kinds the importer knows: a kind = its columns (headers), its row checks and its
writer (and optionally a preview of its changes). A workbook may hold several kinds, one sheet
each (found by sheet name); a CSV or a workbook without a known sheet name is matched to the
kind whose headers it shares most.

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
from data.checking import header_key
from data.template import Column

RowCheck = Callable[[pd.DataFrame, checking.CheckContext], list[checking.Problem]]
Counter = Callable[[duckdb.DuckDBPyConnection, pd.DataFrame, frozenset[str]], writing.Counts]
Writer = Callable[[duckdb.DuckDBPyConnection, pd.DataFrame, frozenset[str]], None]
# Rows of the preview: status (added / replaced / unchanged), what identifies the row, and for
# replaced rows the fields that change ("field: old → new").
Previewer = Callable[[duckdb.DuckDBPyConnection | None, pd.DataFrame, frozenset[str]], pd.DataFrame]


@dataclass(frozen=True)
class SheetKind:
    name: str  # registry key, e.g. "schools"
    sheet: str  # the sheet's name in a workbook, e.g. "学校数据"
    columns: tuple[Column, ...]
    check_rows: RowCheck
    count: Counter  # added / replaced / unchanged against the stored rows
    write: Writer  # inside the import's transaction

    preview: Previewer | None = None  # the rows' changes, for the preview (None: counts only)

    @cached_property
    def by_header(self) -> dict[str, Column]:
        """Columns by Chinese header and by English key."""
        return {c.header: c for c in self.columns} | {c.key: c for c in self.columns}

    @cached_property
    def by_header_key(self) -> dict[str, Column]:
        return {header_key(h): c for h, c in self.by_header.items()}

    def column_for(self, header: str) -> Column | None:
        """The column a header names: the Chinese header or the English key, compared after
        NFKC, without spaces and in lower case (checking.header_key)."""
        return self.by_header_key.get(header_key(header))

    def header_of(self, key: str) -> str:
        return next(c.header for c in self.columns if c.key == key)

    def matches(self, headers: list[str]) -> int:
        """How many of `headers` are this kind's."""
        return sum(self.column_for(str(h)) is not None for h in headers)


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
        preview=writing.preview_school_rows,
    )
)

# --- engine (issue 10): register 县域指标 here ---
from data import county_items  # noqa: E402

register(
    SheetKind(
        name="county_items",
        sheet=county_items.SHEET,
        columns=county_items.COLUMNS,
        check_rows=county_items.check_item_rows,
        count=county_items.count_item_rows,
        write=county_items.write_item_rows,
    )
)

# --- monitoring (issue 22): register 责任督学 here ---
