"""Checking: raw text tables → typed rows and the problems found in them.

API (stable; other sheet kinds build on it):

- `Problem` — one finding: file, sheet, row, column, value, reason, severity.
- `Checked` — typed rows per sheet kind, the column keys the files reported per kind, every
  problem; `.errors`, `.warnings`, `.rows` (the school sections).
- `CheckContext` — what a kind's row checks may look at (language, the other kinds' rows).
- `message(key, lang, **values)` — an importer message (components/i18n.py, keys `import_*`).
- `check_table(raw, kind, lang)` — headers matched to a kind's columns, every cell parsed by
  its column's kind; returns the typed frame (plus src_file / src_sheet / src_row) and problems.
- `parse_column(raw, kind, required, lang)` / `parse_cell(text, kind, required, lang)` —
  typed values of one column.
- `row_problem(row, kind, column, value, key, lang, severity, **values)` — a Problem for a cell
  of a typed row.
- `check_school_rows(rows, context)` — the row checks of the school template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

from components.i18n import t
from data import boundaries
from data.template import BY_KEY

if TYPE_CHECKING:
    from data.reading import RawTable
    from data.sheets import SheetKind

YEAR_RANGE = (2000, dt.date.today().year + 1)
SCHOOL_TYPES = ("小学", "初中", "九年一贯制", "十二年一贯制", "完全中学", "教学点")
STAGES = ("小学", "初中")
URBAN_RURAL_CODES = (111, 112, 121, 122, 123, 210, 220)
MAX_AREA_PER_STUDENT = 100.0
EMPTY_WORDS = ("nan", "none", "null")
TRUE_WORDS = {
    "是": True,
    "true": True,
    "1": True,
    "yes": True,
    "y": True,
    "否": False,
    "false": False,
    "0": False,
    "no": False,
    "n": False,
    "": False,
}
SOURCE_COLUMNS = ["src_file", "src_sheet", "src_row"]


def message(key: str, lang: str, **values: object) -> str:
    """The importer's message `key` (components/i18n.py, `import_<key>`) in `lang`."""
    return t(f"import_{key}", lang, **values)


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str
    row: int | None  # as the user sees it: spreadsheet row number (header = 1)
    column: str
    value: str
    reason: str
    severity: str  # "error" | "warning"

    def text(self, lang: str = "zh") -> str:
        """File, sheet, row, column, value and reason, in the user's language."""
        zh = lang != "en"
        where = [self.file]
        if self.sheet:
            where.append(f"工作表“{self.sheet}”" if zh else f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"第 {self.row} 行" if zh else f"row {self.row}")
        if self.column:
            where.append(f"列“{self.column}”" if zh else f"column {self.column}")
        value = f"“{self.value}” " if self.value else ""
        return ("，" if zh else ", ").join(where) + ("：" if zh else ": ") + value + self.reason


@dataclass
class Checked:
    """Typed rows per sheet kind (kind name → frame of the kind's column keys plus
    src_file / src_sheet / src_row) and every problem found."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (name, sha256)
    # (kind, file) → the column keys that file reported: the others are "not reported here"
    present: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    @property
    def rows(self) -> pd.DataFrame:
        """The school sections (the template's main sheet)."""
        if "schools" in self.tables:
            return self.tables["schools"]
        return pd.DataFrame(columns=[*BY_KEY, *SOURCE_COLUMNS])

    @property
    def empty(self) -> bool:
        return all(frame.empty for frame in self.tables.values())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class CheckContext:
    """What a sheet kind's row checks may use: the language and every kind's typed rows."""

    lang: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def check_table(raw: RawTable, kind: SheetKind, lang: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Match the headers to the kind's columns and parse every cell."""
    name, sheet = raw.file, raw.sheet
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    rename = {}
    by_header = kind.by_header
    for header in raw.frame.columns:
        column = by_header.get(str(header).strip())
        if column is None:
            if not str(header).startswith("#"):
                problems.append(
                    Problem(
                        name,
                        sheet,
                        raw.header_row,
                        str(header),
                        "",
                        message("unknown_column", lang),
                        "error",
                    )
                )
            continue
        if column.key in seen:
            problems.append(
                Problem(
                    name,
                    sheet,
                    raw.header_row,
                    str(header),
                    "",
                    message("duplicate_column", lang),
                    "error",
                )
            )
            continue
        seen[column.key] = header
        rename[header] = column.key
    for column in kind.columns:
        if column.required and column.key not in seen:
            problems.append(
                Problem(
                    name,
                    sheet,
                    raw.header_row,
                    column.header,
                    "",
                    message("missing_column", lang),
                    "error",
                )
            )
    frame = raw.frame[list(rename)].rename(columns=rename)
    typed = {}
    for column in kind.columns:
        header = seen.get(column.key, column.header)
        cells = frame[column.key] if column.key in frame else pd.Series([""] * len(frame))
        values, bad = parse_column(cells, column.kind, column.required, lang)
        problems += [
            Problem(name, sheet, raw.row_numbers[i], str(header), text, reason, "error")
            for i, text, reason in bad
        ]
        typed[column.key] = values
    rows = pd.DataFrame(typed, columns=[c.key for c in kind.columns])
    rows["src_file"], rows["src_sheet"], rows["src_row"] = name, sheet, list(raw.row_numbers)
    return rows, problems


def parse_column(
    raw: pd.Series, kind: str, required: bool, lang: str
) -> tuple[list[object], list[tuple[int, str, str]]]:
    """Typed values of a column and its bad cells (row index, text, reason). Well-formed
    cells are converted in bulk; only the others go through parse_cell one by one."""
    text = raw.astype(str).str.strip().reset_index(drop=True)
    if kind in ("int", "year", "float"):
        numbers = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
        ok = numbers.notna() & np.isfinite(numbers) & (numbers >= 0)
        if kind != "float":
            ok &= numbers % 1 == 0
        if kind == "year":
            ok &= numbers.between(*YEAR_RANGE)
        fast = [int(x) if kind != "float" else float(x) for x in numbers[ok]]
    elif kind in ("text", "code"):
        ok = (text != "") & ~text.str.lower().isin(EMPTY_WORDS)
        if kind == "code":
            ok &= text.str.fullmatch(r"\d+").fillna(False).astype(bool)
        fast = list(text[ok])
    else:
        ok = pd.Series(False, index=text.index)
        fast = []
    values: list[object] = [None] * len(text)
    for i, value in zip(np.flatnonzero(ok.to_numpy()), fast, strict=True):
        values[i] = value
    bad = []
    for i in np.flatnonzero(~ok.to_numpy()):
        value, reason = parse_cell(text[i], kind, required, lang)
        values[i] = value
        if reason:
            bad.append((int(i), raw.iloc[i], reason))
    return values, bad


def parse_cell(text: str, kind: str, required: bool, lang: str) -> tuple[object, str | None]:
    """(value, None) or (None, reason)."""
    if text == "" or text.lower() in EMPTY_WORDS:
        if required:
            return None, message("required", lang)
        return (False, None) if kind == "bool" else (None, None)
    if kind == "text":
        return text, None
    if kind == "code":
        return (
            (text, None)
            if text.isdigit()
            else (None, message("not_code", lang, digits="6" if len(text) <= 6 else "10"))
        )
    if kind == "bool":
        value = TRUE_WORDS.get(text.lower())
        return (value, None) if value is not None else (None, message("not_bool", lang))
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return None, message("not_number" if kind == "float" else "not_integer", lang)
    if number != number or number in (float("inf"), float("-inf")):
        return None, message("not_number", lang)
    if kind in ("int", "year"):
        if not number.is_integer():
            return None, message("not_integer", lang)
        number = int(number)
    if number < 0:
        return None, message("negative", lang)
    if kind == "year" and not YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
        return None, message("year_range", lang, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
    return number, None


def row_problem(
    row: object,
    kind: SheetKind,
    column: str,
    value: object,
    key: str,
    lang: str,
    severity: str = "error",
    **values: object,
) -> Problem:
    """A problem at the cell (row, column) of a typed row (an itertuples() record)."""
    return Problem(
        row.src_file,
        row.src_sheet,
        row.src_row,
        kind.header_of(column),
        "" if value is None else str(value),
        message(key, lang, **values),
        severity,
    )


def check_school_rows(rows: pd.DataFrame, context: CheckContext) -> list[Problem]:
    """Rules of the school template that look at a whole row or at several rows."""
    from data.sheets import KINDS

    kind, lang = KINDS["schools"], context.lang
    problems: list[Problem] = []
    first_seen: dict[tuple, int] = {}
    counties = boundaries.divisions("county")
    sections = {(r.school_code, r.year, r.stage) for r in rows.itertuples()}

    def add(r, column: str, value: object, key: str, severity: str = "error", **v) -> None:
        problems.append(row_problem(r, kind, column, value, key, lang, severity, **v))

    for r in rows.itertuples():
        if r.school_type is not None and r.school_type not in SCHOOL_TYPES:
            add(r, "school_type", r.school_type, "school_type")
        if r.stage is not None and r.stage not in STAGES:
            add(r, "stage", r.stage, "stage")
        elif (
            r.school_type in ("小学", "教学点")
            and r.stage == "初中"
            or (r.school_type in ("初中", "完全中学") and r.stage == "小学")
        ):
            add(r, "stage", r.stage, "stage_mismatch", school_type=r.school_type, stage=r.stage)
        if r.urban_rural_code is not None and r.urban_rural_code not in URBAN_RURAL_CODES:
            add(r, "urban_rural_code", r.urban_rural_code, "urban_rural")
        if r.county_code is not None and r.county_code not in counties:
            add(r, "county_code", r.county_code, "unknown_county")
        key = (r.school_code, r.year, r.stage)
        if None not in key:
            if key in first_seen:
                add(r, "school_code", r.school_code, "duplicate_row", other=first_seen[key])
            else:
                first_seen[key] = r.src_row
        if r.school_type == "教学点":
            if not r.parent_school_code:
                add(r, "parent_school_code", "", "no_parent")
            elif (r.parent_school_code, r.year, r.stage) not in sections:
                add(
                    r,
                    "parent_school_code",
                    r.parent_school_code,
                    "parent_missing",
                    parent=r.parent_school_code,
                )
        if r.teachers is not None and r.students is not None and r.teachers > r.students:
            add(
                r,
                "teachers",
                r.teachers,
                "teachers_exceed",
                "warning",
                teachers=r.teachers,
                students=r.students,
            )
        for column in ("teaching_area_m2", "sports_area_m2"):
            area = getattr(r, column)
            if area is not None and r.students and area / r.students > MAX_AREA_PER_STUDENT:
                add(
                    r,
                    column,
                    area,
                    "area_absurd",
                    "warning",
                    per=round(area / r.students, 1),
                    limit=int(MAX_AREA_PER_STUDENT),
                )
    from data.whole_school import check_whole_school_rows

    problems += check_whole_school_rows(rows, context)
    return problems + place_problems(rows, counties, kind, lang)


def place_problems(rows: pd.DataFrame, counties: dict, kind: SheetKind, lang: str) -> list[Problem]:
    """Coordinates must be WGS-84 degrees in China (error) and inside their county (warning);
    tested county by county on arrays."""
    placed = rows.dropna(subset=["longitude", "latitude"])
    if placed.empty:
        return []
    lon = placed["longitude"].astype(float)
    lat = placed["latitude"].astype(float)
    in_range = lon.between(73, 136) & lat.between(3, 54)
    outside = pd.Series(False, index=placed.index)
    for code, part in placed[in_range].groupby("county_code"):
        if code in counties:
            inside = shapely.contains_xy(
                counties[code].geometry,
                part["longitude"].astype(float),
                part["latitude"].astype(float),
            )
            outside[part.index[~inside]] = True
    problems = []
    for r in placed[~in_range | outside].itertuples():
        wrong_range = not (73 <= r.longitude <= 136 and 3 <= r.latitude <= 54)
        reason = (
            message("coordinate_range", lang)
            if wrong_range
            else message("outside_county", lang, county=counties[r.county_code].name)
        )
        problems.append(
            Problem(
                r.src_file,
                r.src_sheet,
                r.src_row,
                kind.header_of("longitude"),
                f"{r.longitude}, {r.latitude}",
                reason,
                "error" if wrong_range else "warning",
            )
        )
    return problems
