"""Properties of the SQL metrics (hypothesis) and of the query layer (hostile parameters)."""

import math

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.build import create_schema
from queries.loader import QUERIES_DIR, parameters_of, run, sql_text
from tests.conftest import insert_sections

schools = st.lists(
    st.tuples(st.integers(1, 3000), st.floats(0.5, 50.0), st.sampled_from([111, 121, 220])),
    min_size=2,
    max_size=12,
)


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    create_schema(connection)
    yield connection
    connection.close()


def metrics(con, rows, scale: float = 1.0) -> tuple[float, float, float, float]:
    """(CV, Theil, between, within) of teaching area per pupil for these schools."""
    con.execute("DELETE FROM school_sections")
    insert_sections(
        con,
        [
            {
                "school_code": f"S{i}",
                "students": p,
                "teaching_area_m2": x * p * scale,
                "urban_rural_code": code,
            }
            for i, (p, x, code) in enumerate(rows)
        ],
    )
    cv = con.execute(
        "SELECT cv FROM county_indicator_cv WHERE standard_set = 'quality2017' "
        "AND indicator = 'teaching_area_per_student'"
    ).fetchone()[0]
    theil = con.execute(
        "SELECT theil, theil_between, theil_within FROM county_theil "
        "WHERE indicator = 'teaching_area_per_student'"
    ).fetchone()
    return (cv, *theil)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=schools, scale=st.floats(0.01, 1000.0))
def test_cv_and_theil_do_not_change_when_every_value_is_scaled(con, rows, scale):
    before = metrics(con, rows)
    after = metrics(con, rows, scale)
    for a, b in zip(before, after, strict=True):
        assert b == pytest.approx(a, rel=1e-6, abs=1e-9)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pupils=st.lists(st.integers(1, 3000), min_size=2, max_size=12), value=st.floats(0.5, 50))
def test_equal_schools_have_no_gap(con, pupils, value):
    cv, theil, between, within = metrics(
        con, [(p, value, 111 + 10 * (i % 2)) for i, p in enumerate(pupils)]
    )
    assert cv == 0.0
    assert abs(theil) < 1e-12 and abs(between) < 1e-12 and abs(within) < 1e-12


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=schools)
def test_theil_is_between_plus_within(con, rows):
    _, theil, between, within = metrics(con, rows)
    assert theil == pytest.approx(between + within, abs=1e-12)
    assert theil >= -1e-12


def test_weights_matter(con):
    # Values 2 and 4. Equal pupils: mean 3, S = 1, CV = 1/3. With 3 times the pupils at 4:
    # mean 3.5, S² = (1·2.25 + 3·0.25)/4 = 0.75, CV = √0.75 / 3.5.
    assert metrics(con, [(100, 2.0, 111), (100, 4.0, 111)])[0] == pytest.approx(1 / 3)
    assert metrics(con, [(100, 2.0, 111), (300, 4.0, 111)])[0] == pytest.approx(
        math.sqrt(0.75) / 3.5
    )


HOSTILE = ["'; DROP TABLE school_sections; --", '" OR 1=1 --', "均衡'；", "\u202e\u0000x", "%_"]


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERIES_DIR.glob("*.sql")))
def test_every_query_binds_hostile_strings_as_values(demo_con, name):
    numbers = {"year", "year_from", "year_to"}
    lists = {"stages", "indicators", "groups"}
    for text in HOSTILE:
        params = {
            p: (2021 if p in numbers else [text] if p in lists else text)
            for p in parameters_of(sql_text(name))
        }
        result = run(demo_con, name, **params)
        if params and any(isinstance(v, str) for v in params.values()):
            assert result.empty or name in {"counties", "county_years", "indicator_catalogue"}
    assert demo_con.execute("SELECT count(*) FROM school_sections").fetchone()[0] > 0
