"""Exports: values equal the view rounded to their unit's precision; rows by year, stage in its
official order, school; the meets-standard flag; CSV opens in Excel (BOM); xlsx has its notes
in words, and the county's CVs and verdicts equal county_indicator_cv / county_verdict."""

import io

import pandas as pd
import pytest

from components.export import cv_table, description, to_csv, to_xlsx, verdict_table, wide_table
from queries.loader import run

PARAMS = {
    "county": "610526",
    "year_from": 2019,
    "year_to": 2020,
    "stages": ["小学", "初中"],
    "indicators": ["teaching_area_per_student", "key_teachers_per_100"],
    "groups": ["urban", "town", "rural"],
}


@pytest.fixture(scope="module")
def exported(demo_con):
    values = run(demo_con, "export_values", **PARAMS)
    catalogue = run(demo_con, "indicator_catalogue")
    return wide_table(values, catalogue, "zh"), catalogue


def view_values(demo_con) -> dict[tuple[int, str, str, str], float]:
    """The view's values rounded as exported: both indicators' units (m²/生, 人/百生) to 2."""
    rows = demo_con.execute(
        "SELECT year, stage, school_code, indicator, value FROM indicator_values "
        "WHERE county_code = '610526' AND year BETWEEN 2019 AND 2020 "
        "AND indicator IN ('teaching_area_per_student', 'key_teachers_per_100')"
    ).fetchall()
    return {(y, s, c, i): round(v, 2) for y, s, c, i, v in rows}


def table_values(table: pd.DataFrame) -> dict[tuple[int, str, str, str], float]:
    columns = {
        "生均教学及辅助用房面积(m²/生)": "teaching_area_per_student",
        "每百名学生拥有县级及以上骨干教师数(人/百生)": "key_teachers_per_100",
    }
    out = {}
    for row in table.to_dict("records"):
        for column, indicator in columns.items():
            if not pd.isna(row[column]):
                out[(int(row["年份"]), row["学段"], str(row["学校标识码"]), indicator)] = row[
                    column
                ]
    return out


def test_wide_table_equals_the_view_rounded(demo_con, exported):
    table, _ = exported
    assert table_values(table) == view_values(demo_con)  # rounded to 2, then exact
    assert list(table.columns[:4]) == ["区县代码", "区县名称", "年份", "学段"]
    assert list(table.columns[9:]) == [  # catalogue order, each flag after its value
        "生均教学及辅助用房面积(m²/生)",
        "生均教学及辅助用房面积达标",
        "每百名学生拥有县级及以上骨干教师数(人/百生)",
        "每百名学生拥有县级及以上骨干教师数达标",
    ]


def test_rows_by_year_then_primary_before_junior(exported):
    table, _ = exported
    keys = list(zip(table["年份"], table["学段"], table["学校标识码"], strict=True))
    rank = {"小学": 0, "初中": 1}
    assert keys == sorted(keys, key=lambda k: (k[0], rank[k[1]], k[2]))
    assert table["学段"].iloc[0] == "小学" and set(table["学段"]) == {"小学", "初中"}


def test_flags_are_the_views_meets_standard(demo_con, exported):
    table, _ = exported
    rows = demo_con.execute(
        "SELECT year, school_code, stage, meets_standard FROM indicator_values "
        "WHERE county_code = '610526' AND year BETWEEN 2019 AND 2020 "
        "AND indicator = 'teaching_area_per_student'"
    ).fetchall()
    expected = {(y, c, s): ("是" if m else "否") for y, c, s, m in rows if m is not None}
    shown = {
        (int(r["年份"]), str(r["学校标识码"]), r["学段"]): r["生均教学及辅助用房面积达标"]
        for r in table.to_dict("records")
        if r["生均教学及辅助用房面积达标"]
    }
    assert shown == expected and {"是", "否"} <= set(shown.values())


def test_precision_per_unit_and_english_headers_without_repeated_unit(demo_con):
    values = run(demo_con, "export_values", **PARAMS | {"indicators": ["books_per_student"]})
    catalogue = run(demo_con, "indicator_catalogue")
    table = wide_table(values, catalogue, "en")
    books = table["Library books per student (volumes)"]
    raw = values.sort_values(["year", "school_code"])["value"]
    assert (books.to_numpy() * 10).round(9).tolist() == (books.to_numpy() * 10).round().tolist()
    assert sorted(books.tolist()) == sorted(round(v, 1) for v in raw)
    assert values["meets_standard"].isna().all()  # books have no school standard here:
    assert "Library books per student: meets standard" not in table.columns  # no empty flag
    area = run(demo_con, "export_values", **PARAMS | {"indicators": ["teaching_area_per_student"]})
    assert list(wide_table(area, catalogue, "en").columns[9:]) == [
        "Teaching and auxiliary floor area per student (m²)",  # not "(m² per student)"
        "Teaching and auxiliary floor area per student: meets standard",
    ]
    keys = run(demo_con, "export_values", **PARAMS | {"indicators": ["key_teachers_per_100"]})
    assert (
        "County-level or higher key teachers per 100 students"
        in wide_table(keys, catalogue, "en").columns
    )


def test_csv_has_bom_and_round_trips_exactly(demo_con, exported):
    table, _ = exported
    data = to_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(
        io.BytesIO(data), encoding="utf-8-sig", dtype={"学校标识码": str, "区县代码": str}
    )
    assert table_values(back) == view_values(demo_con)


def test_xlsx_has_data_and_column_notes(demo_con, exported):
    table, catalogue = exported
    about = description(list(table.columns), catalogue, {"区县": "蒲城县"}, "zh")
    book = pd.read_excel(
        io.BytesIO(to_xlsx(table, about, "zh")),
        sheet_name=None,
        dtype={"学校标识码": str, "区县代码": str},
    )
    assert list(book) == ["学校指标", "字段说明"]
    assert table_values(book["学校指标"]) == pytest.approx(view_values(demo_con), rel=1e-15)
    notes = book["字段说明"].fillna("")
    row = notes[notes["列"] == "生均教学及辅助用房面积(m²/生)"].iloc[0]
    assert row["含义"] == "学校的教学及辅助用房面积除以该学段在校生数" and row["单位"] == "m²/生"
    row = notes[notes["列"] == "每百名学生拥有县级及以上骨干教师数(人/百生)"].iloc[0]
    assert row["含义"] == "学校的县级及以上骨干教师数除以该学段在校生数 × 100"
    assert "区县: 蒲城县" in set(notes["含义"])
    meanings = " ".join(notes["含义"])
    assert "_" not in meanings  # no database names (teaching_area_m2, indicator_values)
    assert notes[notes["列"] == "学校标识码"]["含义"].iloc[0].startswith("教育部 10 位")


def test_cv_and_verdict_sheets_equal_the_tables(demo_con):
    cvs = cv_table(
        run(demo_con, "export_cvs", county="610102", year_from=2017, year_to=2021, stages=["小学"]),
        "zh",
    )
    stored = demo_con.execute(
        "SELECT standard_set, year, indicator, cv, threshold FROM county_indicator_cv "
        "WHERE county_code = '610102' AND stage = '小学' AND year BETWEEN 2017 AND 2021"
    ).fetchall()
    assert len(cvs) == len(stored)
    names = dict(demo_con.execute("SELECT indicator, name_zh FROM indicators").fetchall())
    sets = {"quality2017": "优质均衡 (2017)", "basic2012": "基本均衡 (2012)"}
    shown = {
        (r["评估标准"], r["年份"], r["指标"]): (r["差异系数"], r["标准线"])
        for r in cvs.to_dict("records")
    }
    assert shown == {
        (sets[s], y, names[i]): (round(cv, 3), round(line, 2)) for s, y, i, cv, line in stored
    }
    verdicts = verdict_table(
        run(
            demo_con,
            "export_verdicts",
            county="610102",
            year_from=2021,
            year_to=2021,
            stages=["小学", "初中"],
        ),
        "zh",
    )
    quality = verdicts[verdicts["评估标准"] == "优质均衡 (2017)"].set_index("学段")
    # domain: 新城区 passes 2017 from 2021, 50 / 50 and 22 / 22 compliant, CVs 0.240 / 0.169
    assert quality.loc["小学", "结论"] == "达到" and quality.loc["初中", "结论"] == "达到"
    assert quality.loc["小学", "达标学校"] == "50 / 50"
    assert quality.loc["初中", "达标学校"] == "22 / 22"
    assert quality.loc["小学", "在线内指标"] == "7 / 7"
    assert quality.loc["小学", "综合差异系数 / 标准线（仅 2012）"] == ""  # no 2017 composite
    worst = demo_con.execute(
        "SELECT worst_cv FROM county_verdict WHERE county_code = '610102' AND year = 2021 "
        "AND stage = '小学' AND standard_set = 'quality2017'"
    ).fetchone()[0]
    assert quality.loc["小学", "最高差异系数"] == round(worst, 3)
    assert list(verdicts["学段"]) == ["小学", "初中", "小学", "初中"]
