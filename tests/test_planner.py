"""The what-if planner: moves conserve totals, recomputation equals the dashboard, the best
single transfer is found, and the suggestions bring a failing CV under its line."""

import pytest

from components.planner import Engine, Move, apply_moves, floor_ok, suggest
from queries.loader import run
from tests.conftest import BASE_ROW


@pytest.fixture(scope="module")
def engine():
    return Engine()


def units(demo_con, county: str, year: int, stage: str = "小学"):
    return run(demo_con, "planner_units", county=county, year=year, stage=stage)


def standards(demo_con, stage: str = "小学") -> dict[str, float]:
    return dict(
        demo_con.execute(
            "SELECT indicator, standard_value FROM indicator_standards "
            "WHERE standard_set = 'quality2017' AND stage = ?",
            [stage],
        ).fetchall()
    )


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
    compliant = demo_con.execute(
        "SELECT count(*) FILTER (WHERE compliant) FROM school_compliance "
        "WHERE county_code = '610526' AND year = 2021 AND stage = '小学'"
    ).fetchone()[0]
    assert int(compliance["compliant"].sum()) == compliant


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


def hand_county():
    """Three primary schools of 1,000 pupils with 30, 2 and 10 key teachers (3.0, 0.2 and 1.0
    per 100 pupils; standard 1.0, floor 0.85): everything else equal."""
    import pandas as pd

    rows = [
        BASE_ROW
        | {
            "school_code": code,
            "students": 1000,
            "teachers": 80,
            "teachers_above_degree": 60,
            "key_teachers": key,
            "pe_art_teachers": 10,
            "teaching_area_m2": 5000.0,
            "sports_area_m2": 8000.0,
            "equipment_value_yuan": 2_100_000.0,
            "multimedia_rooms": 25,
        }
        for code, key in (("A", 30), ("B", 2), ("C", 10))
    ]
    return pd.DataFrame(rows)


def test_the_best_single_transfer_is_found(engine):
    county = hand_county()
    std = {"key_teachers_per_100": 1.0, "above_degree_per_100": 4.2, "pe_art_teachers_per_100": 0.9}
    # Brute force over every donor/receiver pair that keeps the donor above its floor.
    every = [
        Move("transfer", target=r, source=d, column="key_teachers", amount=1)
        for d in "ABC"
        for r in "ABC"
        if d != r and floor_ok(county, d, "key_teachers", 1, std)
    ]
    cvs, _ = engine.evaluate([apply_moves(county, [m]) for m in every])
    key_cv = cvs[cvs["indicator"] == "key_teachers_per_100"].set_index("scenario")["cv"]
    best = every[int(key_cv.idxmin())]
    assert (best.source, best.target) == ("A", "B")  # richest to poorest
    first, *_ = suggest(engine, county, std, transfers=1)
    assert first[0] == best


def test_suggestions_bring_the_failing_cv_under_the_line(demo_con, engine):
    county = units(demo_con, "610526", 2024)
    before, _ = engine.evaluate([county])
    key = before.set_index("indicator").loc["key_teachers_per_100"]
    assert key["cv"] > key["threshold"]  # 蒲城县 2024: key teachers over the line
    std = standards(demo_con)
    moves = suggest(engine, county, std, transfers=10)
    assert 1 <= len(moves) <= 10 and all(m.kind == "transfer" for m, *_ in moves)
    after_rows = apply_moves(county, [m for m, *_ in moves])
    after, _ = engine.evaluate([after_rows])
    assert after.set_index("indicator").loc["key_teachers_per_100", "cv"] <= 0.50
    # No donor was left below 85 % of its standard.
    donors = {m.source for m, *_ in moves}
    for school in donors:
        row = after_rows.set_index("school_code").loc[school]
        assert row["key_teachers"] * 100 / row["students"] >= 0.85 * std["key_teachers_per_100"]
