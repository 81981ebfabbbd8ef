"""The importer's rules one by one: normalisation, column mapping (proposed, confirmed,
remembered beside the database), the preview of changes, absent columns, the views version."""

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data import build
from data.checking import normalise_cell, normalise_column, parse_cell
from data.ingest import check_files, import_files, propose_mapping
from data.reading import read_file
from data.template import COLUMNS, sections_as_template
from data.writing import mappings_path, refresh_schema, remembered_mappings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def county_rows(demo_db) -> pd.DataFrame:
    with duckdb.connect(str(demo_db), read_only=True) as con:
        sections = con.execute(
            "SELECT s.*, c.county_name FROM school_sections s JOIN counties c USING "
            "(county_code) WHERE county_code = '610102' AND year = 2021 ORDER BY school_code, stage"
        ).df()
    return sections_as_template(sections)


def csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8-sig")


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("２３４０６０２００５", "code", ("2340602005", [])),  # full-width: silently
        ("٢٣٤", "int", ("234", ["other_digits"])),  # Arabic-Indic
        ("۱۲", "int", ("12", ["other_digits"])),  # Extended Arabic-Indic (Persian)
        ("१२३", "int", ("123", ["other_digits"])),  # Devanagari
        ("\u3000１ ２００\u00a0", "int", ("1200", [])),
        ("－４", "int", ("-4", [])),
        ("１２．５", "float", ("12.5", [])),
        ("甲\x0b小学", "text", ("甲小学", ["control_chars"])),
        ("甲\u200b小学\u202e", "text", ("甲小学", ["control_chars"])),
        ("城关\u3000第一小学", "text", ("城关 第一小学", [])),
        ("٢٣", "text", ("٢٣", [])),  # names keep what was typed
    ],
)
def test_cells_are_normalised_before_any_check(text, kind, expected):
    assert normalise_cell(text, kind) == expected


def test_thousands_separators_only_in_groups_of_three():
    text, notes = normalise_column(pd.Series(["1,234,567", "12,34", "1，234", "1234"]), "int")
    assert text.tolist() == ["1234567", "12,34", "1234", "1234"] and notes == []


def test_digits_of_other_scripts_are_never_numbers_unless_normalised():
    # Python's float() and str.isdigit() accept them: the parser does not.
    assert float("٢٣") == 23.0 and "٢٣".isdigit()
    assert parse_cell("٢٣", "int", True, "zh") == (None, "应为整数")
    assert parse_cell("٢٣٤٠٦٠٢٠٠٥", "code", True, "zh")[0] is None


def test_the_header_row_is_found_below_title_rows_in_a_csv():
    text = (
        "2021年学校数据,,\n填报单位：教育局,,\n年份,区县代码,学段\n2021,610102,小学\n,,\n合计,,\n"
    )
    tables, problems = read_file(text.encode(), "r.csv", "zh", [], ["年份", "区县代码", "学段"])
    (table,) = tables
    assert (table.header_row, table.row_numbers) == (3, [4])
    assert table.frame.to_dict("records") == [
        {"年份": "2021", "区县代码": "610102", "学段": "小学"}
    ]
    assert [p.text() for p in problems] == ["r.csv，第 6 行：“合计” 合计/小计行，已跳过"]


def test_a_mapping_is_proposed_by_similarity_and_remembered():
    assert propose_mapping(["学校代码", "在校学生数", "备注", "年份"]) == {
        "学校代码": "school_code",
        "在校学生数": "students",
        "备注": None,
    }
    remembered = {"学校代码": "学校名称", "备注": None}  # a county's earlier choice wins
    assert propose_mapping(["学校代码", "备注"], remembered) == {
        "学校代码": "school_name",
        "备注": None,
    }


def test_a_confirmed_mapping_is_kept_beside_the_database(live_db, county_rows):
    renamed = county_rows.rename(columns={"学校标识码": "学校代码"}).assign(备注="")
    files = [("returns.csv", csv(renamed))]
    checked, report = import_files(files, live_db)
    assert any("缺少必需的列" in p.text() for p in checked.errors) and not report.written
    assert checked.unknown[("schools", "returns.csv")] == ["学校代码", "备注"]
    mapping = {"学校代码": "学校标识码", "备注": None}
    changed = renamed.copy()
    changed.loc[0, "图书册数"] = int(changed.loc[0, "图书册数"]) + 1
    checked, report = import_files([("returns.csv", csv(changed))], live_db, mapping=mapping)
    assert checked.problems == [] and report.replaced == 1
    assert mappings_path(live_db) == live_db.with_name("live.column-mappings.json")
    assert remembered_mappings(live_db) == {"610102": mapping}
    assert propose_mapping(["学校代码", "备注"], remembered_mappings(live_db)["610102"]) == {
        "学校代码": "school_code",
        "备注": None,
    }


def test_the_preview_lists_added_replaced_and_unchanged_with_old_and_new(live_db, county_rows):
    changed = county_rows.copy().astype(object)
    changed.loc[0, "图书册数"] = int(changed.loc[0, "图书册数"]) + 1
    changed.loc[1, "学校名称"] = "新名字小学"
    new = changed.iloc[[0]].copy()
    new["学校标识码"] = "2610102999"
    files = [("returns.csv", csv(pd.concat([changed, new]).drop(columns=["计算机台数"])))]
    with duckdb.connect(str(live_db), read_only=True) as con:
        checked = check_files(files, stored=con)
    preview = checked.preview["schools"]
    assert preview["status"].value_counts().to_dict() == {
        "unchanged": 70,
        "replaced": 2,
        "added": 1,
    }
    replaced = preview[preview["status"] == "replaced"]
    old_books = str(county_rows.loc[0, "图书册数"])
    assert replaced["changes"].tolist() == [
        [("books", old_books, str(int(old_books) + 1))],
        [("school_name", county_rows.loc[1, "学校名称"], "新名字小学")],
    ]
    assert checked.absent[("schools", "returns.csv")] == ["计算机台数"]
    assert preview.loc[preview["status"] == "added", "src_row"].tolist() == [74]


def older(path: Path) -> None:
    """Mark the database as built by an older version of the product."""
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE views_version SET version = 'older'")


def test_the_views_version_is_stored_and_checked(live_db, tmp_path, monkeypatch):
    from queries import db

    with duckdb.connect(str(live_db), read_only=True) as con:
        assert con.execute("SELECT version FROM views_version").fetchall() == [
            (build.views_version(),)
        ]
    monkeypatch.setenv("JUNHENG_DB", str(live_db))
    assert db.views_stale() is False
    old = tmp_path / "old.duckdb"
    shutil.copyfile(live_db, old)
    older(old)
    monkeypatch.setenv("JUNHENG_DB", str(old))
    assert db.views_stale() is True
    assert db.refresh_command() == f"python -m data.ingest --refresh --db {old}"
    refresh_schema(old)  # a new file is swapped in: the app's next connection sees it
    assert db.views_stale() is False


def test_the_views_version_follows_the_sql(tmp_path, monkeypatch):
    before = build.views_version()
    views = tmp_path / "views"
    shutil.copytree(build.VIEWS_DIR, views)
    monkeypatch.setattr(build, "VIEWS_DIR", views)
    assert build.views_version() == before
    (views / "99_extra.sql").write_text("CREATE OR REPLACE VIEW extra AS SELECT 1 AS x;")
    assert build.views_version() != before


def test_the_import_page_tells_the_admin_how_to_refresh_stale_views(live_db, monkeypatch):
    monkeypatch.setenv("JUNHENG_DB", str(live_db))
    older(live_db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["admin_password"] = "pw"
    at.session_state["admin"] = True
    at.run()
    at.switch_page(str(ROOT / "views" / "data_import.py"))
    at.run()
    assert not at.exception
    assert at.warning[0].value.startswith("数据库中的指标视图来自另一个版本")
    assert at.code[0].value == f"python -m data.ingest --refresh --db {live_db}"
    at.button(key="import_refresh").click().run()
    assert at.success[0].value == "已刷新。"
    at.run()
    assert not at.warning


def test_template_headers_and_english_keys_all_match():
    from data.sheets import KINDS

    kind = KINDS["schools"]
    for column in COLUMNS:
        assert kind.column_for(column.header) == column
        assert kind.column_for(column.key.upper()) == column
        assert kind.column_for(" ".join(column.header)) == column
