"""Benchmark: server-side rerun time of the 全市 / 全省 page (AppTest, in process, the time
app.py measures), and the time of its province-wide queries, uncached.

    python bench/province_bench.py --db PATH [--county CODE] [--runs 5]

Run it on the county demo (3 provinces, 4 counties with data) and on the national one
(python -m data.demo --scale national --out PATH): 107 counties in 陕西.
"""

import argparse
import os
import statistics
import time
from pathlib import Path

import duckdb

from bench.page_bench import rerun_times
from queries.loader import run

QUERIES = {
    "province_scope": {"city": ""},
    "province_verdicts": {},
    "province_cvs": {"stage": "小学", "standard_set": "quality2017"},
    "province_resource_items": {"year": 2021},
    "province_checklist": {"year": 2021},
    "peer_profiles": {"year": 2021},
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--county", default="610526")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ["JUNHENG_DB"] = str(args.db.resolve())
    print(f"database {args.db} ({args.db.stat().st_size / 1e6:.0f} MB), county {args.county}")
    province = args.county[:2] + "0000"
    with duckdb.connect(str(args.db), read_only=True) as con:
        for name, params in QUERIES.items():
            started = time.perf_counter()
            rows = len(run(con, name, province=province, **params))
            elapsed = (time.perf_counter() - started) * 1000
            print(f"query {name:24s} {elapsed:6.0f} ms  {rows:6d} rows")
    first, *reruns = rerun_times("province", args.county, args.runs)
    print(
        f"page province    first visit {first * 1000:6.0f} ms   rerun median "
        f"{statistics.median(reruns) * 1000:6.0f} ms   max {max(reruns) * 1000:6.0f} ms"
    )


if __name__ == "__main__":
    main()
