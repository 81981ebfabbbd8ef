"""A page reads one county: every query of one county (a `$county` parameter) must let DuckDB
filter the school returns before it computes, never compute a view for every county and keep
one. At national scale (2,891 counties) a view written as aggregates joined back, which
DuckDB cannot filter through, made 校际差异's first visit 1.6 s of CPU instead of 0.2 s.
Checked on the plan: no scan of `school_sections` without a filter."""

import json

import pytest

from queries.loader import QUERIES_DIR, parameters_of, sql_text

# A value for every parameter a query file names (a new name fails the test until added).
PARAMETERS = {
    "county": "610526",
    "year": 2021,
    "stage": "小学",
    "standard_set": "quality2017",
    "indicator": "sports_area_per_student",
    "school": "61052600001",
    "stages": ["小学", "初中"],
    "groups": ["urban", "town", "rural"],
    "indicators": ["sports_area_per_student"],
    "year_from": 2019,
    "year_to": 2021,
}
# Queries that read more than the county, on purpose or at a known small cost:
BROADER = {
    "province_counties": "every county of the province, and which of them have returns",
}
COUNTY_QUERIES = sorted(
    path.stem
    for path in QUERIES_DIR.glob("*.sql")
    if "county" in parameters_of(sql_text(path.stem)) and path.stem not in BROADER
)


def scans(node: dict, table: str) -> list[dict]:
    """The scans of `table` in a plan (EXPLAIN (FORMAT JSON)) with what each filters on."""
    info = node.get("extra_info", {})
    found = [info] if str(info.get("Table", "")).endswith(f".{table}") else []
    for child in node.get("children", []):
        found += scans(child, table)
    return found


def test_every_query_of_one_county_is_checked():
    assert len(COUNTY_QUERIES) > 30 and "school_position" in COUNTY_QUERIES
    assert set(BROADER) <= {path.stem for path in QUERIES_DIR.glob("*.sql")}


@pytest.mark.parametrize("name", COUNTY_QUERIES)
def test_a_county_query_never_scans_every_return(demo_con, name):
    sql = sql_text(name)
    params = {key: PARAMETERS[key] for key in parameters_of(sql)}
    (row,) = demo_con.execute(f"EXPLAIN (FORMAT JSON) {sql}", params).fetchall()
    plan = json.loads(row[1])
    unfiltered = [s for node in plan for s in scans(node, "school_sections") if "Filters" not in s]
    assert unfiltered == [], f"{name} reads every county's returns"
