"""Hostile names in Chromium: HTML and Markdown stored as the names of the schools, their
township, their county and province (新城区 610102 in a copy of the demo database), then every
page opened, map markers hovered and clicked, outlines uploaded, a plan made. Nothing runs (no
dialog, no global set by a payload, no console error), no request leaves localhost, and the
text is shown as it was stored.
"""

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from data.build import store_results
from tests.browser import require_chromium, served

require_chromium()

from playwright.sync_api import Page  # noqa: E402

# Each payload, if it ran, would set top.__pwned, open a dialog or fetch evil.example.
SCHOOL = (
    '<img src=x onerror="top.__pwned=1;alert(1)"><script>top.__pwned=2</script>'
    "![s](http://evil.example/s.png)`${top.__pwned=3}`<a href='http://evil.example/a'>点此</a>小学"
)
TOWNSHIP = '<svg onload="top.__pwned=4;alert(4)"></svg>[登录已过期，点此](http://evil.example/t)镇'
COUNTY = '<img src=x onerror="top.__pwned=5;alert(5)">![c](http://evil.example/c.png)区'
PROVINCE = '<b onmouseover="top.__pwned=6">陕西</b>:material/warning: $x$'
CODE = "610102"
URL = f"?county={CODE}&year=2021"


@pytest.fixture(scope="module")
def hostile_db(demo_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE counties SET county_name = ? WHERE county_code = ?", [COUNTY, CODE])
    con.execute(
        "UPDATE counties SET province_name = ? WHERE province_code = "
        "(SELECT province_code FROM counties WHERE county_code = ?)",
        [PROVINCE, CODE],
    )
    con.execute(
        "UPDATE school_sections SET school_name = ? || ' ' || school_code, township = ? "
        "WHERE county_code = ?",
        [SCHOOL, TOWNSHIP, CODE],
    )
    store_results(con)  # the stored flags and compliance carry the hostile names too
    con.close()
    return path


@pytest.fixture(scope="module")
def server(hostile_db):
    """The app on the hostile copy (conftest's `page` opens pages of it)."""
    with served(hostile_db) as url:
        yield url


def assert_nothing_ran(page: Page) -> None:
    """No payload ran, no link or image to evil.example exists in the page or its frames, and
    nothing was requested from another host."""
    page.wait_for_timeout(800)
    assert page.evaluate("() => window.__pwned") is None
    for frame in page.frames:
        planted = frame.evaluate(
            "() => document.querySelectorAll("
            '\'a[href*="evil"]:not([href^="#"]), img[src*="evil"], img[src="x"], [onerror], '
            "[onload], [onmouseover]').length"
        )
        assert planted == 0, frame.url
    assert page.problems == []


def shown(text: str) -> str:
    """Text as read: Markdown sinks put an invisible word joiner (U+2060) after `://`, `www`
    and `@` so that a bare address is not made a link."""
    return text.replace("\u2060", "")


def main_text(page: Page) -> str:
    return shown(page.locator("[data-testid='stMain']").first.inner_text())


def open_page(page: Page, server: str, path: str) -> None:
    page.goto(f"{server}/{path}{URL}")
    page.locator("h1").first.wait_for(timeout=60_000)
    page.wait_for_function(  # the run is over and the sidebar's choosers are drawn
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]') && document"
        '.querySelectorAll(\'[data-testid="stSidebar"] [data-testid="stSelectbox"]\')'
        ".length >= 3",
        timeout=60_000,
    )
    page.wait_for_timeout(1500)


@pytest.mark.parametrize(
    "path", ["", "trends", "school-gaps", "urban-rural", "school-profile", "export"]
)
def test_hostile_names_show_as_text_on_every_page(page, server, path):
    open_page(page, server, path)
    title = shown(page.locator("h1").first.inner_text())
    assert COUNTY in title  # the county's name, character for character
    sidebar = page.locator("section[data-testid='stSidebar']").evaluate(
        "e => e.textContent + [...e.querySelectorAll('input')].map(i => i.value).join(' ')"
    )
    assert COUNTY in sidebar and PROVINCE in sidebar  # the province and county choosers
    if path == "school-profile":
        assert TOWNSHIP in main_text(page)  # the caption: type · group · township · …
        assert SCHOOL in main_text(page)  # the school chooser
    assert page.locator("[data-testid='stException']").count() == 0
    assert_nothing_ran(page)


def map_frame(page: Page, n: int):
    return page.frame_locator("iframe[title='streamlit_folium.st_folium']").nth(n)


def test_school_map_tooltip_popup_and_profile_link_show_the_name_as_text(page, server):
    open_page(page, server, "map")
    frame = map_frame(page, 0)
    marker = frame.locator("path.leaflet-interactive").first
    marker.wait_for(timeout=60_000)
    marker.dispatch_event("mouseover")
    tooltip = frame.locator(".leaflet-tooltip").first
    tooltip.wait_for(timeout=10_000)
    assert tooltip.inner_text().startswith(SCHOOL + " ")
    marker.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content").first
    popup.wait_for(timeout=10_000)
    assert SCHOOL in popup.inner_text()
    (link,) = popup.locator("a").all()  # the school's profile, by its code in the URL
    assert link.inner_text().strip() == "打开学校档案 →"
    href = link.get_attribute("href")
    assert href.startswith("/school-profile?") and "&school=2610102" in href
    assert_nothing_ran(page)


def test_province_choropleth_shows_county_and_province_as_text(page, server):
    open_page(page, server, "map")
    assert PROVINCE in main_text(page)  # the choropleth's heading
    frame = map_frame(page, 1)
    county = frame.locator("path.leaflet-interactive").first  # 610102 is drawn first
    county.wait_for(timeout=60_000)
    county.dispatch_event("mouseover")
    tooltip = frame.locator(".leaflet-tooltip").first
    tooltip.wait_for(timeout=10_000)
    assert COUNTY in tooltip.inner_text()
    assert_nothing_ran(page)


def test_uploaded_outlines_with_hostile_names_and_properties(page, server):
    square = [[108.9, 34.2], [109.1, 34.2], [109.1, 34.35], [108.9, 34.35], [108.9, 34.2]]

    def outline(name: str, **extra: str) -> dict:
        return {
            "type": "Feature",
            "properties": {"name": name, **extra},
            "geometry": {"type": "Polygon", "coordinates": [square]},
        }

    unmatched = [
        f"<svg onload=top.__pwned={9 + i}>[点此](http://evil.example/{i})" for i in range(3)
    ]
    upload = {
        "type": "FeatureCollection",
        "features": [
            outline(TOWNSHIP, note="</script><script>top.__pwned=8;alert(8)</script>"),
            *[outline(name) for name in unmatched],
        ],
    }
    filename = "<img src=x onerror=top.__pwned=7>[点此](evil).geojson"
    open_page(page, server, "map")
    page.get_by_text("乡镇 / 学区边界（上传 GeoJSON）").click()
    page.locator("input[type='file']").set_input_files(
        files=[
            {
                "name": filename,
                "mimeType": "application/geo+json",
                "buffer": json.dumps(upload).encode(),
            }
        ]
    )
    page.get_by_text("已加载 1 个边界").wait_for(timeout=60_000)
    text = main_text(page)
    assert f"已加载的边界：{filename}" in text
    assert "有 3 个要素与本县任何乡镇(街道)都不匹配" in text
    assert all(name in text for name in unmatched)
    frame = map_frame(page, 0)  # the outlines are drawn on the school map, named
    frame.locator(".junheng-label.township").first.wait_for(timeout=60_000)
    assert frame.locator(".junheng-label.township").first.inner_text() == TOWNSHIP
    zone = frame.locator("path.leaflet-interactive").first  # the outline, under the schools
    zone.wait_for(timeout=60_000)
    zone.dispatch_event("mouseover")
    tooltip = frame.locator(".leaflet-tooltip").first
    tooltip.wait_for(timeout=10_000)
    assert tooltip.inner_text() == TOWNSHIP
    assert_nothing_ran(page)


def test_planner_lists_moves_between_hostile_schools_as_text(page, server):
    open_page(page, server, "planner")
    page.get_by_role("tab", name="手工调整与方案对比").click()
    page.get_by_role("button", name="加入方案").click()
    page.get_by_text("当前方案（1 项调整）").first.wait_for(timeout=60_000)
    page.locator("[data-testid='stMarkdown'] li").first.wait_for(timeout=60_000)  # drawn next
    moves = [shown(li.inner_text()) for li in page.locator("[data-testid='stMarkdown'] li").all()]
    assert len(moves) == 1 and moves[0].count(SCHOOL) == 2, moves
    assert_nothing_ran(page)


@pytest.mark.parametrize(
    "value",
    ["![x](http://evil.example/b.png)", "[登录已过期，点此](http://evil.example/login)"],
)
def test_url_parameters_show_as_text_and_call_nowhere(page, server, value):
    page.goto(f"{server}/?county={value}")
    page.locator("h1").first.wait_for(timeout=60_000)
    notice = page.locator("section[data-testid='stSidebar'] [data-testid='stAlert']").first
    notice.wait_for(timeout=30_000)
    assert f"county={value}" in shown(notice.inner_text())
    assert_nothing_ran(page)
