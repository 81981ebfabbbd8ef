"""Load test of the server: many sessions over Streamlit's websocket protocol, no browsers.

    python bench/load.py --db PATH [--sessions 20 50 100 200] [--think 3] [--duration 60]
                         [--replicas N]

Starts the app (one `streamlit run` process, or `deploy/serve --replicas N`: HAProxy in front
of N processes) on a free port. Capacity first: 20 sessions rerunning without pause for
--duration/2 seconds; reruns per second. Then for each N: N sessions (random demo county, each
pinned by the balancer's cookie like a browser), opened over a few seconds, then each clicks to
a random page every --think seconds on average (uniform 0.5–1.5×) for --duration seconds.
Prints reruns/s, latency p50/p95/max of a click (BackMsg rerun_script → ForwardMsg
script_finished), errors (exceptions on the page, timeouts, lost connections), server CPU (% of
one core) and resident memory of every server process.

The sessions run in this process on the same machine as the server: what they cost is
counted on the same cores (a client on another machine leaves the server more room).
"""

import argparse
import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.streamlit_server import free_port, start_streamlit  # noqa: E402
from bench.ws_session import Session, cpu_seconds, rss_mb  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "",
    "trends",
    "school-gaps",
    "urban-rural",
    "school-profile",
    "map",
    "export",
    "planner",
]
COUNTIES = ["610102", "340602", "370786", "610526"]
TIMEOUT = 60


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Server:
    """The app under test: one process, or deploy/serve with replicas; its pids for CPU/RSS."""

    def __init__(self, db: Path, replicas: int) -> None:
        self.processes: list[subprocess.Popen] = []
        if replicas:
            port = free_port()
            serve = subprocess.Popen(
                [str(ROOT / "deploy" / "serve"), "--replicas", str(replicas), "--port", str(port)],
                env=os.environ | {"JUNHENG_DB": str(db)},
                stdout=subprocess.PIPE,
                text=True,
            )
            self.serve, self.pids = serve, []
            for line in serve.stdout:
                if line.startswith("replica "):
                    self.pids.append(int(line.split("pid ")[1].rstrip(")\n")))
                if line.startswith("HAProxy on"):
                    break
            self.url = f"http://127.0.0.1:{port}"
            for _ in range(60):
                try:
                    urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            haproxy = subprocess.run(
                ["pgrep", "-P", str(serve.pid), "haproxy"], capture_output=True, text=True
            )
            self.pids += [int(p) for p in haproxy.stdout.split()]
        else:
            process, self.url = start_streamlit(db)
            self.serve, self.pids = process, [process.pid]

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.pids)

    def rss(self) -> float:
        return sum(rss_mb(pid) for pid in self.pids)

    def stop(self) -> None:
        self.serve.send_signal(signal.SIGTERM)
        self.serve.wait(timeout=30)


async def open_session(url: str, tally: Tally) -> Session | None:
    """A browser's first request sets the balancer's cookie; the websocket then carries it."""
    loop = asyncio.get_running_loop()
    response = await loop.run_in_executor(None, urllib.request.urlopen, f"{url}/")
    cookie = response.headers.get("Set-Cookie", "").split(";")[0]
    session = Session(
        url,
        query=f"county={random.choice(COUNTIES)}",
        headers={"Cookie": cookie} if cookie else {},
    )
    try:
        result = await session.open(timeout=TIMEOUT)
    except Exception as error:  # noqa: BLE001 - every failure counts as an error
        tally.errors.append(f"open: {type(error).__name__}")
        return None
    if not result.ok:
        tally.errors.append(f"open: {result.exceptions[:1]}")
    return session


async def click_loop(session: Session, think: float, until: float, tally: Tally) -> None:
    while True:
        pause = think * random.uniform(0.5, 1.5)
        if time.monotonic() + pause >= until:
            return
        await asyncio.sleep(pause)
        try:
            result = await session.rerun(random.choice(PAGES), timeout=TIMEOUT)
        except Exception as error:  # noqa: BLE001
            tally.errors.append(f"click: {type(error).__name__}")
            return
        tally.latencies.append(result.seconds)
        if not result.ok:
            tally.errors.append(f"click: {result.exceptions[:1]}")


async def run_level(server: Server, sessions: int, think: float, duration: float) -> dict:
    opening = Tally()
    opened: list[Session] = []
    for i in range(0, sessions, 10):  # open 10 at a time, as people arrive
        batch = await asyncio.gather(
            *(open_session(server.url, opening) for _ in range(min(10, sessions - i)))
        )
        opened += [s for s in batch if s is not None]
    tally = Tally(errors=opening.errors)
    cpu0, client0, started = server.cpu(), time.process_time(), time.monotonic()
    until = started + duration
    await asyncio.gather(*(click_loop(s, think, until, tally) for s in opened))
    elapsed = time.monotonic() - started
    cpu = server.cpu() - cpu0
    client = time.process_time() - client0
    rss = server.rss()
    await asyncio.gather(*(s.close() for s in opened), return_exceptions=True)
    return {
        "reruns": len(tally.latencies),
        "per_s": len(tally.latencies) / elapsed,
        "latencies": tally.latencies,
        "errors": tally.errors,
        "cpu_percent": 100 * cpu / elapsed,
        "cpu_per_rerun": cpu / max(1, len(tally.latencies)),
        "rss": rss,
        "client_percent": 100 * client / elapsed,
    }


async def warm(url: str) -> None:
    """Every page of every demo county once, so the levels measure reruns on warm caches
    (what the first users of the day pay is bench/rerun_bench.py's first visit)."""

    async def walk(county: str) -> None:
        session = Session(url, query=f"county={county}")
        await session.open(timeout=TIMEOUT * 3)
        for page in PAGES:
            await session.rerun(page, timeout=TIMEOUT * 3)
        await session.close()

    await asyncio.gather(*(walk(county) for county in COUNTIES))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if values else 0.0


def report(label: str, figures: dict) -> None:
    lat = figures["latencies"]
    print(
        f"{label:>22s} {figures['reruns']:7d} {figures['per_s']:8.1f} "
        f"{statistics.median(lat) if lat else 0:7.3f} {percentile(lat, 0.95):7.3f} "
        f"{max(lat, default=0):7.3f} {len(figures['errors']):6d} "
        f"{figures['cpu_percent']:6.0f}% {figures['cpu_per_rerun']:8.4f} {figures['rss']:7.0f} "
        f"{figures['client_percent']:6.0f}%"
        + (f"  {figures['errors'][:2]}" if figures["errors"] else ""),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "junheng.duckdb")
    parser.add_argument("--sessions", type=int, nargs="+", default=[20, 50, 100, 200])
    parser.add_argument("--think", type=float, default=3.0, help="mean seconds between clicks")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--replicas", type=int, default=0, help="0: one streamlit process")
    parser.add_argument("--no-capacity", action="store_true")
    args = parser.parse_args()
    server = Server(args.db.resolve(), args.replicas)
    setup = f"deploy/serve --replicas {args.replicas}" if args.replicas else "1 process"
    print(f"{setup}, database {args.db} ({args.db.stat().st_size / 1e6:.0f} MB)")
    print(
        f"{'sessions':>22s} {'reruns':>7s} {'reruns/s':>8s} {'p50 s':>7s} {'p95 s':>7s} "
        f"{'max s':>7s} {'errors':>6s} {'CPU':>7s} {'CPU/rerun':>8s} {'RSS MB':>7s} {'client':>7s}"
    )
    try:
        asyncio.run(warm(server.url))
        if not args.no_capacity:
            figures = asyncio.run(run_level(server, 20, 0.0, args.duration / 2))
            report("capacity (no think)", figures)
        for n in args.sessions:
            figures = asyncio.run(run_level(server, n, args.think, args.duration))
            report(f"{n} (think {args.think:g} s)", figures)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
