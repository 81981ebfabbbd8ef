"""Every page in Debian's Chromium against a real `streamlit run` server on localhost.

Fails on an error element, a console error or a request that leaves localhost, and checks that
Chinese glyphs render with a real font (not tofu boxes). Screenshots go to $SCREENSHOT_DIR
(default: a temporary folder). Skipped when Chromium is missing, except in CI (CI=true).
"""

import json
import os
from pathlib import Path

import pytest

from components import maps
from queries.loader import run
from tests.browser import download, require_chromium
from tests.chart_text import DRAWN_CHARTS

PAGES = {  # url path: charts expected
    "": 1,
    "trends": 3,
    "school-gaps": 2,
    "urban-rural": 3,
    "school-profile": 3,
}

require_chromium()

from playwright.sync_api import Page  # noqa: E402


def wait_for_charts(page: Page, n: int) -> None:
    """Until the script has finished and `n` charts are drawn (tests/chart_text.py)."""
    page.wait_for_function(DRAWN_CHARTS, arg=n, timeout=60_000)
    page.wait_for_timeout(500)


def glyph_renders(page: Page, text: str) -> bool:
    """Draw `text` and a private-use character (always tofu) in the page's font; a real glyph
    gives different pixels."""
    return page.evaluate(
        """(text) => {
            const font = getComputedStyle(document.body).fontFamily;
            const draw = (s) => {
                const c = document.createElement('canvas'); c.width = 64; c.height = 64;
                const g = c.getContext('2d'); g.font = `48px ${font}`; g.fillText(s, 4, 52);
                return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
            };
            return draw(text) !== draw('\\uE000');
        }""",
        text,
    )


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_offline_without_errors(page, server, path, tmp_path):
    page.goto(f"{server}/{path}?county=610526&year=2021")
    wait_for_charts(page, PAGES[path])
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("蒲城县").first.is_visible()
    assert glyph_renders(page, "均")
    out = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"{path or 'overview'}.png"), full_page=True)
    assert page.problems == []


def test_switching_language_in_the_browser(page, server):
    page.goto(f"{server}/?county=610102&year=2021")
    wait_for_charts(page, 1)
    page.get_by_text("English", exact=True).click()
    page.wait_for_function("document.body.innerText.includes('Overview')", timeout=30_000)
    wait_for_charts(page, 1)
    assert "lang=en" in page.url
    assert page.problems == []


def school_map_frame(page: Page):
    return page.frame_locator("iframe[title='streamlit_folium.st_folium']").first


@pytest.mark.parametrize("county", ["610102", "340602", "370786", "610526"])
def test_map_draws_boundary_and_every_school_offline(page, server, demo_con, county):
    expected = demo_con.execute(
        "SELECT count(*) FROM section_inputs WHERE county_code = ? AND year = 2021 "
        "AND stage = '小学' AND longitude IS NOT NULL",
        [county],
    ).fetchone()[0]
    outline = json.loads(run(demo_con, "county_boundary", county=county)["geojson"].iloc[0])
    near, _ = maps.neighbourhood(outline, run(demo_con, "map_surroundings", county=county))
    page.goto(f"{server}/map?county={county}&year=2021")
    frame = school_map_frame(page)
    markers = frame.locator("path.leaflet-interactive")
    markers.nth(expected - 1).wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    assert markers.count() == expected
    # the county, its province and its neighbours: outlines only, not clickable
    outlines = frame.locator(".leaflet-overlay-pane path:not(.leaflet-interactive)")
    assert outlines.count() == 2 + len(near)
    assert frame.locator(".junheng-label").count() == len(near)  # each neighbour named
    assert page.problems == []  # includes: no request left localhost


def test_clicking_a_school_opens_its_profile(page, server):
    page.goto(f"{server}/map?county=610102&year=2021")
    frame = school_map_frame(page)
    marker = frame.locator("path.leaflet-interactive").first
    marker.wait_for(timeout=60_000)
    marker.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content").first
    popup.wait_for(timeout=30_000)
    name = popup.locator("tr").nth(1).locator("td").inner_text().strip()
    popup.get_by_text("打开学校档案 →").click()  # one click from the school to its profile
    page.wait_for_url("**/school-profile**", timeout=60_000, wait_until="commit")
    wait_for_charts(page, 3)
    assert page.get_by_text(f"{name}：").first.is_visible()
    assert page.problems == []


def test_clicking_a_county_on_the_choropleth_drills_into_it(page, server):
    # 陕西省 holds two demo counties: 新城区 (610102, drawn first) and 蒲城县 (610526).
    page.goto(f"{server}/map?county=610526&year=2021")
    choropleth = page.frame_locator("iframe[title='streamlit_folium.st_folium']").nth(1)
    county = choropleth.locator("path.leaflet-interactive").first
    county.wait_for(timeout=60_000)
    county.dispatch_event("click")
    page.wait_for_function(
        "document.querySelector('h1').innerText.includes('新城区')", timeout=30_000
    )
    assert "county=610102" in page.url
    assert page.problems == []


def test_presenter_opens_a_shared_link_and_downloads_png_and_pptx(page, server, tmp_path):
    page.goto(f"{server}/?county=610102&year=2021&present=1")
    wait_for_charts(page, 1)
    assert not page.locator("section[data-testid='stSidebar']").is_visible()
    page.locator("[data-testid='stPopover'] button").first.click()
    with page.expect_download(timeout=60_000) as png:
        page.get_by_text("PNG (3×)").click()
    path = tmp_path / "chart.png"
    png.value.save_as(path)
    assert path.read_bytes().startswith(b"\x89PNG")
    page.keyboard.press("Escape")
    with page.expect_download(timeout=120_000) as deck:
        page.get_by_text("下载县域汇报 PPT").click()
    deck_path = tmp_path / "report.pptx"
    deck.value.save_as(deck_path)
    from pptx import Presentation

    slides = Presentation(str(deck_path)).slides
    assert len(slides) >= 5 and "新城区" in slides[0].shapes.title.text
    assert page.problems == []


def test_analyst_filters_and_exports_csv_equal_to_the_view(page, server, demo_con, tmp_path):
    import pandas as pd

    page.goto(f"{server}/export?county=340602&year=2021&stage=初中")
    page.get_by_text("下载 CSV").wait_for(timeout=60_000)
    path = tmp_path / "export.csv"
    download(page, "下载 CSV").save_as(path)
    table = pd.read_csv(path, encoding="utf-8-sig", dtype={"学校标识码": str})
    column = "生均教学仪器设备值(元/生)"
    shown = {(int(r["年份"]), r["学校标识码"]): r[column] for _, r in table.iterrows()}
    expected = dict(  # the header's year by default; yuan per student to 2 places
        ((y, c), round(v, 2))
        for y, c, v in demo_con.execute(
            "SELECT year, school_code, value FROM indicator_values WHERE county_code = '340602' "
            "AND stage = '初中' AND indicator = 'equipment_value_per_student' AND year = 2021"
        ).fetchall()
    )
    assert shown == expected
    assert page.problems == []
