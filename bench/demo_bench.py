"""Benchmark: the demo generator and its write, without the views' stored results.

    python bench/demo_bench.py [--scale national|county] [--out PATH] [--store]

Prints CPU (user + system of this process, all threads, and of the processes it waited for:
the national generator's parts) and wall seconds of each step of
`python -m data.demo`: imports, generate (data.demo.generate), the tables written
(data.demo.write_tables) and the checkpoint; with --store the views' stored results
(data.build.store_results) as well, which the command always runs. Ends with the totals and
the peak resident memory. Time the whole command with `/usr/bin/time -v python -m data.demo`.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


STARTED = (cpu_seconds(), time.perf_counter())


def step(name: str, since: tuple[float, float]) -> tuple[float, float]:
    now = (cpu_seconds(), time.perf_counter())
    print(f"{name:<12} CPU {now[0] - since[0]:6.2f} s   wall {now[1] - since[1]:6.2f} s")
    return now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["county", "national"], default="national")
    parser.add_argument("--out", type=Path, default=Path("bench/out/demo_bench.duckdb"))
    parser.add_argument("--store", action="store_true", help="also store the views' results")
    args = parser.parse_args()

    from data.build import new_database, store_results
    from data.demo import generate, write_tables

    mark = step("imports", STARTED)
    sections, checklist, specs = generate(args.scale)
    mark = step("generate", mark)
    con = new_database(args.out)
    write_tables(con, sections, checklist, specs)
    mark = step("write", mark)
    if args.store:
        store_results(con)
        mark = step("store", mark)
    con.execute("CHECKPOINT")
    con.close()
    mark = step("checkpoint", mark)
    step("total", STARTED)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows {len(sections):,}, counties {len(specs):,}, peak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main()
