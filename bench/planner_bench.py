"""Benchmark: the planner's cheapest plan and its recomputation after a move.

    python bench/planner_bench.py [--db PATH] [--county 610526] [--year 2023] [--stage 小学]

1. The cheapest plan to pass the 2017 evaluation for one county-stage (default 蒲城县 2023
   primary, on the demo): every measure per school, the totals per resource, the verdict before
   and after (the dashboard's county_verdict view) and the solve time.
2. The same county padded with copies of its schools to 150: the whole plan, 3 runs.
3. A manual move on the 150-school county: apply a transfer and recompute every CV, every
   school's compliance and the verdict with the dashboard's SQL, 20 times.
Without --db it uses data/junheng.duckdb, or builds the demo into bench/out/demo.duckdb.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.plan_report import Explainer  # noqa: E402
from components.plan_solver import LEVERS, Costs, cheapest_plan, with_additions  # noqa: E402
from components.planner import Engine, Move, apply_moves  # noqa: E402
from queries.loader import run  # noqa: E402


def database(path: Path | None) -> Path:
    if path is not None:
        return path
    if (ROOT / "data" / "junheng.duckdb").exists():
        return ROOT / "data" / "junheng.duckdb"
    demo = ROOT / "bench" / "out" / "demo.duckdb"
    if not demo.exists():
        from data.demo import build_demo

        demo.parent.mkdir(parents=True, exist_ok=True)
        build_demo(demo)
    return demo


def padded(units: pd.DataFrame, size: int) -> pd.DataFrame:
    """`units` with copies of its schools under new IDs, up to `size` schools."""
    if len(units) >= size:
        return units
    extra = units.sample(size - len(units), replace=True, random_state=1).reset_index(drop=True)
    extra["school_code"] = [f"9{i:09d}" for i in range(len(extra))]
    return pd.concat([units, extra], ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--county", default="610526")
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--stage", default="小学")
    args = parser.parse_args()
    with duckdb.connect(str(database(args.db)), read_only=True) as con:
        units = run(con, "planner_units", county=args.county, year=args.year, stage=args.stage)
        settings = dict(run(con, "planner_settings")[["key", "value"]].itertuples(index=False))
        indicators = run(con, "set_indicators", standard_set="quality2017", stage=args.stage)
        county_name = con.execute(
            "SELECT county_name FROM counties WHERE county_code = ?", [args.county]
        ).fetchone()[0]
    standards = dict(zip(indicators["indicator"], indicators["standard_value"], strict=True))
    names = dict(zip(indicators["indicator"], indicators["name_zh"], strict=True))
    engine = Engine(settings)
    min_met, floor = engine.school_rules()
    costs = Costs.from_settings(engine.settings())
    levers = frozenset(LEVERS) - {"merge"}

    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(wall times include waiting for a core)"
    )
    started, cpu = time.perf_counter(), time.process_time()
    plan = cheapest_plan(engine, units, standards, costs, levers, [], min_met, floor)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    after = with_additions(
        apply_moves(units, [m for m in plan.moves if m.kind == "merge"]), plan.additions
    )
    cvs, compliance = engine.evaluate([units, after])
    verdicts = engine.verdicts()["status"].tolist()
    school_names = dict(zip(units["school_code"], units["school_name"], strict=True))
    explainer = Explainer(
        plan,
        units,
        after,
        standards,
        names,
        school_names,
        (cvs[cvs.scenario == 0], cvs[cvs.scenario == 1]),
        (compliance[compliance.scenario == 0], compliance[compliance.scenario == 1]),
        engine.values([units, after]),
        costs,
        floor,
        "zh",
    )
    pd.set_option("display.width", 200)
    pd.set_option("display.max_rows", 1000)
    pd.set_option("display.max_colwidth", 80)
    print(f"== {county_name} ({args.county}) {args.year} {args.stage}: {len(units)} schools")
    print(
        f"status {plan.status}, {plan.rounds} round(s), solve time {seconds:.2f} s "
        f"(CPU {cpu:.2f} s)"
    )
    print(f"verdict before: {verdicts[0]}, after the plan: {verdicts[1]}")
    ok = compliance.groupby("scenario")["compliant"].sum().tolist()
    print(f"compliant schools: {ok[0]} → {ok[1]} of {len(units)}")
    table = cvs.pivot(index="indicator", columns="scenario", values="cv").round(4)
    table.columns = ["CV now", "CV after"]
    table.index = [names[k] for k in table.index]
    print(table.to_string())
    print("\n-- cost by resource (yuan)")
    summary = explainer.summary().astype(object).fillna("")
    print(summary.to_string(index=False, float_format=lambda v: f"{v:,.0f}"))
    print("\n-- measures per school")
    items = explainer.items()[["school", "measure", "amount", "unit", "cost", "reason"]]
    print(items.to_string(index=False, float_format=lambda v: f"{v:,.0f}"))

    big = padded(units, 150)
    times, cpus = [], []
    for _ in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        big_plan = cheapest_plan(engine, big, standards, costs, levers, [], min_met, floor)
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    print(
        f"\n== whole plan, {len(big)} schools: median {statistics.median(times):.2f} s "
        f"(CPU {statistics.median(cpus):.2f} s), slowest {max(times):.2f} s "
        f"({big_plan.rounds} round(s), status {big_plan.status}, "
        f"{big_plan.total_cost:,.0f} yuan) (goal < 2 s)"
    )

    engine.evaluate([big])  # warm up
    times, cpus = [], []
    for i in range(20):
        move = Move(
            "transfer",
            source=big["school_code"].iloc[i],
            target=big["school_code"].iloc[-1 - i],
            column="key_teachers",
            amount=1,
        )
        started, cpu = time.perf_counter(), time.process_time()
        engine.evaluate([big, apply_moves(big, [move])])
        engine.verdicts()
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    print(
        f"== a manual move on {len(big)} schools (apply, CVs, compliance, verdict of before and "
        f"after): median {statistics.median(times) * 1000:.0f} ms "
        f"(CPU {statistics.median(cpus) * 1000:.0f} ms), slowest {max(times) * 1000:.0f} ms "
        f"(goal < 200 ms)"
    )


if __name__ == "__main__":
    main()
