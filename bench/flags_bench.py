"""Time the monitoring queries: the flags of one county and year (the worklist) and the
整改成效 query of a county, on a database (default: a new demo database).

    python bench/flags_bench.py [--db PATH] [--repeat 5]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data.demo import build_demo  # noqa: E402
from queries.loader import connect_read_only, run  # noqa: E402


def timed(con, name: str, repeat: int, **params) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(run(con, name, **params))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp()) / "demo.duckdb"
        build_demo(db)
    con = connect_read_only(db)
    for county in ("610102", "340602", "370786", "610526"):
        flags_ms, n = timed(con, "school_flags", args.repeat, county=county, year=2021)
        outcome_ms, m = timed(con, "flag_outcomes", args.repeat, county=county)
        print(
            f"{county}: school_flags 2021 {flags_ms:.0f} ms ({n} flags); "
            f"flag_outcomes {outcome_ms:.0f} ms ({m} rows)"
        )


if __name__ == "__main__":
    main()
