"""Import school returns (.xlsx / .csv, the template of shared/domain.md §7) into a database.

    python -m data.ingest FILE... --db PATH [--accept-warnings] [--user NAME] [--lang zh|en]
    python -m data.ingest --refresh --db PATH   (views and catalogue of this version only)

All or nothing: every file is read and checked before anything is written; errors block,
warnings (suspicious but possible) block unless accepted. The new database is built beside the
live one, checked, and swapped in with one atomic rename; the previous file is kept as a dated
backup (the last KEEP_BACKUPS). Rows for a (school, year, stage) already stored are replaced and
reported; re-importing the same data changes nothing (the file is not even rewritten).
"""

import argparse
import datetime as dt
import getpass
import hashlib
import io
import os
import shutil
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import openpyxl
import pandas as pd
import shapely

from data import boundaries
from data.build import create_schema, new_database
from data.template import BY_HEADER, COLUMNS, SHEET, STORED_KEYS

KEEP_BACKUPS = 5
YEAR_RANGE = (2000, dt.date.today().year + 1)
SCHOOL_TYPES = ("小学", "初中", "九年一贯制", "十二年一贯制", "教学点")
STAGES = ("小学", "初中")
URBAN_RURAL_CODES = (111, 112, 121, 122, 123, 210, 220)
MAX_AREA_PER_STUDENT = 100.0
MAX_FILE_MB = 40  # about 230,000 rows of CSV; split larger returns by county
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

MESSAGES: dict[str, tuple[str, str]] = {
    "no_file": ("找不到文件", "file not found"),
    "too_big": (
        "文件超过 {limit} MB，请按区县拆分后分别导入",
        "file larger than {limit} MB: split it by county and import the parts",
    ),
    "bad_extension": ("只接受 .xlsx 或 .csv 文件", "only .xlsx and .csv files are accepted"),
    "not_xlsx": ("不是有效的 Excel (.xlsx) 文件", "not a valid Excel (.xlsx) file"),
    "no_sheet": (
        "工作簿中没有数据表（应为“{sheet}”或第一个工作表）",
        "the workbook has no data sheet (“{sheet}” or the first sheet)",
    ),
    "not_text": (
        "无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-8、GB18030/GBK）",
        "unknown text encoding (UTF-8, UTF-8 with BOM, GB18030/GBK are read)",
    ),
    "empty": ("文件没有数据行", "the file has no data rows"),
    "unknown_column": ("未知的列（不在导入模板中）", "unknown column (not in the template)"),
    "missing_column": ("缺少必需的列", "required column missing"),
    "duplicate_column": ("列重复出现", "column appears twice"),
    "merged_header": ("表头为空（可能是合并单元格）", "empty header (merged cells?)"),
    "formula": ("单元格是公式，请粘贴为数值", "the cell holds a formula: paste values instead"),
    "required": ("必填项为空", "required value is empty"),
    "not_integer": ("应为整数", "must be a whole number"),
    "not_number": ("应为数字", "must be a number"),
    "not_code": ("应为{digits}位数字代码", "must be a {digits}-digit code"),
    "not_bool": ("应为“是”或“否”", "must be 是 (yes) or 否 (no)"),
    "negative": ("不能为负数", "cannot be negative"),
    "year_range": ("年份应在 {low}–{high} 之间", "year must be within {low}–{high}"),
    "school_type": (
        "办学类型应为 小学/初中/九年一贯制/十二年一贯制/教学点",
        "school type must be 小学/初中/九年一贯制/十二年一贯制/教学点",
    ),
    "stage": ("学段应为 小学 或 初中", "stage must be 小学 or 初中"),
    "stage_mismatch": ("{school_type}不能有{stage}学段", "a {school_type} has no {stage} section"),
    "urban_rural": (
        "城乡分类代码应为 111/112/121/122/123/210/220",
        "urban–rural code must be 111/112/121/122/123/210/220",
    ),
    "unknown_county": (
        "未知的区县代码（不在全国行政区划中）",
        "unknown county code (not a county of China)",
    ),
    "duplicate_row": (
        "与第 {other} 行重复（同一学校、年份、学段）",
        "duplicates row {other} (same school, year and stage)",
    ),
    "no_parent": ("教学点缺少所属中心校标识码", "teaching point without its central school"),
    "parent_missing": (
        "所属中心校 {parent} 在该年该学段没有数据",
        "central school {parent} has no row for this year and stage",
    ),
    "teachers_exceed": (
        "专任教师数 {teachers} 多于在校生数 {students}",
        "{teachers} teachers for {students} students",
    ),
    "area_absurd": (
        "生均面积 {per} m² 超过 {limit} m²，请核实",
        "{per} m² per student is over {limit} m²: please check",
    ),
    "outside_county": ("坐标不在区县 {county} 边界内", "coordinates outside county {county}"),
    "coordinate_range": (
        "经纬度超出范围（经度 73–136，纬度 3–54，WGS-84）",
        "longitude/latitude out of range (73–136, 3–54, WGS-84)",
    ),
}


def message(key: str, lang: str, **values: object) -> str:
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)


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
    rows: pd.DataFrame  # canonical columns, typed
    problems: list[Problem] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (name, sha256)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class Report:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    backup: str | None = None
    written: bool = False


# --------------------------------------------------------------------------- reading


def read_table(data: bytes, name: str, lang: str) -> tuple[pd.DataFrame | None, str, list[Problem]]:
    """The raw table as text cells (header names untouched) and the sheet it came from."""

    def fail(key: str, **values: object) -> tuple[None, str, list[Problem]]:
        return None, "", [Problem(name, "", None, "", "", message(key, lang, **values), "error")]

    if len(data) > MAX_FILE_MB * 1_000_000:
        return fail("too_big", limit=MAX_FILE_MB)
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(data, name, lang)
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
        return frame, "", []
    return fail("bad_extension")


def read_xlsx(data: bytes, name: str, lang: str) -> tuple[pd.DataFrame | None, str, list[Problem]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None, "", [Problem(name, "", None, "", "", message("not_xlsx", lang), "error")]
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    problems: list[Problem] = []
    rows = list(sheet.iter_rows(values_only=False))
    if not rows:
        return (
            None,
            sheet.title,
            [Problem(name, sheet.title, None, "", "", message("empty", lang), "error")],
        )
    merged_header = any(r.min_row == 1 for r in sheet.merged_cells.ranges)
    header = ["" if c.value is None else str(c.value).strip() for c in rows[0]]
    while header and header[-1] == "" and not merged_header:
        header.pop()
    body = []
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
    for i, h in enumerate(header):
        if h == "":
            problems.append(
                Problem(
                    name, sheet.title, 1, f"#{i + 1}", "", message("merged_header", lang), "error"
                )
            )
    frame = pd.DataFrame(body, columns=[h or f"#{i + 1}" for i, h in enumerate(header)])
    return frame, sheet.title, problems


def cell_text(value: object) -> str:
    """Excel cells as text: 2024.0 → "2024", dates as ISO."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


# --------------------------------------------------------------------------- checking


def check_files(files: list[tuple[str, bytes]], lang: str = "zh") -> Checked:
    """Read and check every file; returns the typed rows and every problem found."""
    frames, problems, hashes = [], [], []
    for name, data in files:
        hashes.append((name, hashlib.sha256(data).hexdigest()))
        table, sheet, read_problems = read_table(data, name, lang)
        problems += read_problems
        if table is None:
            continue
        if table.empty:
            problems.append(Problem(name, sheet, None, "", "", message("empty", lang), "error"))
            continue
        frame, found = check_table(table, name, sheet, lang)
        problems += found
        frames.append(frame)
    rows = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=[c.key for c in COLUMNS] + ["src_file", "src_sheet", "src_row"])
    )
    problems += check_across_rows(rows, lang)
    return Checked(rows, problems, hashes)


def check_table(
    table: pd.DataFrame, name: str, sheet: str, lang: str
) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    rename = {}
    for header in table.columns:
        column = BY_HEADER.get(str(header).strip())
        if column is None:
            if not str(header).startswith("#"):
                problems.append(
                    Problem(
                        name, sheet, 1, str(header), "", message("unknown_column", lang), "error"
                    )
                )
            continue
        if column.key in seen:
            problems.append(
                Problem(name, sheet, 1, str(header), "", message("duplicate_column", lang), "error")
            )
            continue
        seen[column.key] = header
        rename[header] = column.key
    for column in COLUMNS:
        if column.required and column.key not in seen:
            problems.append(
                Problem(name, sheet, 1, column.header, "", message("missing_column", lang), "error")
            )
    frame = table[list(rename)].rename(columns=rename)
    typed = {}
    for column in COLUMNS:
        header = seen.get(column.key, column.header)
        raw = frame[column.key] if column.key in frame else pd.Series([""] * len(frame))
        values, bad = parse_column(raw, column.kind, column.required, lang)
        problems += [
            Problem(name, sheet, i + 2, str(header), text, reason, "error")
            for i, text, reason in bad
        ]
        typed[column.key] = values
    rows = pd.DataFrame(typed)
    rows["src_file"], rows["src_sheet"], rows["src_row"] = name, sheet, range(2, len(rows) + 2)
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
        ok = (text != "") & ~text.str.lower().isin(["nan", "none", "null"])
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
    if text == "" or text.lower() in ("nan", "none", "null"):
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


def check_across_rows(rows: pd.DataFrame, lang: str) -> list[Problem]:
    """Rules that look at a whole row or at several rows."""
    problems: list[Problem] = []
    first_seen: dict[tuple, int] = {}
    counties = boundaries.divisions("county")
    sections = {(r.school_code, r.year, r.stage) for r in rows.itertuples()}

    def add(r, column: str, value: object, key: str, severity: str = "error", **v) -> None:
        problems.append(
            Problem(
                r.src_file,
                r.src_sheet,
                r.src_row,
                header_of(column),
                "" if value is None else str(value),
                message(key, lang, **v),
                severity,
            )
        )

    for r in rows.itertuples():
        if r.school_type is not None and r.school_type not in SCHOOL_TYPES:
            add(r, "school_type", r.school_type, "school_type")
        if r.stage is not None and r.stage not in STAGES:
            add(r, "stage", r.stage, "stage")
        elif (
            r.school_type in ("小学", "教学点")
            and r.stage == "初中"
            or (r.school_type == "初中" and r.stage == "小学")
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
    return problems + place_problems(rows, counties, lang)


def place_problems(rows: pd.DataFrame, counties: dict, lang: str) -> list[Problem]:
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
                header_of("longitude"),
                f"{r.longitude}, {r.latitude}",
                reason,
                "error" if wrong_range else "warning",
            )
        )
    return problems


def header_of(key: str) -> str:
    return next(c.header for c in COLUMNS if c.key == key)


# --------------------------------------------------------------------------- writing


def import_files(
    files: list[tuple[str, bytes]],
    db: Path,
    *,
    accept_warnings: bool = False,
    user: str = "",
    lang: str = "zh",
    progress: Callable[[float, str], None] | None = None,
) -> tuple[Checked, Report]:
    """Check, then (when nothing blocks) build the new database beside `db` and swap it in."""
    step = progress or (lambda fraction, text: None)
    step(0.05, "checking")
    checked = check_files(files, lang)
    if checked.errors or (checked.warnings and not accept_warnings) or checked.rows.empty:
        return checked, Report()
    db = Path(db)
    with staging_file(db, "importing") as staging:
        step(0.3, "copying")
        con = copy_or_create(db, staging)
        step(0.5, "writing")
        report = write_rows(con, checked, user)
        con.execute("CHECKPOINT")
        con.close()
        if not report.written:
            return checked, report
        step(0.85, "verifying")
        verify(staging)
        step(0.9, "swapping")
        report.backup = swap_in(staging, db)
        step(1.0, "done")
        return checked, report


@contextmanager
def staging_file(db: Path, purpose: str) -> Iterator[Path]:
    """A path beside the live database for the new file; whatever is left of it (after a
    failure, or the swap) is removed on the way out."""
    staging = db.with_name(f".{db.name}.{purpose}-{os.getpid()}")
    remove_quietly(staging)
    try:
        yield staging
    finally:
        remove_quietly(staging)
        remove_quietly(staging.with_name(staging.name + ".wal"))


def copy_or_create(db: Path, staging: Path) -> duckdb.DuckDBPyConnection:
    if db.exists():
        shutil.copyfile(db, staging)
        con = duckdb.connect(str(staging))
        create_schema(con)  # tables, catalogue and views of this version of the product
        return con
    return new_database(staging)


def write_rows(con: duckdb.DuckDBPyConnection, checked: Checked, user: str) -> Report:
    rows = checked.rows[[c.key for c in COLUMNS]].copy()
    con.register("incoming", rows)
    columns = ", ".join(STORED_KEYS)
    key = "s.school_code = i.school_code AND s.year = i.year AND s.stage = i.stage"
    same = " AND ".join(f"s.{c} IS NOT DISTINCT FROM i.{c}" for c in STORED_KEYS)
    replaced, unchanged = con.execute(
        f"SELECT count(*) FILTER (WHERE NOT ({same})), count(*) FILTER (WHERE {same}) "
        f"FROM school_sections s JOIN incoming i ON {key}"
    ).fetchone()
    report = Report(added=len(rows) - replaced - unchanged, replaced=replaced, unchanged=unchanged)
    if report.added == 0 and report.replaced == 0:
        return report  # the same data again: nothing to write
    con.execute("BEGIN")
    con.execute(f"DELETE FROM school_sections s USING incoming i WHERE {key}")
    con.execute(f"INSERT INTO school_sections ({columns}) SELECT {columns} FROM incoming")
    add_counties(
        con,
        sorted(set(rows["county_code"])),
        dict(zip(rows["county_code"], rows["county_name"], strict=True)),
    )
    now = dt.datetime.now().replace(microsecond=0)
    for name, digest in checked.files:
        con.execute(
            "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?)",
            [now, user, name, digest, report.added, report.replaced, report.unchanged],
        )
    con.execute("COMMIT")
    report.written = True
    return report


def add_counties(con: duckdb.DuckDBPyConnection, codes: list[str], names: dict[str, str]) -> None:
    """Counties seen for the first time, with their city, province and outlines."""
    known = {c for (c,) in con.execute("SELECT county_code FROM counties").fetchall()}
    new = [c for c in codes if c not in known]
    if not new:
        return
    places = pd.DataFrame([boundaries.county_place(code) for code in new])
    places["county_name"] = [
        names.get(code) or name for code, name in zip(new, places["county_name"], strict=True)
    ]
    places["is_demo"] = False
    con.register("new_counties", places)
    con.execute(
        "INSERT INTO counties SELECT county_code, county_name, city_code, city_name, "
        "province_code, province_name, is_demo FROM new_counties"
    )
    stored = {c for (c,) in con.execute("SELECT code FROM boundaries").fetchall()}
    outlines = pd.DataFrame(
        [r for r in boundaries.boundary_rows(new) if r[0] not in stored],
        columns=["code", "level", "name", "parent_code", "geojson"],
    )
    if len(outlines):
        con.register("new_outlines", outlines)
        con.execute("INSERT INTO boundaries SELECT * FROM new_outlines")


def verify(path: Path) -> None:
    """The new file opens and its views answer before it replaces the live one."""
    with duckdb.connect(str(path), read_only=True) as con:
        con.execute("SELECT count(*) FROM county_verdict").fetchone()


def swap_in(staging: Path, db: Path) -> str | None:
    """Keep the live file as a dated backup (a hard link, so the live path never goes
    missing), then atomically rename the new file over it."""
    backup = None
    if db.exists():
        folder = db.parent / "backups"
        folder.mkdir(exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        backup = folder / f"{db.stem}-{stamp}{db.suffix}"
        os.link(db, backup)
        prune_backups(folder, db)
    with open(staging, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, db)
    return str(backup) if backup else None


def prune_backups(folder: Path, db: Path) -> None:
    for old in sorted(folder.glob(f"{db.stem}-*{db.suffix}"))[:-KEEP_BACKUPS]:
        old.unlink()


def remove_quietly(path: Path) -> None:
    path.unlink(missing_ok=True)


def refresh_schema(db: Path) -> str | None:
    """Bring a database built by an earlier version up to this version's tables, catalogue and
    views, the same way an import does: on a copy, checked, swapped in atomically, with a
    backup. Returns the backup's path."""
    db = Path(db)
    with staging_file(db, "refreshing") as staging:
        con = copy_or_create(db, staging)
        con.execute("CHECKPOINT")
        con.close()
        verify(staging)
        return swap_in(staging, db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="only bring the database's views and catalogue up to date",
    )
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--accept-warnings", action="store_true")
    parser.add_argument("--user", default=getpass.getuser())
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    args = parser.parse_args()
    if args.refresh:
        print(f"backup {refresh_schema(args.db)}")
        return
    if not args.files:
        parser.error("give the files to import, or --refresh")
    files = []
    for path in args.files:
        if not path.exists():
            print(f"{path}: {message('no_file', args.lang)}", file=sys.stderr)
            sys.exit(2)
        files.append((path.name, path.read_bytes()))
    checked, report = import_files(
        files, args.db, accept_warnings=args.accept_warnings, user=args.user, lang=args.lang
    )
    for problem in checked.problems:
        print(f"[{problem.severity}] {problem.text(args.lang)}", file=sys.stderr)
    if checked.errors or (checked.warnings and not args.accept_warnings):
        sys.exit(1)
    print(
        f"added {report.added}, replaced {report.replaced}, unchanged {report.unchanged}"
        + (f"; backup {report.backup}" if report.backup else "")
    )


if __name__ == "__main__":
    main()
