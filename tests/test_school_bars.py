"""The school-gaps chart on one screen (issue 21): with many schools it draws the highest and
the lowest, every outlier among them, and one row saying how many are left out and their
range; with few it draws them all."""

import pandas as pd

from components import charts

KW = {
    "labels": {"urban": "城区", "town": "镇区", "rural": "乡村"},
    "standard": 4.5,
    "standard_label": "标准值",
    "county_mean": 5.0,
    "mean_label": "全县均值",
    "outlier_label": "异常值",
    "title": "生均教学及辅助用房面积",
    "note": "数据来源",
    "axis_value": "m²/生",
    "rest_label": "⋯ 另有 {n} 所学校，{low}–{high}",
}


def schools(values: list[float], outliers: set[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "school_code": [f"S{i:02d}" for i in range(len(values))],
            "school_name": [f"第{i}小学" for i in range(len(values))],
            "value": values,
            "urban_rural_group": ["urban", "town", "rural"] * (len(values) // 3)
            + ["urban"] * (len(values) % 3),
            "is_outlier": [i in outliers for i in range(len(values))],
        }
    )


def rows(fig) -> list[str]:
    return list(fig.layout.yaxis.categoryarray)


def test_many_schools_show_the_ends_every_outlier_and_what_is_left_out():
    # 40 schools valued 40, 39, …, 1 (S00 highest); outliers: the 9 highest (more than the
    # 8 of an end) and the lowest
    values = [float(40 - i) for i in range(40)]
    fig = charts.school_bars(schools(values, set(range(9)) | {39}), **KW, ends=8)
    shown = rows(fig)
    top = [f"S{i:02d}" for i in range(9)]  # widened to its 9 outliers
    bottom = [f"S{i:02d}" for i in range(32, 40)]  # the 8 lowest
    assert shown == [*top, charts.REST_ROW, *bottom]
    bars = [code for trace in fig.data if trace.y is not None for code in trace.y if code]
    assert sorted(bars) == sorted(top + bottom)  # no bar in the gap row
    (note,) = [a for a in fig.layout.annotations if a.y == charts.REST_ROW]
    assert note.text == "⋯ 另有 23 所学校，9.00–31.00"  # S09 (31) … S31 (9)
    ticks = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    assert ticks["S00"] == "※ 第0小学" and ticks["S39"] == "※ 第39小学"
    assert ticks["S32"] == "第32小学"
    assert fig.layout.height == charts.SCHOOL_ROW_PX * 18 + 250  # 9 + gap + 8 rows


def test_few_schools_are_all_shown():
    # 18 schools: hiding 2 would save nothing (the gap takes a row)
    values = [float(v) for v in range(18)]
    fig = charts.school_bars(schools(values, set()), **KW, ends=8)
    assert len(rows(fig)) == 18 and charts.REST_ROW not in rows(fig)
    assert not [a for a in fig.layout.annotations if a.y == charts.REST_ROW]
    assert rows(fig)[0] == "S17" and rows(fig)[-1] == "S00"  # highest first
