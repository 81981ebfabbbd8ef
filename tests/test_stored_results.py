"""Stored results (issue 20): the views the pages read are computed into tables stored_<view>
whenever a database file is written (demo, import, settings, refresh), and those tables hold
exactly what the views give for the data and settings in the file."""

import re
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as hs

from data import build, ranked, settings
from data.ingest import import_files, refresh_schema
from data.template import sections_as_template
from data.writing import NotStored, copy_or_create, staging_file, verify
from tests.conftest import insert_sections

# Doubles may differ in the last bits: a sum's order differs when a view is computed province
# by province (and DuckDB's parallel sums differ between two runs of the same view).
RELATIVE = 1e-12
# School B's values beside the base row's (school A): every indicator a different ratio, so no
# two CVs tie (with ties, county_verdict's worst_indicator may name either).
UNLIKE = {
    "sports_area_m2": 600.0,
    "teaching_area_m2": 400.0,
    "equipment_value_yuan": 100000.0,
    "computers": 9,
    "teachers_above_degree": 5,
    "teachers_senior_title": 3,
    "key_teachers": 3,
    "multimedia_rooms": 5,
}


def table(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    frame = con.execute(f"SELECT * FROM {name}").df()
    keys = [c for c in frame.columns if frame[c].dtype.kind != "f"]
    return frame.sort_values(keys, ignore_index=True)


def assert_stored_equal_views(con: duckdb.DuckDBPyConnection) -> None:
    assert build.stored_tables(con) == {build.stored(v) for v in build.STORED_VIEWS}
    # the explained views (stored_school_flags: the stored facts with their reasons in words)
    # give what their views give, too
    for view in (*build.STORED_VIEWS, *build.EXPLAINED_VIEWS):
        expected, found = table(con, view), table(con, build.stored(view))
        assert len(found) > 0, view
        pd.testing.assert_frame_equal(found, expected, check_exact=False, rtol=RELATIVE)


def test_the_demo_stores_what_its_views_give(demo_con):
    assert_stored_equal_views(demo_con)


def verdict_counts(con: duckdb.DuckDBPyConnection) -> tuple:
    return con.execute(
        "SELECT sum(n_compliant), count(*) FILTER (WHERE passes) FROM stored_county_verdict "
        "WHERE standard_set = 'quality2017'"
    ).fetchone()


def test_province_by_province_the_results_are_the_same(live_db):
    """A national database is stored province by province: the demo's three provinces the
    same way give the rows of the whole views."""
    with duckdb.connect(str(live_db)) as con:
        assert build.province_chunks(con, chunk_rows=0) == [
            ("340602", "340602"),
            ("370786", "370786"),
            ("610102", "610526"),
        ]
        build.store_results(con, chunk_rows=0)
        assert_stored_equal_views(con)
        build.store_results(con)  # again, over the stored tables: one pass
        assert_stored_equal_views(con)


def test_chunks_hold_whole_provinces_as_many_as_fit(live_db):
    """Provinces in code order share a chunk while their sections together fit in chunk_rows
    (fewer passes over a national file); a province larger than chunk_rows is a chunk alone."""
    with duckdb.connect(str(live_db)) as con:
        anhui, shandong = (
            con.execute(
                "SELECT count(*) FROM school_sections WHERE county_code LIKE ? || '%'", [code]
            ).fetchone()[0]
            for code in ("34", "37")
        )
        assert build.province_chunks(con, chunk_rows=anhui + shandong) == [
            ("340602", "370786"),
            ("610102", "610526"),
        ]
        assert build.province_chunks(con, chunk_rows=anhui + shandong - 1) == [
            ("340602", "340602"),
            ("370786", "370786"),
            ("610102", "610526"),
        ]
        build.store_results(con, chunk_rows=anhui + shandong)
        assert_stored_equal_views(con)


def test_a_settings_change_stores_the_results_again(live_db):
    with duckdb.connect(str(live_db), read_only=True) as con:
        before = verdict_counts(con)
        flags_before = con.execute("SELECT count(*) FROM stored_school_flags").fetchone()[0]
    settings.set_values(live_db, {"school_floor_ratio": "0.95", "flag_rules": "outlier"})
    with duckdb.connect(str(live_db), read_only=True) as con:
        assert_stored_equal_views(con)
        after = verdict_counts(con)
        rules = con.execute("SELECT DISTINCT rule FROM stored_school_flags").fetchall()
        flags_after = con.execute("SELECT count(*) FROM stored_school_flags").fetchone()[0]
    assert after[0] < before[0]  # fewer schools reach 95 % of every standard than 85 %
    assert rules == [("outlier",)] and 0 < flags_after < flags_before


@pytest.mark.parametrize(
    "changes",
    [
        {"flag_cv_half_share": "0.2"},
        {"flag_cv_half_share": "0.95", "flag_cv_half_scope": "failing"},
        {"flag_rules": "cv_half,drop,below_standard", "flag_drop_share": "0.05"},
    ],
)
def test_the_ranked_results_computed_from_one_sort_are_the_views(live_db, changes):
    """county_inequality and the outlier and cv_half flags are stored from one sort in numpy
    (data/ranked.py), not from their views: under other settings they give the views' rows."""
    settings.set_values(live_db, changes)
    with duckdb.connect(str(live_db), read_only=True) as con:
        assert_stored_equal_views(con)


def test_running_sums_restart_with_each_run():
    """ranked.running_before: the sum of the earlier elements of the same run, runs of any
    length (the Gini's Σ earlier pupils × values, the cv_half share before a school)."""
    x = np.array([1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0])
    starts, sizes = np.array([0, 1, 4, 4]), np.array([1, 3, 0, 3])
    assert ranked.running_before(x, starts, sizes).tolist() == [0, 0, 2, 6, 0, 16, 48]


def test_the_year_before_is_the_key_one_less():
    now, before = ranked.pairs_one_before(np.array([5, 3, 4, 9, 8, 1]))
    assert sorted(zip(now.tolist(), before.tolist(), strict=True)) == [(0, 2), (2, 1), (3, 4)]
    with pytest.raises(ValueError):
        ranked.pairs_one_before(np.array([2, 2]))


def test_an_import_stores_the_results_again(live_db):
    with duckdb.connect(str(live_db), read_only=True) as con:
        sections = con.execute(
            "SELECT s.*, c.county_name FROM school_sections s JOIN counties c USING "
            "(county_code) WHERE county_code = '610102' AND year = 2021 ORDER BY school_code, "
            "stage"
        ).df()
        before = con.execute(
            "SELECT composite_cv FROM stored_county_verdict WHERE county_code = '610102' "
            "AND year = 2021 AND stage = '小学' AND standard_set = 'basic2012'"
        ).fetchone()[0]
    rows = sections_as_template(sections)
    primary = rows["学段"] == "小学"
    rows.loc[primary, "体育运动场馆面积(m²)"] = rows.loc[primary, "在校生数"].astype(int) * 8
    data = rows.to_csv(index=False).encode("utf-8-sig")
    _, report = import_files([("更正.csv", data)], live_db, accept_warnings=True)
    assert report.written
    with duckdb.connect(str(live_db), read_only=True) as con:
        assert_stored_equal_views(con)
        after = con.execute(
            "SELECT composite_cv FROM stored_county_verdict WHERE county_code = '610102' "
            "AND year = 2021 AND stage = '小学' AND standard_set = 'basic2012'"
        ).fetchone()[0]
    assert after != pytest.approx(before)


def test_a_refresh_stores_the_results_of_the_new_views(live_db):
    with duckdb.connect(str(live_db)) as con:  # an older version: no stored results
        for view in build.STORED_VIEWS:
            con.execute(f"DROP TABLE {build.stored(view)}")
        con.execute("UPDATE views_version SET version = 'older'")
    refresh_schema(live_db)
    with duckdb.connect(str(live_db), read_only=True) as con:
        assert_stored_equal_views(con)


def test_a_new_file_without_stored_results_is_never_swapped_in(live_db):
    with staging_file(live_db, "test") as staging:
        con = copy_or_create(live_db, staging)  # the stored tables are views again
        con.execute("UPDATE settings SET value = '0.95' WHERE key = 'school_floor_ratio'")
        con.execute("CHECKPOINT")
        con.close()
        with pytest.raises(NotStored, match="stored_county_verdict"):
            verify(staging)


def test_until_results_are_stored_the_stored_names_read_the_views(tmp_path):
    """A database being written (or built by hand) reads the views through stored_<view>:
    slower, never out of date."""
    con = build.new_database(tmp_path / "hand.duckdb")
    insert_sections(con, [{"school_code": "A"}, {"school_code": "B", "books": 1000} | UNLIKE])
    assert build.stored_tables(con) == set()
    cv = con.execute(
        "SELECT cv FROM stored_county_indicator_cv WHERE indicator = 'books_per_student' "
        "AND standard_set = 'basic2012'"
    ).fetchone()[0]
    assert cv == pytest.approx(0.5)  # 30 and 10 books per pupil, 100 pupils each: σ 10, mean 20
    build.store_results(con)
    assert_stored_equal_views(con)
    con.close()


def test_a_school_code_in_two_provinces_is_computed_in_one_pass(tmp_path):
    """The drop rule compares a school with its previous year by its code: a code found in
    two provinces (a school that moved, or a clash) must see both."""
    con = build.new_database(tmp_path / "moved.duckdb")
    insert_sections(
        con,
        [
            {"school_code": "A", "county_code": "110101", "year": 2020, "books": 3000},
            {"school_code": "B", "county_code": "110101", "year": 2020, "books": 2200} | UNLIKE,
            {"school_code": "A", "county_code": "610526", "year": 2021, "books": 1000},
            {"school_code": "B", "county_code": "610526", "year": 2021, "books": 2200} | UNLIKE,
        ],
    )
    assert build.province_chunks(con, chunk_rows=0) == [(None, None)]
    build.store_results(con, chunk_rows=0)
    assert_stored_equal_views(con)
    drops = con.execute(
        "SELECT school_code, county_code FROM stored_school_flags WHERE rule = 'drop' "
        "AND measure = 'books_per_student'"
    ).fetchall()
    assert drops == [("A", "610526")]  # 30 → 10 books per pupil, across the move
    con.close()


def test_the_app_reads_the_views_of_a_file_of_another_version(live_db, tmp_path, monkeypatch):
    from queries import db

    old = tmp_path / "old.duckdb"
    shutil.copyfile(live_db, old)
    with duckdb.connect(str(old)) as con:
        for view in build.STORED_VIEWS:
            con.execute(f"DROP TABLE {build.stored(view)}")
        con.execute("UPDATE views_version SET version = 'older'")
        expected = con.execute(
            "SELECT status FROM county_verdict WHERE county_code = '610526' ORDER BY year, "
            "stage, standard_set"
        ).fetchall()
    monkeypatch.setenv("JUNHENG_DB", str(old))
    assert db.views_stale()
    verdicts = pd.concat(
        db.query("county_verdict", county="610526", standard_set=s)
        for s in ("basic2012", "quality2017")
    )
    assert sorted(verdicts["status"]) == sorted(s for (s,) in expected)


def test_the_views_version_names_the_stored_views(monkeypatch):
    before = build.views_version()
    monkeypatch.setattr(build, "STORED_VIEWS", build.STORED_VIEWS[:-1])
    assert build.views_version() != before


def test_every_query_reads_stored_results_not_the_costly_views():
    """queries/*.sql read stored_<view>, never the view itself (the views in queries/views/
    are the definitions)."""
    pattern = (
        r"\b(FROM|JOIN)\s+(" + "|".join([*build.STORED_VIEWS, *build.EXPLAINED_VIEWS]) + r")\b"
    )
    folder = Path(build.VIEWS_DIR).parent
    found = [p.name for p in folder.glob("*.sql") if re.search(pattern, p.read_text())]
    assert found == []


def test_the_stored_flags_keep_codes_and_numbers_their_reasons_are_built_when_read(live_db):
    """stored_school_flag_facts holds no text but codes, names and numbers; stored_school_flags
    (what the pages read) builds each reason from them, the catalogue and the settings, and the
    reasons follow a settings change with the facts."""
    with duckdb.connect(str(live_db), read_only=True) as con:
        columns = {
            name: kind
            for name, kind in con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE table_name = 'stored_school_flag_facts'"
            ).fetchall()
        }
        assert "reason_zh" not in columns and "flag_key" not in columns
        assert build.stored_tables(con) >= {"stored_school_flag_facts"}
        assert "stored_school_flags" not in build.tables_among(con, ["stored_school_flags"])
        (reason,) = con.execute(
            "SELECT reason_zh FROM stored_school_flags WHERE rule = 'below_floor' "
            "ORDER BY flag_key LIMIT 1"
        ).fetchone()
    assert "的 85%（" in reason  # school_floor_ratio 0.85
    settings.set_values(live_db, {"school_floor_ratio": "0.9"})
    with duckdb.connect(str(live_db), read_only=True) as con:
        assert_stored_equal_views(con)
        reasons = [
            r
            for (r,) in con.execute(
                "SELECT reason_zh FROM stored_school_flags WHERE rule = 'below_floor'"
            ).fetchall()
        ]
    assert reasons and all("的 90%（" in r for r in reasons)


def test_a_file_with_the_older_flags_table_gets_the_explained_view(live_db):
    """A database written before the reasons were built when read kept stored_school_flags as
    a table with both reasons: the refresh replaces it by the explained view."""
    with duckdb.connect(str(live_db)) as con:
        con.execute("DROP VIEW stored_school_flags")
        con.execute("CREATE TABLE stored_school_flags AS SELECT * FROM school_flags")
        con.execute("UPDATE views_version SET version = 'older'")
    refresh_schema(live_db)
    with duckdb.connect(str(live_db), read_only=True) as con:
        assert build.tables_among(con, ["stored_school_flags"]) == set()
        assert_stored_equal_views(con)


# Random schools of one county over two years: values with zeros and ties, one to three
# urban–rural groups, pupils from 1; the second year each school's value times its own factor.
RANDOM_SCHOOLS = hs.lists(
    hs.tuples(
        hs.integers(1, 3000),
        hs.sampled_from([0.0, 1.0, 2.5, 2.5]) | hs.floats(0.0, 50.0),
        hs.sampled_from([111, 121, 220]),
        hs.sampled_from([1.0, 0.5, 0.9]) | hs.floats(0.0, 2.0),
    ),
    min_size=1,
    max_size=12,
)


@hsettings(max_examples=60, deadline=None)
@given(rows=RANDOM_SCHOOLS)
def test_stored_results_are_the_views_for_any_schools(rows):
    """What store_results computes its own way (data/ranked.py: Gini, McLoone, Theil, the
    outlier, cv_half and drop flags from one sort in numpy) equals the views, which define
    them, for any schools: zeros, ties, one group, one school."""
    con = duckdb.connect()
    build.create_schema(con)
    insert_sections(
        con,
        [
            {
                "school_code": f"S{i:02d}",
                "year": year,
                "students": pupils,
                "teaching_area_m2": value * (factor if year == 2021 else 1.0) * pupils,
                "sports_area_m2": (value + i % 3) * pupils,
                "urban_rural_code": code,
            }
            for i, (pupils, value, code, factor) in enumerate(rows)
            for year in (2020, 2021)
        ],
    )
    build.store_results(con)
    for view in (*build.STORED_VIEWS, *build.EXPLAINED_VIEWS):
        expected, found = table(con, view), table(con, build.stored(view))
        pd.testing.assert_frame_equal(found, expected, check_exact=False, rtol=1e-9, atol=1e-12)
    con.close()
