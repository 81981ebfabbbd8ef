"""Create a Junheng database: schema, indicator catalogue, settings and the indicator views."""

from pathlib import Path

import duckdb

DATA_DIR = Path(__file__).parent
VIEWS_DIR = DATA_DIR.parent / "queries" / "views"


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables, catalogue, default settings and views, on an open writable connection."""
    con.execute((DATA_DIR / "schema.sql").read_text(encoding="utf-8"))
    con.execute((DATA_DIR / "catalogue.sql").read_text(encoding="utf-8"))
    create_views(con)


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
