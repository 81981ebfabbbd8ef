"""First visits in a real browser: every page opened by URL in Chromium at 1366×768, timed
from navigation to all its charts (or its map) drawn.

    python bench/first_visit.py [--db PATH] [--sessions 1 2] [--county 610526] [--pages overview]

Starts `streamlit run app.py` on a free port and, for each N, opens N Chromium contexts at
once, each visiting every page in turn (a full page load each time, a new browser context:
nothing cached in the browser) after one untimed walk has warmed the server. Prints p50/p95
per page, the errors seen and the server's peak memory. Browsers are heavy: the server's capacity is
measured without them by bench/load.py.
"""

import argparse
import asyncio
import statistics
import sys
import threading
import time
from pathlib import Path

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.streamlit_server import CHROMIUM_ARGS, start_streamlit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "overview": ("", 3),
    "trends": ("trends", 3),
    "school_gaps": ("school-gaps", 2),
    "urban_rural": ("urban-rural", 3),
    "school_profile": ("school-profile", 3),
    "map": ("map", 0),
    "export": ("export", 0),
}
# The overview is drawn when its script has finished, its gauges (an SVG drawn on the server,
# components/gauges.py) and its scorecard table are there, and any plotly chart on it holds
# its drawn SVG (whatever the number of charts: the page's layout changes, the test does not).
OVERVIEW_DRAWN = """() => {
    const app = document.querySelector('[data-test-script-state]');
    const charts = [...document.querySelectorAll('.stPlotlyChart')];
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector('svg.junheng-gauges .gauge') !== null
        && document.querySelector('[data-testid="stHtml"] table') !== null
        && charts.every(c => c.querySelector('.indicatorlayer path, .plot path'));
}"""


class MemoryWatch(threading.Thread):
    """Peak resident memory of the server process, sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.running = pid, 0.0, True

    def run(self) -> None:
        while self.running:
            try:
                for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        self.peak_mb = max(self.peak_mb, int(line.split()[1]) / 1024)
            except OSError:
                return
            time.sleep(0.2)


async def walk(browser, url: str, county: str, times: dict, errors: list, pages: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await context.new_page()
    page.on(
        "console",
        lambda m: (
            errors.append(f"console: {m.text}")
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    for name in pages:
        path, charts = PAGES[name]
        started = time.perf_counter()
        try:
            await page.goto(f"{url}/{path}?county={county}")
            if name == "overview":
                await page.wait_for_function(OVERVIEW_DRAWN, timeout=60_000)
            elif charts:
                await page.wait_for_function(
                    f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
                    timeout=60_000,
                )
            elif name == "map":
                await (
                    page.frame_locator("iframe[title='streamlit_folium.st_folium']")
                    .first.locator("path.leaflet-interactive")
                    .first.wait_for(timeout=60_000)
                )
            else:
                await page.get_by_text("CSV").first.wait_for(timeout=60_000)
            times.setdefault(name, []).append(time.perf_counter() - started)
            if await page.locator("[data-testid='stException']").count():
                errors.append(f"{name}: exception on the page")
        except Exception as error:  # a page that never rendered counts as an error
            errors.append(f"{name}: {type(error).__name__}")
    await context.close()


async def run_load(url: str, county: str, sessions: int, pages: list[str]) -> tuple[dict, list]:
    times: dict[str, list[float]] = {}
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        await asyncio.gather(
            *(walk(browser, url, county, times, errors, pages) for _ in range(sessions))
        )
        await browser.close()
    return times, errors


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "junheng.duckdb")
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--county", default="610526")
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--repeat", type=int, default=1, help="walks per session")
    args = parser.parse_args()
    process, url = start_streamlit(args.db.resolve())
    watch = MemoryWatch(process.pid)
    watch.start()
    try:
        # A first visit is a new browser on a running server: one untimed walk first, so the
        # server has imported its libraries and run its queries once.
        asyncio.run(run_load(url, args.county, 1, args.pages))
        for n in args.sessions:
            times, errors = {}, []
            for _ in range(args.repeat):
                more_times, more_errors = asyncio.run(run_load(url, args.county, n, args.pages))
                errors += more_errors
                for name, values in more_times.items():
                    times.setdefault(name, []).extend(values)
            print(f"\n{n} concurrent sessions ({args.db.name}):")
            for name in args.pages:
                values = times.get(name, [])
                if values:
                    print(
                        f"  {name:15s} p50 {statistics.median(values):5.2f} s   "
                        f"p95 {percentile(values, 0.95):5.2f} s   ({len(values)} renders)"
                    )
            print(f"  errors: {len(errors)}" + (f" — {errors[:3]}" if errors else ""))
        print(f"\nserver peak memory (RSS): {watch.peak_mb:.0f} MB")
    finally:
        watch.running = False
        process.terminate()
        process.wait(timeout=20)


if __name__ == "__main__":
    main()
