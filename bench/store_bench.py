"""What storing the views' results costs (data.build.store_results, the last step of every write
of a database file): CPU, wall, peak memory and file size, on a copy of a database.

    python bench/store_bench.py --db /tmp/national.duckdb            # the whole step, as written
    python bench/store_bench.py --db /tmp/national.duckdb --views    # each view on its own

--views computes the shared views into temporary tables, then the ranked views from them
(data/ranked.py, numpy), then each stored view, in one pass, and prints each one's CPU and
wall time (the per-view costs). CPU is user + system of this process, every DuckDB thread
included; print the load average beside it (the machine is shared).
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data import build, ranked  # noqa: E402
from data.writing import close_written  # noqa: E402


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def timed(label: str, action) -> None:
    wall, cpu = time.perf_counter(), cpu_seconds()
    action()
    print(
        f"{label:28s} cpu {cpu_seconds() - cpu:7.1f} s  wall {time.perf_counter() - wall:7.1f} s"
        f"  peak RSS {peak_gb():.2f} GB",
        flush=True,
    )


def per_view(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET enable_progress_bar = false")
    for view in build.SHARED_VIEWS:
        timed(
            f"shared {view}",
            lambda v=view: con.execute(
                f"CREATE OR REPLACE TEMP TABLE {v} AS SELECT * FROM main.{v}"
            ),
        )
    timed("ranked (numpy)", lambda: ranked.store_ranked(con))
    for view in build.STORED_VIEWS:
        timed(
            f"stored {view}",
            lambda v=view: con.execute(f"CREATE OR REPLACE TEMP TABLE x AS SELECT * FROM {v}"),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, type=Path, help="database to copy and store")
    parser.add_argument("--views", action="store_true", help="each view's cost on its own")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.db.parent) as folder:
        copy = Path(folder) / "stored.duckdb"
        shutil.copyfile(args.db, copy)
        con = duckdb.connect(str(copy))
        build.create_schema(con)  # every stored_<view> a view again, as a write starts
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        if args.views:
            per_view(con)
            con.close()
        else:
            timed("store_results + checkpoint", lambda: close_written(con))
            sizes = args.db.stat().st_size / 1e6, copy.stat().st_size / 1e6
            print(f"file {sizes[0]:.0f} MB → {sizes[1]:.0f} MB")
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
