"""Reading: the bytes of an uploaded file → raw tables of text cells.

API (stable):

- `RawTable` — one sheet (or a CSV) as text: `frame` (columns = header cells as typed, every
  cell a str), `header_row` and `row_numbers` (the spreadsheet row number of each frame row, as
  the user sees it), `file`, `sheet`.
- `read_file(data, name, lang, sheets)` — every sheet of a workbook whose name is in `sheets`
  (the registered sheet kinds), or its first sheet when none is; a CSV is one table. Returns
  (tables, problems); a file that cannot be read gives no table and an error.
- `cell_text(value)` — a spreadsheet cell as the text the user typed.

Nothing here knows the template: headers are matched and cells parsed in data/checking.py.
"""

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd

from data.checking import Problem, message

MAX_FILE_MB = 40  # about 230,000 rows of CSV; split larger returns by county


@dataclass
class RawTable:
    file: str
    sheet: str  # "" for a CSV
    frame: pd.DataFrame  # text cells; columns are the header cells (or "#n" when empty)
    header_row: int  # spreadsheet row of the header
    row_numbers: list[int]  # spreadsheet row of each frame row


def read_file(
    data: bytes, name: str, lang: str, sheets: Sequence[str]
) -> tuple[list[RawTable], list[Problem]]:
    """The raw tables of one file (see the module's docstring)."""

    def fail(key: str, **values: object) -> tuple[list[RawTable], list[Problem]]:
        return [], [Problem(name, "", None, "", "", message(key, lang, **values), "error")]

    if len(data) > MAX_FILE_MB * 1_000_000:
        return fail("too_big", limit=MAX_FILE_MB)
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(data, name, lang, sheets)
    if suffix == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            return fail("not_text")
        if "\x00" in text:
            return fail("not_text")
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError):
            return fail("empty")
        return [RawTable(name, "", frame, 1, list(range(2, len(frame) + 2)))], []
    return fail("bad_extension")


def read_xlsx(
    data: bytes, name: str, lang: str, sheets: Sequence[str]
) -> tuple[list[RawTable], list[Problem]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], [Problem(name, "", None, "", "", message("not_xlsx", lang), "error")]
    chosen = [s for s in book.worksheets if s.title in sheets] or book.worksheets[:1]
    tables, problems = [], []
    for sheet in chosen:
        table, found = read_sheet(sheet, name, lang)
        problems += found
        if table is not None:
            tables.append(table)
    return tables, problems


def read_sheet(sheet, name: str, lang: str) -> tuple[RawTable | None, list[Problem]]:
    problems: list[Problem] = []
    rows = list(sheet.iter_rows(values_only=False))
    if not rows:
        return None, [Problem(name, sheet.title, None, "", "", message("empty", lang), "error")]
    merged_header = any(r.min_row == 1 for r in sheet.merged_cells.ranges)
    header = ["" if c.value is None else str(c.value).strip() for c in rows[0]]
    while header and header[-1] == "" and not merged_header:
        header.pop()
    body, numbers = [], []
    for r in rows[1:]:
        values = []
        for c in r[: len(header)]:
            if c.data_type == "f":
                problems.append(
                    Problem(
                        name,
                        sheet.title,
                        c.row,
                        header[c.column - 1],
                        str(c.value),
                        message("formula", lang),
                        "error",
                    )
                )
            values.append("" if c.value is None else cell_text(c.value))
        if any(v != "" for v in values):
            body.append(values + [""] * (len(header) - len(values)))
            numbers.append(r[0].row)
    for i, h in enumerate(header):
        if h == "":
            problems.append(
                Problem(
                    name, sheet.title, 1, f"#{i + 1}", "", message("merged_header", lang), "error"
                )
            )
    frame = pd.DataFrame(body, columns=[h or f"#{i + 1}" for i, h in enumerate(header)])
    return RawTable(name, sheet.title, frame, 1, numbers), problems


def cell_text(value: object) -> str:
    """Excel cells as text: 2024.0 → "2024", dates as ISO."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()
