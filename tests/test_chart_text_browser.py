"""Chart text as an official sees it (issue 21): at 1366×768 and 1920×1080, in Chinese and
English, on every page that draws charts — the charts inside closed tabs and behind a toggle
opened first — no two SVG text boxes of a plotly figure overlap, none is cut by the figure's
edge and none sits on a data mark (a point or a bar). Boxes are measured in Chromium
(getBoundingClientRect of every visible `text` of the figure's `.main-svg`). A view that shows
fewer charts than expected fails: nothing passes by measuring nothing."""

import pytest

from components.i18n import t
from tests.browser import require_chromium, watched_page
from tests.chart_text import DRAWN_CHARTS, FIGURE_BOXES, inside, overlap, problems

require_chromium()

SIZES = [(1366, 768), (1920, 1080)]
# What is opened before measuring: nothing, a tab (its label's key) or a toggle (its label's
# key); then how many charts that view shows (蒲城县 has urban, town and rural schools).
VIEWS = {
    "overview": ("", None, 1),
    "trends": ("trends", None, 3),
    "trends-pace": ("trends", ("toggle", "pace_toggle"), 3),
    "school-gaps": ("school-gaps", None, 2),
    "school-profile": ("school-profile", None, 3),
    "urban-rural": ("urban-rural", None, 3),
    "province-peers": ("province", ("tab", "province_tab_peers"), 1),
    "province-pace": ("province", ("tab", "province_tab_pace"), 1),
}


def wait_drawn(page, n: int) -> None:
    """Until the script has finished and `n` charts are shown and drawn (a view showing fewer
    times out here)."""
    page.wait_for_function(DRAWN_CHARTS, arg=n, timeout=90_000)
    page.wait_for_timeout(1500)  # plotly's second layout pass (automargin)


def open_view(page, server: str, view: str, lang: str) -> None:
    path, action, n = VIEWS[view]
    query = "county=610526&year=2021" + ("&lang=en" if lang == "en" else "")
    page.goto(f"{server}/{path}?{query}")
    if action is None:
        wait_drawn(page, n)
        return
    kind, key = action
    page.locator("h1").first.wait_for(timeout=90_000)
    if kind == "tab":
        page.get_by_role("tab", name=t(key, lang), exact=True).click()
    else:
        wait_drawn(page, n)  # the toggle reruns the page: wait for the first drawing
        page.locator("[data-testid='stCheckbox']").filter(has_text=t(key, lang)).click()
        page.wait_for_timeout(500)
    wait_drawn(page, n)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_no_chart_text_overlaps_or_is_cut(browser, server, view, lang, size):
    width, height = size
    with watched_page(browser, server, width=width, height=height) as page:
        open_view(page, server, view, lang)
        figures = page.evaluate(FIGURE_BOXES)
        assert page.problems == []
    assert len(figures) == VIEWS[view][2]
    for figure in figures:
        assert figure["title"] and len(figure["texts"]) > 5  # something was measured
    # each chart's camera saves under its own name: county, year and chart (issue 21)
    names = [figure["filename"] for figure in figures]
    assert all(n.startswith("junheng-610526-蒲城县-2021-") for n in names), names
    assert len(set(names)) == len(names), names
    assert [p for figure in figures for p in problems(figure)] == []


def test_the_checks_find_overlaps_cuts_and_labels_on_data():
    """The geometry the test relies on, on boxes drawn by hand."""
    label = {"x0": 10, "y0": 10, "x1": 60, "y1": 30, "text": "标准线 0.50", "cls": ""}
    point = {"x0": 50, "y0": 20, "x1": 58, "y1": 28}
    figure = {"x0": 0, "y0": 0, "x1": 100, "y1": 100}
    assert overlap(label, point) and inside(label, figure)
    assert not overlap(label, {"x0": 60, "y0": 10, "x1": 90, "y1": 30})  # touching only
    assert not inside({"x0": -5, "y0": 10, "x1": 20, "y1": 30}, figure)
    found = problems(
        {
            "title": "t",
            "figure": figure,
            "area": None,
            "texts": [label, {**label, "text": "2024", "x0": 40, "x1": 80}],
            "marks": [point],
        }
    )
    assert len(found) == 3  # the two labels overlap, and each sits on the point
