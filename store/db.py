"""The writable store for user edits (follow-up of flags, evidence, accounts, failed logins),
separate from the DuckDB file that imports swap: SQLite in WAL mode on one machine, PostgreSQL
when replicas run on several machines, through the same SQLAlchemy Core code.

One setting: JUNHENG_STORE_URL (e.g. postgresql+psycopg://user:pass@host/junheng). Without
it the store is the SQLite file junheng-store.sqlite beside the database file (JUNHENG_DB), so
it is kept across imports. The follow-up history and the evidence are append-only: the code
only inserts, and database triggers refuse an UPDATE or DELETE.
"""

import datetime as dt
import os
from functools import cache
from pathlib import Path

import sqlalchemy as sa

STORE_FILE = "junheng-store.sqlite"

metadata = sa.MetaData()

flag_events = sa.Table(
    "flag_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("flag_key", sa.String(200), nullable=False, index=True),
    sa.Column("county_code", sa.String(12), nullable=False, index=True),
    sa.Column("school_code", sa.String(20), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("deadline", sa.Date),
    sa.Column("reason", sa.Text, nullable=False, default=""),  # the flag's reason at the time
    sa.Column("user_name", sa.String(80), nullable=False),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
)

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("flag_events.id"), nullable=False),
    sa.Column("flag_key", sa.String(200), nullable=False, index=True),
    sa.Column("file_name", sa.String(120), nullable=False),  # shown only, never a path
    sa.Column("content_type", sa.String(100), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("user_name", sa.String(80), nullable=False),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("role", sa.String(10), nullable=False),  # admin | inspector | viewer
    sa.Column("inspector", sa.String(80)),  # the 责任督学 name in school_inspectors
    sa.Column("schools", sa.Text, nullable=False, default=""),  # extra school codes, comma list
    sa.Column("created_at", sa.DateTime, nullable=False),
)

login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_name", sa.String(80), nullable=False),
    sa.Column("failed_at", sa.DateTime, nullable=False),
    sa.Index("login_failures_by_name", "user_name", "failed_at"),
)

APPEND_ONLY = ("flag_events", "evidence")

SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action} BEFORE {action.upper()} ON {table} "
    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
    for table in APPEND_ONLY
    for action in ("update", "delete")
]
POSTGRES_TRIGGERS = [
    "CREATE OR REPLACE FUNCTION junheng_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION '%% is append-only', TG_TABLE_NAME; END $$",
    *(
        f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION junheng_append_only()"
        for table in APPEND_ONLY
    ),
]


def default_url() -> str:
    """JUNHENG_STORE_URL, else the SQLite file beside the database file."""
    url = os.environ.get("JUNHENG_STORE_URL", "").strip()
    if url:
        return url
    from queries.db import database_path

    return f"sqlite:///{Path(database_path()).resolve().parent / STORE_FILE}"


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA synchronous=FULL")  # a committed event survives a crash
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def create_engine(url: str) -> sa.Engine:
    """An engine for `url` with the store's tables and append-only triggers created."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    metadata.create_all(engine)
    triggers = POSTGRES_TRIGGERS if engine.dialect.name == "postgresql" else SQLITE_TRIGGERS
    with engine.begin() as con:
        for statement in triggers:
            con.exec_driver_sql(statement)
    return engine


@cache
def engine_for(url: str) -> sa.Engine:
    """One engine (and pool) per URL for the whole process."""
    return create_engine(url)


def store() -> sa.Engine:
    """The app's store (JUNHENG_STORE_URL or the SQLite file beside the database)."""
    return engine_for(default_url())


def now() -> dt.datetime:
    """UTC, to the second, without time zone (the same on SQLite and PostgreSQL)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
