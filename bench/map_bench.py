"""Benchmark: the school map at 500, 5,000 and 20,000 schools.

    python bench/map_bench.py

For each size prints the time to build the map in Python, the HTML payload size and the
browser time-to-render (navigation start → markers drawn, headless Chromium), served from
localhost with Leaflet from static/vendor as in the app.
"""

import functools
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.streamlit_server import CHROMIUM_ARGS  # noqa: E402
from components import maps  # noqa: E402

MARK_RENDERED = """<script>
requestAnimationFrame(() => requestAnimationFrame(() => {
    window.renderedAt = performance.now();
}));
</script>"""


def synthetic_schools(n: int, seed: int = 1) -> pd.DataFrame:
    """n schools spread over a province-sized box (陕西 is about 5° × 8°)."""
    rng = np.random.default_rng(seed)
    ratio = rng.uniform(0.6, 1.6, n)
    return pd.DataFrame(
        {
            "school_code": [f"S{i:07d}" for i in range(n)],
            "school_name": [f"第{i}学校" for i in range(n)],
            "urban_rural_group": rng.choice(["urban", "town", "rural"], n),
            "longitude": rng.uniform(105.5, 111.0, n),
            "latitude": rng.uniform(31.7, 39.5, n),
            "students": rng.integers(20, 2500, n),
            "value": ratio * 4.5,
            "ratio": ratio,
            "compliant": ratio > 1,
            "n_met": rng.integers(3, 8, n),
        }
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main() -> None:
    labels = {"urban": "城区", "town": "镇区", "rural": "乡村"}
    fields = {
        "code": "学校标识码",
        "name": "学校",
        "students": "在校生",
        "value": "数值",
        "met": "达标项",
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "static", folder / "app" / "static")
        server, url = serve(folder)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for n in (500, 5_000, 20_000):
                schools = synthetic_schools(n)
                started = time.perf_counter()
                m = maps.school_map(schools, None, "indicator", labels, fields)
                html = m.get_root().render().replace("</html>", MARK_RENDERED + "</html>")
                built = time.perf_counter() - started
                (folder / f"map{n}.html").write_text(html, encoding="utf-8")
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(f"{url}/map{n}.html")
                page.wait_for_function("window.renderedAt !== undefined", timeout=120_000)
                rendered = page.evaluate("window.renderedAt") / 1000
                page.close()
                print(
                    f"{n:6,d} schools: build {built:5.2f} s, payload "
                    f"{len(html.encode()) / 1e6:5.2f} MB, browser render {rendered:5.2f} s "
                    f"({'canvas' if n > maps.CANVAS_FROM else 'SVG'})"
                )
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
