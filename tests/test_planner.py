"""The what-if planner: moves are checked (kinds, whole teachers, never more than the donor
has, bounded amounts, no school merged twice), every move says what it changes in numbers,
recomputation equals the dashboard, and the school rule comes from the settings."""

import math

import pandas as pd
import pytest

from components.planner import (
    Engine,
    Move,
    PlanError,
    apply_moves,
    describe,
    error_text,
    steps_of,
    with_values,
)
from queries.loader import run
from tests.conftest import BASE_ROW


@pytest.fixture(scope="module")
def engine():
    return Engine()


def units(demo_con, county: str, year: int, stage: str = "小学"):
    return run(demo_con, "planner_units", county=county, year=year, stage=stage)


def hand_county(**changes: dict) -> pd.DataFrame:
    """Three primary schools A, B, C of 1,000 pupils meeting all 7 standards (6.0 above-degree,
    1.5 key and 1.2 PE/art teachers per 100; 5.0 and 8.0 m², 2,100 yuan, 2.5 rooms per
    pupil / 100); `changes` overrides fields per school."""
    rows = []
    for code, name in (("A", "甲小学"), ("B", "乙小学"), ("C", "丙小学")):
        row = BASE_ROW | {
            "school_code": code,
            "school_name": name,
            "students": 1000,
            "teachers": 80,
            "teachers_above_degree": 60,
            "key_teachers": 15,
            "pe_art_teachers": 12,
            "teaching_area_m2": 5000.0,
            "sports_area_m2": 8000.0,
            "equipment_value_yuan": 2_100_000.0,
            "multimedia_rooms": 25,
        }
        rows.append(row | changes.get(code, {}))
    return pd.DataFrame(rows)


NAMES = {"A": "甲小学", "B": "乙小学", "C": "丙小学"}


def refused(county: pd.DataFrame, *moves: Move) -> PlanError:
    with pytest.raises(PlanError) as caught:
        apply_moves(county, list(moves))
    return caught.value


def test_a_transfer_moves_teachers_only():
    error = refused(
        hand_county(),
        Move("transfer", target="B", source="A", column="equipment_value_yuan", amount=3),
    )
    assert error.key == "plan_err_column_transfer"
    assert "教师交流只能调教师" in error_text(error, NAMES, "zh")


def test_never_more_teachers_than_the_donor_has():
    county = hand_county(A={"key_teachers": 42})
    error = refused(
        county, Move("transfer", target="B", source="A", column="key_teachers", amount=500)
    )
    assert error.key == "plan_err_too_many"
    assert error_text(error, NAMES, "zh") == "甲小学只有 42 名县级及以上骨干教师，不能调出 500 名。"
    # All 42 may go: the donor is left with 0, never fewer.
    after = apply_moves(
        county, [Move("transfer", target="B", source="A", column="key_teachers", amount=42)]
    ).set_index("school_code")
    assert after.loc["A", "key_teachers"] == 0 and after.loc["B", "key_teachers"] == 57
    assert after.loc["A", "teachers"] == 38 and after.loc["B", "teachers"] == 122


@pytest.mark.parametrize(
    ("move", "key"),
    [
        (Move("hire", target="B", column="pe_art_teachers", amount=0.5), "plan_err_whole"),
        (Move("transfer", "B", "A", "key_teachers", 0.5), "plan_err_whole"),
        (Move("hire", target="B", column="pe_art_teachers", amount=1e40), "plan_err_limit"),
        (Move("add", target="B", column="equipment_value_yuan", amount=1e33), "plan_err_limit"),
        (Move("add", target="B", column="sports_area_m2", amount=math.inf), "plan_err_amount"),
        (Move("add", target="B", column="sports_area_m2", amount=math.nan), "plan_err_amount"),
        (Move("add", target="B", column="sports_area_m2", amount=-5), "plan_err_amount"),
        (Move("add", target="B", column="sports_area_m2", amount=0), "plan_err_amount"),
        (Move("add", target="B", column="multimedia_rooms", amount=1.5), "plan_err_whole"),
        (Move("add", target="B", column="key_teachers", amount=1), "plan_err_column_add"),
        (Move("hire", target="B", column="key_teachers", amount=1), "plan_err_column_hire"),
        (Move("train", target="B", column="key_teachers", amount=66), "plan_err_train"),
        (Move("transfer", "A", "A", "key_teachers", 1), "plan_err_same"),
        (Move("merge", target="A", source="A"), "plan_err_same"),
        (Move("add", target="Z", column="sports_area_m2", amount=5), "plan_err_unknown"),
        (Move("grow", target="A"), "plan_err_kind"),
    ],
)
def test_bad_amounts_and_moves_are_refused_with_a_message(move, key):
    error = refused(hand_county(), move)
    assert error.key == key
    for lang in ("zh", "en"):
        assert error_text(error, NAMES, lang)  # a message in each language, no traceback


def test_english_messages_name_the_school_and_the_amount():
    error = refused(hand_county(), Move("hire", target="B", column="pe_art_teachers", amount=1e40))
    assert error_text(error, NAMES, "en") == (
        "At most 2,000 of PE and art teachers in one move (got 1e+40)."
    )
    error = refused(hand_county(), Move("hire", target="B", column="key_teachers", amount=0.5))
    assert error_text(error, NAMES, "en").startswith("Hires are teachers")


def test_the_same_school_cannot_be_merged_twice_or_changed_after():
    county = hand_county()
    merge = Move("merge", target="B", source="A")
    assert refused(county, merge, Move("merge", target="C", source="A")).key == "plan_err_gone"
    error = refused(county, merge, Move("add", target="A", column="sports_area_m2", amount=10))
    assert error_text(error, NAMES, "zh") == "甲小学已在本方案中并入乙小学，不能再调整它。"
    # A school that took another in can be merged on: the first one follows it.
    error = refused(
        county,
        merge,
        Move("merge", target="C", source="B"),
        Move("add", target="A", column="sports_area_m2", amount=10),
    )
    assert error.values["target"] == "C"


def test_every_move_says_what_it_changes_in_numbers(engine):
    county = hand_county(A={"key_teachers": 30}, B={"key_teachers": 2})
    changes: list = []
    moves = [
        Move("transfer", target="B", source="A", column="key_teachers", amount=3),
        Move("add", target="B", column="equipment_value_yuan", amount=500_000),
        Move("hire", target="C", column="pe_art_teachers", amount=2),
    ]
    after = apply_moves(county, moves, changes).set_index("school_code")
    # the indicator values come from the views (Engine.values), step by step
    changes = with_values(changes, engine.values(steps_of(county, moves)))
    assert describe(moves[0], changes[0], NAMES, "zh") == (
        "从甲小学调 3 名县级及以上骨干教师到乙小学："
        "甲小学县级及以上骨干教师 30 → 27 名（指标值 3.00 → 2.70）；"
        "乙小学县级及以上骨干教师 2 → 5 名（指标值 0.20 → 0.50）"
    )
    assert describe(moves[1], changes[1], NAMES, "en") == (
        "Give 乙小学 500,000 yuan of teaching equipment value: 乙小学 teaching equipment "
        "value 2,100,000 → 2,600,000 yuan (indicator 2,100 → 2,600)"
    )
    # A hired PE/art teacher holds the required degree: both counts and the total grow.
    assert after.loc["C", ["pe_art_teachers", "teachers_above_degree", "teachers"]].tolist() == [
        14,
        62,
        82,
    ]
    assert describe(moves[2], changes[2], NAMES, "zh") == (
        "丙小学招聘 2 名体育艺术专任教师：丙小学体育艺术专任教师 12 → 14 名（指标值 1.20 → 1.40）；"
        "丙小学高于规定学历教师 60 → 62 名（指标值 6.00 → 6.20）"
    )


def test_a_merge_and_a_school_without_pupils_have_no_value(engine):
    # B has 500 pupils, 10 key teachers (2.0 per 100); A (1,000 pupils, 15) closes into it:
    # 1,500 pupils and 25 key teachers, 25 × 100 / 1,500 = 1.666…; A has no value after.
    county = hand_county(B={"students": 500, "key_teachers": 10})
    moves = [Move("merge", target="B", source="A")]
    changes: list = []
    apply_moves(county, moves, changes)
    steps = steps_of(county, moves)
    assert [len(step) for step in steps] == [3, 2]
    (valued,) = with_values(changes, engine.values(steps))
    by_column = {c.column: c for c in valued}
    assert by_column["key_teachers"].before == 10 and by_column["key_teachers"].after == 25
    assert by_column["key_teachers"].value_before == pytest.approx(2.0)
    assert by_column["key_teachers"].value_after == pytest.approx(25 * 100 / 1500)
    assert by_column["students"].value_before is None  # pupils are no indicator's numerator
    assert {c.school for c in valued} == {"B"}  # the closed school's numbers are B's now
    # a school whose amount is missing has no value (before: "nan" was shown)
    values = engine.values([hand_county(C={"sports_area_m2": None})])
    sports = values[values.indicator == "sports_area_per_student"]
    assert sports.set_index("school_code")["value"].to_dict() == {"A": 8.0, "B": 8.0}


def test_the_values_are_the_dashboards(demo_con, engine):
    county = units(demo_con, "610526", 2021)
    values = engine.values([county])
    expected = demo_con.execute(
        "SELECT 0 AS scenario, school_code, indicator, value FROM indicator_values "
        "JOIN indicators USING (indicator) WHERE county_code = '610526' AND year = 2021 "
        "AND stage = '小学' ORDER BY school_code, sort_order"
    ).df()
    pd.testing.assert_frame_equal(values, expected, check_dtype=False, check_exact=True)


def test_the_cvs_come_in_the_catalogues_order(engine):
    cvs, _ = engine.evaluate([hand_county()])
    assert cvs["indicator"].tolist() == [
        "teaching_area_per_student",
        "sports_area_per_student",
        "equipment_value_per_student",
        "above_degree_per_100",
        "key_teachers_per_100",
        "pe_art_teachers_per_100",
        "multimedia_rooms_per_100",
    ]


def test_recomputation_equals_the_dashboard(demo_con, engine):
    # 蒲城县 has teaching points and whole-school reporting: the units carry both.
    cvs, compliance = engine.evaluate([units(demo_con, "610526", 2021)])
    expected = dict(
        demo_con.execute(
            "SELECT indicator, cv FROM county_indicator_cv WHERE county_code = '610526' "
            "AND year = 2021 AND stage = '小学' AND standard_set = 'quality2017'"
        ).fetchall()
    )
    assert dict(zip(cvs["indicator"], cvs["cv"], strict=True)) == pytest.approx(expected, abs=1e-12)
    compliant, status = demo_con.execute(
        "SELECT n_compliant, status FROM county_verdict WHERE county_code = '610526' "
        "AND year = 2021 AND stage = '小学' AND standard_set = 'quality2017'"
    ).fetchone()
    assert int(compliance["compliant"].sum()) == compliant
    assert engine.verdicts()["status"].tolist() == [status]


def test_moves_conserve_totals(demo_con):
    before = units(demo_con, "340602", 2021)
    a, b, c = before["school_code"].iloc[:3]
    after = apply_moves(
        before,
        [
            Move("transfer", target=b, source=a, column="key_teachers", amount=2),
            Move("merge", target=c, source=a),
        ],
    )
    for column in ("students", "teachers", "key_teachers", "books", "teaching_area_m2"):
        assert after[column].sum() == pytest.approx(before[column].sum())
    assert len(after) == len(before) - 1
    row = after.set_index("school_code")
    original = before.set_index("school_code")
    assert row.loc[b, "key_teachers"] == original.loc[b, "key_teachers"] + 2
    assert row.loc[c, "students"] == original.loc[c, "students"] + original.loc[a, "students"]


def test_the_school_rule_comes_from_the_settings():
    # B: sports ground 6.6 m² per pupil = 88 % of 7.5, every other standard met.
    county = hand_county(B={"sports_area_m2": 6600.0})
    default = Engine()
    assert default.school_rules() == (6, 0.85)
    _, compliance = default.evaluate([county])
    assert compliance.set_index("school_code").loc["B", "compliant"]
    strict = Engine({"school_floor_ratio": "0.9"})
    assert strict.school_rules() == (6, 0.9)
    _, compliance = strict.evaluate([county])
    assert not compliance.set_index("school_code").loc["B", "compliant"]
    _, compliance = Engine({"school_min_met": "7"}).evaluate([county])
    assert not compliance.set_index("school_code").loc["B", "compliant"]
