"""Create a Junheng database: schema, indicator catalogue, settings and the indicator views."""

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
