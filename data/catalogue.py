"""The domain facts of data/catalogue.sql, for Python code: stages, school types, standard
sets, urban–rural codes and their groups, indicators (numerator column and per-student or
per-100 factor) and the quality 2017 per-school standards.

data/catalogue.sql is their only source: it is run once, on first import, in an in-memory
DuckDB (with data/schema.sql), and read into the plain values below. Code that needs one of
these facts imports it from here; a test (tests/test_settings.py) fails when a literal copy
comes back.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from data.build import DATA_DIR


@contextmanager
def catalogue_connection() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database holding the tables of schema.sql filled by catalogue.sql."""
    con = duckdb.connect()
    try:
        con.execute((DATA_DIR / "schema.sql").read_text(encoding="utf-8"))
        con.execute((DATA_DIR / "catalogue.sql").read_text(encoding="utf-8"))
        yield con
    finally:
        con.close()


def _read() -> dict[str, list[tuple]]:
    with catalogue_connection() as con:
        return {
            "stages": con.execute("SELECT stage FROM stages ORDER BY sort_order").fetchall(),
            "school_types": con.execute(
                "SELECT school_type, stages, through, with_senior FROM school_types "
                "ORDER BY sort_order"
            ).fetchall(),
            "standard_sets": con.execute(
                "SELECT standard_set, method_year FROM standard_sets ORDER BY sort_order"
            ).fetchall(),
            "codes": con.execute(
                "SELECT urban_rural_code, urban_rural_group FROM urban_rural_codes "
                "ORDER BY urban_rural_code"
            ).fetchall(),
            "indicators": con.execute(
                "SELECT indicator, numerator, per FROM indicators ORDER BY sort_order"
            ).fetchall(),
            "standards": con.execute(
                "SELECT indicator, stage, standard_value FROM indicator_standards "
                "WHERE standard_set = 'quality2017' ORDER BY indicator, stage"
            ).fetchall(),
        }


_TABLES = _read()

# The stages in display order: ("小学", "初中").
STAGES: tuple[str, ...] = tuple(stage for (stage,) in _TABLES["stages"])
# The school types in the template's order, the stages each has sections in, the 一贯制
# types (one row per stage; the size rule's through limit) and the types with senior pupils.
SCHOOL_TYPES: tuple[str, ...] = tuple(row[0] for row in _TABLES["school_types"])
STAGES_OF_TYPE: dict[str, tuple[str, ...]] = {
    school_type: tuple(stages) for school_type, stages, _, _ in _TABLES["school_types"]
}
THROUGH_TYPES: tuple[str, ...] = tuple(row[0] for row in _TABLES["school_types"] if row[2])
SENIOR_TYPES: tuple[str, ...] = tuple(row[0] for row in _TABLES["school_types"] if row[3])
# The standard sets in the order screens offer them: ("quality2017", "basic2012"); and the
# same oldest method first, where a screen sets them side by side in time.
STANDARD_SETS: tuple[str, ...] = tuple(name for name, _ in _TABLES["standard_sets"])
STANDARD_SETS_BY_YEAR: tuple[str, ...] = tuple(
    name for name, _ in sorted(_TABLES["standard_sets"], key=lambda row: row[1])
)
# Every valid urban–rural code, ascending, and its group ('urban', 'town' or 'rural').
URBAN_RURAL_CODES: tuple[int, ...] = tuple(code for code, _ in _TABLES["codes"])
URBAN_RURAL_GROUP: dict[int, str] = dict(_TABLES["codes"])
# indicator → (numerator column of school_sections, per: 1 per student or 100 per 100 students)
INDICATORS: dict[str, tuple[str, int]] = {
    indicator: (numerator, per) for indicator, numerator, per in _TABLES["indicators"]
}
# indicator → its place in the catalogue's display order (0 first): tables sort by it
CATALOGUE_RANK: dict[str, int] = {indicator: rank for rank, indicator in enumerate(INDICATORS)}
# indicator → {stage: quality 2017 per-school standard}
QUALITY_STANDARDS: dict[str, dict[str, float]] = {}
for _indicator, _stage, _value in _TABLES["standards"]:
    QUALITY_STANDARDS.setdefault(_indicator, {})[_stage] = _value
