"""Counting rules of domain.md §1 against numbers computed by hand: twelve-year and 完全中学
splits, exclusions of private and city-run schools, the Hebei small-teaching-point rule and
verdicts that cannot be judged."""

import math

import pytest

from components.numbers import over_line

TWELVE_YEAR = {
    "school_code": "T12",
    "school_type": "十二年一贯制",
    "resources_whole_school": True,
    "teaching_area_m2": 10_000.0,
    "senior_students": 200,
}


def values_of(con, indicator: str) -> dict:
    return dict(
        con.execute(
            "SELECT stage, value FROM indicator_values WHERE indicator = ? AND school_code = ?",
            [indicator, "T12"],
        ).fetchall()
    )


def test_twelve_year_school_split_with_senior_pupils(tiny_db):
    # 600 primary, 300 junior, 200 senior pupils; 10,000 m² for the whole school.
    # Weighted pupils 600 + 330 + 264 = 1,194: primary 10000 / 1194 = 8.3752 m² per pupil,
    # junior 10000 · 330 / 1194 / 300 = 9.2127 m² per pupil.
    con = tiny_db(
        [
            TWELVE_YEAR | {"stage": "小学", "students": 600},
            TWELVE_YEAR | {"stage": "初中", "students": 300},
        ]
    )
    values = values_of(con, "teaching_area_per_student")
    assert values["小学"] == pytest.approx(8.3752, abs=5e-5)
    assert values["小学"] == pytest.approx(10000 / 1194, abs=1e-8)
    assert values["初中"] == pytest.approx(10000 * 1.1 / 1194, abs=1e-8)


def test_complete_middle_school_junior_section_split(tiny_db):
    # A 完全中学: 500 junior and 400 senior pupils, 8,000 m² for the whole school.
    # junior : senior = 1 : 1.2 → 500 + 480 = 980 weighted; junior 8000 · 500/980 = 4,081.63 m²
    # → 8.1633 m² per junior pupil.
    con = tiny_db(
        [
            TWELVE_YEAR
            | {
                "school_type": "完全中学",
                "stage": "初中",
                "students": 500,
                "senior_students": 400,
                "teaching_area_m2": 8000.0,
            }
        ]
    )
    assert values_of(con, "teaching_area_per_student")["初中"] == pytest.approx(
        8000 / 980, abs=1e-8
    )
    # The senior weight is a setting: with 1.1 (junior : senior 1 : 1) the share is 500/900.
    con.execute("UPDATE settings SET value = '1.1' WHERE key = 'stage_weight_senior'")
    assert values_of(con, "teaching_area_per_student")["初中"] == pytest.approx(
        8000 / 900, abs=1e-8
    )


def test_whole_school_resources_without_senior_pupils_are_not_split(tiny_db):
    # A 完全中学 and a 十二年一贯制 reporting 8,000 m² for the whole school but not their senior
    # pupils: the junior share cannot be computed (domain.md §1: a missing value is excluded and
    # listed), so their resources are missing, never all given to the junior section.
    con = tiny_db(
        [
            TWELVE_YEAR
            | {
                "school_code": "W",
                "school_type": "完全中学",
                "stage": "初中",
                "students": 500,
                "senior_students": None,
                "teaching_area_m2": 8000.0,
            },
            TWELVE_YEAR | {"stage": "小学", "students": 600, "senior_students": None},
            TWELVE_YEAR | {"stage": "初中", "students": 300, "senior_students": None},
        ]
    )
    values = con.execute(
        "SELECT school_code, stage, indicator, value FROM indicator_values "
        "WHERE indicator IN ('teaching_area_per_student', 'above_degree_per_100') "
        "ORDER BY ALL"
    ).fetchall()
    assert values == [  # teachers stay their sections' own: 6 per 100 pupils
        ("T12", "初中", "above_degree_per_100", 2.0),
        ("T12", "小学", "above_degree_per_100", 1.0),
        ("W", "初中", "above_degree_per_100", 1.2),
    ]
    reasons = con.execute(
        "SELECT school_code, stage, reason, reason_zh FROM excluded_sections "
        "WHERE indicator = 'teaching_area_per_student' ORDER BY ALL"
    ).fetchall()
    why = "数据缺失：生均教学及辅助用房面积（资源按全校填报，缺少高中在校生数，无法按学段拆分）"
    assert reasons == [
        ("T12", "初中", "missing_value", why),
        ("T12", "小学", "missing_value", why),
        ("W", "初中", "missing_value", why),
    ]


def test_private_school_is_excluded_and_changes_the_cv(tiny_db):
    # Teaching area per pupil: A 5.0 (1,000 pupils), B 4.0 (500), private P 2.0 (250).
    # With P: CV = √52 / 30 = 0.24037 (tests/test_engine.py). Without P: mean 7000/1500 = 14/3,
    # deviations 1/3 and −2/3, S² = (1000/9 + 2000/9) / 1500 = 2/9, CV = (√2/3)/(14/3) = √2/14.
    con = tiny_db(
        [
            {"school_code": "A", "students": 1000, "teaching_area_m2": 5000.0},
            {"school_code": "B", "students": 500, "teaching_area_m2": 2000.0},
            {"school_code": "P", "students": 250, "teaching_area_m2": 500.0, "ownership": "民办"},
        ]
    )
    query = (
        "SELECT cv, n_schools FROM county_indicator_cv WHERE indicator = "
        "'teaching_area_per_student' AND standard_set = 'quality2017'"
    )
    cv, n = con.execute(query).fetchone()
    assert (cv, n) == (pytest.approx(math.sqrt(2) / 14, abs=1e-12), 2)
    reasons = con.execute(
        "SELECT DISTINCT school_code, reason, reason_zh, reason_en FROM excluded_sections"
    ).fetchall()
    assert reasons == [
        (
            "P",
            "private",
            "民办学校，不计入县域计算",
            "private school: outside the county computation",
        )
    ]
    # Settings may include them: the CV is then the three-school √52 / 30.
    con.execute("UPDATE settings SET value = 'true' WHERE key = 'include_private'")
    assert con.execute(query).fetchone() == (pytest.approx(math.sqrt(52) / 30, abs=1e-12), 3)
    assert con.execute("SELECT count(*) FROM excluded_sections").fetchone()[0] == 0


def test_city_run_school_is_excluded(tiny_db):
    con = tiny_db(
        [
            {"school_code": "A"},
            {"school_code": "CITY", "run_by": "地市级"},
        ]
    )
    assert con.execute("SELECT DISTINCT school_code FROM indicator_values").fetchall() == [("A",)]
    rows = con.execute(
        "SELECT DISTINCT reason, reason_zh, reason_en FROM excluded_sections"
    ).fetchall()
    assert rows == [
        (
            "above_county",
            "举办者为地市级，不计入县域计算",
            "run by the city: outside the county computation",
        )
    ]
    assert con.execute("SELECT count(*) FROM excluded_sections").fetchone()[0] == 11
    con.execute("UPDATE settings SET value = 'true' WHERE key = 'include_above_county'")
    entering = "SELECT count(DISTINCT school_code) FROM indicator_values"
    assert con.execute(entering).fetchone()[0] == 2


def test_every_reason_is_chinese_only(tiny_db):
    con = tiny_db([{"school_code": "A"}, {"school_code": "B", "multimedia_rooms": None}])
    (reason,) = con.execute(
        "SELECT reason_zh FROM excluded_sections WHERE indicator = 'multimedia_rooms_per_100'"
    ).fetchone()
    assert reason == "数据缺失：每百名学生拥有网络多媒体教室数"
    assert not any(c.isascii() and c.isalpha() for c in reason)


def test_hebei_rule_leaves_small_teaching_points_out_of_2017(tiny_db):
    # Teaching points counted on their own; TP has 40 pupils (< 50) and 2.0 m² per pupil.
    # Without the rule the 2017 teaching-area CV covers A (5.0, 1,000), B (4.0, 500), TP (2.0, 40).
    # With the rule at 50 it covers A and B only: √2/14 (see above); 2012 keeps all three.
    con = tiny_db(
        [
            {"school_code": "A", "students": 1000, "teaching_area_m2": 5000.0},
            {"school_code": "B", "students": 500, "teaching_area_m2": 2000.0},
            {
                "school_code": "TP",
                "school_type": "教学点",
                "students": 40,
                "teaching_area_m2": 80.0,
                "urban_rural_code": 220,
            },
        ]
    )
    con.execute("UPDATE settings SET value = 'separate' WHERE key = 'teaching_points'")
    query = (
        "SELECT standard_set, n_schools FROM county_indicator_cv "
        "WHERE indicator = 'teaching_area_per_student' ORDER BY standard_set"
    )
    assert con.execute(query).fetchall() == [("basic2012", 3), ("quality2017", 3)]
    con.execute("UPDATE settings SET value = '50' WHERE key = 'small_teaching_point_min'")
    assert con.execute(query).fetchall() == [("basic2012", 3), ("quality2017", 2)]
    cv = con.execute(
        "SELECT cv FROM county_indicator_cv WHERE indicator = 'teaching_area_per_student' "
        "AND standard_set = 'quality2017'"
    ).fetchone()[0]
    assert cv == pytest.approx(math.sqrt(2) / 14, abs=1e-12)
    excluded = con.execute(
        "SELECT DISTINCT school_code, reason_zh, standard_set FROM excluded_sections"
    ).fetchall()
    assert excluded == [("TP", "教学点在校生不足50人，不计入2017资源配置指标", "quality2017")]
    assert con.execute(
        "SELECT n_schools FROM county_verdict WHERE standard_set = 'quality2017'"
    ).fetchone() == (2,)


def test_a_teaching_point_left_out_of_2017_is_not_flagged_on_its_standards(tiny_db):
    # TP: 2.0 m² of teaching area per pupil, under 85 % of the 小学 standard; counted on its own.
    con = tiny_db(
        [
            {"school_code": "A"},
            {
                "school_code": "TP",
                "school_type": "教学点",
                "students": 40,
                "teaching_area_m2": 80.0,
            },
        ]
    )
    con.execute("UPDATE settings SET value = 'separate' WHERE key = 'teaching_points'")
    query = (
        "SELECT rule FROM school_flags WHERE school_code = 'TP' "
        "AND measure = 'teaching_area_per_student' AND family = 'standard'"
    )
    assert con.execute(query).fetchall() == [("below_floor",)]
    # the Hebei rule at 50 pupils leaves TP out of the 2017 computation: not judged on it
    con.execute("UPDATE settings SET value = '50' WHERE key = 'small_teaching_point_min'")
    assert con.execute(query).fetchall() == []
    # The overview's excluded list: the 7 quality indicators under 2017, nothing under 2012.
    from queries.loader import run

    listed = {
        standard_set: len(
            run(
                con,
                "excluded_sections",
                county="999999",
                year=2020,
                stage="小学",
                standard_set=standard_set,
            )
        )
        for standard_set in ("quality2017", "basic2012")
    }
    assert listed == {"quality2017": 7, "basic2012": 0}


def test_zero_computers_everywhere_cannot_be_judged_under_2012(tiny_db):
    # Before: avg(cv) skipped the NULL CV of computers (mean 0) and the county passed 2012.
    con = tiny_db([{"school_code": "A", "computers": 0}, {"school_code": "B", "computers": 0}])
    row = con.execute(
        "SELECT status, passes, composite_cv, reason_zh, reason_en, n_indicators "
        "FROM county_verdict WHERE standard_set = 'basic2012'"
    ).fetchone()
    assert row == (
        "cannot_judge",
        False,
        None,
        "每百名学生拥有计算机台数：全县均值为0，无法计算差异系数",
        "Computers per 100 students: the county mean is 0: no CV",
        8,
    )


def test_indicator_with_no_value_cannot_be_judged_under_2017(tiny_db):
    # Every school at the standard on 6 indicators, nobody reported multimedia rooms: no CV, and
    # the schools' compliance depends on the missing value → cannot be judged, never passes.
    con = tiny_db(
        [
            {"school_code": "A", "multimedia_rooms": None, "students": 100},
            {"school_code": "B", "multimedia_rooms": None, "students": 100},
        ]
    )
    cv_row = con.execute(
        "SELECT cv, passes, judgeable, reason FROM county_indicator_cv "
        "WHERE indicator = 'multimedia_rooms_per_100' AND standard_set = 'quality2017'"
    ).fetchone()
    assert cv_row == (None, None, False, "no_values")
    status, reason = con.execute(
        "SELECT status, reason_zh FROM county_verdict WHERE standard_set = 'quality2017'"
    ).fetchone()
    assert status == "cannot_judge"
    assert reason == (
        "每百名学生拥有网络多媒体教室数：没有任何学校有该指标的数据，无法计算差异系数；"
        "2所学校数据缺失，无法判断是否达标"
    )


def test_a_failing_cv_is_a_fail_even_when_another_cannot_be_judged(tiny_db):
    # Sports area 2.0 vs 10.0 per pupil: CV 2/3 > 0.50 fails for certain.
    con = tiny_db(
        [
            {"school_code": "A", "sports_area_m2": 200.0, "multimedia_rooms": None},
            {"school_code": "B", "sports_area_m2": 1000.0, "multimedia_rooms": None},
        ]
    )
    row = con.execute(
        "SELECT status, worst_indicator, round(worst_ratio, 9) FROM county_verdict "
        "WHERE standard_set = 'quality2017'"
    ).fetchone()
    assert row == ("fail", "sports_area_per_student", round(2 / 3 / 0.5, 9))


JUNIOR = {"school_type": "初中", "stage": "初中", "students": 100, "classes": 2}


def test_a_cv_at_its_line_passes_and_a_hair_over_fails(tiny_db):
    # Teaching area 0.33 and 0.87 m² per pupil, 100 pupils each: mean 0.60, S = 0.27, CV 0.45
    # by hand, the 初中 line; doubles give 0.45000000000000007. 0.329 and 0.871: CV 0.451667.
    con = tiny_db(
        [
            JUNIOR | {"school_code": "A", "teaching_area_m2": 33.0},
            JUNIOR | {"school_code": "B", "teaching_area_m2": 87.0},
            JUNIOR | {"school_code": "C", "county_code": "888888", "teaching_area_m2": 32.9},
            JUNIOR | {"school_code": "D", "county_code": "888888", "teaching_area_m2": 87.1},
        ]
    )
    rows = con.execute(
        "SELECT county_code, cv, threshold, passes FROM county_indicator_cv "
        "WHERE indicator = 'teaching_area_per_student' AND standard_set = 'quality2017' "
        "ORDER BY county_code"
    ).fetchall()
    (over, over_cv, line, over_passes), (at, at_cv, _, at_passes) = rows
    assert (at, line, at_passes) == ("999999", 0.45, True)
    assert at_cv == pytest.approx(0.45, abs=1e-15)
    assert (over, over_passes) == ("888888", False)
    assert over_cv == pytest.approx(0.271 / 0.6, abs=1e-12)
    # the gauges, the province table and the pace draw the same line
    assert not over_line(at_cv, line) and over_line(over_cv, line)
    assert over_line(0.501787, 0.50)  # domain.md §8: "0.50" at two decimals, yet over


def test_a_composite_at_its_line_passes_2012(tiny_db):
    # Every 2012 amount 27 at one school and 93 at the other (100 pupils each): each of the 8
    # CVs is 33 / 60 = 0.55 by hand, so is their mean, the 初中 line of 2012.
    amounts = [
        "teaching_area_m2",
        "sports_area_m2",
        "equipment_value_yuan",
        "books",
        "computers",
        "teachers",
        "teachers_above_degree",
        "teachers_senior_title",
    ]
    con = tiny_db(
        [
            JUNIOR | {"school_code": "A"} | dict.fromkeys(amounts, 27),
            JUNIOR | {"school_code": "B"} | dict.fromkeys(amounts, 93),
        ]
    )
    composite, threshold, status = con.execute(
        "SELECT composite_cv, threshold, status FROM county_verdict "
        "WHERE standard_set = 'basic2012'"
    ).fetchone()
    assert composite == pytest.approx(0.55, abs=1e-15)
    assert (threshold, status) == (0.55, "pass")


def test_gini_mcloone_and_theil_on_three_schools(tiny_db):
    # Teaching area per pupil: A 2.0 (100 pupils), B 4.0 (200), C 10.0 (100). P = 400, μ = 5.
    # Gini: pairs |2−4|·100·200 = 40,000, |2−10|·100·100 = 80,000, |4−10|·200·100 = 120,000;
    #   Σi Σj = 2 · 240,000 = 480,000; G = 480,000 / (2 · 400² · 5) = 0.3.
    # Median: running pupils 100, 300, 400; P/2 = 200 is reached at B → m = 4.
    #   McLoone = (100 · 2) / (4 · 100) = 0.5 (only A is below m).
    # Theil: x/μ = 0.4, 0.8, 2 with shares 0.25, 0.5, 0.25:
    #   T = 0.1·ln 0.4 + 0.4·ln 0.8 + 0.5·ln 2.
    con = tiny_db(
        [
            {"school_code": "A", "students": 100, "teaching_area_m2": 200.0},
            {"school_code": "B", "students": 200, "teaching_area_m2": 800.0},
            {"school_code": "C", "students": 100, "teaching_area_m2": 1000.0},
        ]
    )
    gini, mcloone, median, theil = con.execute(
        "SELECT gini, mcloone, median_value, theil FROM county_inequality "
        "WHERE indicator = 'teaching_area_per_student'"
    ).fetchone()
    assert gini == pytest.approx(0.3, abs=1e-12)
    assert mcloone == pytest.approx(0.5, abs=1e-12)
    assert median == 4.0
    expected_theil = 0.1 * math.log(0.4) + 0.4 * math.log(0.8) + 0.5 * math.log(2)
    assert theil == pytest.approx(expected_theil, abs=1e-12)
    # Books, 3,000 each: B 15 (200 pupils), A and C 30 (100 each); P = 400, μ = 22.5.
    # Σi Σj = 2 · (15 · 200 · 100 · 2) = 1,200,000; G = 1,200,000 / (2 · 400² · 22.5) = 1/6.
    # The median is reached at B (200 pupils ≥ 200): m = 15, nobody below it → McLoone 1.
    gini, mcloone = con.execute(
        "SELECT gini, mcloone FROM county_inequality WHERE indicator = 'books_per_student'"
    ).fetchone()
    assert (gini, mcloone) == (pytest.approx(1 / 6, abs=1e-12), 1.0)


def test_gap_pages_show_gini_and_mcloone_from_the_view(demo_db, demo_con, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("JUNHENG_DB", str(demo_db))
    app = Path(__file__).resolve().parent.parent / "app.py"
    gini, mcloone, theil = demo_con.execute(
        "SELECT gini, mcloone, theil FROM county_inequality WHERE county_code = '610526' "
        "AND year = 2021 AND stage = '小学' AND indicator = 'sports_area_per_student'"
    ).fetchone()
    for page, expected in (
        ("school_gaps", [gini, mcloone]),
        ("urban_rural", [gini, mcloone, theil]),
    ):
        at = AppTest.from_file(str(app), default_timeout=60)
        at.query_params.update(county="610526", year="2021", indicator="sports_area_per_student")
        at.run()
        at.switch_page(str(app.parent / "views" / f"{page}.py"))
        at.run()
        assert not at.exception
        shown = {m.label: m.value for m in at.metric}
        names = ["基尼系数", "麦克隆指数", "泰尔指数"][: len(expected)]
        assert shown == {n: f"{v:.3f}" for n, v in zip(names, expected, strict=True)}
        assert any("1 表示下半部分学校已达到中位数" in c.value for c in at.caption)
