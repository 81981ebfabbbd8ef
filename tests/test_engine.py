"""The indicator views against examples computed by hand (shared/domain.md §1–§3)."""

import math

import pytest


def cv_of(con, indicator: str, standard_set: str = "quality2017", stage: str = "小学"):
    return con.execute(
        "SELECT cv, n_schools, students, mean_value, passes FROM county_indicator_cv "
        "WHERE indicator = ? AND standard_set = ? AND stage = ?",
        [indicator, standard_set, stage],
    ).fetchone()


def test_student_weighted_cv_by_hand(tiny_db):
    # Teaching area: A 5000 m² / 1000 pupils = 5.0, B 2000 / 500 = 4.0, C 500 / 250 = 2.0.
    # P = 1750; mean = 7500 / 1750 = 30/7.
    # Deviations 5/7, −2/7, −16/7; Σ P·d² = (1000·25 + 500·4 + 250·256) / 49 = 91000/49.
    # S² = 91000 / 49 / 1750 = 52/49, S = √52 / 7, CV = (√52/7) / (30/7) = √52 / 30 ≈ 0.24037.
    con = tiny_db(
        [
            {"school_code": "A", "students": 1000, "teaching_area_m2": 5000.0},
            {"school_code": "B", "students": 500, "teaching_area_m2": 2000.0},
            {"school_code": "C", "students": 250, "teaching_area_m2": 500.0},
        ]
    )
    cv, n, students, mean, passes = cv_of(con, "teaching_area_per_student")
    assert cv == pytest.approx(math.sqrt(52) / 30, abs=1e-12)
    assert mean == pytest.approx(30 / 7, abs=1e-12)
    assert (n, students, passes) == (3, 1750, True)
    # The same CV enters both standard sets; the thresholds differ (0.65 vs 0.50).
    assert cv_of(con, "teaching_area_per_student", "basic2012")[0] == pytest.approx(cv)


def test_cv_threshold_and_equal_schools(tiny_db):
    # Sports area per pupil 2.0 and 10.0 with 100 pupils each: mean 6, S = 4, CV = 0.667:
    # over the primary thresholds 0.65 (2012) and 0.50 (2017).
    # Books: 30 per pupil in both schools: CV 0.
    con = tiny_db(
        [
            {"school_code": "A", "sports_area_m2": 200.0, "books": 3000},
            {"school_code": "B", "sports_area_m2": 1000.0, "books": 3000},
        ]
    )
    cv, *_, passes = cv_of(con, "sports_area_per_student")
    assert cv == pytest.approx(4 / 6, abs=1e-12)
    assert passes is False
    assert cv_of(con, "sports_area_per_student", "basic2012")[4] is False
    assert cv_of(con, "books_per_student", "basic2012")[0] == 0.0


def test_per_100_indicators(tiny_db):
    # 21 above-degree teachers for 500 pupils = 4.2 per 100: exactly the primary standard.
    con = tiny_db([{"students": 500, "teachers": 30, "teachers_above_degree": 21}])
    value, meets = con.execute(
        "SELECT value, meets_standard FROM indicator_values "
        "WHERE indicator = 'above_degree_per_100'"
    ).fetchone()
    assert value == pytest.approx(4.2)
    assert meets is True


def quality_row(code: str, **ratios: float) -> dict:
    """A primary school with 1,000 pupils whose quality indicators are the given multiples of
    the 2017 primary standards (1.0 = exactly at the standard)."""
    r = {
        "above": 1.0,
        "key": 1.0,
        "peart": 1.0,
        "teach": 1.0,
        "sports": 1.0,
        "equip": 1.0,
        "media": 1.0,
    } | ratios
    return {
        "school_code": code,
        "students": 1000,
        "teachers": 80,
        "teachers_above_degree": round(42 * r["above"]),
        "key_teachers": round(10 * r["key"]),
        "pe_art_teachers": round(9 * r["peart"]),
        "teaching_area_m2": 4500 * r["teach"],
        "sports_area_m2": 7500 * r["sports"],
        "equipment_value_yuan": 2_000_000 * r["equip"],
        "multimedia_rooms": round(23 * r["media"]),
    }


def test_school_compliance_six_of_seven_and_85_percent_floor(tiny_db):
    con = tiny_db(
        [
            quality_row("ALL"),  # 7 of 7 at the standard
            quality_row("SIX", sports=0.9),  # 6 of 7, the seventh at 90 %: compliant
            quality_row("FLOOR", sports=0.84),  # 6 of 7 but one at 84 % < 85 %: not compliant
            quality_row("FIVE", sports=0.9, equip=0.9),  # only 5 of 7: not compliant
        ]
    )
    rows = dict(
        con.execute(
            "SELECT school_code, (n_met, round(min_ratio, 6), compliant) FROM school_compliance"
        ).fetchall()
    )
    assert rows["ALL"] == (7, 1.0, True)
    assert rows["SIX"] == (6, 0.9, True)
    assert rows["FLOOR"] == (6, 0.84, False)
    assert rows["FIVE"] == (5, 0.9, False)
    verdict = con.execute(
        "SELECT n_schools, n_compliant, passes FROM county_verdict "
        "WHERE standard_set = 'quality2017'"
    ).fetchone()
    assert verdict == (4, 2, False)


# A nine-year school reporting 9,400 m² of teaching area for the whole school on both rows,
# with 500 primary and 400 junior pupils.
NINE_YEAR_WHOLE = {
    "school_code": "N",
    "school_type": "九年一贯制",
    "resources_whole_school": True,
    "teaching_area_m2": 9400.0,
}
NINE_YEAR_SCHOOL = [
    NINE_YEAR_WHOLE | {"stage": "小学", "students": 500},
    NINE_YEAR_WHOLE | {"stage": "初中", "students": 400},
]


def test_nine_year_school_whole_school_resources_split(tiny_db):
    # A nine-year school reports 9,400 m² of teaching area for the whole school on both rows.
    # Weighted pupils: 500 primary × 1.0 = 500, 400 junior × 1.1 = 440, total 940.
    # Primary share 500/940 → 5,000 m² → 10.0 m² per pupil; junior 4,400 m² → 11.0 per pupil.
    con = tiny_db(NINE_YEAR_SCHOOL)
    values = dict(
        con.execute(
            "SELECT stage, value FROM indicator_values "
            "WHERE indicator = 'teaching_area_per_student'"
        ).fetchall()
    )
    assert values["小学"] == pytest.approx(10.0, abs=1e-12)
    assert values["初中"] == pytest.approx(11.0, abs=1e-12)
    # Teachers are always reported per section: 8 teachers / 500 pupils = 1.6 per 100.
    ratio = con.execute(
        "SELECT value FROM indicator_values WHERE indicator = 'teacher_student_ratio' "
        "AND stage = '小学'"
    ).fetchone()[0]
    assert ratio == pytest.approx(1.6)


def test_stage_weight_is_a_setting(tiny_db):
    # With weights 1 : 1.5: 500 and 600 weighted pupils, primary 9,400 × 5/11 / 500 = 8.545…
    con = tiny_db(NINE_YEAR_SCHOOL)
    con.execute("UPDATE settings SET value = '1.5' WHERE key = 'stage_weight_junior'")
    value = con.execute(
        "SELECT value FROM indicator_values WHERE indicator = 'teaching_area_per_student' "
        "AND stage = '小学'"
    ).fetchone()[0]
    # Split resources are kept to a millionth of a m² (exact decimal sums): |error| < 1e-8.
    assert value == pytest.approx(9400 * 500 / 1100 / 500, abs=1e-8)


def test_zero_students_are_listed_not_divided(tiny_db):
    con = tiny_db(
        [
            {"school_code": "A", "students": 200, "teaching_area_m2": 1000.0},
            {"school_code": "B", "students": 100, "teaching_area_m2": 400.0},
            {"school_code": "EMPTY", "students": 0, "classes": 0},
        ]
    )
    assert (
        con.execute("SELECT count(*) FROM indicator_values WHERE school_code = 'EMPTY'").fetchone()[
            0
        ]
        == 0
    )
    reasons = con.execute(
        "SELECT DISTINCT reason, reason_zh FROM excluded_sections WHERE school_code = 'EMPTY'"
    ).fetchall()
    assert reasons == [("no_students", "在校生数为0")]
    assert con.execute("SELECT count(*) FROM excluded_sections").fetchone()[0] == 11
    # Mean 1400/300 = 14/3; deviations 1/3, −2/3; Σ P·d² = 200/9 + 400/9 = 600/9;
    # S² = 600/9/300 = 2/9; CV = (√2/3) / (14/3) = √2/14.
    cv, n, *_ = cv_of(con, "teaching_area_per_student")
    assert (cv, n) == (pytest.approx(math.sqrt(2) / 14, abs=1e-12), 2)
    n_schools = con.execute(
        "SELECT n_schools FROM county_verdict WHERE standard_set = 'quality2017'"
    ).fetchone()[0]
    assert n_schools == 2


def test_missing_value_excludes_only_that_indicator(tiny_db):
    con = tiny_db(
        [
            {"school_code": "A", "books": 3000},
            {"school_code": "B", "books": None},
        ]
    )
    excluded = con.execute(
        "SELECT school_code, indicator, reason FROM excluded_sections"
    ).fetchall()
    assert excluded == [("B", "books_per_student", "missing_value")]
    assert cv_of(con, "books_per_student", "basic2012")[1] == 1
    assert cv_of(con, "teaching_area_per_student")[1] == 2
    # Books are a 2012 indicator only: B's 7 quality-2017 indicators are complete.
    assert con.execute("SELECT count(*) FROM school_compliance").fetchone()[0] == 2


def test_teaching_point_merged_with_central_school_by_default(tiny_db):
    # Central school 400 pupils, 2,000 m²; its teaching point 40 pupils, 160 m².
    # Merged: 2,160 m² / 440 pupils = 4.9090…; separately: 5.0 and 4.0.
    con = tiny_db(
        [
            {"school_code": "C", "students": 400, "teaching_area_m2": 2000.0},
            {
                "school_code": "TP",
                "school_type": "教学点",
                "parent_school_code": "C",
                "students": 40,
                "teaching_area_m2": 160.0,
                "urban_rural_code": 220,
            },
        ]
    )
    query = (
        "SELECT school_code, value FROM indicator_values "
        "WHERE indicator = 'teaching_area_per_student' ORDER BY school_code"
    )
    assert con.execute(query).fetchall() == [("C", pytest.approx(2160 / 440, abs=1e-12))]
    con.execute("UPDATE settings SET value = 'separate' WHERE key = 'teaching_points'")
    assert con.execute(query).fetchall() == [("C", 5.0), ("TP", 4.0)]


def test_teaching_point_missing_value_makes_merged_value_missing(tiny_db):
    con = tiny_db(
        [
            {"school_code": "C", "students": 400},
            {
                "school_code": "TP",
                "school_type": "教学点",
                "parent_school_code": "C",
                "students": 40,
                "books": None,
            },
        ]
    )
    assert con.execute("SELECT school_code, indicator FROM excluded_sections").fetchall() == [
        ("C", "books_per_student")
    ]


def test_basic_2012_verdict_uses_composite_cv(tiny_db):
    # Two schools identical except sports area 2.0 vs 10.0 per pupil: that CV is 2/3 > 0.65,
    # the other seven are 0; composite = (2/3) / 8 = 0.0833 ≤ 0.65: basic balance passes,
    # while quality 2017 fails on that indicator.
    con = tiny_db(
        [
            {"school_code": "A", "sports_area_m2": 200.0},
            {"school_code": "B", "sports_area_m2": 1000.0},
        ]
    )
    rows = dict(
        con.execute(
            "SELECT standard_set, (round(composite_cv, 12), n_cv_passing, passes) "
            "FROM county_verdict"
        ).fetchall()
    )
    assert rows["basic2012"] == (round(2 / 3 / 8, 12), 7, True)
    assert rows["quality2017"][1:] == (6, False)
