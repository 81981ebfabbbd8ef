"""Create a Junheng database: schema, indicator catalogue, settings and the indicator views."""

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from data.ranked import store_ranked

DATA_DIR = Path(__file__).parent
VIEWS_DIR = DATA_DIR.parent / "queries" / "views"


# Views whose results the pages read and that take seconds to compute on the fly at national
# scale (their county filters are not pushed through their windows and shared CTEs). Every
# write of a database file (import, settings, refresh, demo) ends with store_results: each
# view's results in a table stored_<view>, read by queries/*.sql. The view stays the
# definition; until store_results runs, stored_<view> is a plain view of it (create_schema),
# so a number can be slower to come but never out of date.
STORED_VIEWS = (
    "county_indicator_cv",
    "school_compliance",
    "county_verdict",
    "county_inequality",
    "school_flag_facts",
)
# Views read through a table macro over a stored view's results: stored_school_flags explains
# the stored flags (reasons in words, flag_key) when they are read, so the file keeps only their
# codes and numbers (queries/views/95_school_flags.sql). view → (macro, the stored view it reads).
EXPLAINED_VIEWS = {"school_flags": ("explained_flags", "school_flag_facts")}
# Views computed once per chunk into temporary tables of the same name before the stored
# views, which then read them instead of computing them again (in this order).
SHARED_VIEWS = ("section_inputs", "indicator_values", "county_indicator_cv", "school_compliance")
# Sections above which the results are computed province by province: a national file in
# chunks of 200,000 sections peaks at ~1.5 GB; in 600,000, 2.9 GB and no less CPU (numpy's
# passes over larger arrays leave the cache); in one pass, 7.9 GB (bench/RESULTS.md, session 5).
CHUNK_ROWS = 200_000
# Chunks computed at once, each on its own connection (its temporary tables its own): while one
# sorts in numpy on one core, another's SQL runs. National demo: store step 47 → 35 s wall, peak
# 2.5 → 3.1 GB for the whole command (bench/RESULTS.md, session 6).
STORE_WORKERS = 2


def stored(view: str) -> str:
    """The table holding `view`'s results."""
    return f"stored_{view}"


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Tables, catalogue, default settings and views, on an open writable connection."""
    move_old_checklist(con)
    con.execute((DATA_DIR / "schema.sql").read_text(encoding="utf-8"))
    con.execute((DATA_DIR / "catalogue.sql").read_text(encoding="utf-8"))
    create_views(con)
    create_stored_views(con)
    record_views_version(con)


def stored_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The stored_<view> objects of this database that are tables (results stored)."""
    return tables_among(con, [stored(v) for v in STORED_VIEWS])


def tables_among(con: duckdb.DuckDBPyConnection, names: list[str]) -> set[str]:
    """Those of `names` that are tables of this database (not views)."""
    return {
        name
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' "
            "AND NOT temporary AND table_name IN (SELECT unnest($1::VARCHAR[]))",
            [names],
        ).fetchall()
    }


def create_stored_views(con: duckdb.DuckDBPyConnection) -> None:
    """Make every stored_<view> a plain view of its view (results not stored yet): data or
    settings are about to change, or the views have."""
    # (stored_school_flags was a table before its reasons were built when read)
    for name in stored_tables(con) | tables_among(con, [stored(v) for v in EXPLAINED_VIEWS]):
        con.execute(f"DROP TABLE {name}")
    for view in STORED_VIEWS:
        con.execute(f"CREATE OR REPLACE VIEW {stored(view)} AS SELECT * FROM {view}")
    for view, (macro, source) in EXPLAINED_VIEWS.items():
        con.execute(
            f"CREATE OR REPLACE VIEW {stored(view)} AS SELECT * FROM {macro}('{stored(source)}')"
        )


def store_results(con: duckdb.DuckDBPyConnection, chunk_rows: int = CHUNK_ROWS) -> None:
    """Compute every view of STORED_VIEWS into its table stored_<view>, from the data and
    settings of this connection's database. Call it after the last change is committed,
    before the file is checkpointed and swapped in.

    The shared views are computed once into temporary tables of their own names, which the
    stored views then read instead; so are the views that need values in order
    (county_inequality and ranked_flags, from values sorted in numpy: data/ranked.py). With
    more than `chunk_rows` sections this is done in chunks of whole provinces (a county's
    adcode starts with its province's two digits), to bound memory: the sections of a chunk
    are copied into a temporary table `school_sections` that the views read instead of the
    stored one, and each stored view's rows of the chunk are appended. Every view computes
    per county (a school's previous year is looked up by its code), so the rows are those of
    the whole view; if a school code is found in two provinces, everything is computed in
    one pass. STORE_WORKERS chunks are computed at once, each on a connection of its own
    (which sees only committed data). Rows are stored in no particular order (readers sort),
    which saves DuckDB memory and time."""
    con.execute("SET enable_progress_bar = false")
    con.execute("SET preserve_insertion_order = false")
    tables = stored_tables(con)
    for view in STORED_VIEWS:
        con.execute(f"DROP {'TABLE' if stored(view) in tables else 'VIEW'} {stored(view)}")
        con.execute(f"CREATE TABLE {stored(view)} AS SELECT * FROM {view} LIMIT 0")
    chunks = province_chunks(con, chunk_rows)
    with ThreadPoolExecutor(max_workers=min(STORE_WORKERS, len(chunks))) as pool:
        for done in [pool.submit(store_chunk, con, low, high) for low, high in chunks]:
            done.result()


def store_chunk(con: duckdb.DuckDBPyConnection, low: str | None, high: str | None) -> None:
    """Append the stored views' rows of the counties from `low` to `high` (every county when
    None), on a connection of its own: its temporary tables are its own."""
    with con.cursor() as cur:
        cur.execute("SET enable_progress_bar = false")
        if low is not None:
            cur.execute(
                "CREATE TEMP TABLE school_sections AS SELECT * FROM "
                "main.school_sections WHERE county_code BETWEEN $low AND $high",
                {"low": low, "high": high},
            )
        for view in SHARED_VIEWS:
            cur.execute(f"CREATE TEMP TABLE {view} AS SELECT * FROM main.{view}")
        store_ranked(cur)  # temporary county_inequality and ranked_flags (numpy)
        for view in STORED_VIEWS:
            cur.execute(f"INSERT INTO {stored(view)} SELECT * FROM {view}")


def province_chunks(
    con: duckdb.DuckDBPyConnection, chunk_rows: int = CHUNK_ROWS
) -> list[tuple[str | None, str | None]]:
    """(lowest, highest) county code of each chunk: whole provinces in code order, as many as
    fit in `chunk_rows` sections together (a larger province alone); or [(None, None)], every
    county at once, for at most `chunk_rows` sections or when a school code appears in two
    provinces."""
    rows, shared_codes = con.execute(
        "SELECT (SELECT count(*) FROM main.school_sections), count(*) FROM ("
        "SELECT school_code FROM main.school_sections GROUP BY ALL "
        "HAVING count(DISTINCT left(county_code, 2)) > 1)"
    ).fetchone()
    if rows <= chunk_rows or shared_codes:
        return [(None, None)]
    chunks: list[tuple[str, str]] = []
    in_chunk = 0
    for low, high, sections in con.execute(
        "SELECT min(county_code), max(county_code), count(*) FROM main.school_sections "
        "GROUP BY left(county_code, 2) ORDER BY 1"
    ).fetchall():
        if chunks and in_chunk + sections <= chunk_rows:
            chunks[-1] = (chunks[-1][0], high)
            in_chunk += sections
        else:
            chunks.append((low, high))
            in_chunk = sections
    return chunks


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
    digest.update(" ".join(STORED_VIEWS).encode())  # which results are stored
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
