"""The demo generator: calibration to the published facts, determinism, places."""

import numpy as np
import pandas as pd
import pytest
import shapely

from data import boundaries
from data.demo import generate


def test_xincheng_calibrated_to_published_cvs(demo_con):
    # 新城区 2021: 小学 0.24, 初中 0.17; 2017 (18 and 29 points higher): 0.42 and 0.46.
    means = dict(
        demo_con.execute(
            "SELECT stage || year, avg(cv) FROM county_indicator_cv "
            "WHERE county_code = '610102' AND standard_set = 'quality2017' "
            "AND year IN (2017, 2021) "
            "GROUP BY ALL"
        ).fetchall()
    )
    assert means["小学2017"] == pytest.approx(0.42, abs=0.01)
    assert means["初中2017"] == pytest.approx(0.46, abs=0.01)
    assert means["小学2021"] == pytest.approx(0.24, abs=0.01)
    assert means["初中2021"] == pytest.approx(0.17, abs=0.01)


def independent_cv(values: np.ndarray, students: np.ndarray) -> float:
    mean = (students * values).sum() / students.sum()
    return float(np.sqrt((students * (values - mean) ** 2).sum() / students.sum()) / mean)


def test_view_cv_equals_independent_formula(demo_con):
    # 新城区 has no teaching points and no whole-school reporting, so the raw template rows
    # are the computation units: value = amount × per / students.
    sections = demo_con.execute("SELECT * FROM school_sections WHERE county_code = '610102'").df()
    catalogue = demo_con.execute("SELECT indicator, numerator, per FROM indicators").df()
    views = demo_con.execute(
        "SELECT year, stage, indicator, cv FROM county_indicator_cv "
        "WHERE county_code = '610102' AND standard_set = 'basic2012'"
    ).df()
    checked = 0
    for row in views.itertuples():
        part = sections[(sections["year"] == row.year) & (sections["stage"] == row.stage)]
        spec = catalogue[catalogue["indicator"] == row.indicator].iloc[0]
        values = part[spec.numerator].to_numpy(float) * spec.per / part["students"].to_numpy()
        assert row.cv == pytest.approx(
            independent_cv(values, part["students"].to_numpy(float)), abs=1e-9
        )
        checked += 1
    assert checked == 10 * 2 * 8


def test_duji_reported_facts(demo_con):
    # 杜集区 2021: 39 public schools (23 primary incl. 3 teaching points, 10 nine-year,
    # 6 junior); 15,526 primary and 5,451 junior pupils; 1,126 and 735 teachers.
    types = dict(
        demo_con.execute(
            "SELECT school_type, count(DISTINCT school_code) FROM school_sections "
            "WHERE county_code = '340602' AND year = 2021 GROUP BY ALL"
        ).fetchall()
    )
    assert types == {"小学": 20, "教学点": 3, "九年一贯制": 10, "初中": 6}
    totals = dict(
        demo_con.execute(
            "SELECT stage, (sum(students), sum(teachers)) FROM school_sections "
            "WHERE county_code = '340602' AND year = 2021 GROUP BY ALL"
        ).fetchall()
    )
    assert totals == {"小学": (15_526, 1_126), "初中": (5_451, 735)}
    # 13 small schools closed in 2020.
    before, after = (
        demo_con.execute(
            "SELECT count(DISTINCT school_code) FROM school_sections "
            "WHERE county_code = '340602' AND year = ?",
            [y],
        ).fetchone()[0]
        for y in (2019, 2020)
    )
    assert before - after == 13


def test_xincheng_teachers_and_changyi_compliance(demo_con):
    teachers = demo_con.execute(
        "SELECT sum(teachers) FROM school_sections WHERE county_code = '610102' AND year = 2021"
    ).fetchone()[0]
    assert teachers == 3_400
    verdicts = demo_con.execute(
        "SELECT year, bool_and(passes) FROM county_verdict WHERE county_code = '370786' "
        "AND standard_set = 'quality2017' GROUP BY year ORDER BY year"
    ).fetchall()
    assert [year for year, ok in verdicts if ok] == list(range(2020, 2025))
    unmet = demo_con.execute(
        "SELECT count(*) FROM county_scorecard WHERE county_code = '370786' AND year >= 2020 "
        "AND met IS NOT TRUE"
    ).fetchone()[0]
    assert unmet == 0


def test_xincheng_meets_quality_balance_from_2021(demo_con):
    # Reported (domain.md §6): 新城区 met the quality-balance requirements in 2021, its CVs
    # then 0.24 (小学) and 0.17 (初中); before 2021 it did not.
    verdicts = demo_con.execute(
        "SELECT year, bool_and(status = 'pass'), min(n_compliant = n_schools) "
        "FROM county_verdict WHERE county_code = '610102' AND standard_set = 'quality2017' "
        "GROUP BY year ORDER BY year"
    ).fetchall()
    assert [year for year, ok, _ in verdicts if ok] == list(range(2021, 2025))
    assert all(every_school for year, _, every_school in verdicts if year >= 2021)
    unmet = demo_con.execute(
        "SELECT count(*) FROM county_scorecard WHERE county_code = '610102' AND year >= 2021 "
        "AND met IS NOT TRUE"
    ).fetchone()[0]
    assert unmet == 0  # all 25 county items too


def test_rural_lags_then_catches_up(demo_con):
    ratio = dict(
        demo_con.execute(
            "SELECT year, sum(value * students) FILTER (WHERE urban_rural_group = 'urban') "
            "/ sum(students) FILTER (WHERE urban_rural_group = 'urban') "
            "/ (sum(value * students) FILTER (WHERE urban_rural_group = 'rural') "
            "/ sum(students) FILTER (WHERE urban_rural_group = 'rural')) "
            "FROM indicator_values WHERE county_code = '610526' AND stage = '小学' "
            "AND indicator = 'equipment_value_per_student' GROUP BY year"
        ).fetchall()
    )
    assert ratio[2015] > 1.3
    assert ratio[2024] < ratio[2015] - 0.2


def test_excluded_sections_are_listed(demo_con):
    reasons = dict(
        demo_con.execute(
            "SELECT reason, count(DISTINCT school_code) FROM excluded_sections "
            "WHERE county_code = '610526' GROUP BY ALL"
        ).fetchall()
    )
    assert reasons == {"no_students": 1, "missing_value": 1}


def test_schools_inside_their_county(demo_con):
    schools = demo_con.execute("SELECT county_code, longitude, latitude FROM schools").df()
    for code, part in schools.groupby("county_code"):
        geom = boundaries.divisions("county")[code].geometry
        inside = shapely.contains_xy(geom, part["longitude"], part["latitude"])
        assert inside.all(), code


def test_generator_is_deterministic():
    first, checklist1, _ = generate(seed=7)
    second, checklist2, _ = generate(seed=7)
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(checklist1, checklist2)
    other, _, _ = generate(seed=8)
    assert not first["students"].equals(other["students"])
