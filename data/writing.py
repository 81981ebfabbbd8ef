"""Writing: checked rows → a new database file swapped in atomically.

API (stable):

- `Counts` — added / replaced / unchanged rows of one sheet kind.
- `Report` — the totals of an import, the backup's path and whether anything was written.
- `staging_file(db, purpose)` — context manager: a path beside the live file, removed on exit.
- `copy_or_create(db, staging)` — a writable copy of the live database (schema of this
  version) or a new database.
- `write_checked(con, checked, user)` — every kind's rows, file by file, through its counter
  and writer, then the import log, in one transaction; returns the Report (nothing is written
  when nothing changes).
- `write_school_rows(con, rows, present)` — the writer of the school template; a kind's writer
  takes (connection, typed rows, the column keys the file reported) and returns Counts.
- `verify(path)`, `swap_in(staging, db)` — check the new file, keep a backup, rename over.
- `refresh_schema(db)` — tables, catalogue and views of this version, the same way.
"""

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from data import boundaries
from data.build import create_schema, new_database
from data.checking import Checked
from data.template import KEPT_WHEN_ABSENT, STORED_KEYS

KEEP_BACKUPS = 5


@dataclass
class Counts:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0


@dataclass
class Report:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    backup: str | None = None
    written: bool = False


@contextmanager
def staging_file(db: Path, purpose: str) -> Iterator[Path]:
    """A path beside the live database for the new file; whatever is left of it (after a
    failure, or the swap) is removed on the way out."""
    staging = db.with_name(f".{db.name}.{purpose}-{os.getpid()}")
    remove_quietly(staging)
    try:
        yield staging
    finally:
        remove_quietly(staging)
        remove_quietly(staging.with_name(staging.name + ".wal"))


def copy_or_create(db: Path, staging: Path) -> duckdb.DuckDBPyConnection:
    if db.exists():
        shutil.copyfile(db, staging)
        con = duckdb.connect(str(staging))
        create_schema(con)  # tables, catalogue and views of this version of the product
        return con
    return new_database(staging)


def write_checked(con: duckdb.DuckDBPyConnection, checked: Checked, user: str) -> Report:
    """Write every kind's rows (see the module's docstring)."""
    from data.sheets import KINDS

    report = Report()
    writes = []
    for name, rows in checked.tables.items():
        kind = KINDS[name]
        for file, part in rows.groupby("src_file", sort=False):
            present = checked.present.get((name, str(file)), frozenset())
            writes.append((kind, part, present))
            counts = kind.count(con, part, present)
            report.added += counts.added
            report.replaced += counts.replaced
            report.unchanged += counts.unchanged
    if report.added == 0 and report.replaced == 0:
        return report  # the same data again: nothing to write
    con.execute("BEGIN")
    for kind, part, present in writes:
        kind.write(con, part, present)
    now = dt.datetime.now().replace(microsecond=0)
    for name, digest in checked.files:
        con.execute(
            "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?)",
            [now, user, name, digest, report.added, report.replaced, report.unchanged],
        )
    con.execute("COMMIT")
    report.written = True
    return report


SECTION_KEY = "s.school_code = i.school_code AND s.year = i.year AND s.stage = i.stage"


def count_school_rows(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, present: frozenset[str]
) -> Counts:
    """How many school sections the rows add, replace and leave unchanged."""
    rows = with_stored_values(con, rows, present)
    con.register("incoming", rows[STORED_KEYS])
    same = " AND ".join(f"s.{c} IS NOT DISTINCT FROM i.{c}" for c in STORED_KEYS)
    replaced, unchanged = con.execute(
        f"SELECT count(*) FILTER (WHERE NOT ({same})), count(*) FILTER (WHERE {same}) "
        f"FROM school_sections s JOIN incoming i ON {SECTION_KEY}"
    ).fetchall()[0]
    con.unregister("incoming")
    return Counts(len(rows) - replaced - unchanged, replaced, unchanged)


def write_school_rows(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, present: frozenset[str]
) -> None:
    """Replace the stored sections of the rows' (school, year, stage) and add the others;
    counties seen for the first time are added with their outlines."""
    rows = with_stored_values(con, rows, present)
    con.register("incoming", rows[STORED_KEYS])
    columns = ", ".join(STORED_KEYS)
    con.execute(f"DELETE FROM school_sections s USING incoming i WHERE {SECTION_KEY}")
    con.execute(f"INSERT INTO school_sections ({columns}) SELECT {columns} FROM incoming")
    con.unregister("incoming")
    add_counties(
        con,
        sorted(set(rows["county_code"])),
        dict(zip(rows["county_code"], rows["county_name"], strict=True)),
    )


def with_stored_values(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, present: frozenset[str]
) -> pd.DataFrame:
    """The rows with the stored values of the optional columns the file did not report
    (template.KEPT_WHEN_ABSENT): "not reported here" never replaces a stored value."""
    absent = [key for key in KEPT_WHEN_ABSENT if key not in present]
    if not absent or not present:
        return rows
    con.register("incoming_keys", rows[["school_code", "year", "stage"]])
    stored = con.execute(
        f"SELECT i.school_code, i.year, i.stage, {', '.join(f's.{k}' for k in absent)} "
        "FROM incoming_keys i JOIN school_sections s "
        "ON s.school_code = i.school_code AND s.year = i.year AND s.stage = i.stage"
    ).df()
    con.unregister("incoming_keys")
    merged = rows.drop(columns=absent).merge(
        stored, on=["school_code", "year", "stage"], how="left", sort=False
    )
    merged.index = rows.index
    if "resources_whole_school" in absent:
        merged["resources_whole_school"] = (
            merged["resources_whole_school"].astype("boolean").fillna(False).astype(bool)
        )
    return merged.astype(object).where(merged.notna(), None)


def add_counties(con: duckdb.DuckDBPyConnection, codes: list[str], names: dict[str, str]) -> None:
    """Counties seen for the first time, with their city, province and outlines."""
    known = {c for (c,) in con.execute("SELECT county_code FROM counties").fetchall()}
    new = [c for c in codes if c not in known]
    if not new:
        return
    places = pd.DataFrame([boundaries.county_place(code) for code in new])
    places["county_name"] = [
        names.get(code) or name for code, name in zip(new, places["county_name"], strict=True)
    ]
    places["is_demo"] = False
    con.register("new_counties", places)
    con.execute(
        "INSERT INTO counties SELECT county_code, county_name, city_code, city_name, "
        "province_code, province_name, is_demo FROM new_counties"
    )
    stored = {c for (c,) in con.execute("SELECT code FROM boundaries").fetchall()}
    outlines = pd.DataFrame(
        [r for r in boundaries.boundary_rows(new) if r[0] not in stored],
        columns=["code", "level", "name", "parent_code", "geojson"],
    )
    if len(outlines):
        con.register("new_outlines", outlines)
        con.execute("INSERT INTO boundaries SELECT * FROM new_outlines")


def verify(path: Path) -> None:
    """The new file opens and its views answer before it replaces the live one."""
    with duckdb.connect(str(path), read_only=True) as con:
        con.execute("SELECT count(*) FROM county_verdict").fetchone()


def swap_in(staging: Path, db: Path) -> str | None:
    """Keep the live file as a dated backup (a hard link, so the live path never goes
    missing), then atomically rename the new file over it."""
    backup = None
    if db.exists():
        folder = db.parent / "backups"
        folder.mkdir(exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        backup = folder / f"{db.stem}-{stamp}{db.suffix}"
        os.link(db, backup)
        prune_backups(folder, db)
    with open(staging, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, db)
    return str(backup) if backup else None


def prune_backups(folder: Path, db: Path) -> None:
    for old in sorted(folder.glob(f"{db.stem}-*{db.suffix}"))[:-KEEP_BACKUPS]:
        old.unlink()


def remove_quietly(path: Path) -> None:
    path.unlink(missing_ok=True)


def refresh_schema(db: Path) -> str | None:
    """Bring a database built by an earlier version up to this version's tables, catalogue and
    views, the same way an import does: on a copy, checked, swapped in atomically, with a
    backup. Returns the backup's path."""
    db = Path(db)
    with staging_file(db, "refreshing") as staging:
        con = copy_or_create(db, staging)
        con.execute("CHECKPOINT")
        con.close()
        verify(staging)
        return swap_in(staging, db)
