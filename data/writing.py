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
- `plan_school_rows(con, rows, present)` → `Plan` — the school rows merged per column with
  the stored sections (columns not in `present` keep their stored values), each row's status
  and changed fields; `count_school_rows`, `preview_school_rows` and `write_school_rows` are
  built on it. A kind's counter / writer / preview takes (connection, typed rows of one file,
  the column keys that file reported).
- `add_counties(con, codes)` — new counties with their official names and outlines.
- `close_written(con)` — the last step of every write: the views' stored results
  (data.build.store_results) from the data and settings now in the file, checkpoint, close.
- `verify(path)`, `swap_in(staging, db)` — check the new file, keep a backup, rename over.
- `refresh_schema(db, wait=-1)` — tables, catalogue and views of this version, the same way.
- `import_lock(db, timeout)` — the filelock every import and refresh holds.
- `mappings_path(db)`, `remembered_mappings(db)`, `remember_mappings(db, counties, mapping)`
  — confirmed column mappings per county, in a JSON file beside the database.
"""

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
from filelock import FileLock

from data import boundaries
from data.build import (
    STORED_VIEWS,
    create_schema,
    new_database,
    store_results,
    stored,
    stored_tables,
)
from data.checking import Checked
from data.template import STORED_KEYS

KEEP_BACKUPS = 5


@dataclass
class Counts:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0


def count_keyed_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    incoming: pd.DataFrame,
    keys: list[str],
    values: list[str],
) -> Counts:
    """How many `incoming` rows `table` lacks (by `keys`), would replace (a value of
    `values` differs) or already holds unchanged."""
    same = " AND ".join(f"s.{v} IS NOT DISTINCT FROM i.{v}" for v in values)
    con.register("incoming_keyed", incoming)
    try:
        replaced, unchanged = con.execute(
            f"SELECT count(*) FILTER (WHERE NOT ({same})), count(*) FILTER (WHERE {same}) "
            f"FROM {table} s JOIN incoming_keyed i USING ({', '.join(keys)})"
        ).fetchall()[0]
    finally:
        con.unregister("incoming_keyed")
    return Counts(len(incoming) - replaced - unchanged, replaced, unchanged)


def replace_keyed_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    incoming: pd.DataFrame,
    keys: list[str],
    columns: list[str],
) -> None:
    """Write `incoming` into `table`: stored rows with the same `keys` are replaced."""
    match = " AND ".join(f"s.{k} = i.{k}" for k in keys)
    listed = ", ".join(columns)
    con.register("incoming_keyed", incoming)
    try:
        con.execute(f"DELETE FROM {table} s USING incoming_keyed i WHERE {match}")
        con.execute(f"INSERT INTO {table} ({listed}) SELECT {listed} FROM incoming_keyed")
    finally:
        con.unregister("incoming_keyed")


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
    else:
        con = new_database(staging)
    con.execute("SET enable_progress_bar = false")  # messages only, on the CLI too
    return con


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
KEY_POSITIONS = [STORED_KEYS.index(k) for k in ("school_code", "year", "stage")]
FLAG = STORED_KEYS.index("resources_whole_school")


@dataclass
class Plan:
    """What the rows of one file do to the stored sections: the rows as they will be stored
    (columns the file did not report keep their stored values), each row's status and, for
    replaced rows, the fields that change (column, old, new)."""

    rows: pd.DataFrame
    status: list[str]
    changes: list[list[tuple[str, object, object]]]

    def counts(self) -> Counts:
        return Counts(
            self.status.count("added"),
            self.status.count("replaced"),
            self.status.count("unchanged"),
        )


def plan_school_rows(
    con: duckdb.DuckDBPyConnection | None, rows: pd.DataFrame, present: frozenset[str]
) -> Plan:
    """Merge per column: a stored section is replaced only in the columns the file reports."""
    incoming = rows[STORED_KEYS].astype(object)
    incoming = incoming.where(incoming.notna(), None)
    stored = {}
    if con is not None and len(rows):
        codes = sorted({c for c in incoming["school_code"] if c is not None})
        found = (
            con.cursor()
            .execute(
                f"SELECT {', '.join(STORED_KEYS)} FROM school_sections "
                "WHERE school_code IN (SELECT unnest($1::VARCHAR[]))",
                [codes],
            )
            .fetchall()
        )
        stored = {tuple(r[i] for i in KEY_POSITIONS): r for r in found}
    keep = [i for i, c in enumerate(STORED_KEYS) if c not in present]
    merged, status, changes = [], [], []
    for new in incoming.itertuples(index=False, name=None):
        old = stored.get(tuple(new[i] for i in KEY_POSITIONS))
        if old is None:
            merged.append(new)
            status.append("added")
            changes.append([])
            continue
        new = list(new)
        for i in keep:
            new[i] = old[i]
        if new[FLAG] is None and not old[FLAG]:
            new[FLAG] = False  # an empty 资源按全校填报 cell keeps 否; it clears a stored 是
        row, diff = [], []  # a value equal to the stored one keeps the stored one
        for column, was, now in zip(STORED_KEYS, old, new, strict=True):
            if same(was, now):
                row.append(was)
            else:
                row.append(now)
                diff.append((column, was, now))
        merged.append(tuple(row))
        status.append("replaced" if diff else "unchanged")
        changes.append(diff)
    frame = pd.DataFrame(merged, columns=STORED_KEYS, index=rows.index, dtype=object)
    frame["resources_whole_school"] = frame["resources_whole_school"].map(bool)  # NOT NULL
    return Plan(frame, status, changes)


def same(old: object, new: object) -> bool:
    """Whether a file's value is the stored one. Numbers compare at 15 significant digits,
    what a spreadsheet keeps: a stored 23666.800000000003 (a sum of doubles) comes back from
    the exported workbook as 23666.8 and stays as stored."""
    if old is None or new is None:
        return old is None and new is None
    if old == new:
        return True
    if isinstance(old, float) or isinstance(new, float):
        return f"{float(old):.15g}" == f"{float(new):.15g}"
    return False


def count_school_rows(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, present: frozenset[str]
) -> Counts:
    """How many school sections the rows add, replace and leave unchanged."""
    return plan_school_rows(con, rows, present).counts()


def preview_school_rows(
    con: duckdb.DuckDBPyConnection | None, rows: pd.DataFrame, present: frozenset[str]
) -> pd.DataFrame:
    """One line per section: status, code, name, year, stage and "field: old → new"."""
    plan = plan_school_rows(con, rows, present)
    return pd.DataFrame(
        {
            "status": plan.status,
            "school_code": plan.rows["school_code"].to_list(),
            "school_name": plan.rows["school_name"].to_list(),
            "year": plan.rows["year"].to_list(),
            "stage": plan.rows["stage"].to_list(),
            "changes": [
                [(column, shown(old), shown(new)) for column, old, new in diff]
                for diff in plan.changes
            ],
            "src_file": rows["src_file"].to_list(),
            "src_sheet": rows["src_sheet"].to_list(),
            "src_row": rows["src_row"].to_list(),
        }
    )


def shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"  # as the template writes a flag
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_school_rows(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, present: frozenset[str]
) -> None:
    """Replace the stored sections of the rows' (school, year, stage), merged per column, and
    add the others; counties seen for the first time are added with their official names
    and outlines."""
    plan = plan_school_rows(con, rows, present)
    con.register("incoming", plan.rows)
    columns = ", ".join(STORED_KEYS)
    con.execute(f"DELETE FROM school_sections s USING incoming i WHERE {SECTION_KEY}")
    con.execute(f"INSERT INTO school_sections ({columns}) SELECT {columns} FROM incoming")
    con.unregister("incoming")
    add_counties(con, sorted(set(rows["county_code"])))


def add_counties(con: duckdb.DuckDBPyConnection, codes: list[str]) -> None:
    """Counties seen for the first time, with their official names (the catalogue of codes
    in data/boundaries, never a file's spelling), city, province and outlines."""
    known = {c for (c,) in con.execute("SELECT county_code FROM counties").fetchall()}
    new = [c for c in codes if c not in known]
    if not new:
        return
    places = pd.DataFrame([boundaries.county_place(code) for code in new])
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


# --------------------------------------------------------------------------- beside the file


def import_lock(db: Path, timeout: float = 0) -> FileLock:
    """The lock every import and refresh of `db` holds from reading the stored data to the
    swap (a file beside it: .NAME.lock)."""
    return FileLock(str(db.with_name(f".{db.name}.lock")), timeout=timeout)


def mappings_path(db: Path) -> Path:
    """Confirmed column mappings, per county, in a JSON file beside the database (it is not
    part of the database file, so the atomic swap never touches it)."""
    return db.with_name(f"{db.stem}.column-mappings.json")


def remembered_mappings(db: Path) -> dict[str, dict[str, str | None]]:
    """county code → {file header: column key, or None for a column left out}."""
    try:
        found = json.loads(mappings_path(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def remember_mappings(db: Path, counties: list[str], mapping: dict[str, str | None]) -> None:
    """Keep a confirmed mapping for the next file of these counties (call under the lock)."""
    if not mapping or not counties:
        return
    found = remembered_mappings(db)
    for county in counties:
        found[county] = found.get(county, {}) | mapping
    path = mappings_path(db)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    staging.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(staging, path)


def close_written(con: duckdb.DuckDBPyConnection) -> None:
    """End a write: store the views' results from the data and settings now in the file (so
    the tables the pages read always match them), checkpoint and close."""
    store_results(con)
    con.execute("CHECKPOINT")
    con.close()


class NotStored(RuntimeError):
    """A new database file without its views' stored results (a write that skipped
    close_written): it is never swapped in."""


def verify(path: Path) -> None:
    """The new file opens, its views answer and their results are stored before it replaces
    the live one."""
    with duckdb.connect(str(path), read_only=True) as con:
        con.execute("SELECT * FROM county_verdict LIMIT 0").fetchall()
        missing = {stored(v) for v in STORED_VIEWS} - stored_tables(con)
        if missing:
            raise NotStored(f"{path}: results not stored: {', '.join(sorted(missing))}")


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


def refresh_schema(db: Path, wait: float = -1) -> str | None:
    """Bring a database built by an earlier version up to this version's tables, catalogue and
    views, the same way an import does: on a copy, checked, swapped in atomically, with a
    backup, under the import lock (`wait` seconds for it, -1: as long as it takes; raises
    filelock.Timeout). Returns the backup's path."""
    db = Path(db)
    with import_lock(db, timeout=wait), staging_file(db, "refreshing") as staging:
        close_written(copy_or_create(db, staging))
        verify(staging)
        return swap_in(staging, db)
