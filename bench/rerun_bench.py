"""Benchmark: server CPU per rerun of every page, driven over Streamlit's websocket protocol.

    python bench/rerun_bench.py --db PATH [--county 610526] [--reruns 20] [--repeats 3]

Starts `streamlit run app.py` on a free port and, with no browser, opens one session
(bench/ws_session.py). For each page: the first visit (wall time and server CPU), then
`--repeats` batches of `--reruns` reruns of the same page; the server's CPU time (user + system,
every thread, from /proc/PID/stat) over a batch divided by its reruns is the CPU per rerun.
Prints the median of the batches per page, the spread, and the median over pages. Another
process busy on the same cores makes wall times longer, not CPU times, but CPU times still
move a few per cent with cache pressure: compare medians of several runs.

    python bench/rerun_bench.py --db PATH --first-visits [--warm-county 340602]

First visits: a first session walks every page for a county of another province
(`--warm-county`: the code is imported and that county's and province's queries are cached, as
on a server that has been up), then a new session for `--county` opens the first page and
visits every other page once. Prints the server CPU and wall time of each page's first visit.
"""

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.streamlit_server import start_streamlit  # noqa: E402
from bench.ws_session import Session, cpu_seconds, rss_mb  # noqa: E402

TIMEOUT = 900  # a first visit on a loaded machine may take minutes
PAGES = {  # page name → url_path ("" is the default page)
    "overview": "",
    "trends": "trends",
    "school_gaps": "school-gaps",
    "urban_rural": "urban-rural",
    "school_profile": "school-profile",
    "map": "map",
    "export": "export",
    "planner": "planner",
    "province": "province",
}


async def measure(
    url: str, pid: int, county: str, reruns: int, repeats: int, pages: list[str]
) -> dict:
    session = Session(url, query=f"county={county}")
    opened = await session.open()
    if not opened.ok:
        raise RuntimeError(f"first run failed: {opened.exceptions}")
    figures = {}
    for name in pages:
        path = PAGES[name]
        cpu0 = cpu_seconds(pid)
        first = await session.rerun(path)
        first_cpu = cpu_seconds(pid) - cpu0
        if not first.ok:
            raise RuntimeError(f"{name}: {first.exceptions}")
        batches, walls = [], []
        for _ in range(repeats):
            cpu0 = cpu_seconds(pid)
            for _ in range(reruns):
                result = await session.rerun(path)
                walls.append(result.seconds)
                if not result.ok:
                    raise RuntimeError(f"{name}: {result.exceptions}")
            batches.append((cpu_seconds(pid) - cpu0) / reruns)
        figures[name] = (first.seconds, first_cpu, batches, walls)
    await session.close()
    return figures


async def first_visits_walk(url: str, pid: int, warm_county: str, county: str) -> dict:
    """page → (wall s, server CPU s) of its first visit for `county`, in a walk over every
    page on a server warmed by another county's walk."""
    warm = Session(url, query=f"county={warm_county}")
    await warm.open(timeout=TIMEOUT)
    for path in PAGES.values():
        await warm.rerun(path, timeout=TIMEOUT)
    await warm.close()
    session = Session(url, query=f"county={county}")
    figures = {}
    for name, path in PAGES.items():
        cpu0 = cpu_seconds(pid)
        result = await (session.rerun(path, TIMEOUT) if figures else session.open(TIMEOUT, path))
        figures[name] = (result.seconds, cpu_seconds(pid) - cpu0)
        if not result.ok:
            raise RuntimeError(f"{name}: {result.exceptions}")
    await session.close()
    return figures


def first_visits(args: argparse.Namespace) -> None:
    process, url = start_streamlit(args.db.resolve())
    try:
        time.sleep(1)
        figures = asyncio.run(first_visits_walk(url, process.pid, args.warm_county, args.county))
    finally:
        process.terminate()
        process.wait(timeout=20)
    print(
        f"database {args.db} ({args.db.stat().st_size / 1e6:.0f} MB), first visits of county "
        f"{args.county} after a walk by {args.warm_county}"
    )
    print(f"{'page':15s} {'wall':>8s} {'CPU':>8s}")
    for name, (wall, cpu) in figures.items():
        print(f"{name:15s} {wall:7.3f}s {cpu:7.3f}s")
    print(f"slowest first visit {max(cpu for _, cpu in figures.values()):.3f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--county", default="610526")
    parser.add_argument("--reruns", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--first-visits", action="store_true")
    parser.add_argument("--warm-county", default="340602")
    args = parser.parse_args()
    if args.first_visits:
        first_visits(args)
        return
    process, url = start_streamlit(args.db.resolve())
    try:
        time.sleep(1)
        figures = asyncio.run(
            measure(url, process.pid, args.county, args.reruns, args.repeats, args.pages)
        )
        print(
            f"database {args.db} ({args.db.stat().st_size / 1e6:.0f} MB), county {args.county}, "
            f"{args.repeats} × {args.reruns} reruns per page"
        )
        print(
            f"{'page':15s} {'first wall':>10s} {'first CPU':>10s} {'CPU/rerun':>10s} "
            f"{'(min–max)':>15s} {'wall p50':>9s}"
        )
        medians = []
        for name, (first_wall, first_cpu, batches, walls) in figures.items():
            cpu = statistics.median(batches)
            medians.append(cpu)
            print(
                f"{name:15s} {first_wall:9.3f}s {first_cpu:9.3f}s {cpu:9.4f}s "
                f"({min(batches):.4f}–{max(batches):.4f}) {statistics.median(walls):8.3f}s"
            )
        print(
            f"median over pages {statistics.median(medians):.4f} s CPU per rerun, "
            f"slowest page {max(medians):.4f} s; server RSS {rss_mb(process.pid):.0f} MB"
        )
    finally:
        process.terminate()
        process.wait(timeout=20)


if __name__ == "__main__":
    main()
