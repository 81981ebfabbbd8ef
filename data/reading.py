"""Reading: the bytes of an uploaded file → raw tables of text cells, with bounded work.

API (stable):

- `RawTable` — one sheet (or a CSV) as text: `frame` (columns = header cells as typed, every
  cell a str), `header_row` and `row_numbers` (the spreadsheet row number of each frame row, as
  the user sees it), `file`, `sheet`.
- `read_file(data, name, lang, sheets, headers=())` — every sheet of a workbook whose name is in
  `sheets` (the registered sheet kinds), or its first sheet but the template's notes when none
  is (any other sheet with rows: a warning); a CSV is one table.
  The header row is the row among the first HEADER_SEARCH_ROWS that holds most of `headers`
  (title rows above it are skipped); 合计 / 小计 rows are skipped with a warning. Returns
  (tables, problems); a file that cannot be read gives no table and an error.
- `header_key(text)` — the form in which headers are compared (NFKC, no spaces, lower case).
- `cell_text(value)` — a spreadsheet cell as the text the user typed.

Bounded work: nothing is loaded before its size is known. The upload is capped (MAX_FILE_MB);
a workbook's zip members are inspected first (count, declared and actual uncompressed size, by
streaming decompression that stops at the cap), and every worksheet's XML is scanned for its
real extent (the farthest cell, e.g. XFD1048576) before python-calamine loads a sheet: calamine
keeps a sheet as a dense rows × columns grid, so one far cell would cost gigabytes. A CSV's
widest line and its number of lines are counted before pandas parses it.
"""

import datetime as dt
import html
import io
import re
import zipfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd
import python_calamine

from data.checking import Problem, header_key, message
from data.template import NOTES_SHEET

MAX_FILE_MB = 40  # the upload itself; about 230,000 rows of CSV
MAX_UNZIPPED_MB = 400  # a workbook's members, decompressed (a 200,000-row sheet is ~250 MB)
MAX_MEMBERS = 2000
MAX_ROWS = 250_000  # a year of the whole country is ~200,000 school sections
MAX_COLUMNS = 120
MAX_CELLS = 8_000_000  # rows × columns of the grid calamine allocates
HEADER_SEARCH_ROWS = 30  # title rows above the header
CHUNK = 1 << 20
TOTAL_ROW = re.compile(r"(合计|小计|总计)[:：]?$")
SPREADSHEETS = (".xlsx", ".xlsm", ".ods")


@dataclass
class RawTable:
    file: str
    sheet: str  # "" for a CSV
    frame: pd.DataFrame  # text cells; columns are the header cells (or "#n" when empty)
    header_row: int  # spreadsheet row of the header
    row_numbers: list[int]  # spreadsheet row of each frame row


class Refused(Exception):
    """A file refused before it is loaded: a message key and its values."""

    def __init__(self, key: str, sheet: str = "", **values: object) -> None:
        super().__init__(key)
        self.key, self.sheet, self.values = key, sheet, values


def read_file(
    data: bytes, name: str, lang: str, sheets: Sequence[str], headers: Collection[str] = ()
) -> tuple[list[RawTable], list[Problem]]:
    """The raw tables of one file (see the module's docstring)."""
    known = {header_key(h) for h in headers}
    try:
        if len(data) > MAX_FILE_MB * 1_000_000:
            raise Refused("too_big", limit=MAX_FILE_MB)
        suffix = Path(name).suffix.lower()
        if suffix in SPREADSHEETS:
            return read_workbook(data, name, lang, sheets, known)
        if suffix == ".csv":
            return read_csv(data, name, lang, known)
        if suffix == ".xls":
            raise Refused("old_xls")
        raise Refused("bad_extension")
    except Refused as refused:
        reason = message(refused.key, lang, **refused.values)
        return [], [Problem(name, refused.sheet, None, "", "", reason, "error")]


# --------------------------------------------------------------------------- workbooks


@dataclass
class Extent:
    """What a worksheet's XML holds: its farthest row and column, and its formula cells."""

    rows: int = 0
    columns: int = 0
    formulas: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, text)


def read_workbook(
    data: bytes, name: str, lang: str, sheets: Sequence[str], known: set[str]
) -> tuple[list[RawTable], list[Problem]]:
    extents = inspect_zip(data, Path(name).suffix.lower())
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
    except Exception as error:  # calamine raises its own errors and plain ones for broken XML
        raise Refused("not_xlsx") from error
    chosen = [s for s in names if s in sheets] or [s for s in names if s != NOTES_SHEET][:1]
    tables, problems = [], []
    for left in names:  # a sheet with rows that is not imported is said, never dropped silently
        if left not in chosen and left != NOTES_SHEET and extents.get(left, Extent()).rows > 1:
            problems.append(
                Problem(
                    name,
                    left,
                    None,
                    "",
                    "",
                    message("sheet_left", lang, known="、".join(sheets), sheets="、".join(chosen)),
                    "warning",
                )
            )
    worst = Extent(
        max((e.rows for e in extents.values()), default=0),
        max((e.columns for e in extents.values()), default=0),
    )
    for sheet_name in chosen:
        extent = extents.get(sheet_name, worst)
        check_extent(extent, sheet_name)
        try:
            sheet = book.get_sheet_by_name(sheet_name)
            start = sheet.start or (0, 0)
            numbered = []
            for i, row in enumerate(sheet.iter_rows()):
                cells = [v if v.__class__ is str else cell_text(v) for v in row]  # hot loop
                if any(cells):
                    numbered.append((i + 1, cells))
            del sheet
        except Exception as error:
            raise Refused("not_xlsx", sheet_name) from error
        table, found = shape_table(numbered, start[1], name, sheet_name, lang, known)
        problems += found
        if table is not None:
            problems += formula_problems(extent, start[1], table, lang)
            tables.append(table)
    book.close()
    return tables, problems


def check_extent(extent: Extent, sheet: str) -> None:
    far = f"{column_letters(extent.columns)}{extent.rows}"
    if extent.columns > MAX_COLUMNS:
        raise Refused("too_many_columns", sheet, cell=far, limit=MAX_COLUMNS)
    if extent.rows > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise Refused("too_many_rows", sheet, cell=far, limit=f"{MAX_ROWS:,}")
    if extent.rows * extent.columns > MAX_CELLS:
        raise Refused("too_many_cells", sheet, cell=far, limit=f"{MAX_CELLS:,}")


def inspect_zip(data: bytes, suffix: str) -> dict[str, Extent]:
    """The extent of every worksheet, by sheet name, read from the zip without loading it:
    members counted, sizes capped while decompressing (declared sizes can lie)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Refused("not_xlsx") from error
    if len(members) > MAX_MEMBERS:
        raise Refused("too_big_unzipped", limit=MAX_UNZIPPED_MB)
    if sum(m.file_size for m in members) > MAX_UNZIPPED_MB * 1_000_000:
        raise Refused("too_big_unzipped", limit=MAX_UNZIPPED_MB)
    budget = [MAX_UNZIPPED_MB * 1_000_000]
    with archive:
        if suffix == ".ods":
            if "content.xml" not in archive.namelist():
                raise Refused("not_xlsx")
            return scan_ods(stream(archive, "content.xml", budget))
        parts = sheet_parts(archive, budget)
        extents = {}
        for member in archive.namelist():
            if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                extent = scan_xlsx_sheet(stream(archive, member, budget))
                extents[parts.get(member, member)] = extent
        return extents


def stream(archive: zipfile.ZipFile, member: str, budget: list[int]):
    """Decompressed blocks of a member, counting against the shared budget."""
    try:
        with archive.open(member) as handle:
            while block := handle.read(CHUNK):
                budget[0] -= len(block)
                if budget[0] < 0:
                    raise Refused("too_big_unzipped", limit=MAX_UNZIPPED_MB)
                yield block
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise Refused("not_xlsx") from error


def read_small(archive: zipfile.ZipFile, member: str, budget: list[int]) -> str:
    if member not in archive.namelist():
        return ""
    return b"".join(stream(archive, member, budget)).decode("utf-8", "replace")


SHEET_TAG = re.compile(r"<(?:\w+:)?sheet\b([^>]*)>")
ATTR = re.compile(r'([\w:]+)="([^"]*)"')
RELATIONSHIP = re.compile(r"<(?:\w+:)?Relationship\b([^>]*)>")


def sheet_parts(archive: zipfile.ZipFile, budget: list[int]) -> dict[str, str]:
    """xl/worksheets/sheetN.xml → sheet name (workbook.xml and its relationships)."""
    targets = {}
    for tag in RELATIONSHIP.finditer(read_small(archive, "xl/_rels/workbook.xml.rels", budget)):
        attrs = dict(ATTR.findall(tag.group(1)))
        target = attrs.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[attrs.get("Id")] = str(PurePosixPath(path))
    parts = {}
    for tag in SHEET_TAG.finditer(read_small(archive, "xl/workbook.xml", budget)):
        attrs = dict(ATTR.findall(tag.group(1)))
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        if rid in targets and "name" in attrs:
            parts[targets[rid]] = html.unescape(attrs["name"])
    return parts


ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
ROW_REF = re.compile(rb'\sr="([0-9]{1,9})"')
CELL_TAG = re.compile(rb"<(?:\w+:)?c(?=[\s>/])([^>]*)>")
CELL_REF = re.compile(rb'\sr="([A-Za-z]{1,4})([0-9]{1,9})"')
FORMULA_CELL = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,4})([0-9]{1,9})"[^>]*>(?:(?!</(?:\w+:)?c>).)*?'
    rb"<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)",
    re.DOTALL,
)
MAX_ROW_XML = 16 * CHUNK  # one row's XML: a row wider than this is far over MAX_COLUMNS


def scan_xlsx_sheet(blocks) -> Extent:
    """The farthest row and column of a worksheet XML (explicit r="B7" references, and cells
    without one counted in their row) and its formula cells, reading whole rows at a time."""
    extent = Extent()
    carry = b""
    for block in blocks:
        buffer = carry + block
        cut = last_row_start(buffer)
        if cut <= 0:
            if len(buffer) > MAX_ROW_XML:
                raise Refused("too_many_columns", cell="", limit=MAX_COLUMNS)
            carry = buffer
            continue
        scan_rows(buffer[:cut], extent)
        carry = buffer[cut:]
    scan_rows(carry, extent)
    return extent


def last_row_start(buffer: bytes) -> int:
    found = -1
    for match in ROW_TAG.finditer(buffer, max(0, len(buffer) - 4 * CHUNK)):
        found = match.start()
    if found == -1 and len(buffer) > 4 * CHUNK:
        found = max((m.start() for m in ROW_TAG.finditer(buffer)), default=-1)
    return found


ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,9})"')
CELL_LETTERS = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Za-z]{1,4})[0-9]')


def scan_rows(xml: bytes, extent: Extent) -> None:
    """Whole rows of sheet XML: references are collected in bulk (the rows' numbers, the
    distinct column letters); only rows with cells that carry no reference are walked."""
    prefixed = b":row" in xml or b":c " in xml
    rows = len(ROW_TAG.findall(xml)) if prefixed else xml.count(b"<row")
    numbered = [int(n) for n in ROW_NUMBER.findall(xml)]
    letters = CELL_LETTERS.findall(xml)
    cells = (
        len(CELL_TAG.findall(xml))
        if prefixed
        else xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/")
    )
    extent.rows = max(extent.rows, max(numbered, default=0) + rows - len(numbered))
    if letters:
        extent.columns = max(extent.columns, max(letters_index(x.decode()) for x in set(letters)))
    if cells > len(letters):  # cells placed by their order in the row
        for row in ROW_TAG.split(xml):
            position = 0
            for attrs in CELL_TAG.findall(row):
                ref = CELL_REF.search(attrs)
                position = letters_index(ref.group(1).decode()) if ref else position + 1
                extent.columns = max(extent.columns, position)
    if b"<f" in xml or b":f" in xml:
        for cell in FORMULA_CELL.finditer(xml):
            text = html.unescape((cell.group(3) or b"").decode("utf-8", "replace"))
            if len(extent.formulas) < 100:
                extent.formulas.append(
                    (int(cell.group(2)), letters_index(cell.group(1).decode()), "=" + text)
                )


ODS_ROW = re.compile(rb"<table:table-row\b([^>]*?)(/?)>")
ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
ODS_TABLE = re.compile(rb'<table:table\b[^>]*?table:name="([^"]*)"')
ROWS_REPEATED = re.compile(rb'number-rows-repeated="([0-9]{1,9})"')
COLUMNS_REPEATED = re.compile(rb'number-columns-repeated="([0-9]{1,9})"')
ODS_FORMULA = re.compile(rb'table:formula="([^"]*)"')


def scan_ods(blocks) -> dict[str, Extent]:
    """ODS extents: repeated rows and cells count as many as they repeat, empty trailing
    repeats (which LibreOffice writes up to the sheet's edge) do not; and the formula cells
    (their cached values would be read as typed)."""
    xml = b"".join(blocks)  # content.xml within MAX_UNZIPPED_MB
    extents: dict[str, Extent] = {}
    tables = list(ODS_TABLE.finditer(xml)) + [None]
    for i, table in enumerate(tables[:-1]):
        end = tables[i + 1].start() if tables[i + 1] else len(xml)
        extent = extents.setdefault(html.unescape(table.group(1).decode()), Extent())
        position = 0
        rows = list(ODS_ROW.finditer(xml, table.end(), end))
        for j, row in enumerate(rows):
            repeat = ROWS_REPEATED.search(row.group(1))
            times = int(repeat.group(1)) if repeat else 1
            stop = rows[j + 1].start() if j + 1 < len(rows) else end
            width, column = 0, 0
            if not row.group(2):
                for cell in ODS_CELL.finditer(xml, row.end(), stop):
                    formula = ODS_FORMULA.search(cell.group(1))
                    if formula and len(extent.formulas) < 100:
                        text = html.unescape(formula.group(1).decode("utf-8", "replace"))
                        extent.formulas.append((position + 1, column + 1, text.removeprefix("of:")))
                    span = COLUMNS_REPEATED.search(cell.group(1))
                    column += int(span.group(1)) if span else 1
                    if not cell.group(2) or b"value-type" in cell.group(1):
                        width = column
            position += times
            if width:
                extent.rows, extent.columns = position, max(extent.columns, width)
    return extents


def letters_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def column_letters(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def formula_problems(extent: Extent, first_column: int, table: RawTable, lang: str):
    problems = []
    headers = list(table.frame.columns)
    for row, column, text in extent.formulas:
        if row <= table.header_row:
            continue
        index = column - 1 - first_column
        header = headers[index] if 0 <= index < len(headers) else column_letters(column)
        problems.append(
            Problem(
                table.file, table.sheet, row, str(header), text, message("formula", lang), "error"
            )
        )
    return problems


# --------------------------------------------------------------------------- CSV


def read_csv(
    data: bytes, name: str, lang: str, known: set[str]
) -> tuple[list[RawTable], list[Problem]]:
    text = decode(data)
    if text is None or "\x00" in text:
        raise Refused("not_text")
    lines = text.split("\n")
    if len(lines) > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise Refused("too_many_rows", cell=f"A{len(lines)}", limit=f"{MAX_ROWS:,}")
    first = next((line for line in lines if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    widths = [line.count(delimiter) + 1 for line in lines]
    if not widths:
        raise Refused("empty")
    widest = max(range(len(widths)), key=widths.__getitem__)
    if widths[widest] > MAX_COLUMNS:
        raise Refused(
            "too_many_columns",
            cell=f"{column_letters(widths[widest])}{widest + 1}",
            limit=MAX_COLUMNS,
        )
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            names=range(widths[widest]),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise Refused("not_text") from error
    numbered = [
        (i + 1, row) for i, row in enumerate(frame.to_numpy(dtype=object).tolist()) if any(row)
    ]
    return wrap(shape_table(numbered, 0, name, "", lang, known))


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), GB18030/GBK."""
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    encodings = ("utf-16",) if utf16 else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def wrap(result: tuple[RawTable | None, list[Problem]]) -> tuple[list[RawTable], list[Problem]]:
    table, problems = result
    return ([table] if table is not None else []), problems


# --------------------------------------------------------------------------- shaping


def shape_table(
    numbered: list[tuple[int, list[str]]],
    first_column: int,
    name: str,
    sheet: str,
    lang: str,
    known: set[str],
) -> tuple[RawTable | None, list[Problem]]:
    """From the non-empty rows (spreadsheet row number, cells): find the header row, drop
    empty columns, skip 合计 / 小计 rows."""
    if not numbered:
        return None, [Problem(name, sheet, None, "", "", message("empty", lang), "error")]
    scores = [sum(header_key(c) in known for c in row) for _, row in numbered[:HEADER_SEARCH_ROWS]]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i)) if max(scores) > 0 else 0
    header_row, header = numbered[best]
    body = numbered[best + 1 :]
    width = max(len(header), max((len(r) for _, r in body), default=0))
    header = [str(h).strip() for h in header] + [""] * (width - len(header))
    problems: list[Problem] = []
    filled = [False] * width
    for _, row in body:  # which columns hold data (most are known after a few rows)
        for i, value in enumerate(row):
            if value != "" and not filled[i]:
                filled[i] = True
        if all(filled):
            break
    keep = [i for i, h in enumerate(header) if h or filled[i]]
    for i in keep:
        if not header[i]:
            problems.append(
                Problem(
                    name,
                    sheet,
                    header_row,
                    f"#{first_column + i + 1}",
                    "",
                    message("merged_header", lang),
                    "error",
                )
            )
    rows, numbers = [], []
    whole = keep == list(range(width))
    for number, row in body:
        if whole and len(row) == width:
            cells = row
        else:
            cells = [row[i] if i < len(row) else "" for i in keep]
        total = None
        if "计" in "".join(cells):
            total = next((c for c in cells if TOTAL_ROW.search(c.replace(" ", ""))), None)
        if total is not None:
            problems.append(
                Problem(name, sheet, number, "", total, message("total_row", lang), "warning")
            )
            continue
        rows.append(cells)
        numbers.append(number)
    columns = [header[i] or f"#{first_column + i + 1}" for i in keep]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    if frame.columns.has_duplicates:
        frame.columns = dedupe(columns)
    return RawTable(name, sheet, frame, header_row, numbers), problems


def dedupe(columns: list[str]) -> list[str]:
    """A header typed twice stays visible to the checks (as 学段, 学段 ) without breaking the
    frame; checking reports it as a duplicate column."""
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        seen[c] = seen.get(c, 0) + 1
        out.append(c if seen[c] == 1 else c + " " * (seen[c] - 1))
    return out


def cell_text(value: object) -> str:
    """Spreadsheet cells as text: 2024.0 → "2024" (integers keep every digit), dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).strip()
