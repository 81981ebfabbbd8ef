"""The monitoring rules (view school_flags) on hand-built schools: each rule fires where the
numbers say it must, not where they say it must not, and says why with the numbers."""

import pytest

# BASE_ROW (tests/conftest.py) meets every quality 2017 standard: 100 pupils, 3 classes.


def flags(con, rule: str | None = None) -> list[tuple]:
    sql = (
        "SELECT school_code, stage, rule, measure, metric, threshold, reason_zh, reason_en "
        "FROM school_flags"
    )
    rows = con.execute(sql + (" WHERE rule = ?" if rule else ""), [rule] if rule else []).fetchall()
    return sorted(rows, key=lambda r: (r[0], r[1] or "", r[2], r[3]))


def set_setting(con, key: str, value: str) -> None:
    con.execute("UPDATE settings SET value = ? WHERE key = ?", [value, key])


def test_outlier_outside_the_tukey_fences(tiny_db):
    # sports ground per pupil 7, 7.5, 8, 8.5, 30: Q1 7.5, Q3 8.5, IQR 1, fences 6 and 10.
    areas = [700, 750, 800, 850, 3000]
    con = tiny_db([{"school_code": f"S{i}", "sports_area_m2": a} for i, a in enumerate(areas)])
    found = flags(con, "outlier")
    assert [(r[0], r[3]) for r in found] == [("S4", "sports_area_per_student")]
    assert found[0][4] == pytest.approx(30.0)
    assert found[0][5] == pytest.approx(10.0)
    assert found[0][6] == (
        "生均体育运动场馆面积 30.00，高于异常值上限 10.00"
        "（全县四分位 Q1 7.50、Q3 8.50，1.5 倍四分位距）"
    )


def test_below_floor_and_below_standard_are_one_flag_each(tiny_db):
    # teaching area per pupil: standard 4.5 (小学), floor 85 % = 3.825.
    con = tiny_db(
        [
            {"school_code": "A", "teaching_area_m2": 400},  # 4.0: 88.9 % of the standard
            {"school_code": "B", "teaching_area_m2": 300},  # 3.0: 66.7 %
            {"school_code": "C", "teaching_area_m2": 450},  # 4.5: meets it
        ]
    )
    found = [r for r in flags(con) if r[2] in ("below_floor", "below_standard")]
    assert [(r[0], r[2]) for r in found] == [("A", "below_standard"), ("B", "below_floor")]
    assert found[0][5] == pytest.approx(4.5)
    assert found[1][5] == pytest.approx(3.825)
    assert found[0][6] == "生均教学及辅助用房面积 4.00，低于标准 4.5，仅为标准的 88.9%"
    assert found[1][6] == (
        "生均教学及辅助用房面积 3.00，不足标准 4.5 的 85%（3.825），仅为标准的 66.7%"
    )
    # Switching the floor rule off leaves B flagged as below the standard.
    set_setting(con, "flag_rules", "below_standard")
    assert [(r[0], r[2]) for r in flags(con)] == [("A", "below_standard"), ("B", "below_standard")]
    # A floor of 60 % makes B merely below the standard.
    set_setting(con, "flag_rules", "below_floor,below_standard")
    set_setting(con, "school_floor_ratio", "0.6")
    assert [(r[0], r[2]) for r in flags(con)] == [("A", "below_standard"), ("B", "below_standard")]


def test_cv_half_the_schools_that_make_up_half_of_the_spread(tiny_db):
    # books per pupil 10, 20, 30, 40 with equal pupils: mean 25, squared gaps 225, 25, 25, 225,
    # shares 45 %, 5 %, 5 %, 45 %: the two 45 % schools together make up 90 % ≥ half.
    books = {"S1": 1000, "S2": 2000, "S3": 3000, "S4": 4000}
    con = tiny_db([{"school_code": c, "books": b} for c, b in books.items()])
    found = [r for r in flags(con, "cv_half") if r[3] == "books_per_student"]
    assert [r[0] for r in found] == ["S1", "S4"]
    assert [r[5] for r in found] == pytest.approx([25.0, 25.0])
    assert found[0][6] == (
        "生均图书册数 10.00（全县均值 25.00），占差异的 45.0%；与另外 1 所学校合计占 90.0%，"
        "达到差异的 50%"
    )
    # The CV is sqrt(125) / 25 = 0.447, within the 2012 line 0.65: with scope "failing" no
    # school is flagged for books.
    set_setting(con, "flag_cv_half_scope", "failing")
    assert [r for r in flags(con, "cv_half") if r[3] == "books_per_student"] == []


def test_cv_half_one_school_can_be_half_alone(tiny_db):
    # 10, 30, 30, 60: mean 32.5, gaps 506.25, 6.25, 6.25, 756.25 of 1275: S4 has 59.3 %.
    books = {"S1": 1000, "S2": 3000, "S3": 3000, "S4": 6000}
    con = tiny_db([{"school_code": c, "books": b} for c, b in books.items()])
    found = [r for r in flags(con, "cv_half") if r[3] == "books_per_student"]
    assert [r[0] for r in found] == ["S4"]
    assert "占差异的 59.3%；与另外 0 所学校合计占 59.3%" in found[0][6]


def test_drop_more_than_the_set_share_since_last_year(tiny_db):
    con = tiny_db(
        [
            {"school_code": "S1", "year": 2019, "books": 3000},
            {"school_code": "S1", "year": 2020, "books": 2600},  # 30 → 26: −13.3 %
            {"school_code": "S2", "year": 2019, "books": 3000},
            {"school_code": "S2", "year": 2020, "books": 2700},  # 30 → 27: −10 %, not more
            {"school_code": "S3", "year": 2018, "books": 3000},
            {"school_code": "S3", "year": 2020, "books": 1000},  # no 2019 row: no comparison
        ]
    )
    found = flags(con, "drop")
    assert [(r[0], r[3]) for r in found] == [("S1", "books_per_student")]
    assert found[0][5] == pytest.approx(27.0)
    assert found[0][6] == "生均图书册数 由 2019 年的 30.00 降至 26.00，下降 13.3%（超过 10%）"
    set_setting(con, "flag_drop_share", "0.05")
    assert [r[0] for r in flags(con, "drop")] == ["S1", "S2"]


def test_class_size_levels_only_the_highest_fires(tiny_db):
    con = tiny_db(
        [
            {"school_code": "P45", "students": 90, "classes": 2},  # 45.0: not over 45
            {"school_code": "P50", "students": 100, "classes": 2},  # 50 > 45
            {"school_code": "P56", "students": 112, "classes": 2},  # 56: 大班额
            {"school_code": "P66", "students": 132, "classes": 2},  # 66: 超大班额
            {"school_code": "J50", "school_type": "初中", "stage": "初中", "classes": 2},
            {
                "school_code": "J51",
                "school_type": "初中",
                "stage": "初中",
                "students": 102,
                "classes": 2,
            },  # fmt: skip
            {"school_code": "Z", "classes": 0},  # no classes reported as 0: no average
        ]
    )
    found = [r for r in flags(con) if r[3] == "class_size"]
    assert [(r[0], r[2], r[5]) for r in found] == [
        ("J51", "class_size", 50),
        ("P50", "class_size", 45),
        ("P56", "large_class", 56),
        ("P66", "huge_class", 66),
    ]
    assert found[0][6] == "平均班额 51.0 人（102 人 / 2 个班），超过初中标准班额 50 人"
    assert found[2][6] == "平均班额 56.0 人（112 人 / 2 个班），属大班额（≥ 56 人）"
    assert (
        found[3][7]
        == "Average class 66.0 pupils (132 pupils / 2 classes): a very large class (≥ 66)"
    )
    set_setting(con, "flag_rules", "class_size,large_class")  # 超大班额 off: 66 is 大班额
    assert [(r[0], r[2]) for r in flags(con) if r[0] == "P66"] == [("P66", "large_class")]


def test_school_size_counts_the_sections_together(tiny_db):
    nine = {"school_type": "九年一贯制"}
    con = tiny_db(
        [
            {"school_code": "A", "students": 2000},
            {"school_code": "B", "students": 2001},
            {"school_code": "N1", "stage": "小学", "students": 1500} | nine,
            {"school_code": "N1", "stage": "初中", "students": 1000} | nine,  # 2500: not over
            {"school_code": "N2", "stage": "小学", "students": 1500} | nine,
            {"school_code": "N2", "stage": "初中", "students": 1001} | nine,  # 2501
        ]
    )
    found = flags(con, "school_size")
    assert [(r[0], r[1], r[4], r[5]) for r in found] == [
        ("B", None, 2001, 2000),
        ("N2", None, 2501, 2500),
    ]
    assert found[0][6] == "在校生 2001 人，超过校额上限 2000 人"
    assert found[1][6] == "在校生 2501 人，超过校额上限 2500 人（九年一贯制）"


def test_rules_switched_off_by_the_setting_never_fire(tiny_db):
    areas = [700, 750, 800, 850, 3000]
    con = tiny_db([{"school_code": f"S{i}", "sports_area_m2": a} for i, a in enumerate(areas)])
    assert flags(con, "outlier")
    set_setting(con, "flag_rules", "below_floor, below_standard")
    assert flags(con, "outlier") == [] and flags(con, "cv_half") == []


def test_flag_keys_are_unique_and_every_flag_has_a_reason(demo_con):
    total, keys, reasons = demo_con.execute(
        "SELECT count(*), count(DISTINCT flag_key), "
        "count(*) FILTER (WHERE reason_zh IS NOT NULL AND reason_en IS NOT NULL) "
        "FROM school_flags"
    ).fetchone()
    assert total > 0 and keys == total and reasons == total
