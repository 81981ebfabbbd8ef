"""Import school returns (.xlsx / .csv, the template of shared/domain.md §7) into a database.

    python -m data.ingest FILE... --db PATH [--accept-warnings] [--user NAME] [--lang zh|en]
    python -m data.ingest --refresh --db PATH   (views and catalogue of this version only)

All or nothing: every file is read and checked before anything is written; errors block,
warnings (suspicious but possible) block unless accepted. The new database is built beside the
live one, checked, and swapped in with one atomic rename; the previous file is kept as a dated
backup (the last KEEP_BACKUPS). Rows for a (school, year, stage) already stored are replaced and
reported; re-importing the same data changes nothing (the file is not even rewritten).

The work is split: data/reading.py (files → text tables), data/checking.py (text → typed rows
and problems), data/writing.py (staging copy, write, swap, backups, log), data/sheets.py (the
sheet kinds: columns, row checks, writer). This module runs them in order:

- `check_files(files, lang)` → Checked
- `import_files(files, db, accept_warnings=, user=, lang=, progress=)` → (Checked, Report)
"""

import argparse
import getpass
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from data.checking import CheckContext, Checked, Problem, check_table, message
from data.reading import read_file
from data.sheets import KINDS, kind_for
from data.writing import (
    Report,
    copy_or_create,
    refresh_schema,
    staging_file,
    swap_in,
    verify,
    write_checked,
)

__all__ = ["Checked", "Problem", "Report", "check_files", "import_files", "refresh_schema"]


def check_files(files: list[tuple[str, bytes]], lang: str = "zh") -> Checked:
    """Read and check every file; returns the typed rows per kind and every problem found."""
    checked = Checked()
    frames: dict[str, list[pd.DataFrame]] = {}
    sheets = [kind.sheet for kind in KINDS.values()]
    for name, data in files:
        checked.files.append((name, hashlib.sha256(data).hexdigest()))
        tables, problems = read_file(data, name, lang, sheets)
        checked.problems += problems
        for raw in tables:
            if raw.frame.empty:
                checked.problems.append(
                    Problem(name, raw.sheet, None, "", "", message("empty", lang), "error")
                )
                continue
            kind = kind_for(raw.sheet, list(raw.frame.columns))
            frame, found = check_table(raw, kind, lang)
            checked.problems += found
            frames.setdefault(kind.name, []).append(frame)
            present = {
                kind.by_header[str(h).strip()].key
                for h in raw.frame.columns
                if str(h).strip() in kind.by_header
            }
            checked.present[(kind.name, name)] = frozenset(present)
    checked.tables = {k: pd.concat(v, ignore_index=True) for k, v in frames.items()}
    context = CheckContext(lang, checked.tables)
    for name, rows in checked.tables.items():
        checked.problems += KINDS[name].check_rows(rows, context)
    return checked


def import_files(
    files: list[tuple[str, bytes]],
    db: Path,
    *,
    accept_warnings: bool = False,
    user: str = "",
    lang: str = "zh",
    progress: Callable[[float, str], None] | None = None,
) -> tuple[Checked, Report]:
    """Check, then (when nothing blocks) build the new database beside `db` and swap it in."""
    step = progress or (lambda fraction, text: None)
    step(0.05, "checking")
    checked = check_files(files, lang)
    if checked.errors or (checked.warnings and not accept_warnings) or checked.empty:
        return checked, Report()
    db = Path(db)
    with staging_file(db, "importing") as staging:
        step(0.3, "copying")
        con = copy_or_create(db, staging)
        step(0.5, "writing")
        report = write_checked(con, checked, user)
        con.execute("CHECKPOINT")
        con.close()
        if not report.written:
            return checked, report
        step(0.85, "verifying")
        verify(staging)
        step(0.9, "swapping")
        report.backup = swap_in(staging, db)
        step(1.0, "done")
        return checked, report


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
    parser.add_argument("--user", default=getpass.getuser())
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    args = parser.parse_args()
    if args.refresh:
        print(f"backup {refresh_schema(args.db)}")
        return
    if not args.files:
        parser.error("give the files to import, or --refresh")
    files = []
    for path in args.files:
        if not path.exists():
            print(f"{path}: {message('no_file', args.lang)}", file=sys.stderr)
            sys.exit(2)
        files.append((path.name, path.read_bytes()))
    checked, report = import_files(
        files, args.db, accept_warnings=args.accept_warnings, user=args.user, lang=args.lang
    )
    for problem in checked.problems:
        print(f"[{problem.severity}] {problem.text(args.lang)}", file=sys.stderr)
    if checked.errors or (checked.warnings and not args.accept_warnings):
        sys.exit(1)
    print(
        f"added {report.added}, replaced {report.replaced}, unchanged {report.unchanged}"
        + (f"; backup {report.backup}" if report.backup else "")
    )


if __name__ == "__main__":
    main()
