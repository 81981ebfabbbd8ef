"""The map page in Chromium, as an official meets it: the county fills the map at 1366×768 and
1920×1080 in Chinese and English (its bounds inside the map's viewport and covering more than
half of it, the legend clear of them, the neighbours' names whole inside the map), Leaflet is
credited in plain text, the school search opens the school on the map, and one click on a
school's popup link opens its profile. Skipped when Chromium is missing, except in CI
(CI=true)."""

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from components import geometry
from tests.browser import require_chromium, watched_page

require_chromium()


SCHOOL_FRAME = "iframe[title='streamlit_folium.st_folium']"


def county_bounds(demo_con, code: str) -> list[list[float]]:
    (outline,) = demo_con.execute(
        "SELECT geojson FROM boundaries WHERE level = 'county' AND code = ?", [code]
    ).fetchone()
    return geometry.bounds([json.loads(outline)])


def open_map(page, server: str, query: str):
    """The page at `query`, once its first map has been fitted (a settled frame height)."""
    page.goto(f"{server}/map?{query}")
    page.locator("h1").first.wait_for(timeout=90_000)
    frame = page.frame_locator(SCHOOL_FRAME).first
    frame.locator(".junheng-legend").wait_for(timeout=90_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000
    )
    page.wait_for_timeout(2000)  # the frame takes the county's shape, then refits
    return frame


def county_box(frame, bounds: list[list[float]]) -> dict:
    """The county's bounding box in the map's pixels, the map's size, whether Leaflet's own
    view (getBounds) contains the county, and in the same pixels the legend's box and the
    boxes of the names shown (neighbouring counties) that reach into the map."""
    return frame.locator(".leaflet-container").first.evaluate(
        """(e, b) => {
            const map = window.map, sw = map.latLngToContainerPoint(b[0]),
                  ne = map.latLngToContainerPoint(b[1]), size = map.getSize();
            const frame = map.getContainer().getBoundingClientRect();
            const box = (r) => ({left: r.left - frame.left, right: r.right - frame.left,
                                 top: r.top - frame.top, bottom: r.bottom - frame.top});
            const labels = [...document.querySelectorAll('.junheng-label')]
                .filter((l) => getComputedStyle(l).visibility !== 'hidden')
                .map((l) => ({text: l.textContent, ...box(l.getBoundingClientRect())}))
                .filter((l) => l.right > 0 && l.left < size.x && l.bottom > 0 && l.top < size.y);
            return {left: sw.x, right: ne.x, top: ne.y, bottom: sw.y,
                    width: size.x, height: size.y,
                    inView: map.getBounds().contains(L.latLngBounds(b)),
                    legend: box(document.querySelector('.junheng-legend').getBoundingClientRect()),
                    labels};
        }""",
        bounds,
    )


def apart(a: dict, b: dict, gap: float = 0) -> bool:
    """Whether two boxes are at least `gap` pixels apart (in x or in y)."""
    return (
        a["right"] + gap <= b["left"]
        or b["right"] + gap <= a["left"]
        or a["bottom"] + gap <= b["top"]
        or b["bottom"] + gap <= a["top"]
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
@pytest.mark.parametrize("county", ["610102", "370786", "340602"])  # compact, tall, between
def test_county_fills_the_map(browser, server, demo_con, county, width, height, lang):
    with watched_page(browser, server, width=width, height=height) as page:
        frame = open_map(page, server, f"county={county}&year=2021&lang={lang}")
        box = county_box(frame, county_bounds(demo_con, county))
        assert box["inView"], box
        assert 0 <= box["left"] < box["right"] <= box["width"], box
        assert 0 <= box["top"] < box["bottom"] <= box["height"], box
        covered = (box["right"] - box["left"]) * (box["bottom"] - box["top"])
        assert covered > 0.5 * box["width"] * box["height"], box
        # the legend clear of the county (its bounds), with room between them
        assert apart(box["legend"], box, gap=24), box
        # the neighbours' names shown lie whole inside the map, none under the legend
        assert box["labels"], box
        for label in box["labels"]:
            assert label["left"] >= 0 and label["right"] <= box["width"], label
            assert label["top"] >= 0 and label["bottom"] <= box["height"], label
            assert apart(label, box["legend"]), label
        # Leaflet is credited in plain text: no flag, no link
        attribution = frame.locator(".leaflet-control-attribution").first
        assert attribution.inner_text().strip() == "Leaflet"
        assert attribution.locator("svg, img, a").count() == 0
        assert page.problems == []


def test_search_opens_the_school_and_its_link_opens_the_profile(browser, server, demo_con):
    code, name = demo_con.execute(
        "SELECT school_code, school_name FROM section_inputs WHERE county_code = '610526' "
        "AND year = 2021 AND stage = '小学' AND longitude IS NOT NULL "
        "ORDER BY school_code LIMIT 1 OFFSET 7"
    ).fetchone()
    with watched_page(browser, server, width=1366, height=768) as page:
        frame = open_map(
            page, server, "county=610526&year=2021&lang=zh&colour=teaching_area_per_student"
        )
        base_zoom = frame.locator(".leaflet-container").first.evaluate("() => window.map.getZoom()")
        search = page.locator("[data-testid='stSelectbox']").filter(has_text="查找学校")
        search.click()
        page.keyboard.type(code)
        page.get_by_role("option", name=re.compile(re.escape(code))).click()
        # the map is drawn again with the school's popup open, zoomed in on it
        popup = page.frame_locator(SCHOOL_FRAME).first.locator(".leaflet-popup-content")
        popup.wait_for(timeout=60_000)
        text = popup.inner_text()
        assert name in text and code in text
        # the value is named by its indicator, unit and standard (not a bare "数值")
        assert "生均教学及辅助用房面积（m²/生，标准 4.5）" in text
        rows = ["学校标识码", name, "在校生", "生均教学及辅助用房面积", "达标项"]
        assert [text.index(row) for row in rows] == sorted(text.index(row) for row in rows)
        zoom = (
            page.frame_locator(SCHOOL_FRAME)
            .first.locator(".leaflet-container")
            .first.evaluate("() => window.map.getZoom()")
        )
        assert zoom == pytest.approx(base_zoom + 2, abs=0.01)
        link = popup.locator("a.junheng-open")
        assert link.inner_text().strip() == "打开学校档案 →"
        target = urlparse(link.get_attribute("href"))
        assert target.path == "/school-profile"
        assert parse_qs(target.query) == {
            "lang": ["zh"],
            "county": ["610526"],
            "year": ["2021"],
            "stage": ["小学"],
            "set": ["quality2017"],
            "school": [code],
        }
        link.click()  # one click: the profile of that school
        page.wait_for_url(re.compile(r"/school-profile\?"), timeout=60_000)
        page.wait_for_function(  # the profile's school chooser shows that school
            "t => [...document.querySelectorAll("
            "'[data-testid=stMain] [data-testid=stSelectbox] input')].some(i => i.value === t)",
            arg=f"{name}（{code}）",
            timeout=120_000,
        )
        assert parse_qs(urlparse(page.url).query)["school"] == [code]
        assert page.problems == []
