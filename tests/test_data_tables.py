"""The data table behind each chart (components/data_tables.py), on rows written by hand."""

import math

import pandas as pd

from components.data_tables import (
    contribution_table,
    cv_trend_table,
    group_boxes_table,
    group_trend_table,
    location_table,
    percent_of_standard,
    profile_table,
    ratio_table,
    school_gaps_table,
    school_trend_table,
    theil_table,
)

LABELS = {"urban": "城区", "town": "镇区", "rural": "乡村"}
SCHOOLS = pd.DataFrame(
    {
        "school_name": ["甲", "乙", "丙"],
        "urban_rural_group": ["urban", "rural", "town"],
        "students": [800, 200, 500],
        "value": [6.0, 2.5, 4.5],
        "cv_share": [0.1234567, 0.6, 0.2765433],
        "meets_standard": [True, False, None],
        "is_outlier": [False, True, False],
    }
)
GAP_HEADERS = {
    "school_name": "学校",
    "group": "城乡",
    "students": "在校生",
    "value": "m²/生",
    "share": "贡献 (%)",
    "meets": "达标",
    "outlier": "异常",
}


def test_cv_trend_has_a_row_per_year_and_a_column_per_indicator():
    cvs = pd.DataFrame(
        {
            "year": [2020, 2020, 2021, 2021],
            "name_zh": ["生均面积", "骨干教师", "生均面积", "骨干教师"],
            "cv": [0.40, 0.55, 0.35, 0.50],
        }
    )
    table = cv_trend_table(cvs, name_column="name_zh", year_header="年份")
    assert table.columns.tolist() == ["年份", "生均面积", "骨干教师"]
    assert table.values.tolist() == [[2020, 0.40, 0.55], [2021, 0.35, 0.50]]


def test_group_trend_names_the_groups():
    means = pd.DataFrame(
        {
            "year": [2020, 2020, 2021],
            "urban_rural_group": ["urban", "rural", "urban"],
            "mean_value": [5.0, 3.0, 5.5],
        }
    )
    table = group_trend_table(means, labels=LABELS, year_header="Year")
    assert table.columns.tolist() == ["Year", "城区", "乡村"]
    assert table["城区"].tolist() == [5.0, 5.5]
    assert table["乡村"].iloc[0] == 3.0 and math.isnan(table["乡村"].iloc[1])


def test_school_gaps_marks_standard_outliers_and_shares():
    table = school_gaps_table(SCHOOLS, labels=LABELS, headers=GAP_HEADERS)
    assert table.columns.tolist() == list(GAP_HEADERS.values())
    assert table.values.tolist() == [
        ["甲", "城区", 800, 6.0, 12.35, "✓", ""],
        ["乙", "乡村", 200, 2.5, 60.0, "✗", "!"],
        ["丙", "镇区", 500, 4.5, 27.65, "—", ""],
    ]


def test_contribution_keeps_the_largest_shares_largest_first():
    table = contribution_table(SCHOOLS, labels=LABELS, headers=GAP_HEADERS, n=2)
    assert table["学校"].tolist() == ["乙", "丙"]
    assert table["贡献 (%)"].tolist() == [60.0, 27.65]


def test_ratio_and_box_tables_pick_and_name_columns():
    ratios = pd.DataFrame(
        {"name_en": ["Books"], "urban_rural_ratio": [1.3], "town_rural_ratio": [1.1], "x": [0]}
    )
    headers = {"name_en": "Indicator", "urban_rural_ratio": "Urban", "town_rural_ratio": "Town"}
    assert ratio_table(ratios, headers=headers).values.tolist() == [["Books", 1.3, 1.1]]
    boxes = group_boxes_table(
        SCHOOLS,
        labels=LABELS,
        headers={"school_name": "学校", "group": "城乡", "value": "值"},
    )
    assert boxes.values.tolist() == [["甲", "城区", 6.0], ["乙", "乡村", 2.5], ["丙", "镇区", 4.5]]


def test_theil_share_in_percent_to_one_decimal():
    theil = pd.DataFrame(
        {
            "year": [2021],
            "theil": [0.02],
            "theil_between": [0.005],
            "theil_within": [0.015],
            "between_share": [0.25049],
        }
    )
    headers = {"year": "年份", "theil": "T", "between_share": "组间占比 (%)"}
    assert theil_table(theil, headers=headers).values.tolist() == [[2021, 0.02, 25.0]]


def test_profile_in_percent_of_the_standard():
    now = pd.DataFrame(
        {
            "name_zh": ["生均面积", "骨干教师"],
            "value": [3.825, 1.2],
            "standard_value": [4.5, 1.0],
            "county_mean": [4.0, 0.9],
        }
    )
    assert percent_of_standard(now).round(6).tolist() == [85.0, 120.0]
    headers = {"name_zh": "指标", "value": "本校", "percent": "占标准 %"}
    assert profile_table(now, headers=headers).values.tolist() == [
        ["生均面积", 3.825, 85.0],
        ["骨干教师", 1.2, 120.0],
    ]


def test_location_names_the_groups():
    places = pd.DataFrame(
        {
            "school_name": ["甲"],
            "urban_rural_group": ["town"],
            "longitude": [109.5],
            "latitude": [34.9],
        }
    )
    headers = {"school_name": "School", "group": "Area", "longitude": "Lon", "latitude": "Lat"}
    assert location_table(places, labels=LABELS, headers=headers).values.tolist() == [
        ["甲", "镇区", 109.5, 34.9]
    ]


def test_school_trend_keeps_year_value_and_county_mean():
    history = pd.DataFrame(
        {"year": [2020, 2021], "value": [4.0, 4.6], "county_mean": [5.0, 5.1], "stage": "小学"}
    )
    headers = {"year": "年份", "value": "本校", "county_mean": "县均值"}
    table = school_trend_table(history, headers=headers)
    assert table.to_dict("list") == {"年份": [2020, 2021], "本校": [4.0, 4.6], "县均值": [5.0, 5.1]}
