"""Create a Junheng database: schema, indicator catalogue, settings and the indicator views."""

import hashlib
from pathlib import Path

import duckdb

DATA_DIR = Path(__file__).parent
VIEWS_DIR = DATA_DIR.parent / "queries" / "views"


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables, catalogue, default settings and views, on an open writable connection."""
    move_old_checklist(con)
    con.execute((DATA_DIR / "schema.sql").read_text(encoding="utf-8"))
    con.execute((DATA_DIR / "catalogue.sql").read_text(encoding="utf-8"))
    create_views(con)
    record_views_version(con)


def views_version() -> str:
    """A digest of the SQL that builds this version's tables, catalogue and views: the app
    compares it with the one stored in the database (queries/db.py views_stale)."""
    digest = hashlib.sha256()
    for path in [
        DATA_DIR / "schema.sql",
        DATA_DIR / "catalogue.sql",
        *sorted(VIEWS_DIR.glob("*.sql")),
    ]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def record_views_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS views_version (version VARCHAR NOT NULL)")
    con.execute("DELETE FROM views_version")
    con.execute("INSERT INTO views_version VALUES (?)", [views_version()])


def move_old_checklist(con: duckdb.DuckDBPyConnection) -> None:
    """A database built before the checklist catalogue kept each item's names and target on
    every county_checklist row: keep its values and verdicts in the current table."""
    old_columns = {
        name
        for (name,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'county_checklist' "
            "AND schema_name = current_schema()"
        ).fetchall()
    }
    if "name_zh" not in old_columns:
        return
    con.execute("ALTER TABLE county_checklist RENAME TO county_checklist_before")
    con.execute((DATA_DIR / "schema.sql").read_text(encoding="utf-8"))
    con.execute(
        "INSERT INTO county_checklist (county_code, year, item_group, item_no, value, met) "
        "SELECT county_code, year, item_group, item_no, value, met FROM county_checklist_before "
        "WHERE value IS NOT NULL"
    )
    con.execute("DROP TABLE county_checklist_before")


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the indicator views, in file-name order."""
    for path in sorted(VIEWS_DIR.glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))


def new_database(path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh database at `path` (any existing file is replaced) with the schema created."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    create_schema(con)
    return con
