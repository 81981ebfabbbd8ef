"""Run the SQL files of queries/ with named parameters ($name) on a read-only connection."""

import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from data.build import EXPLAINED_VIEWS, STORED_VIEWS

QUERIES_DIR = Path(__file__).parent
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
STORED = re.compile(rf"\bstored_({'|'.join([*STORED_VIEWS, *EXPLAINED_VIEWS])})\b")


@cache
def sql_text(name: str) -> str:
    """The text of queries/<name>.sql (names are fixed in code, never taken from users)."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def parameters_of(sql: str) -> set[str]:
    return set(PARAMETER.findall(sql))


def connect_read_only(path: str | Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)


def live_sql(sql: str) -> str:
    """The query reading each view itself instead of its stored results (stored_<view>)."""
    return STORED.sub(r"\1", sql)


def run(
    con: duckdb.DuckDBPyConnection, name: str, live: bool = False, **params: object
) -> pd.DataFrame:
    """Run queries/<name>.sql with exactly the parameters it names; every value is bound,
    never pasted into the SQL. `live`: read the views rather than their stored results (a
    database built by another version may not have them; see data.build.STORED_VIEWS)."""
    sql = live_sql(sql_text(name)) if live else sql_text(name)
    wanted = parameters_of(sql)
    missing = wanted - params.keys()
    if missing:
        raise TypeError(f"query {name} needs parameters {sorted(missing)}")
    return con.cursor().execute(sql, {k: params[k] for k in wanted}).df()


VIEWS_DIR = QUERIES_DIR / "views"
VIEW = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)
READS = re.compile(r"\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)


@cache
def view_files() -> dict[str, str]:
    """view name → the file of queries/views/ that defines it (relative to the project)."""
    found = {}
    for path in sorted(VIEWS_DIR.glob("*.sql")):
        for name in VIEW.findall(path.read_text(encoding="utf-8")):
            found[name.lower()] = str(path.relative_to(QUERIES_DIR.parent))
    return found


@cache
def sql_sources(name: str) -> tuple[str, ...]:
    """Where the numbers of queries/<name>.sql come from: that file, then the files of the
    views it reads (in the order it names them), for a chart's "how this is computed"."""
    views = view_files()
    # stored_<view> is the view's result written at import (data/build.py): its definition is
    # the view's file.
    named = (v.lower().removeprefix("stored_") for v in READS.findall(sql_text(name)))
    read = dict.fromkeys(views[v] for v in named if v in views)
    return (f"queries/{name}.sql", *read)
