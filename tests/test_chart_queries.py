"""The numbers the chart pages state, computed in SQL (issue 14), against hand-computed values
on a four-school county:

    school  group  pupils  teaching m²  → m² per pupil   sports m²
    A       urban  100     600          6.0              1500
    B       urban  100     400          4.0               750
    C       rural  200     600          3.0               750
    D       rural  100     500          5.0               750

County mean of teaching area X̄ = 2100 / 500 = 4.2; Pi·(Xi − X̄)²: A 324, B 4, C 288, D 64
(Σ 680). Urban mean 1000 / 200 = 5.0, rural 1100 / 300 = 3.667: ratio 15 / 11 = 1.3636.
Every other 2017 indicator has the same numerator in each school, so urban / rural =
(2 / 200) / (2 / 300) = 1.5, except sports area: (1500 + 750) / 200 = 11.25 against
1500 / 300 = 5.0, a ratio of 2.25 (the widest gap).
"""

import re
from pathlib import Path

import pytest

from queries.loader import run, sql_sources, view_files

ROOT = Path(__file__).resolve().parent.parent
COUNTY = "999999"
SCHOOLS = [
    {"school_code": "A", "students": 100, "teaching_area_m2": 600.0, "sports_area_m2": 1500.0},
    {"school_code": "B", "students": 100, "teaching_area_m2": 400.0},
    {"school_code": "C", "students": 200, "teaching_area_m2": 600.0, "urban_rural_code": 220},
    {"school_code": "D", "students": 100, "teaching_area_m2": 500.0, "urban_rural_code": 220},
]


@pytest.fixture
def county(tiny_db):
    return tiny_db([{**row, "school_name": f"{row['school_code']}校"} for row in SCHOOLS])


def test_schools_making_half_of_the_gap(county):
    half = run(
        county,
        "cv_half_schools",
        county=COUNTY,
        year=2020,
        stage="小学",
        indicator="teaching_area_per_student",
    ).iloc[0]
    # A (324 / 680 = 47.6 %) is not yet half; A and C (612 / 680 = 90 %) are.
    assert half["half_share"] == 0.5
    assert half["n_schools"] == 2
    assert half["top_share"] == pytest.approx(612 / 680, abs=1e-12)


def test_schools_making_a_set_share_of_the_gap(county):
    county.execute("UPDATE settings SET value = '0.45' WHERE key = 'flag_cv_half_share'")
    half = run(
        county,
        "cv_half_schools",
        county=COUNTY,
        year=2020,
        stage="小学",
        indicator="teaching_area_per_student",
    ).iloc[0]
    assert half["n_schools"] == 1  # A alone makes up 47.6 % ≥ 45 %
    assert half["top_share"] == pytest.approx(324 / 680, abs=1e-12)


def test_wide_gaps_count_and_widest_ratio(county):
    gaps = run(
        county, "wide_gaps", county=COUNTY, year=2020, stage="小学", standard_set="quality2017"
    )
    row = gaps.iloc[0]
    assert len(gaps) == 1
    assert row["wide_gap_ratio"] == 1.2
    assert row["n_wide"] == 7  # 1.3636 and six ratios of 1.5 or more, all over 1.2
    assert row["widest_indicator"] == "sports_area_per_student"
    assert row["widest_ratio"] == pytest.approx(2.25, abs=1e-12)


def test_wide_gap_ratio_is_read_from_settings(county):
    county.execute("UPDATE settings SET value = '1.4' WHERE key = 'wide_gap_ratio'")
    row = run(
        county, "wide_gaps", county=COUNTY, year=2020, stage="小学", standard_set="quality2017"
    ).iloc[0]
    assert row["n_wide"] == 6  # teaching area's 15 / 11 = 1.3636 is no longer wide


def test_no_rural_schools_no_widest_ratio(tiny_db):
    con = tiny_db([{"school_code": "A"}, {"school_code": "B", "students": 50}])
    row = run(con, "wide_gaps", county=COUNTY, year=2020, stage="小学", standard_set="quality2017")
    assert row.iloc[0]["n_wide"] == 0
    assert row["widest_indicator"].isna().all()


def gap_trend(con, indicator: str = "teaching_area_per_student"):
    return run(con, "group_gap_trend", county=COUNTY, stage="小学", indicator=indicator).iloc[0]


def test_urban_and_rural_converging(county):
    # 2021: urban (500 + 500) / 200 = 5.0, rural (900 + 450) / 300 = 4.5: ratio 1.111.
    from tests.conftest import insert_sections

    later = [
        {"school_code": "A", "teaching_area_m2": 500.0},
        {"school_code": "B", "teaching_area_m2": 500.0},
        {"school_code": "C", "students": 200, "teaching_area_m2": 900.0, "urban_rural_code": 220},
        {"school_code": "D", "teaching_area_m2": 450.0, "urban_rural_code": 220},
    ]
    insert_sections(county, [{**row, "year": 2021} for row in later])
    gap = gap_trend(county)
    assert (gap["upper_group"], gap["lower_group"], gap["n_groups"]) == ("urban", "rural", 2)
    assert (gap["first_year"], gap["last_year"]) == (2020, 2021)
    assert gap["first_ratio"] == pytest.approx(15 / 11, abs=1e-12)
    assert gap["last_ratio"] == pytest.approx(10 / 9, abs=1e-12)
    assert gap["direction"] == "converging"


def test_urban_and_town_diverging_without_rural_schools(tiny_db):
    # Town schools only beside urban ones: the two compared are urban and town.
    # 2020: 4.5 / 4.5 = 1.0; 2021: 4.5 / 3.0 = 1.5.
    con = tiny_db(
        [
            {"school_code": "A"},
            {"school_code": "T", "urban_rural_code": 121},
            {"school_code": "A", "year": 2021},
            {"school_code": "T", "year": 2021, "urban_rural_code": 121, "teaching_area_m2": 300.0},
        ]
    )
    gap = gap_trend(con)
    assert (gap["upper_group"], gap["lower_group"]) == ("urban", "town")
    assert gap["first_ratio"] == pytest.approx(1.0, abs=1e-12)
    assert gap["last_ratio"] == pytest.approx(1.5, abs=1e-12)
    assert gap["direction"] == "diverging"


def test_one_group(tiny_db):
    urban_only = tiny_db([{"school_code": "U"}, {"school_code": "U", "year": 2021}])
    gap = gap_trend(urban_only)
    assert (gap["n_groups"], gap["upper_group"], gap["direction"]) == (1, "urban", "one_group")


def test_one_year(county):
    gap = gap_trend(county)  # both groups, one year only
    assert gap["direction"] == "one_year"
    assert gap["last_ratio"] == pytest.approx(15 / 11, abs=1e-12)


def test_equal_gaps_are_steady(tiny_db):
    con = tiny_db(
        [
            {"school_code": "A"},
            {"school_code": "R", "urban_rural_code": 220, "teaching_area_m2": 300.0},
            {"school_code": "A", "year": 2021},
            {"school_code": "R", "year": 2021, "urban_rural_code": 220, "teaching_area_m2": 300.0},
        ]
    )
    assert gap_trend(con)["direction"] == "steady"  # 1.5 both years: neither way


@pytest.mark.parametrize(
    "name",
    ["county_indicator_cv", "county_group_means", "school_position", "county_theil", "wide_gaps"],
)
def test_sources_name_the_query_and_the_files_of_the_views_it_reads(name):
    sources = sql_sources(name)
    assert sources[0] == f"queries/{name}.sql"
    text = (ROOT / sources[0]).read_text(encoding="utf-8")
    views = view_files()
    assert len(sources) > 1  # every chart query reads at least one view
    for path in sources[1:]:  # each file defines a view the query reads
        assert (ROOT / path).exists()
        assert any(re.search(rf"\b(stored_)?{v}\b", text) for v, p in views.items() if p == path), (
            path
        )
