"""Benchmark: national-scale demo database and the county CV computation.

    python bench/cv_bench.py [--db PATH] [--rebuild] [--repeat N]

Prints generation time and database size, then the time to compute every county's CV in
DuckDB (through the views, from the raw school sections) and the same CVs from the same
per-school indicator values in DuckDB SQL and in a straightforward pandas groupby.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data.build import create_views  # noqa: E402
from data.demo import build_demo  # noqa: E402

# The same formula as queries/views/50_county_indicator_cv.sql, on a table of values.
CV_SQL = """
SELECT county_code, year, stage, indicator,
       CASE WHEN max(value) - min(value) <= 1e-12 * greatest(abs(max(value)), abs(min(value)))
            THEN 0.0
            ELSE sqrt(greatest(sum(students * value * value) / sum(students)
                               - (sum(students * value) / sum(students)) ^ 2, 0))
       END / (sum(students * value) / sum(students)) AS cv
FROM values_table
GROUP BY ALL
"""


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def pandas_cv(values: pd.DataFrame) -> pd.DataFrame:
    keys = ["county_code", "year", "stage", "indicator"]
    v = values.assign(pv=values["students"] * values["value"])
    sums = v.groupby(keys)[["pv", "students"]].transform("sum")
    v["mean_value"] = sums["pv"] / sums["students"]
    v["sq"] = v["students"] * (v["value"] - v["mean_value"]) ** 2
    g = v.groupby(keys).agg(sq=("sq", "sum"), p=("students", "sum"), m=("mean_value", "first"))
    return (np.sqrt(g["sq"] / g["p"]) / g["m"]).rename("cv").reset_index()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("bench/out/national.duckdb"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    if args.rebuild or not args.db.exists():
        report = build_demo(args.db, scale="national")
        print(
            f"generated {report['rows']:,} school sections × years over "
            f"{report['counties']:,} counties in {report['generate_s']:.1f} s "
            f"(+ {report['write_s']:.1f} s writing)"
        )
    print(f"database size: {args.db.stat().st_size / 1e6:.1f} MB")
    with duckdb.connect(str(args.db)) as writable:  # measure the views of this checkout
        create_views(writable)

    con = duckdb.connect(str(args.db), read_only=True)
    rows, counties = con.execute(
        "SELECT count(*), count(DISTINCT county_code) FROM school_sections"
    ).fetchone()
    year = con.execute("SELECT max(year) FROM school_sections").fetchone()[0]
    print(f"{rows:,} section rows, {counties:,} counties")

    one_year, result = timed(
        lambda: con.execute("SELECT * FROM county_indicator_cv WHERE year = ?", [year]).df(),
        args.repeat,
    )
    print(f"DuckDB views, all county CVs for {year}: {one_year:.3f} s ({len(result):,} CVs)")
    all_years, result = timed(
        lambda: con.execute("SELECT * FROM county_indicator_cv").df(), args.repeat
    )
    print(f"DuckDB views, all county CVs, all years: {all_years:.3f} s ({len(result):,} CVs)")

    values = con.execute(
        "SELECT county_code, year, stage, indicator, value, students FROM indicator_values"
    ).df()
    print(f"same per-school values for both engines: {len(values):,} rows")
    mem = duckdb.connect()
    mem.register("values_frame", values)
    mem.execute("CREATE TABLE values_table AS SELECT * FROM values_frame")
    duck, duck_result = timed(lambda: mem.execute(CV_SQL).df(), args.repeat)
    pand, pandas_result = timed(lambda: pandas_cv(values), args.repeat)
    merged = duck_result.merge(pandas_result, on=["county_code", "year", "stage", "indicator"])
    diff = float((merged["cv_x"] - merged["cv_y"]).abs().max())
    print(
        f"CV from values, DuckDB SQL: {duck:.3f} s; pandas groupby: {pand:.3f} s; "
        f"DuckDB is {pand / duck:.1f}× faster; max difference {diff:.2e}"
    )


if __name__ == "__main__":
    main()
