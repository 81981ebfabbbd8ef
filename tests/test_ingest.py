"""The importer: bad files refused with file/row/column/reason and the database untouched;
all-or-nothing under kill -9; a round trip through the template gives the same CVs."""

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from data.ingest import import_files
from data.template import blank_template, returns_workbook, sections_as_template, template_bytes
from queries.loader import run
from tests.drawings import gauge_values

ROOT = Path(__file__).resolve().parent.parent


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def template_rows(db: Path, county: str, year: int) -> pd.DataFrame:
    """A county's stored returns of a year as the template's Chinese headers."""
    with duckdb.connect(str(db), read_only=True) as con:
        sections = con.execute(
            "SELECT s.*, c.county_name FROM school_sections s JOIN counties c "
            "USING (county_code) WHERE county_code = ? AND year = ? ORDER BY school_code, stage",
            [county, year],
        ).df()
    return sections_as_template(sections)


@pytest.fixture(scope="module")
def county_rows(demo_db) -> pd.DataFrame:
    """新城区 in 2021 as the template's Chinese headers (50 + 22 school sections)."""
    return template_rows(demo_db, "610102", 2021)


def xlsx(frame: pd.DataFrame) -> bytes:
    return template_bytes(frame)


def csv(frame: pd.DataFrame, encoding: str = "utf-8-sig") -> bytes:
    return frame.to_csv(index=False).encode(encoding)


def test_round_trip_through_the_template_gives_identical_cvs(demo_db, tmp_path):
    con = duckdb.connect(str(demo_db), read_only=True)
    sections = run(con, "county_sections", county="610526")  # what the export page offers
    before = con.execute(
        "SELECT year, stage, standard_set, indicator, cv FROM county_indicator_cv "
        "WHERE county_code = '610526' ORDER BY ALL"
    ).fetchall()
    con.close()
    fresh = tmp_path / "fresh.duckdb"  # does not exist yet: created with the schema
    data = returns_workbook(sections)
    # 蒲城县 2024 holds a school with 0 pupils and 5 teachers: a warning to accept.
    checked, report = import_files([("蒲城县.xlsx", data)], fresh)
    assert not report.written and [w.reason for w in checked.warnings] == [
        "专任教师数 5 多于在校生数 0"
    ]
    checked, report = import_files([("蒲城县.xlsx", data)], fresh, accept_warnings=True)
    assert (report.added, report.replaced, report.written) == (len(sections), 0, True)
    with duckdb.connect(str(fresh), read_only=True) as new:
        after = new.execute(
            "SELECT year, stage, standard_set, indicator, cv FROM county_indicator_cv "
            "WHERE county_code = '610526' ORDER BY ALL"
        ).fetchall()
        assert new.execute("SELECT file_name, rows_added FROM import_log").fetchall() == [
            ("蒲城县.xlsx", len(sections))
        ]
    assert [r[:4] for r in after] == [r[:4] for r in before]
    assert all(abs(a[4] - b[4]) < 1e-12 for a, b in zip(after, before, strict=True))
    # The same file again changes nothing, not even the file's bytes.
    unchanged = digest(fresh)
    _, again = import_files([("蒲城县.xlsx", data)], fresh, accept_warnings=True)
    assert (again.added, again.replaced, again.unchanged, again.written) == (
        0,
        0,
        len(sections),
        False,
    )
    assert digest(fresh) == unchanged


def test_replacing_rows_is_reported_and_backed_up(live_db, county_rows):
    changed = county_rows.copy()
    changed.loc[0, "图书册数"] = int(changed.loc[0, "图书册数"]) + 1
    checked, report = import_files([("更正.csv", csv(changed))], live_db)
    assert checked.problems == []
    assert (report.added, report.replaced, report.unchanged) == (0, 1, len(county_rows) - 1)
    assert Path(report.backup).exists() and Path(report.backup).parent.name == "backups"
    with duckdb.connect(str(live_db), read_only=True) as con:
        books = con.execute(
            "SELECT books FROM school_sections WHERE school_code = ? AND year = 2021 AND stage = ?",
            [changed.loc[0, "学校标识码"], changed.loc[0, "学段"]],
        ).fetchone()
    assert books[0] == int(changed.loc[0, "图书册数"])


def test_english_keys_and_gbk_csv_are_read(live_db, county_rows):
    from data.template import COLUMNS

    english = county_rows.rename(columns={c.header: c.key for c in COLUMNS})
    for data in (csv(english), csv(county_rows, "gb18030")):
        checked, report = import_files([("returns.csv", data)], live_db)
        assert checked.problems == [] and report.unchanged == len(county_rows)


def edit(frame: pd.DataFrame, row: int, column: str, value: object) -> pd.DataFrame:
    frame = frame.copy().astype(object)
    frame.loc[row, column] = value
    return frame


BAD_FILES = [
    # (name, how to spoil the rows, expected text of the message)
    (
        "missing column",
        lambda f: f.drop(columns=["在校生数"]),
        "returns.csv，第 1 行，列“在校生数”：缺少必需的列",
    ),
    (
        "unknown column",
        lambda f: f.assign(校长=""),
        "returns.csv，第 1 行，列“校长”：未知的列（不在导入模板中）",
    ),
    (
        "wrong type",
        lambda f: edit(f, 3, "在校生数", "一千"),
        "returns.csv，第 5 行，列“在校生数”：“一千” 应为整数",
    ),
    (
        "negative count",
        lambda f: edit(f, 0, "专任教师数", -4),
        "returns.csv，第 2 行，列“专任教师数”：“-4” 不能为负数",
    ),
    (
        "year out of range",
        lambda f: edit(f, 1, "年份", 1990),
        "returns.csv，第 3 行，列“年份”：“1990” 年份应在 2000–",
    ),
    (
        "unknown county",
        lambda f: edit(f, 2, "区县代码", "999999"),
        "returns.csv，第 4 行，列“区县代码”：“999999” 未知的区县代码",
    ),
    (
        "duplicate row",
        lambda f: pd.concat([f, f.iloc[[0]]], ignore_index=True),
        "列“学校标识码”：“{code}” 与第 2 行重复（同一学校、年份、学段）",
    ),
    (
        "teaching point without central school",
        lambda f: edit(edit(f, 0, "办学类型", "教学点"), 0, "所属中心校标识码", ""),
        "returns.csv，第 2 行，列“所属中心校标识码”：教学点缺少所属中心校标识码",
    ),
    (
        "bad urban-rural code",
        lambda f: edit(f, 0, "城乡分类代码", 300),
        "列“城乡分类代码”：“300” 城乡分类代码应为",
    ),
]


@pytest.mark.parametrize(("case", "spoil", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_rows_are_refused_and_nothing_is_written(live_db, county_rows, case, spoil, expected):
    before = digest(live_db)
    data = csv(spoil(county_rows))
    checked, report = import_files([("returns.csv", data)], live_db)
    texts = [p.text("zh") for p in checked.errors]
    expected = expected.format(code=county_rows.loc[0, "学校标识码"])
    assert any(expected in t for t in texts), texts
    assert not report.written and digest(live_db) == before
    assert not list(live_db.parent.glob(".live.duckdb.importing-*"))


WARNINGS = [
    (
        "teachers exceed students",
        lambda f: edit(f, 0, "专任教师数", int(f.loc[0, "在校生数"]) + 1),
        "多于在校生数",
    ),
    ("absurd area", lambda f: edit(f, 0, "体育运动场馆面积(m²)", 4_999_999), "超过 100 m²，请核实"),
    (
        "outside the county",
        lambda f: edit(edit(f, 0, "经度", 116.4), 0, "纬度", 39.9),
        "坐标不在区县 新城区 边界内",
    ),
]


@pytest.mark.parametrize(("case", "spoil", "expected"), WARNINGS, ids=[w[0] for w in WARNINGS])
def test_warnings_block_until_accepted(live_db, county_rows, case, spoil, expected):
    before = digest(live_db)
    data = csv(spoil(county_rows))
    checked, report = import_files([("returns.csv", data)], live_db)
    assert checked.errors == [] and any(expected in w.text() for w in checked.warnings)
    assert not report.written and digest(live_db) == before
    _, accepted = import_files([("returns.csv", data)], live_db, accept_warnings=True)
    assert accepted.written and accepted.replaced == 1


def workbook(build) -> bytes:
    book = openpyxl.Workbook()
    build(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def formula_book(book):
    sheet = book.active
    sheet.title = "学校数据"
    sheet.append(
        [
            "年份",
            "区县代码",
            "区县名称",
            "学校标识码",
            "学校名称",
            "办学类型",
            "学段",
            "城乡分类代码",
            "在校生数",
        ]
    )
    sheet.append([2021, "610102", "新城区", "2161010201", "甲小学", "小学", "小学", 111, "=100*12"])


def merged_book(book):
    sheet = book.active
    sheet.append(["年份", "学校", "", "学段"])
    sheet.merge_cells("B1:C1")
    sheet.append([2021, "甲小学", "2161010201", "小学"])


def empty_book(book):
    book.active.title = "说明"


FILE_CASES = [
    ("empty csv", "returns.csv", b"", "returns.csv：文件没有数据行"),
    ("header only", "returns.csv", "年份,区县代码\n".encode(), "returns.csv：文件没有数据行"),
    ("binary junk", "returns.xlsx", os.urandom(4096), "returns.xlsx：不是有效的 Excel"),
    ("junk as csv", "returns.csv", b"\x00\xff\xfe" + os.urandom(2048), "returns.csv：无法识别"),
    ("wrong kind", "returns.pdf", b"%PDF-1.4", "returns.pdf：只接受 .xlsx、.ods 或 .csv 文件"),
    (
        "50 MB file",
        "returns.csv",
        "年份,区县代码\n".encode() + b"2021,610102\n" * 4_200_000,
        "returns.csv：文件超过 40 MB，请按区县拆分后分别导入",
    ),
    ("wrong sheet", "returns.xlsx", workbook(empty_book), "工作表“说明”：文件没有数据行"),
    (
        "formula cells",
        "returns.xlsx",
        workbook(formula_book),
        "工作表“学校数据”，第 2 行，列“在校生数”：“=100*12” 单元格是公式",
    ),
    (
        "merged header",
        "returns.xlsx",
        workbook(merged_book),
        "第 1 行，列“#3”：表头为空（可能是合并单元格）",
    ),
]


@pytest.mark.parametrize(
    ("case", "name", "data", "expected"), FILE_CASES, ids=[c[0] for c in FILE_CASES]
)
def test_bad_files_are_refused_and_nothing_is_written(live_db, case, name, data, expected):
    before = digest(live_db)
    checked, report = import_files([(name, data)], live_db)
    texts = [p.text("zh") for p in checked.errors]
    assert any(expected in t for t in texts), texts
    assert not report.written and digest(live_db) == before


def test_messages_in_english(live_db, county_rows):
    checked, _ = import_files(
        [("returns.csv", csv(edit(county_rows, 0, "专任教师数", -4)))], live_db, lang="en"
    )
    assert "returns.csv, row 2, column 专任教师数: “-4” cannot be negative" in [
        p.text("en") for p in checked.errors
    ]


def test_blank_template_has_headers_and_notes():
    book = pd.read_excel(io.BytesIO(blank_template()), sheet_name=None)
    assert list(book) == ["学校数据", "填表说明"]
    assert list(book["学校数据"].columns)[:4] == ["年份", "区县代码", "区县名称", "学校标识码"]
    notes = book["填表说明"]
    assert len(notes) == len(book["学校数据"].columns) and "英文键" in notes.columns


def test_kill_9_at_any_moment_leaves_old_or_new_never_half(live_db, county_rows, tmp_path):
    changed = county_rows.copy()
    changed["图书册数"] = changed["图书册数"].astype(int) + 7
    returns = tmp_path / "returns.csv"
    returns.write_bytes(csv(changed))
    old = digest(live_db)
    outcomes = set()
    for delay in (0.2, 0.8, 1.5, 2.5, 4.0):
        process = subprocess.Popen(
            [sys.executable, "-m", "data.ingest", str(returns), "--db", str(live_db)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with duckdb.connect(str(live_db), read_only=True) as con:
            books = con.execute(
                "SELECT sum(books) FROM school_sections WHERE county_code = '610102' "
                "AND year = 2021"
            ).fetchone()[0]
        state = "old" if digest(live_db) == old else "new"
        expected_books = int(county_rows["图书册数"].astype(int).sum()) + (
            7 * len(county_rows) if state == "new" else 0
        )
        assert books == expected_books
        outcomes.add(state)
        if state == "new":
            break
    assert "old" in outcomes  # at least one kill landed before the swap


def test_the_app_shows_the_new_data_after_an_import(live_db, county_rows, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("JUNHENG_DB", str(live_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["county"], at.query_params["year"] = "610102", "2021"
    at.query_params["set"] = "basic2012"  # the composite gauge (2017 has no composite)
    at.run()
    title = "小学综合差异系数"  # the headline gauge of 小学, named by its title
    (before,) = [cv for name, cv in gauge_values(at).items() if name.startswith(title)]
    changed = county_rows.copy()
    primary = changed["学段"] == "小学"
    changed.loc[primary, "体育运动场馆面积(m²)"] = changed.loc[primary, "在校生数"].astype(int) * 8
    _, report = import_files([("更正.csv", csv(changed))], live_db)
    assert report.written
    at.run()  # the same session: its read-only connection moves to the new file
    (after,) = [cv for name, cv in gauge_values(at).items() if name.startswith(title)]
    with duckdb.connect(str(live_db), read_only=True) as con:
        expected = con.execute(
            "SELECT composite_cv FROM county_verdict WHERE county_code = '610102' AND year = 2021 "
            "AND stage = '小学' AND standard_set = 'basic2012'"
        ).fetchone()[0]
    assert after == pytest.approx(expected, abs=1e-12) and after != pytest.approx(before)


def test_refresh_brings_old_views_up_to_date(live_db):
    from data.ingest import refresh_schema

    with duckdb.connect(str(live_db)) as con:  # an older version's view
        con.execute("CREATE OR REPLACE VIEW county_verdict AS SELECT 1 AS stale")
    backup = refresh_schema(live_db)
    assert Path(backup).exists()
    with duckdb.connect(str(live_db), read_only=True) as con:
        columns = [c[0] for c in con.execute("DESCRIBE county_verdict").fetchall()]
        rows = con.execute("SELECT count(*) FROM school_sections").fetchone()[0]
    assert "composite_cv" in columns and rows > 0


def ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "data.ingest", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_dry_run_lists_what_would_change_and_writes_nothing(live_db, county_rows, tmp_path):
    # 新城区 2021 again (72 sections unchanged) with one school's books changed and one new
    # school: no warning to accept, so before the fix --dry-run wrote it.
    changed = county_rows.copy()
    changed.loc[0, "图书册数"] = int(changed.loc[0, "图书册数"]) + 7
    new = changed.iloc[[0]].assign(学校标识码="2610102999", 学校名称="新建小学")
    returns = tmp_path / "returns.csv"
    returns.write_bytes(csv(pd.concat([changed, new], ignore_index=True)))
    old = digest(live_db)
    done = ingest(str(returns), "--db", str(live_db), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert digest(live_db) == old
    assert not list(live_db.parent.glob("*.bak*"))
    code, stage = new.iloc[0]["学校标识码"], new.iloc[0]["学段"]
    assert f"added {code} 2021 {stage}" in done.stdout
    assert "would be added 1, would be replaced 1, would be unchanged 71" in done.stdout


def test_a_database_path_that_is_not_a_database_is_a_message(tmp_path, county_rows):
    returns = tmp_path / "returns.csv"
    returns.write_bytes(csv(county_rows))
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    for db in (tmp_path, text):
        done = ingest(str(returns), "--db", str(db))
        assert done.returncode == 2
        assert (
            done.stderr.strip()
            == f"{db}: 不是 Junheng 数据库文件（--db 应为数据库文件或尚不存在的路径）"
        )
        assert "Traceback" not in done.stderr
    done = ingest(str(tmp_path), "--db", str(tmp_path / "new.duckdb"))  # a folder as the file
    assert (done.returncode, done.stderr.strip()) == (2, f"{tmp_path}: 找不到文件")


def test_an_empty_whole_school_cell_keeps_no_and_warns_before_it_clears_yes(live_db):
    # 蒲城县 2024 with every 资源按全校填报 cell left empty: the sections stored 否 stay
    # unchanged, silently; each section stored 是 would become 否 — a warning first, as for
    # any stored value a file clears (README, import).
    rows = template_rows(live_db, "610526", 2024)
    whole = int((rows["资源按全校填报"] == "是").sum())
    assert 0 < whole < len(rows)
    emptied = rows.assign(资源按全校填报="")
    checked, report = import_files([("returns.csv", csv(emptied))], live_db)
    assert not report.written
    flagged = [p for p in checked.warnings if p.column == "资源按全校填报"]  # (and 0 pupils)
    assert len(flagged) == whole
    assert {p.text("zh").split("：", 1)[1] for p in flagged} == {
        "将清空已保存的数值 是（单元格为空）"
    }
    (lines,) = checked.preview.values()
    assert (lines["status"] == "unchanged").sum() == len(rows) - whole


def test_a_file_without_the_whole_school_column_is_checked_against_the_stored_flag(live_db):
    # 蒲城县 2024 without the 资源按全校填报 column (the stored flags are kept), one
    # whole-school school's books changed on its first row only: its sections would carry
    # different whole-school totals — refused, as when the column is there.
    rows = template_rows(live_db, "610526", 2024)
    first = rows.index[rows["资源按全校填报"] == "是"][0]
    rows.loc[first, "图书册数"] = 1000
    old = digest(live_db)
    checked, report = import_files(
        [("returns.csv", csv(rows.drop(columns="资源按全校填报")))], live_db, accept_warnings=True
    )
    assert not report.written and digest(live_db) == old
    assert [(p.row, p.column, p.reason) for p in checked.errors] == [  # (header: row 1)
        (first + 3, "图书册数", f"按全校填报时各学段的全校合计应相同（第 {first + 2} 行为“1000”）")
    ]


def test_a_sheet_that_is_not_imported_is_a_warning_never_dropped_silently(live_db, county_rows):
    # The primary rows on a sheet 小学 and the junior rows on a sheet 初中: only the first sheet
    # is imported (no sheet has a template name), so the second is named before anything is
    # written; the template's notes sheet is not data and goes unmentioned.
    junior = county_rows["学段"] == "初中"
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        county_rows[~junior].to_excel(writer, sheet_name="小学", index=False)
        county_rows[junior].to_excel(writer, sheet_name="初中", index=False)
        pd.DataFrame({"说明": ["x", "y"]}).to_excel(writer, sheet_name="填表说明", index=False)
    checked, report = import_files([("returns.xlsx", buffer.getvalue())], live_db)
    assert not report.written
    assert [(p.sheet, p.severity) for p in checked.problems] == [("初中", "warning")]
    assert "本文件导入了：小学" in checked.problems[0].reason


def test_the_exported_workbook_imports_back_unchanged(live_db):
    # 蒲城县's stored returns hold whole-school totals summed in doubles (23666.800000000003);
    # the workbook keeps 15 significant digits, as spreadsheets do: importing it back changes
    # nothing (README: the returns workbook "imports back unchanged").
    with duckdb.connect(str(live_db), read_only=True) as con:
        sections = run(con, "county_sections", county="610526")
        noisy = con.execute(
            "SELECT count(*) FROM school_sections WHERE county_code = '610526' "
            "AND sports_area_m2 <> round(sports_area_m2, 6)"
        ).fetchone()[0]
    assert noisy > 0
    old = digest(live_db)
    checked, report = import_files(
        [("returns.xlsx", returns_workbook(sections))], live_db, accept_warnings=True
    )
    assert (report.added, report.replaced, report.unchanged) == (0, 0, len(sections))
    assert not report.written and digest(live_db) == old


def test_a_school_has_one_type_a_year(live_db, county_rows):
    # A primary school's row typed as 初中/初中 would add a junior section of another type
    # beside its stored primary one; a nine-year school's two rows with two types likewise.
    rows = county_rows.copy()
    primary = rows.index[(rows["办学类型"] == "小学") & (rows["学段"] == "小学")][0]
    rows.loc[primary, ["办学类型", "学段"]] = ["初中", "初中"]
    nine = rows.index[rows["办学类型"] == "九年一贯制"][:2]
    assert rows.loc[nine, "学校标识码"].nunique() == 1
    assert list(rows.loc[nine, "学段"]) == ["初中", "小学"]
    rows.loc[nine[0], "办学类型"] = "初中"  # its 初中 row: the 小学 row (later) is told
    checked, report = import_files([("returns.csv", csv(rows))], live_db, accept_warnings=True)
    assert not report.written
    assert [(p.row, p.column, p.reason) for p in checked.errors] == [
        (
            primary + 2,
            "办学类型",
            "同一学校同一年各学段的办学类型应相同：已保存的小学学段为“小学”"
            "（如需更正，请在同一文件中填写该校当年的各学段）",
        ),
        (
            nine[1] + 2,
            "办学类型",
            f"同一学校同一年各学段的办学类型应相同（第 {nine[0] + 2} 行为“初中”）",
        ),
    ]


def test_a_central_school_of_another_county_or_on_a_school_is_a_warning(live_db):
    # §7: only teaching points name their central school, and a point merges only with a
    # central school of its own county (the views' rule): said before anything is written.
    rows = template_rows(live_db, "610526", 2024)
    with duckdb.connect(str(live_db), read_only=True) as con:
        (elsewhere,) = con.execute(
            "SELECT min(school_code) FROM school_sections WHERE county_code = '340602' "
            "AND year = 2024 AND stage = '小学' AND school_type = '小学'"
        ).fetchone()
    point = rows.index[rows["办学类型"] == "教学点"][0]
    school = rows.index[rows["办学类型"] == "小学"][0]
    rows.loc[point, "所属中心校标识码"] = elsewhere
    rows.loc[school, "所属中心校标识码"] = rows.loc[school, "学校标识码"]
    checked, _ = import_files([("returns.csv", csv(rows))], live_db)
    told = [(p.row, p.reason) for p in checked.warnings if p.column == "所属中心校标识码"]
    assert sorted(told) == sorted(
        [
            (
                point + 2,
                f"所属中心校 {elsewhere} 在区县 340602，与本教学点不同："
                "教学点只与本区县的中心校合并计算",
            ),
            (school + 2, "只有教学点填写所属中心校标识码（本行为小学）：该值不参与计算"),
        ]
    )


def test_a_row_repeated_in_another_file_names_that_file_and_a_typeset_minus_is_negative(
    live_db, county_rows
):
    one = county_rows.iloc[[0]].copy()
    other = one.copy()
    other["在校生数"] = "−3"  # U+2212, as a report's typeset table writes it
    checked, report = import_files(
        [("part1.csv", csv(one)), ("part2.csv", csv(other))], live_db, accept_warnings=True
    )
    assert not report.written
    assert [(p.file, p.column, p.reason) for p in checked.errors] == [
        ("part2.csv", "在校生数", "不能为负数"),
        ("part2.csv", "学校标识码", "与文件 part1.csv 的第 2 行重复（同一学校、年份、学段）"),
    ]
