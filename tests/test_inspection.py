"""Inspection: logins, the worklist of an inspector's schools only, a follow-up step recorded
with the real user, notices, 整改成效, and the 责任督学 sheet through the importer."""

import datetime as dt
import io
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from docx import Document
from streamlit.testing.v1 import AppTest

from data.ingest import check_files, import_files
from store import accounts
from store import follow_up as fu
from store.db import STORE_FILE, create_engine

APP = str(Path(__file__).resolve().parent.parent / "app.py")
VIEWS = Path(APP).parent / "views"
COUNTY, YEAR = "610526", 2021
PASSWORD = "a long password 1"


@pytest.fixture
def live(demo_db, tmp_path, monkeypatch):
    """A copy of the demo database and its demo store, with accounts for two inspectors of
    蒲城县, an admin and a viewer; returns (db path, store engine, schools per inspector)."""
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    shutil.copyfile(demo_db.parent / STORE_FILE, tmp_path / STORE_FILE)
    monkeypatch.setenv("JUNHENG_DB", str(db))
    monkeypatch.delenv("JUNHENG_STORE_URL", raising=False)
    engine = create_engine(f"sqlite:///{tmp_path / STORE_FILE}")
    with duckdb.connect(str(db), read_only=True) as con:
        busiest = con.execute(
            "SELECT i.inspector_name, list(DISTINCT f.school_code) FROM school_flags f "
            "JOIN school_inspectors i USING (school_code) "
            "WHERE f.county_code = ? AND f.year = ? GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2",
            [COUNTY, YEAR],
        ).fetchall()
    (a, schools_a), (b, schools_b) = busiest
    accounts.add_user(engine, "insp_a", PASSWORD, "inspector", inspector=a)
    accounts.add_user(engine, "insp_b", PASSWORD, "inspector", inspector=b)
    accounts.add_user(engine, "boss", PASSWORD, "admin")
    accounts.add_user(engine, "guest", PASSWORD, "viewer")
    yield db, engine, {"insp_a": set(schools_a), "insp_b": set(schools_b)}
    engine.dispose()


def logged_in(name: str, page: str = "inspection") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["county"], at.query_params["year"] = COUNTY, str(YEAR)
    at.run()
    at.switch_page(str(VIEWS / "login.py"))
    at.run()
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(PASSWORD)
    at.button[0].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page(str(VIEWS / f"{page}.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def worklist_schools(at: AppTest, db: Path) -> set[str]:
    names = set(at.dataframe[0].value["学校"])
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            code
            for code, name in con.execute(
                "SELECT school_code, school_name FROM schools WHERE county_code = ?", [COUNTY]
            ).fetchall()
            if name in names
        }


def test_an_inspector_sees_and_changes_only_their_schools(live):
    db, engine, schools = live
    at = logged_in("insp_a")
    assert worklist_schools(at, db) == schools["insp_a"]
    options = at.selectbox(key="flag_choice").options
    with duckdb.connect(str(db), read_only=True) as con:
        theirs = {
            k
            for (k,) in con.execute(
                "SELECT flag_key FROM school_flags WHERE county_code = ? AND year = ? "
                "AND school_code IN (SELECT unnest(?))",
                [COUNTY, YEAR, sorted(schools["insp_b"])],
            ).fetchall()
        }
    assert theirs and not theirs & {o.split(" · ")[0] for o in options}
    key = at.selectbox(key="flag_choice").value
    assert key.split(":")[1] in schools["insp_a"]
    # A step on one of their flags is stored with their name.
    at.radio(key="fu_status").set_value(fu.next_statuses(fu.status_of(engine, key), "inspector")[1])
    at.text_area(key="fu_note").input("已到校核实")
    at.button(key="FormSubmitter:follow_up-保存").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    last = fu.history(engine, key).iloc[-1]
    assert (last["user_name"], last["note"]) == ("insp_a", "已到校核实")
    # The other inspector's worklist has none of those schools.
    other = logged_in("insp_b")
    assert worklist_schools(other, db) == schools["insp_b"]
    assert not worklist_schools(other, db) & schools["insp_a"]


def test_the_admin_sees_every_flag_of_the_county_and_the_effects(live):
    db, engine, _ = live
    at = logged_in("boss")
    at.multiselect(key="insp_statuses").set_value(list(fu.STATUSES))
    at.run()
    with duckdb.connect(str(db), read_only=True) as con:
        expected = con.execute(
            "SELECT count(*) FROM school_flags WHERE county_code = ? AND year = ?", [COUNTY, YEAR]
        ).fetchone()[0]
    assert len(at.dataframe[0].value) == expected
    # 整改成效: one row per rectified flag of the county, the effect from next year's data.
    rectified = [
        k for k, row in fu.latest(engine, county=COUNTY).items() if row.status == fu.RECTIFIED
    ]
    effect_table = at.dataframe[-1].value
    assert len(effect_table) == len(rectified) > 0
    assert set(effect_table["整改成效"]) <= {
        "已改善，不再触发",
        "有改善，仍未达标",
        "未改善",
        "待下一年数据",
    }


def test_a_viewer_gets_no_worklist(live):
    at = logged_in("guest", page="login")
    assert "已登录：guest（浏览）" in at.text[0].value
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(str(VIEWS / "inspection.py"))


def test_failed_logins_are_refused_then_locked(live):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(str(VIEWS / "login.py"))
    at.run()
    for attempt in range(accounts.MAX_FAILURES + 1):
        at.text_input(key="login_name").input("insp_a")
        at.text_input(key="login_password").input(f"guess {attempt}")
        at.button[0].click()
        at.run()
    assert "失败次数过多" in at.error[0].value


def test_without_accounts_there_is_no_login(demo_db, tmp_path, monkeypatch):
    db = tmp_path / "plain.duckdb"
    shutil.copyfile(demo_db, db)
    monkeypatch.setenv("JUNHENG_DB", str(db))
    monkeypatch.delenv("JUNHENG_STORE_URL", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(str(VIEWS / "login.py"))
    # The secrets.toml admin password alone adds the login, where "admin" gets in.
    at.secrets["admin_password"] = "secret-of-the-bureau"
    at.run()
    at.switch_page(str(VIEWS / "login.py"))
    at.run()
    at.text_input(key="login_name").input("admin")
    at.text_input(key="login_password").input("secret-of-the-bureau")
    at.button[0].click()
    at.run()
    at.switch_page(str(VIEWS / "inspection.py"))
    at.run()
    assert not at.exception and at.dataframe


def test_notice_docx_lists_the_open_flags():
    from components.notice import flags_xlsx, notice_docx

    flags = pd.DataFrame(
        {
            "school_name": ["甲小学", "乙中学"],
            "school_code": ["S1", "S2"],
            "stage": ["小学", None],
            "reason_zh": ["平均班额 50.0 人（100 人 / 2 个班），超过小学标准班额 45 人", "=1+1"],
            "status": ["已核实", "待核实"],
            "deadline": [dt.date(2022, 9, 1), None],
        }
    )
    data = notice_docx(flags, county_name="蒲城县", year=2021, inspector="王督学", contact="8001")
    document = Document(io.BytesIO(data))
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[1] == [
        "1",
        "甲小学（S1）",
        "小学",
        flags.loc[0, "reason_zh"],
        "已核实",
        "2022-09-01",
    ]
    assert rows[2][2] == "全校" and len(rows) == 3
    assert "责任督学：王督学（8001）" in [p.text for p in document.paragraphs]
    sheet = pd.read_excel(io.BytesIO(flags_xlsx(flags)), dtype=str, engine="openpyxl")
    assert sheet.loc[1, "reason_zh"] == "'=1+1"  # a formula stays text


def test_inspector_sheet_is_imported_and_checked(demo_db, tmp_path):
    db = tmp_path / "live.duckdb"
    shutil.copyfile(demo_db, db)
    sheet = pd.DataFrame(
        {
            "学校标识码": ["2610526001", "2610526002"],
            "责任督学": ["新督学", "新督学"],
            "联系方式": ["0913-1", ""],
        }  # fmt: skip
    )
    data = sheet.to_csv(index=False).encode("utf-8-sig")
    _, report = import_files([("责任督学.csv", data)], db)
    assert report.written and (report.added, report.replaced) == (0, 2)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT school_code, inspector_name, contact FROM school_inspectors "
            "WHERE inspector_name = '新督学' ORDER BY 1"
        ).fetchall()
    assert rows == [("2610526001", "新督学", "0913-1"), ("2610526002", "新督学", None)]
    twice = pd.concat([sheet, sheet.iloc[:1]]).to_csv(index=False).encode()
    checked = check_files([("dup.csv", twice)])
    assert [p.text() for p in checked.errors] == [
        "dup.csv，第 4 行，列“学校标识码”：“2610526001” "
        "学校标识码与第 2 行重复（每所学校一位责任督学）"
    ]
