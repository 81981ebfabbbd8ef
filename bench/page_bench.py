"""Benchmark: server-side rerun time of every page (AppTest, in process; the time app.py
measures from its first line to the end of the page, without AppTest's polling).

    python bench/page_bench.py --db PATH [--county CODE] [--runs 10]

Prints, per page, the first visit (its queries not yet cached) and the median and slowest of
N reruns.
Run it on the county-scale demo DB and on the national one (bench/cv_bench.py builds it).
"""

import argparse
import os
import statistics
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("overview", "trends", "school_gaps", "urban_rural", "school_profile", "map", "export")


def rerun_times(page: str, county: str, runs: int) -> list[float]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["county"] = county
    at.run()
    at.switch_page(str(ROOT / "views" / f"{page}.py"))
    at.run()
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    times = [at.session_state["last_run_ms"] / 1000]  # first visit: queries not cached yet
    for _ in range(runs):
        at.run()
        times.append(at.session_state["last_run_ms"] / 1000)  # measured by app.py
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--county", default="610526")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    os.environ["JUNHENG_DB"] = str(args.db.resolve())
    print(f"database {args.db} ({args.db.stat().st_size / 1e6:.0f} MB), county {args.county}")
    for page in PAGES:
        first, *reruns = rerun_times(page, args.county, args.runs)
        print(
            f"{page:15s} first visit {first * 1000:6.0f} ms   rerun median "
            f"{statistics.median(reruns) * 1000:6.0f} ms   max {max(reruns) * 1000:6.0f} ms"
        )


if __name__ == "__main__":
    main()
