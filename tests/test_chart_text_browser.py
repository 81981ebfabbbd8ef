"""Chart text as an official sees it (issue 21): at 1366×768 and 1920×1080, in Chinese and in
English, on each chart page, no two SVG text boxes of a plotly figure overlap, none is cut by
the figure's edge and none sits on a data mark (a point or a bar). Boxes are measured in
Chromium (getBoundingClientRect of every visible `text` of the figure's `.main-svg`)."""

import pytest

from tests.browser import require_chromium, watched_page
from tests.chart_text import FIGURE_BOXES, inside, overlap, problems

require_chromium()

SIZES = [(1366, 768), (1920, 1080)]
PAGES = {  # url path: figures expected (蒲城县 has urban, town and rural schools)
    "trends": 3,
    "school-gaps": 2,
    "school-profile": 3,
    "urban-rural": 3,
}


def figure_boxes(browser, server: str, path: str, lang: str, size: tuple[int, int]) -> list:
    width, height = size
    with watched_page(browser, server, width=width, height=height) as page:
        query = "county=610526&year=2021" + ("&lang=en" if lang == "en" else "")
        page.goto(f"{server}/{path}?{query}")
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {PAGES[path]}",
            timeout=90_000,
        )
        page.wait_for_timeout(1500)  # plotly's second layout pass (automargin)
        figures = page.evaluate(FIGURE_BOXES)
        assert page.problems == []
    return figures


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", list(PAGES))
def test_no_chart_text_overlaps_or_is_cut(browser, server, path, lang, size):
    figures = figure_boxes(browser, server, path, lang, size)
    assert len(figures) == PAGES[path]
    for figure in figures:
        assert figure["title"] and len(figure["texts"]) > 5  # something was measured
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
