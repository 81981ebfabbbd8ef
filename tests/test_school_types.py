"""Importing the school types and columns of domain.md §7 added in issue 10: 完全中学, senior
pupils, 办学性质, 举办者; whole-school returns that disagree are refused, naming the cells."""

import duckdb
import pandas as pd
import pytest

from data.build import create_schema
from data.ingest import import_files
from data.template import sections_as_template
from tests.conftest import insert_sections

NINE = {
    "year": 2023,
    "county_code": "610102",
    "school_code": "2610102009",
    "school_type": "九年一贯制",
    "longitude": 108.98,
    "latitude": 34.27,
    "resources_whole_school": True,
    "teaching_area_m2": 9400.0,
}


def template_csv(rows: list[dict], drop: tuple[str, ...] = ()) -> bytes:
    con = duckdb.connect()
    create_schema(con)
    insert_sections(con, rows)
    sections = con.execute(
        "SELECT *, '新城区' AS county_name FROM school_sections ORDER BY school_code, stage"
    ).df()
    con.close()
    frame = sections_as_template(sections).drop(columns=list(drop))
    return frame.to_csv(index=False).encode("utf-8-sig")


def test_nine_year_rows_with_different_totals_are_an_error(tmp_path):
    # The template lists 初中 (row 2) before 小学 (row 3).
    rows = [
        NINE | {"stage": "小学", "students": 500},
        NINE | {"stage": "初中", "students": 400, "teaching_area_m2": 9000.0},
    ]
    checked, report = import_files([("学校.csv", template_csv(rows))], tmp_path / "x.duckdb")
    assert not report.written
    assert [p.text() for p in checked.errors] == [
        "学校.csv，第 3 行，列“教学及辅助用房面积(m²)”：“9400.0” "
        "按全校填报时各学段的全校合计应相同（第 2 行为“9000.0”）"
    ]


def test_whole_school_flag_on_one_section_only_is_an_error(tmp_path):
    rows = [
        NINE | {"stage": "小学", "students": 500},
        NINE | {"stage": "初中", "students": 400, "resources_whole_school": False},
    ]
    checked, _ = import_files([("学校.csv", template_csv(rows))], tmp_path / "x.duckdb")
    assert [p.text() for p in checked.errors] == [
        "学校.csv，第 2 行，列“资源按全校填报”：“否” "
        "同一学校同一年的各学段应一致填写“资源按全校填报”（第 3 行为“是”）"
    ]


def test_complete_middle_school_and_private_school_imported(tmp_path):
    rows = [
        NINE
        | {
            "school_type": "完全中学",
            "stage": "初中",
            "students": 500,
            "senior_students": 400,
            "teaching_area_m2": 8000.0,
        },
        {**NINE, "school_code": "2610102010", "school_type": "小学", "stage": "小学"}
        | {"resources_whole_school": False, "ownership": "民办", "run_by": "县级"},
    ]
    db = tmp_path / "x.duckdb"
    checked, report = import_files([("学校.csv", template_csv(rows))], db)
    assert report.written, [p.text() for p in checked.problems]
    with duckdb.connect(str(db), read_only=True) as con:
        # junior : senior = 1 : 1.2 → 8000 · 500 / 980 / 500 = 8.1633 m² per pupil
        value = con.execute(
            "SELECT value FROM indicator_values WHERE indicator = 'teaching_area_per_student'"
        ).fetchall()
        assert value == [(pytest.approx(8000 / 980, abs=1e-9),)]
        assert con.execute("SELECT DISTINCT reason FROM excluded_sections").fetchall() == [
            ("private",)
        ]
    # A later file without the three optional columns keeps what is stored.
    changed = [dict(r, students=r.get("students", 100) + 1) for r in rows]
    _, report = import_files(
        [("更正.csv", template_csv(changed, drop=("高中在校生数", "办学性质", "举办者")))], db
    )
    assert report.replaced == 2
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute(
            "SELECT school_code, students, senior_students, ownership FROM school_sections "
            "ORDER BY school_code"
        ).fetchall()
    assert stored == [("2610102009", 501, 400, None), ("2610102010", 101, None, "民办")]


def test_bad_ownership_run_by_and_senior_pupils(tmp_path):
    rows = [
        {**NINE, "stage": "小学", "school_type": "小学", "resources_whole_school": False}
        | {"ownership": "私立", "run_by": "市级", "senior_students": 10},
    ]
    checked, _ = import_files([("学校.csv", template_csv_raw(rows))], tmp_path / "x.duckdb")
    assert [p.text() for p in checked.errors] == [
        "学校.csv，第 2 行，列“办学性质”：“私立” 办学性质应为 公办 或 民办",
        "学校.csv，第 2 行，列“举办者”：“市级” 举办者应为 县级/地市级/省级/中央",
        "学校.csv，第 2 行，列“高中在校生数”：“10” "
        "只有十二年一贯制学校和完全中学填写高中在校生数（本行为小学）",
    ]


def template_csv_raw(rows: list[dict]) -> bytes:
    """Rows the schema would refuse (bad 办学性质 / 举办者), written straight as a template."""
    from data.template import COLUMNS
    from tests.conftest import BASE_ROW

    frame = pd.DataFrame([BASE_ROW | {"county_name": "新城区"} | r for r in rows])
    frame["resources_whole_school"] = frame["resources_whole_school"].map({True: "是", False: "否"})
    frame = frame[[c.key for c in COLUMNS]].rename(columns={c.key: c.header for c in COLUMNS})
    return frame.to_csv(index=False).encode("utf-8-sig")
