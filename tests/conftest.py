import shutil
from pathlib import Path

import duckdb
import pytest

from data.build import new_database
from data.demo import build_demo

# A complete section row; tests override the fields they are about.
BASE_ROW = {
    "year": 2020,
    "county_code": "999999",
    "school_code": "S1",
    "school_name": "甲小学",
    "school_type": "小学",
    "stage": "小学",
    "parent_school_code": None,
    "urban_rural_code": 111,
    "township": "城关街道",
    "longitude": 110.0,
    "latitude": 35.0,
    "students": 100,
    "classes": 3,
    "teachers": 8,
    "teachers_above_degree": 6,
    "teachers_senior_title": 4,
    "key_teachers": 1,
    "pe_art_teachers": 1,
    "teaching_area_m2": 450.0,
    "sports_area_m2": 750.0,
    "equipment_value_yuan": 200000.0,
    "multimedia_rooms": 3,
    "computers": 10,
    "books": 3000,
    "achievement_score": None,
    "resources_whole_school": False,
}


def insert_sections(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    for overrides in rows:
        row = BASE_ROW | overrides
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        con.execute(f"INSERT INTO school_sections ({columns}) VALUES ({marks})", list(row.values()))


@pytest.fixture
def tiny_db(tmp_path: Path):
    """A new empty database; returns a function that inserts section rows into it."""
    con = new_database(tmp_path / "tiny.duckdb")

    def add(rows: list[dict]) -> duckdb.DuckDBPyConnection:
        insert_sections(con, rows)
        return con

    yield add
    con.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(path)
    return path


@pytest.fixture
def live_db(demo_db, tmp_path) -> Path:
    """A copy of the demo database that a test may import into."""
    path = tmp_path / "live.duckdb"
    shutil.copyfile(demo_db, path)
    return path


@pytest.fixture(scope="session")
def demo_con(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, one per test module (browser tests only)."""
    from playwright.sync_api import sync_playwright

    from bench.streamlit_server import CHROMIUM_ARGS
    from tests.browser import CHROMIUM

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(demo_db):
    """The app served on the demo database, one per test module (browser tests only); a module
    that needs another database defines its own `server` with tests.browser.served."""
    from tests.browser import served

    with served(demo_db) as url:
        yield url


@pytest.fixture
def page(browser, server):
    """A page of `server` that records console errors, failed responses, dialogs and off-host
    requests (tests.browser.watched_page)."""
    from tests.browser import watched_page

    with watched_page(browser, server) as page:
        yield page
