"""County items (domain.md §3b–3d, §7): the 县域指标 sheet through the importer, items 4 and 5
computed from the school returns, the scorecard's sources, and the export round trip."""

import io
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.county_items import returns_workbook
from data.ingest import import_files
from data.template import sections_as_template
from queries.db import connection
from queries.loader import run
from tests.conftest import insert_sections
from tests.test_overview import html_tables

ROOT = Path(__file__).resolve().parent.parent

# 新城区 (610102) in 2023: a primary school of 1,800 pupils in 36 classes (50 per class, over
# 45), one of 900 in 20 classes (45, within) and a nine-year school whose two sections hold
# 2,100 + 300 = 2,400 pupils (within 2,500 for a nine-year school; 40 / 50 per class).
SCHOOLS = [
    {"school_code": "2610102001", "students": 1800, "classes": 36},
    {"school_code": "2610102002", "students": 900, "classes": 20},
    {
        "school_code": "2610102003",
        "school_type": "九年一贯制",
        "students": 2100,
        "classes": 50,
    },
    {
        "school_code": "2610102003",
        "school_type": "九年一贯制",
        "stage": "初中",
        "students": 300,
        "classes": 6,
    },
]


def items_csv(rows: list[tuple]) -> bytes:
    frame = pd.DataFrame(rows, columns=["年份", "区县代码", "指标类别", "序号", "数值", "说明"])
    return frame.to_csv(index=False).encode("utf-8-sig")


@pytest.fixture
def imported_db(tmp_path) -> Path:
    """A database holding only 新城区's 2023 school returns, imported like a bureau would."""
    con = duckdb.connect()
    from data.build import create_schema

    create_schema(con)
    insert_sections(
        con,
        [
            {
                "year": 2023,
                "county_code": "610102",
                "school_name": f"学校{row['school_code'][-1]}",
                "longitude": 108.98,
                "latitude": 34.27,
                "teachers": 100,
            }
            | row
            for row in SCHOOLS
        ],
    )
    sections = con.execute(
        "SELECT *, '新城区' AS county_name FROM school_sections ORDER BY school_code, stage"
    ).df()
    con.close()
    data = sections_as_template(sections).to_csv(index=False).encode("utf-8-sig")
    path = tmp_path / "bureau.duckdb"
    checked, report = import_files([("学校.csv", data)], path, accept_warnings=True)
    assert report.written, [p.text() for p in checked.errors]
    return path


def scorecard(path: Path) -> pd.DataFrame:
    with duckdb.connect(str(path), read_only=True) as con:
        return run(con, "county_scorecard", county="610102", year=2023).set_index(
            ["item_group", "item_no"]
        )


def test_items_4_and_5_are_computed_and_the_rest_not_yet_reported(imported_db):
    card = scorecard(imported_db)
    assert len(card) == 25
    # Item 4: 3 schools, all within their limit (1,800 ≤ 2,000; 900; 2,400 ≤ 2,500) → 100 %.
    # Item 5: 4 sections; 1,800 / 36 = 50 > 45 fails, the other three pass → 75 %.
    assert card.loc[("government", 4), ["value", "met", "source"]].tolist() == [
        100.0,
        True,
        "computed",
    ]
    assert card.loc[("government", 5), ["value", "met", "source"]].tolist() == [
        75.0,
        False,
        "computed",
    ]
    others = card.drop([("government", 4), ("government", 5)])
    assert set(others["source"]) == {"not_reported"}
    assert others["met"].isna().all() and others["value"].isna().all()


def test_school_size_limit_is_a_setting(imported_db):
    with duckdb.connect(str(imported_db)) as con:
        con.execute("UPDATE settings SET value = '1500' WHERE key = 'school_size_max'")
        # 1,800 > 1,500 now fails: 2 of 3 schools within → 66.67 %.
        value = con.execute("SELECT value FROM county_computed_items WHERE item_no = 4").fetchone()[
            0
        ]
    assert value == pytest.approx(200 / 3, abs=1e-9)


def test_county_items_import_and_round_trip(imported_db, tmp_path):
    rows = [
        (2023, "610102", "教育质量", 1, "99.5", "2023年教育统计年报"),
        (2023, "610102", "政府保障程度", 6, "是", ""),
        (2023, "610102", "社会认可度", 1, "83", "第三方满意度调查"),
        (2023, "610102", "教育质量", 9, "0.12", ""),
    ]
    checked, report = import_files([("县域指标.csv", items_csv(rows))], imported_db, user="督导室")
    assert not checked.problems and report.written
    assert (report.added, report.replaced) == (4, 0)
    card = scorecard(imported_db)
    assert card.loc[("quality", 1), ["value", "met", "source", "note"]].tolist() == [
        99.5,
        True,
        "entered",
        "2023年教育统计年报",
    ]
    assert card.loc[("government", 6), ["value", "met"]].tolist() == [1.0, True]
    assert card.loc[("recognition", 1), ["value", "met"]].tolist() == [83.0, False]  # < 85 %
    assert card.loc[("quality", 9), ["value", "met"]].tolist() == [0.12, True]  # < 0.15
    with duckdb.connect(str(imported_db), read_only=True) as con:
        assert con.execute(
            "SELECT user_name, rows_added FROM import_log WHERE file_name = '县域指标.csv'"
        ).fetchall() == [("督导室", 4)]
        sections = run(con, "county_sections", county="610102")
        items = run(con, "county_checklist", county="610102")
    # Export in template form (both sheets) → import into a new database → the same values.
    workbook = returns_workbook(sections, items)
    assert pd.read_excel(io.BytesIO(workbook), "县域指标", engine="openpyxl").shape == (4, 6)
    fresh = tmp_path / "fresh.duckdb"
    checked, report = import_files([("导出.xlsx", workbook)], fresh, accept_warnings=True)
    assert report.written and (report.added, report.replaced) == (len(sections) + 4, 0)
    with duckdb.connect(str(fresh), read_only=True) as con:
        again = run(con, "county_checklist", county="610102")
    columns = ["year", "item_group", "item_no", "value", "met", "note"]
    pd.testing.assert_frame_equal(again[columns], items[columns])
    # The same file into the same database again changes nothing.
    _, report = import_files([("导出.xlsx", workbook)], fresh, accept_warnings=True)
    assert (report.added, report.replaced, report.written) == (0, 0, False)


def test_bad_item_rows_are_refused_with_row_and_column(imported_db):
    before = imported_db.read_bytes()
    rows = [
        (2023, "610102", "教学质量", 1, "99", ""),  # no such group
        (2023, "610102", "教育质量", 10, "99", ""),  # 教育质量 has 9 items
        (2023, "610102", "政府保障程度", 6, "2", ""),  # yes/no takes 1 or 0
        (2023, "610102", "社会认可度", 1, "120", ""),  # a rate above 100 %
        (2023, "610102", "社会认可度", 1, "90", ""),  # the same item twice
        (2023, "610102", "教育质量", 2, "很好", ""),  # not a number
    ]
    checked, report = import_files([("县域指标.csv", items_csv(rows))], imported_db)
    assert not report.written and imported_db.read_bytes() == before
    assert [p.text() for p in checked.errors] == [
        "县域指标.csv，第 2 行，列“指标类别”：“教学质量” "
        "指标类别应为 政府保障程度/教育质量/社会认可度",
        "县域指标.csv，第 3 行，列“序号”：“10” “教育质量”没有这个序号",
        "县域指标.csv，第 4 行，列“数值”：“2” 是/否类指标应填1（是）或0（否）",
        "县域指标.csv，第 5 行，列“数值”：“120” 数值应在 0–100 之间",
        "县域指标.csv，第 6 行，列“序号”：“1” 同一区县、年份、指标重复填写（第 5 行）",
        "县域指标.csv，第 7 行，列“数值”：“很好” 应为数字（是/否类指标填1或0）",
    ]


def overview_table(path: Path, monkeypatch) -> pd.DataFrame:
    monkeypatch.setenv("JUNHENG_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(county="610102", year="2023")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    tables = [t for t in html_tables(at) if "来源" in t.columns]
    assert len(tables) == 1
    return tables[0].set_index("指标")


def test_overview_scorecard_shows_not_yet_reported_then_the_items(imported_db, monkeypatch):
    table = overview_table(imported_db, monkeypatch)
    satisfaction = table.loc["社会认可度调查满意度"]
    assert (satisfaction["达成"], satisfaction["来源"]) == ("— 尚未填报", "尚未填报")
    assert table.loc["小学、初中班额分别不超过45人、50人", "达成"] == "✗ 未达成"
    assert (table["来源"] == "尚未填报").sum() == 23
    rows = [(2023, "610102", "社会认可度", 1, "91.5", "第三方满意度调查")]
    _, report = import_files([("县域指标.csv", items_csv(rows))], imported_db)
    assert report.written
    table = overview_table(imported_db, monkeypatch)
    satisfaction = table.loc["社会认可度调查满意度"]
    assert satisfaction[["数值", "达成", "来源", "说明"]].tolist() == [
        "91.50%",
        "✓ 达成",
        "县级填报",
        "第三方满意度调查",
    ]
    assert (table["来源"] == "尚未填报").sum() == 22


def signed_in(path: Path, monkeypatch, page: str) -> AppTest:
    monkeypatch.setenv("JUNHENG_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["admin_password"] = "pw"
    at.query_params.update(county="610102", year="2023")
    at.run()
    at.switch_page(str(ROOT / "views" / f"{page}.py"))
    at.session_state["admin"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_admin_editor_writes_items_through_the_importer(imported_db, monkeypatch):
    at = signed_in(imported_db, monkeypatch, "data_import")
    # Row 22 of the editor is 社会认可度 1 (23 entered items: 13 government, 9 quality, 1).
    at.session_state["items-610102-2023"] = {
        "edited_rows": {22: {"数值": "91.5", "说明": "调查报告"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="items_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    card = scorecard(imported_db)
    assert card.loc[("recognition", 1), ["value", "met", "source", "note"]].tolist() == [
        91.5,
        True,
        "entered",
        "调查报告",
    ]
    # A value the item does not accept is refused with the importer's message; nothing written.
    before = imported_db.read_bytes()
    at.session_state["items-610102-2023"] = {
        "edited_rows": {3: {"数值": "2"}},  # row 3: 政府保障程度 6, a yes/no item
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="items_save").click().run()
    assert [e.value for e in at.error] == [
        "县域指标（页面填报）.csv，第 2 行，列“数值”：“2” 是/否类指标应填1（是）或0（否）"
    ]
    assert imported_db.read_bytes() == before


def test_settings_page_validates_and_saves(imported_db, monkeypatch):
    at = signed_in(imported_db, monkeypatch, "settings")
    keys = list(at.dataframe[0].value["设置项"]) if at.dataframe else None
    assert keys is None or "school_floor_ratio" in keys
    with duckdb.connect(str(imported_db), read_only=True) as con:
        order = [k for (k,) in con.execute("SELECT key FROM settings ORDER BY key").fetchall()]
    row = order.index("school_floor_ratio")
    at.session_state["settings_editor"] = {
        "edited_rows": {row: {"值": "85"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="settings_save").click().run()
    assert [e.value for e in at.error] == ["school_floor_ratio：“85” 应为 (0, 1] 之间的数"]
    at.session_state["settings_editor"] = {
        "edited_rows": {row: {"值": "0.9"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="settings_save").click().run()
    assert not at.error and at.success[0].value.startswith("已保存")
    # Read through the app's connection: it moves to the file swapped in (a plain connect in
    # this process would reuse DuckDB's open instance of the old file).
    assert connection().execute(
        "SELECT value FROM settings WHERE key = 'school_floor_ratio'"
    ).fetchall() == [("0.9",)]


def test_overview_says_cannot_be_judged(tmp_path, monkeypatch):
    # Every school reports 0 computers: the 2012 computers CV has a county mean of 0, so the
    # basic-balance verdict cannot be judged (before: the NULL CV was skipped and it passed).
    from data.build import new_database

    path = tmp_path / "zero.duckdb"
    con = new_database(path)
    con.execute(
        "INSERT INTO counties VALUES ('610102', '新城区', '610100', '西安市', '610000', "
        "'陕西省', FALSE)"
    )
    insert_sections(
        con,
        [
            {"year": 2023, "county_code": "610102", "school_code": code, "computers": 0}
            for code in ("2610102001", "2610102002")
        ],
    )
    con.close()
    monkeypatch.setenv("JUNHENG_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(county="610102", year="2023", set="basic2012")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert warnings[0] == (
        "### 小学：无法判断是否达到基本均衡 (2012)要求\n"
        "- 每百名学生拥有计算机台数：全县均值为0，无法计算差异系数"
    )
    assert not at.success and not at.error
    # The "how computed" note states the rules with the database's settings.
    how = [m.value for m in at.markdown if "小学 : 初中 : 高中" in m.value]
    assert "小学 : 初中 : 高中 = 1.0 : 1.1 : 1.32" in how[0]
    assert "没有一项低于标准的 85%" in how[0]
