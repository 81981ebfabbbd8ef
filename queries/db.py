"""The app's database access: one read-only connection per process to the current database
file, and cached query results keyed by the file's version, so a database swapped in by an
import (new inode and mtime) is picked up by every session on its next rerun."""

import logging
import os
import threading
import weakref
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from data.build import views_version
from queries.loader import connect_read_only, run

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "junheng.duckdb"


def database_path() -> Path:
    return Path(os.environ.get("JUNHENG_DB", DEFAULT_DB))


def database_version() -> str:
    """Changes whenever the file is replaced, so caches keyed on it refresh after an import."""
    stat = database_path().stat()
    return f"{stat.st_ino}-{stat.st_mtime_ns}"


_lock = threading.Lock()
_open: dict[str, tuple[str, duckdb.DuckDBPyConnection]] = {}


def connection() -> duckdb.DuckDBPyConnection:
    """The process's read-only connection to the current database file. When an import has
    swapped in a new file, the old connection is closed first: DuckDB reuses an open database
    for the same path, so a second connection would still see the old file."""
    path, version = str(database_path()), database_version()
    with _lock:
        current = _open.get(path)
        if current is None or current[0] != version:
            if current is not None:
                current[1].close()
            _open[path] = (version, connect_read_only(path))
            _stale[path] = views_differ(_open[path][1])
            if _stale[path]:
                logging.getLogger("junheng").warning(
                    "%s: views of another version; run %s", path, refresh_command()
                )
        return _open[path][1]


_stale: dict[str, bool] = {}


def views_differ(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        stored = con.cursor().execute("SELECT max(version) FROM views_version").fetchall()
    except duckdb.CatalogException:
        return True
    return stored[0][0] != views_version()


def views_stale() -> bool:
    """True when the database's views and catalogue were built by another version of the
    product (the views version stored by data.build.create_schema differs from this one's);
    checked once per connection. The app stays read-only: the admin runs refresh_command(),
    or presses the import page's refresh button (the same atomic refresh, under the lock)."""
    connection()
    return _stale.get(str(database_path()), False)


def refresh_command() -> str:
    return f"python -m data.ingest --refresh --db {database_path()}"


# Which query produced a cached result (by identity, checked through a weak reference so a
# reused id() is never mistaken for it): a figure cached on its data hashes this key instead
# of the frame's contents.
_origin: dict[int, tuple[weakref.ref, tuple]] = {}


def result_key(frame: pd.DataFrame) -> tuple | None:
    """(path, version, name, params) if `frame` is a cached query result, else None."""
    entry = _origin.get(id(frame))
    return entry[1] if entry is not None and entry[0]() is frame else None


def _forget(ref: weakref.ref, ident: int) -> None:
    if ident in _origin and _origin[ident][0] is ref:
        del _origin[ident]


def _hashable(params: tuple) -> tuple:
    """Query parameters with lists as tuples, so they can key a dict."""
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in params)


# cache_resource: every session shares the one result, with no copy or unpickling per rerun.
@st.cache_resource(ttl=3600, max_entries=2000, show_spinner=False)
def _cached(path: str, version: str, name: str, params: tuple) -> pd.DataFrame:
    # A file of another version may lack the stored results: its views are read instead.
    frame = run(connection(), name, live=views_stale(), **dict(params))
    ident = id(frame)
    _origin[ident] = (
        weakref.ref(frame, lambda ref: _forget(ref, ident)),
        (path, version, name, _hashable(params)),
    )
    return frame


_recent: dict[tuple, pd.DataFrame] = {}  # a plain dict in front: no Streamlit hashing per call


def query(name: str, **params: object) -> pd.DataFrame:
    """Result of queries/<name>.sql for these parameters. Cached and shared by every session:
    read-only (derive new frames from it, never assign into it)."""
    key = (str(database_path()), database_version(), name, tuple(sorted(params.items())))
    memo_key = (*key[:3], _hashable(key[3]))
    try:
        frame = _recent.get(memo_key)
    except TypeError:  # a parameter that cannot be a dict key: Streamlit's cache alone
        return _cached(*key)
    if frame is None:
        frame = _cached(*key)
        if len(_recent) >= 2000:
            _recent.clear()
        _recent[memo_key] = frame
    return frame


def ensure_database() -> None:
    """Build the demo database on first start when no database exists yet."""
    path = database_path()
    if not path.exists():
        from data.demo import build_demo

        build_demo(path)
