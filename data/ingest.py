"""Import school returns (.xlsx / .ods / .csv, the template of shared/domain.md §7).

    python -m data.ingest FILE... --db PATH [--accept-warnings] [--dry-run] [--mapping JSON]
                          [--transfer-schools] [--wait SECONDS] [--user NAME] [--lang zh|en]
    python -m data.ingest --refresh --db PATH   (views and catalogue of this version only)

All or nothing, one import at a time: under a lock beside the database (filelock), the live
file is copied, every file is read and checked against it, and only when nothing blocks (errors
block; warnings block unless accepted) the rows are written to the copy, which is checked and
swapped in with one atomic rename; the previous file is kept as a dated backup. A second
import waits for the lock (`wait` seconds) or stops with "另一个导入正在进行".

A (school, year, stage) already stored is replaced only in the columns the file has: a column
missing from a file means "not reported here" and the stored values are kept (a value is
cleared on purpose by keeping the column and leaving the cell empty; the preview lists every
value that would be cleared, as a warning). A school stored under another county is never moved
by an ordinary file: `--transfer-schools` does it on purpose. Re-importing the same data
changes nothing (the file is not even rewritten).

The work is split: data/reading.py (files → text tables, bounded), data/checking.py (normalise,
parse, check → Problems), data/writing.py (staging copy, merge, write, swap, backups, log,
lock, remembered column mappings), data/sheets.py (the sheet kinds). This module runs them:

- `check_files(files, lang, stored=, mapping=, transfer=, progress=)` → Checked
- `import_files(files, db, accept_warnings=, user=, lang=, progress=, mapping=, transfer=,
  wait=)` → (Checked, Report)
- `propose_mapping(headers, remembered)` → {file header: column key or None}
"""

import argparse
import difflib
import getpass
import hashlib
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
from filelock import Timeout

from data.checking import (
    CheckContext,
    Checked,
    Problem,
    check_table,
    header_key,
    message,
)
from data.reading import read_file
from data.sheets import KINDS, kind_for
from data.writing import (
    Report,
    close_written,
    copy_or_create,
    import_lock,
    refresh_schema,
    remember_mappings,
    staging_file,
    swap_in,
    verify,
    write_checked,
)

__all__ = [
    "Checked",
    "Problem",
    "Report",
    "check_files",
    "import_files",
    "propose_mapping",
    "refresh_schema",
]

log = logging.getLogger("junheng.import")
Progress = Callable[[float, str], None]
Mapping = dict[str, str | None]


def check_files(
    files: list[tuple[str, bytes]],
    lang: str = "zh",
    *,
    stored: duckdb.DuckDBPyConnection | None = None,
    mapping: Mapping | None = None,
    transfer: bool = False,
    progress: Progress | None = None,
) -> Checked:
    """Read and check every file against the stored database `stored` (None: a new one);
    returns the typed rows per kind, every problem, the absent columns and the preview."""
    step = progress or (lambda fraction, text: None)
    checked = Checked()
    frames: dict[str, list[pd.DataFrame]] = {}
    sheets = [kind.sheet for kind in KINDS.values()]
    headers = [h for kind in KINDS.values() for h in kind.by_header] + list(mapping or {})
    for n, (name, data) in enumerate(files):
        step(0.8 * n / len(files), message("step_read", lang, file=name))
        checked.files.append((name, hashlib.sha256(data).hexdigest()))
        try:
            for kind, frame in check_file(data, name, lang, sheets, headers, mapping, checked):
                frames.setdefault(kind, []).append(frame)
        except Exception:  # a file must never end in a traceback: the log keeps the details
            log.exception("import: reading %s failed", name)
            checked.problems.append(internal(name, lang))
    step(0.8, message("step_check", lang))
    checked.tables = {k: pd.concat(v, ignore_index=True) for k, v in frames.items()}
    context = CheckContext(lang, checked.tables, stored, transfer, checked.present)
    for name, rows in checked.tables.items():
        try:
            checked.problems += KINDS[name].check_rows(rows, context)
            if KINDS[name].preview is not None:
                checked.preview[name] = preview(KINDS[name], stored, rows, checked, lang)
        except Exception:
            log.exception("import: checking %s rows failed", name)
            checked.problems.append(internal("", lang))
    step(1.0, message("step_done", lang))
    return checked


def check_file(data, name, lang, sheets, headers, mapping, checked):
    """(kind name, typed frame) of every table of one file; problems go into `checked`."""
    tables, problems = read_file(data, name, lang, sheets, headers)
    checked.problems += problems
    for raw in tables:
        if raw.frame.empty:
            checked.problems.append(
                Problem(name, raw.sheet, None, "", "", message("empty", lang), "error")
            )
            continue
        kind = kind_for(raw.sheet, [str(mapped(h, mapping)) for h in raw.frame.columns])
        frame, found = check_table(raw, kind, lang, mapping)
        checked.problems += found
        present = {
            column.key
            for h in raw.frame.columns
            if (column := kind.column_for(str(mapped(h, mapping)))) is not None
        }
        checked.present[(kind.name, name)] = frozenset(present)
        checked.unknown[(kind.name, name)] = [
            str(h)
            for h in raw.frame.columns
            if kind.column_for(str(mapped(h, mapping))) is None
            and not str(h).startswith("#")
            and not left_out(h, mapping)
        ]
        checked.absent[(kind.name, name)] = [
            c.header for c in kind.columns if c.key not in present and not c.required
        ]
        yield kind.name, frame


def mapped(header: object, mapping: Mapping | None) -> object:
    found = {header_key(k): v for k, v in (mapping or {}).items()}.get(header_key(header))
    return found if found else header


def left_out(header: object, mapping: Mapping | None) -> bool:
    """A header the mapping leaves out on purpose (mapped to None or "")."""
    keys = {header_key(k): v for k, v in (mapping or {}).items()}
    return header_key(header) in keys and not keys[header_key(header)]


def preview(kind, stored, rows: pd.DataFrame, checked: Checked, lang: str) -> pd.DataFrame:
    """The kind's changes file by file, and a warning for every stored value it would clear
    (not for a cell that is an error: its value is not empty, it is wrong)."""
    wrong = {(p.file, p.row, p.column) for p in checked.problems if p.severity == "error"}
    parts = []
    for file, part in rows.groupby("src_file", sort=False):
        present = checked.present.get((kind.name, str(file)), frozenset())
        lines = kind.preview(stored, part, present)
        parts.append(lines)
        for line in lines.itertuples():
            for column, old, new in line.changes:
                cell = (line.src_file, line.src_row, kind.header_of(column))
                if new == "" and old != "" and cell not in wrong:
                    checked.problems.append(
                        Problem(
                            line.src_file,
                            line.src_sheet,
                            line.src_row,
                            kind.header_of(column),
                            "",
                            message("cleared", lang, old=old),
                            "warning",
                        )
                    )
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def internal(name: str, lang: str) -> Problem:
    return Problem(name, "", None, "", "", message("internal", lang), "error")


def blocked(checked: Checked, accept_warnings: bool) -> bool:
    return bool(checked.errors) or (bool(checked.warnings) and not accept_warnings)


def import_files(
    files: list[tuple[str, bytes]],
    db: Path,
    *,
    accept_warnings: bool = False,
    user: str = "",
    lang: str = "zh",
    progress: Progress | None = None,
    mapping: Mapping | None = None,
    transfer: bool = False,
    wait: float = 0,
    dry_run: bool = False,
) -> tuple[Checked, Report]:
    """Under the import lock: copy, check against the copy, write, verify, swap (see the
    module's docstring). `wait`: seconds to wait for another import (0: stop at once).
    `dry_run`: check and preview only, nothing written."""
    step = progress or (lambda fraction, text: None)
    db = Path(db)
    lock = import_lock(db)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if wait <= 0:
            return busy(files, lang), Report()
        step(0.0, message("waiting", lang))
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            return busy(files, lang), Report()
    try:
        return locked_import(
            db, files, accept_warnings, user, lang, step, mapping, transfer, dry_run
        )
    finally:
        lock.release()


def busy(files: list[tuple[str, bytes]], lang: str) -> Checked:
    name = ", ".join(n for n, _ in files)
    return Checked(problems=[Problem(name, "", None, "", "", message("busy", lang), "error")])


def locked_import(db, files, accept_warnings, user, lang, step, mapping, transfer, dry_run):
    checked = Checked()
    try:
        with staging_file(db, "importing") as staging:
            step(0.02, message("step_copy", lang))
            con = copy_or_create(db, staging)
            checked = check_files(
                files,
                lang,
                stored=con,
                mapping=mapping,
                transfer=transfer,
                progress=lambda f, text: step(0.05 + 0.45 * f, text),
            )
            if dry_run or blocked(checked, accept_warnings) or checked.empty:
                con.close()
                return checked, Report()
            step(0.55, message("step_write", lang))
            report = write_checked(con, checked, user)
            if not report.written:
                con.close()
                return checked, report
            step(0.65, message("step_results", lang))
            close_written(con)
            step(0.85, message("step_verify", lang))
            verify(staging)
            step(0.9, message("step_swap", lang))
            report.backup = swap_in(staging, db)
            remember_mappings(db, sorted(set(checked.rows["county_code"].dropna())), mapping)
            step(1.0, message("step_done", lang))
            return checked, report
    except Exception:  # the live file is untouched: the staging copy is removed on the way out
        log.exception("import into %s failed", db)
        checked.problems.append(internal(", ".join(n for n, _ in files), lang))
        return checked, Report()


def propose_mapping(
    headers: list[str], remembered: Mapping | None = None, kind: str = "schools"
) -> Mapping:
    """For each header the template does not know: the column a user most likely meant — the
    remembered choice for this county, else the most similar unused header (difflib), else
    None (leave the column out)."""
    columns = KINDS[kind].columns
    known = {header_key(h): v for h, v in (remembered or {}).items()}
    used = {c.key for h in headers if (c := KINDS[kind].column_for(str(h))) is not None}
    proposal: Mapping = {}
    for header in headers:
        if KINDS[kind].column_for(str(header)) is not None:
            continue
        if header_key(header) in known:
            target = known[header_key(header)]
            column = KINDS[kind].column_for(target) if target else None
            proposal[header] = column.key if column else None
            continue
        free = {header_key(c.header): c.key for c in columns if c.key not in used}
        match = difflib.get_close_matches(header_key(header), list(free), n=1, cutoff=0.5)
        proposal[header] = free[match[0]] if match else None
        if match:
            used.add(free[match[0]])
    return proposal


def read_mapping(path: Path, lang: str) -> Mapping:
    """A mapping file: JSON {"file header": "template header or key" | null}."""
    try:
        found = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        found = None
    if not isinstance(found, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in found.items()
    ):
        sys.exit(f"{path}: {message('mapping_file', lang)}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="only bring the database's views and catalogue up to date",
    )
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--accept-warnings", action="store_true")
    parser.add_argument("--dry-run", action="store_true", help="check and preview only")
    parser.add_argument("--mapping", type=Path, help='JSON {"file header": "template header"}')
    parser.add_argument(
        "--transfer-schools",
        action="store_true",
        help="move schools stored under another county to the file's county (boundary change)",
    )
    parser.add_argument("--wait", type=float, default=600, help="seconds to wait for the lock")
    parser.add_argument("--user", default=getpass.getuser())
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    args = parser.parse_args()
    handler = logging.StreamHandler()
    handler.setFormatter(WithoutTraceback("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    if args.refresh:
        print(f"backup {refresh_schema(args.db)}")
        return
    if not args.files:
        parser.error("give the files to import, or --refresh")
    if args.db.is_dir() or (args.db.exists() and not is_database(args.db)):
        print(f"{args.db}: {message('not_database', args.lang)}", file=sys.stderr)
        sys.exit(2)
    files = []
    for path in args.files:
        if not path.is_file():
            print(f"{path}: {message('no_file', args.lang)}", file=sys.stderr)
            sys.exit(2)
        files.append((path.name, path.read_bytes()))
    mapping = read_mapping(args.mapping, args.lang) if args.mapping else None
    checked, report = import_files(
        files,
        args.db,
        accept_warnings=args.accept_warnings,
        user=args.user,
        lang=args.lang,
        mapping=mapping,
        transfer=args.transfer_schools,
        wait=args.wait,
        dry_run=args.dry_run,
        progress=lambda fraction, text: (
            print(f"… {text}", file=sys.stderr) if text == message("waiting", args.lang) else None
        ),
    )
    print_summary(checked, args.lang)
    if args.dry_run:
        print_preview_counts(checked)
    if blocked(checked, args.accept_warnings) or args.dry_run:
        sys.exit(1 if blocked(checked, args.accept_warnings) else 0)
    print(
        f"added {report.added}, replaced {report.replaced}, unchanged {report.unchanged}"
        + (f"; backup {report.backup}" if report.backup else "")
    )


class WithoutTraceback(logging.Formatter):
    """The command line logs what failed in one line: a bad file ends in a message, never a
    traceback (README); the app's server log keeps them."""

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        return ""


def is_database(path: Path) -> bool:
    """Whether `path` starts like a DuckDB database file (its magic bytes "DUCK" at 8)."""
    with path.open("rb") as file:
        return file.read(12)[8:12] == b"DUCK"


def print_preview_counts(checked: Checked) -> None:
    """--dry-run: the sections the import would add (each listed), replace and leave."""
    lines = [p for p in checked.preview.values() if "status" in p]
    for part in lines:
        for line in part[part["status"] == "added"].itertuples():
            print(f"added {line.school_code} {line.year} {line.stage}")
    counts = {
        status: sum(int((p["status"] == status).sum()) for p in lines)
        for status in ("added", "replaced", "unchanged")
    }
    print(", ".join(f"would be {status} {n}" for status, n in counts.items()))


def print_summary(checked: Checked, lang: str) -> None:
    for (_, file), headers in checked.absent.items():
        if headers:
            print(f"{file}: {message('absent', lang, columns='、'.join(headers))}", file=sys.stderr)
    if any(checked.absent.values()):
        print(message("clear_hint", lang), file=sys.stderr)
    for problem in checked.problems:
        print(f"[{problem.severity}] {problem.text(lang)}", file=sys.stderr)
    for lines in checked.preview.values():
        for line in lines.itertuples():
            if line.status == "replaced":
                changed = "; ".join(
                    f"{c}: {old or '∅'} → {new or '∅'}" for c, old, new in line.changes
                )
                print(f"replaced {line.school_code} {line.year} {line.stage}: {changed}")


if __name__ == "__main__":
    main()
