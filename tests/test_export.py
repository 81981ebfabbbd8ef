"""Exports: values equal the view exactly; CSV opens in Excel (BOM); xlsx has its notes."""

import io

import pandas as pd
import pytest

from components.export import description, to_csv, to_xlsx, wide_table
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
    rows = demo_con.execute(
        "SELECT year, stage, school_code, indicator, value FROM indicator_values "
        "WHERE county_code = '610526' AND year BETWEEN 2019 AND 2020 "
        "AND indicator IN ('teaching_area_per_student', 'key_teachers_per_100')"
    ).fetchall()
    return {(y, s, c, i): v for y, s, c, i, v in rows}


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


def test_wide_table_equals_the_view_exactly(demo_con, exported):
    table, _ = exported
    assert table_values(table) == view_values(demo_con)  # exact, not approximate
    assert list(table.columns[:4]) == ["区县代码", "区县名称", "年份", "学段"]


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
    # .xlsx numbers are written with 16 significant digits (openpyxl, like Excel's own
    # display precision): equal to the view within one part in 10^15.
    assert table_values(book["学校指标"]) == pytest.approx(view_values(demo_con), rel=1e-15)
    notes = book["字段说明"].fillna("")
    row = notes[notes["列"] == "生均教学及辅助用房面积(m²/生)"].iloc[0]
    assert row["含义"].startswith("teaching_area_m2 ÷ 在校生数") and row["单位"] == "m²/生"
    assert "区县: 蒲城县" in set(notes["含义"])
