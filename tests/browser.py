"""What the browser tests share: Debian's Chromium (never a downloaded browser), skipped
when it is missing except in CI, the app served on a free port with a given database, and a
page that records what must not happen — a console error, a failed response, a dialog, a
request to another host. The fixtures built on them (`browser`, `server` on the demo database,
`page`) are in conftest.py."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"


@contextmanager
def served(db: Path) -> Iterator[str]:
    """The app (`streamlit run app.py`) on a free localhost port reading `db`: yields its base
    URL once /_stcore/health answers, and stops the server on leaving."""
    from bench.streamlit_server import start_streamlit

    process, url = start_streamlit(db)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def require_chromium() -> None:
    """Skip the calling test module without Chromium; in CI (CI=true) that is an error."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"CI=true but {CHROMIUM} is missing: install Debian's chromium")
        pytest.skip("Chromium is not installed", allow_module_level=True)


@contextmanager
def watched_page(browser, server: str, *, width: int = 1600, height: int = 2600) -> Iterator:
    """A page whose `problems` list collects console errors, failed responses, dialogs and
    requests that leave `server` (those are aborted)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.problems = []

    def on_request(route):
        if route.request.url.startswith(server) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            page.problems.append(f"request left localhost: {route.request.url}")
            route.abort()

    def on_response(response):
        # Streamlit probes <page>/_stcore/* when a deep link is opened, then falls back to
        # the root: those 404s are expected.
        if response.status >= 400 and "/_stcore/" not in response.url:
            page.problems.append(f"{response.status} {response.url}")

    def on_console(message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            page.problems.append(f"console: {message.text}")

    def on_dialog(dialog):
        page.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", on_request)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("dialog", on_dialog)
    try:
        yield page
    finally:
        context.close()


def download(page, label: str, *, timeout_ms: int = 45_000):
    """Click the button named `label` and return the download. A click that lands while the
    script is still rerunning (the button about to be replaced) is tried once more."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        with page.expect_download(timeout=timeout_ms) as started:
            page.get_by_text(label).click()
    except PlaywrightTimeout:
        with page.expect_download(timeout=timeout_ms) as started:
            page.get_by_text(label).click()
    return started.value
