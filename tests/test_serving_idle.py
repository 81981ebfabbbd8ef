"""An idle page costs the server nothing: every page, opened in Chromium and left alone for 20 s
after it has settled, sends no rerun over its websocket. The map also stays quiet after the
user zooms it (panning and zooming stay in the browser). Skipped when Chromium is missing,
except in CI (CI=true)."""

import time

from tests.browser import CHROMIUM, require_chromium

require_chromium()

from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402

from bench.streamlit_server import CHROMIUM_ARGS  # noqa: E402

PAGES = (
    "",
    "trends",
    "school-gaps",
    "urban-rural",
    "school-profile",
    "map",
    "export",
    "planner",
)
VIEWPORTS = ({"width": 1366, "height": 768}, {"width": 1920, "height": 1080})
IDLE_SECONDS = 20


def rerun_counter(page) -> list[str]:
    """Every rerun_script BackMsg the page sends, as the page name it asks for."""
    reruns: list[str] = []

    def on_frame(payload) -> None:
        if isinstance(payload, str):
            return
        msg = BackMsg()
        msg.ParseFromString(payload)
        if msg.WhichOneof("type") == "rerun_script":
            reruns.append(msg.rerun_script.page_name)

    page.on("websocket", lambda ws: ws.on("framesent", on_frame))
    return reruns


def settle(page, quiet_seconds: float = 3, limit: float = 60) -> None:
    """Wait until the app is not running and nothing was sent for `quiet_seconds`."""
    page.wait_for_selector("[data-testid='stMain']", timeout=limit * 1000)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        page.wait_for_timeout(quiet_seconds * 1000)
        running = page.locator("[data-testid='stStatusWidget']").count()
        if not running:
            return
    raise AssertionError("page did not settle")


def test_idle_pages_send_no_rerun(server):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        opened = []
        for i, path in enumerate(PAGES):
            context = browser.new_context(viewport=VIEWPORTS[i % 2])
            page = context.new_page()
            reruns = rerun_counter(page)
            page.goto(f"{server}/{path}?county=610526")
            opened.append((path, page, reruns))
        for path, page, reruns in opened:
            settle(page)
            assert reruns, f"{path or 'overview'}: the page never ran (no rerun seen)"
        before = {path: len(reruns) for path, _, reruns in opened}
        time.sleep(IDLE_SECONDS)
        after = {path: len(reruns) for path, _, reruns in opened}
        browser.close()
    assert after == before


def test_map_zoom_sends_no_rerun(server):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        reruns = rerun_counter(page)
        page.goto(f"{server}/map?county=610526")
        settle(page)
        frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']").first
        frame.locator(".leaflet-control-zoom-in").click()
        frame.locator(".leaflet-control-zoom-in").click()
        page.mouse.wheel(0, 300)
        seen = len(reruns)
        time.sleep(5)
        frame.locator(".leaflet-control-zoom-out").click()
        time.sleep(5)
        assert len(reruns) == seen
        browser.close()
