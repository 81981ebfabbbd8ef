"""The app's database access: one cached read-only connection per database file version,
and cached query results. A database swapped in by an import (new mtime) is picked up."""

import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from queries.loader import connect_read_only, run

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "junheng.duckdb"


def database_path() -> Path:
    return Path(os.environ.get("JUNHENG_DB", DEFAULT_DB))


def database_version() -> str:
    """Changes whenever the file is replaced, so caches keyed on it refresh after an import."""
    stat = database_path().stat()
    return f"{stat.st_ino}-{stat.st_mtime_ns}"


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, version: str) -> duckdb.DuckDBPyConnection:
    return connect_read_only(path)


@st.cache_data(ttl=3600, max_entries=2000, show_spinner=False)
def _cached(path: str, version: str, name: str, params: tuple) -> pd.DataFrame:
    return run(_connection(path, version), name, **dict(params))


def query(name: str, **params: object) -> pd.DataFrame:
    """Result of queries/<name>.sql for these parameters (cached; copy before changing)."""
    return _cached(str(database_path()), database_version(), name, tuple(sorted(params.items())))


def ensure_database() -> None:
    """Build the demo database on first start when no database exists yet."""
    path = database_path()
    if not path.exists():
        from data.demo import build_demo

        build_demo(path)
