"""Print (Ctrl+P) of every page on A4 (issue 21), in Chromium: the PDF holds the page's title
and its first chart's title (or, on pages without charts, the heading of the first table or
map) as text, nothing of the sidebar or the top menu, and no text cut at the page's right
edge (charts, tables and maps wider than A4 are scaled to it before printing). The PDF's text
and word boxes are read with pdftotext (poppler-utils)."""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from components.i18n import t
from components.presenting import PRINT_WIDTH_PX
from tests.browser import require_chromium, watched_page
from tests.chart_text import DRAWN_CHARTS

require_chromium()

PAGES = {  # url path: charts drawn (蒲城县 2021)
    "": 1,
    "trends": 3,
    "school-gaps": 2,
    "urban-rural": 3,
    "school-profile": 3,
    "map": 0,
    "export": 0,
    "planner": 0,
    "province": 0,  # its charts are in closed tabs: the tab shown prints
}
A4_WIDTH_PT = 595.92


def menu() -> list[tuple]:
    """app.PAGES, the top menu's entries (read from app.py: importing it runs the app)."""
    tree = ast.parse((Path(__file__).parent.parent / "app.py").read_text(encoding="utf-8"))
    (value,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PAGES"
    ]
    return ast.literal_eval(value)


MENU = menu()
MARGIN_PT = 12 / 25.4 * 72  # @page margin 12 mm

# The page's title without its icons (the demo badge's), and what the reader sees first below
# it: the first chart's title, else the first heading shown in the main area (over a table or
# a map; not one in a closed tab), else its first paragraph.
SHOWN_TEXT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const words = (e) => {
    const copy = e.cloneNode(true);
    copy.querySelectorAll('[translate="no"]').forEach((icon) => icon.remove());
    return copy.textContent;
  };
  const shown = (e) => e.getBoundingClientRect().width > 0;
  const chart = [...main.querySelectorAll('.js-plotly-plot, svg.junheng-gauges')].find(shown);
  const text = [...main.querySelectorAll('h2, h3, [data-testid="stMarkdownContainer"] p')]
    .find((e) => shown(e) && e.textContent.trim() && !e.closest('[data-testid="stSidebar"]'));
  return {
    title: words(main.querySelector('h1')),
    first: chart ? chart.querySelector('.gtitle, text').textContent : text ? words(text) : '',
  };
}"""


def words(pdf: bytes) -> list[tuple[float, str]]:
    """(right edge in pt, word) of every word of the PDF."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [
        (float(x_max), word)
        for x_max, word in re.findall(
            r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" '
            r'yMax="[\d.]+">([^<]*)</word>',
            boxes,
        )
    ]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize("path", list(PAGES))
def test_printed_page_holds_its_content_and_no_menu(browser, server, path):
    with watched_page(browser, server, width=1366, height=768) as page:
        page.goto(f"{server}/{path}?county=610526&year=2021")
        page.locator("h1").first.wait_for(timeout=90_000)
        page.wait_for_function(DRAWN_CHARTS, arg=PAGES[path], timeout=90_000)
        page.wait_for_timeout(2000)  # plotly's second layout pass; the map's fit
        shown = page.evaluate(SHOWN_TEXT)
        title, first = shown["title"], shown["first"]
        pdf = page.pdf(format="A4")
        assert page.problems == []
    found = words(pdf)
    text = flat("".join(word for _, word in found))
    # the title up to its year (the demo badge beside it may be read in another order)
    assert re.match(r".*?\d{4}", flat(title))[0] in text, title
    assert first and flat(first)[:12] in text, first
    # nothing of the sidebar (its language switch, its copy-link button) or the top menu
    for hidden in (t("language"), t("copy_link")):
        assert flat(hidden) not in text, hidden
    assert flat("".join(t(key) for _, key, _, _ in MENU)) not in text
    for _, key, url, _ in MENU:
        if key in ("page_planner", "page_province") and url != path:  # named by the menu only
            assert flat(t(key)) not in text, key
    # nothing cut at the right edge of the printable area
    right = A4_WIDTH_PT - MARGIN_PT + 1
    assert [w for x, w in found if x > right] == []


def test_print_width_is_a4_less_its_margins():
    """PRINT_WIDTH_PX (what wide elements are scaled to) fits A4 (210 mm) less the 12 mm
    margins of the print stylesheet, at 96 CSS pixels to the inch."""
    assert PRINT_WIDTH_PX <= (210 - 2 * 12) / 25.4 * 96  # 703.0 px
