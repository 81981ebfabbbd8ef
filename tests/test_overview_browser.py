"""The overview in Debian's Chromium (issue 21): at 1366×768 and 1920×1080, in Chinese and
English, under both methods, no text of a chart on the page (the gauges' drawing, any plotly
figure) overlaps another text of it, and none is cut by the edge of its figure (SVG text boxes
measured in the browser: tests/chart_text.py)."""

import pytest

from tests.browser import require_chromium, watched_page
from tests.chart_text import DRAWN_CHARTS, FIGURE_BOXES, problems

require_chromium()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_no_figure_text_overlaps_or_is_cut(browser, server, width, height):
    found = []
    with watched_page(browser, server, width=width, height=height) as page:
        for lang in ("zh", "en"):
            for standard_set in ("quality2017", "basic2012"):
                page.goto(f"{server}/?county=610526&year=2021&lang={lang}&set={standard_set}")
                page.wait_for_function(DRAWN_CHARTS, arg=1, timeout=90_000)
                page.evaluate("document.fonts.ready")
                page.wait_for_timeout(300)
                figures = page.evaluate(FIGURE_BOXES)
                assert len(figures) >= 1 and len(figures[0]["texts"]) > 20, figures
                found += [f"{lang} {standard_set}: {p}" for f in figures for p in problems(f)]
        assert not page.problems, page.problems
    assert not found, found
