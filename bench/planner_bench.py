"""Benchmark: the planner's recomputation after one move, for a county of about 150 schools.

    python bench/planner_bench.py [--db PATH]

Takes the county-stage with the most computation units in the database, padded with copies
of its schools to 150, then times apply-a-transfer + recompute (all CVs and every school's
compliance, with the dashboard's SQL) 20 times and prints the median and the slowest; and one
suggest step.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components.planner import Engine, Move, apply_moves, suggest  # noqa: E402
from queries.loader import run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("bench/out/national.duckdb"))
    args = parser.parse_args()
    with duckdb.connect(str(args.db), read_only=True) as con:
        county, year, stage, n = con.execute(
            "SELECT county_code, year, stage, count(*) AS n FROM section_inputs "
            "WHERE year = 2024 AND students > 0 GROUP BY ALL "
            "ORDER BY abs(n - 150), n DESC LIMIT 1"
        ).fetchone()
        units = run(con, "planner_units", county=county, year=year, stage=stage)
        standards = dict(
            con.execute(
                "SELECT indicator, standard_value FROM indicator_standards "
                "WHERE standard_set = 'quality2017' AND stage = ?",
                [stage],
            ).fetchall()
        )
    if len(units) < 150:  # no county is that large: add copies of its schools under new IDs
        extra = units.sample(150 - len(units), replace=True, random_state=1).reset_index(drop=True)
        extra["school_code"] = [f"9{i:09d}" for i in range(len(extra))]
        units = pd.concat([units, extra], ignore_index=True)
    print(f"county {county}, {year}, {stage}: {n} schools, padded to {len(units)}")
    engine = Engine()
    engine.evaluate([units])  # warm up
    times = []
    for i in range(20):
        move = Move(
            "transfer",
            source=units["school_code"].iloc[i],
            target=units["school_code"].iloc[-1 - i],
            column="key_teachers",
            amount=1,
        )
        started = time.perf_counter()
        engine.evaluate([apply_moves(units, [move])])
        times.append(time.perf_counter() - started)
    print(
        f"recompute after a move: median {statistics.median(times) * 1000:.0f} ms, "
        f"slowest {max(times) * 1000:.0f} ms (goal < 200 ms)"
    )
    started = time.perf_counter()
    moves = suggest(engine, units, standards, transfers=1)
    print(
        f"one suggest step (all candidate transfers evaluated in one query): "
        f"{time.perf_counter() - started:.2f} s, {len(moves)} move chosen"
    )


if __name__ == "__main__":
    main()
