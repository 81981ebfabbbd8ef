"""The pace of a county's CVs: least-squares lines, crossing years and the spread of the fit,
on a hand-built county whose CV falls linearly (the crossing year is known)."""

import math

import numpy as np
import pandas as pd
import pytest

from components.charts import cv_trend_with_pace
from components.pace import crossing_year, fit_line, fitted_points, pace_table
from queries.loader import run

# CV of teaching area per pupil in the hand-built county: 0.80 in 2018, 0.05 less each year.
FALLING = {2018: 0.80, 2019: 0.75, 2020: 0.70, 2021: 0.65}


def linear_county(tiny_db):
    """Two primary schools of 100 pupils with 4.5·(1 ± c) m² per pupil: mean 4.5, weighted
    standard deviation 4.5·c, so the CV is exactly c; every other indicator is equal in both
    schools (CV 0)."""
    rows = []
    for year, c in FALLING.items():
        for code, sign in (("S1", 1), ("S2", -1)):
            rows.append(
                {
                    "year": year,
                    "county_code": "999999",
                    "school_code": code,
                    "school_name": code,
                    "teaching_area_m2": 100 * 4.5 * (1 + sign * c),
                }
            )
    return tiny_db(rows)


def test_crossing_year_of_a_linearly_falling_cv(tiny_db):
    con = linear_county(tiny_db)
    cvs = run(con, "county_indicator_cv", county="999999", stage="小学", standard_set="quality2017")
    area = cvs[cvs["indicator"] == "teaching_area_per_student"].set_index("year")["cv"]
    assert area.to_dict() == pytest.approx(FALLING, abs=1e-12)
    pace = pace_table(cvs, last_years=10, up_to=2021, target_year=2024)
    assert pace["indicator"].tolist() == ["teaching_area_per_student"]  # the others are at 0
    row = pace.iloc[0]
    assert row["slope"] == pytest.approx(-0.05, abs=1e-12)
    assert row["at_last"] == pytest.approx(0.65, abs=1e-12)
    assert row["spread"] == pytest.approx(0.0, abs=1e-9)
    # 0.65 − 0.05·3 = 0.50, within the primary line 0.50 in 2024
    assert (row["crossing"], row["earliest"], row["latest"]) == (2024, 2024, 2024)
    assert row["status"] == "on_pace"
    assert pace_table(cvs, last_years=10, up_to=2021, target_year=2023)["status"].tolist() == [
        "late"
    ]
    points = fitted_points(pace, until=2024).set_index("year")["fit"]
    assert points.to_dict() == pytest.approx(
        {2018: 0.80, 2019: 0.75, 2020: 0.70, 2021: 0.65, 2022: 0.60, 2023: 0.55, 2024: 0.50}
    )


def test_the_window_of_last_years(tiny_db):
    con = linear_county(tiny_db)
    cvs = run(con, "county_indicator_cv", county="999999", stage="小学", standard_set="quality2017")
    three = pace_table(cvs, last_years=3, up_to=2021, target_year=2030).iloc[0]
    assert (three["first_year"], three["n_years"], three["crossing"]) == (2019, 3, 2024)
    two = pace_table(cvs, last_years=2, up_to=2021, target_year=2030).iloc[0]
    assert two["status"] == "too_few_years" and pd.isna(two["crossing"])
    # in 2019 the CV (0.75) is still above the line; two years only
    assert pace_table(cvs, last_years=10, up_to=2019, target_year=2030)["status"].tolist() == [
        "too_few_years"
    ]


def test_spread_of_a_noisy_fit_by_hand():
    # x = −2, −1, 0; y = 0.60, 0.50, 0.55: slope −0.025, value 0.525 at the last year,
    # residuals 0.025, −0.05, 0.025: spread sqrt(0.00375 / 1)
    slope, at_last, spread = fit_line(np.array([2019.0, 2020, 2021]), np.array([0.6, 0.5, 0.55]))
    assert slope == pytest.approx(-0.025)
    assert at_last == pytest.approx(0.525)
    assert spread == pytest.approx(math.sqrt(0.00375))
    cvs = pd.DataFrame(
        {
            "year": [2019, 2020, 2021],
            "indicator": "x",
            "cv": [0.6, 0.5, 0.55],
            "threshold": 0.5,
        }
    )
    row = pace_table(cvs, last_years=5, up_to=2021, target_year=2024).iloc[0]
    # fit 0.525 − 0.025·1 = 0.50 in 2022; band ± 2·0.0612: low edge 0.4025 already within in
    # 2021, high edge 0.6475 needs (0.6475 − 0.5) / 0.025 = 5.9 → 6 years: 2027
    assert (row["crossing"], row["earliest"], row["latest"]) == (2022, 2021, 2027)
    assert row["status"] == "uncertain"
    assert pace_table(cvs, last_years=5, up_to=2021, target_year=2027)["status"][0] == "on_pace"


def test_a_rising_cv_never_crosses():
    assert crossing_year(0.6, 0.01, 2021, 0.5) is None
    assert crossing_year(0.6, 0.0, 2021, 0.5) is None
    assert crossing_year(0.49, 0.01, 2021, 0.5) == 2021
    cvs = pd.DataFrame(
        {"year": [2019, 2020, 2021], "indicator": "x", "cv": [0.5, 0.55, 0.6], "threshold": 0.45}
    )
    assert pace_table(cvs, last_years=5, up_to=2021, target_year=2030)["status"][0] == (
        "not_falling"
    )


def test_trend_chart_draws_the_fitted_line_and_its_band():
    cvs = pd.DataFrame(
        {
            "year": [2019, 2020, 2021],
            "indicator": "x",
            "name_zh": "甲",
            "cv": [0.6, 0.5, 0.55],
            "threshold": 0.5,
        }
    )
    pace = pace_table(cvs, last_years=5, up_to=2021, target_year=2024)
    fits = fitted_points(pace, until=2024)
    fig = cv_trend_with_pace(
        cvs,
        name_column="name_zh",
        title="t",
        note="n",
        axis_cv="CV",
        axis_year="年",
        threshold_label="标准线",
        fits=fits,
        fit_label="拟合",
    )
    band = next(t for t in fig.data if t.fill == "toself")
    line = next(t for t in fig.data if t.line.dash == "dot" and len(t.x) > 1)
    assert list(line.x) == [2019, 2020, 2021, 2022, 2023, 2024]
    assert line.y[3] == pytest.approx(0.5)
    assert line.line.color == fig.data[0].line.color  # the series' colour
    assert band.fill == "toself"
    assert band.y[0] == pytest.approx(0.575 + 2 * math.sqrt(0.00375))


def test_pages_show_the_pace_of_the_chosen_county(demo_db, demo_con, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.test_pages import APP, figure

    monkeypatch.setenv("JUNHENG_DB", str(demo_db))
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"county": "610526", "year": "2021"})
    at.run()
    at.switch_page(APP.replace("app.py", "views/province.py"))
    at.run()
    assert not at.exception
    cvs = run(
        demo_con, "county_indicator_cv", county="610526", stage="小学", standard_set="quality2017"
    )
    expected = pace_table(cvs[cvs["year"] <= 2021], last_years=5, up_to=2021, target_year=2024)
    shown = next(d.value for d in at.dataframe if "当前差异系数" in d.value.columns)
    assert shown["当前差异系数"].tolist() == pytest.approx(expected["cv_now"].tolist())
    assert shown["预计达到年份"].tolist() == [str(int(y)) for y in expected["crossing"]]
    late = int((expected["status"] != "on_pace").sum())
    chart = figure(at, f"{late} 项按近年进度在 2024 年前达不到")
    dotted = [d for d in chart["data"] if (d.get("line") or {}).get("dash") == "dot"]
    assert len(dotted) == len(expected) + 1  # one per indicator over the line, and the legend

    at.switch_page(APP.replace("app.py", "views/trends.py"))
    at.run()
    at.toggle(key="pace_toggle").set_value(True).run()
    assert not at.exception
    chart = figure(at, "各指标差异系数")
    dotted = [d for d in chart["data"] if (d.get("line") or {}).get("dash") == "dot"]
    assert len(dotted) == len(expected) + 1
