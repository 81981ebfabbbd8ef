"""Benchmark: importing one year of the national-scale demo (≈ 200,000 school sections).

    python bench/import_bench.py [--db bench/out/national.duckdb] [--year 2024]

Writes the year as a template CSV, then imports it into a new database and prints the time
to check and to write, and the rows per second.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data.ingest import check_files, import_files  # noqa: E402
from data.template import sections_as_template  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("bench/out/national.duckdb"))
    parser.add_argument("--year", type=int, default=2024)
    args = parser.parse_args()
    with duckdb.connect(str(args.db), read_only=True) as con:
        sections = con.execute(
            "SELECT s.*, c.county_name FROM school_sections s JOIN counties c "
            "USING (county_code) WHERE year = ? ORDER BY county_code, school_code, stage",
            [args.year],
        ).df()
    data = sections_as_template(sections).to_csv(index=False).encode("utf-8-sig")
    print(f"{len(sections):,} rows, CSV {len(data) / 1e6:.1f} MB")
    started = time.perf_counter()
    checked = check_files([("national.csv", data)])
    checking = time.perf_counter() - started
    print(
        f"check: {checking:.1f} s ({len(checked.errors)} errors, {len(checked.warnings)} warnings)"
    )
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        _, report = import_files(
            [("national.csv", data)], Path(folder) / "new.duckdb", accept_warnings=True
        )
        total = time.perf_counter() - started
    print(
        f"import (check + write + swap): {total:.1f} s, {report.added:,} rows added, "
        f"{len(sections) / total:,.0f} rows/s"
    )


if __name__ == "__main__":
    main()
