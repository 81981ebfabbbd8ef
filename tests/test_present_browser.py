"""What presenters meet in Chromium: presentation mode survives every top-menu entry and makes
chart text at least 18 px; every page path (and /overview, and a path naming no page) opens in
Chinese with no "Page not found"; <html lang> follows the language; a URL with filters
reproduces them. Skipped when Chromium is missing, except in CI (CI=true)."""

from urllib.parse import urlparse

import pytest

from components.i18n import t
from tests.browser import require_chromium, watched_page

require_chromium()


MENU = (  # (url path, title key) in the order of the top menu
    ("", "page_overview"),
    ("trends", "page_trends"),
    ("school-gaps", "page_gaps"),
    ("urban-rural", "page_urban_rural"),
    ("school-profile", "page_profile"),
    ("map", "page_map"),
    ("export", "page_export"),
    ("planner", "page_planner"),
    ("province", "page_province"),
)
VIEWPORTS = ((1366, 768), (1920, 1080))
CHART_FONTS = "Array.from(document.querySelectorAll('.js-plotly-plot .main-svg text'))" + (
    ".filter(e => e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))"
)


def title_of(key: str) -> str:
    """The page heading on 新城区 2021 (the city / province page names the province)."""
    return "陕西省 2021" if key == "page_province" else f"{t(key, 'zh')} · 新城区 2021"


def wait_for_lang(page, code: str) -> None:
    page.wait_for_function(
        "(code) => document.documentElement.lang === code", arg=code, timeout=30_000
    )


def wait_for_title(page, text: str) -> None:
    page.wait_for_function(
        "(text) => Array.from(document.querySelectorAll('h1')).some(h => h.textContent"
        ".includes(text))",
        arg=text,
        timeout=60_000,
    )
    page.wait_for_timeout(800)


def no_page_not_found(page) -> None:
    assert page.get_by_text("Page not found").count() == 0
    assert not [p for p in page.problems if "dialog" in p]


@pytest.mark.parametrize("size", VIEWPORTS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presentation_mode_survives_every_menu_entry(browser, server, size):
    width, height = size
    with watched_page(browser, server, width=width, height=height) as page:
        page.goto(f"{server}/trends?present=1&county=610102&year=2021")
        wait_for_title(page, "趋势 · 新城区 2021")
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot .main-svg text').length > 10",
            timeout=60_000,
        )
        fonts = page.evaluate(CHART_FONTS)
        assert fonts and min(fonts) >= 18, sorted(fonts)[:5]  # ≈ 11–13 px before
        for path, key in MENU:
            title = t(key, "zh")
            page.get_by_role("link", name=title, exact=True).first.click()
            wait_for_title(page, title_of(key))
            url = page.url
            assert urlparse(url).path.strip("/") == path, (title, url)
            assert "present=1" in url, (title, url)
            assert "county=610102" in url and "year=2021" in url
            assert not page.locator('section[data-testid="stSidebar"]').is_visible(), title
            fonts = page.evaluate(CHART_FONTS)
            assert not fonts or min(fonts) >= 18, (title, sorted(fonts)[:5])
        no_page_not_found(page)


@pytest.mark.parametrize(
    "path", [p for p, _ in MENU] + ["overview", "no-such-page"], ids=lambda p: p or "root"
)
def test_every_path_opens_in_chinese_without_page_not_found(browser, server, path):
    with watched_page(browser, server, width=1366, height=768) as page:
        page.goto(f"{server}/{path}?county=610102&year=2021")
        wait_for_title(page, title_of(dict(MENU).get(path, "page_overview")))
        no_page_not_found(page)
        wait_for_lang(page, "zh-CN")
        assert urlparse(page.url).path.strip("/") == (path if path in dict(MENU) else "")


def test_html_lang_follows_the_language(browser, server):
    with watched_page(browser, server, width=1366, height=768) as page:
        page.goto(f"{server}/trends?lang=en&county=610102&year=2021")
        wait_for_title(page, "Trends · 新城区 2021")
        wait_for_lang(page, "en")
        page.get_by_text("中文", exact=True).click()
        wait_for_title(page, "趋势 · 新城区 2021")
        wait_for_lang(page, "zh-CN")


def test_a_url_with_filters_reproduces_them(browser, server):
    with watched_page(browser, server, width=1366, height=768) as page:
        page.goto(f"{server}/trends?county=370786&year=2019&stage=初中&set=basic2012")
        wait_for_title(page, "趋势 · 昌邑市 2019")
        sidebar = page.locator('section[data-testid="stSidebar"]')
        boxes = sidebar.locator('[data-testid="stSelectbox"] input')
        assert boxes.nth(1).input_value() == "昌邑市（潍坊市）"
        assert boxes.nth(2).input_value() == "2019"
        assert sidebar.get_by_role("radio", name="初中").is_checked()
        assert sidebar.get_by_role("radio", name="基本均衡 (2012)").is_checked()
        # the view's own choices come back in the URL, so the link can be copied as it is
        url = page.url
        for part in ("county=370786", "year=2019", "set=basic2012"):
            assert part in url
        assert sidebar.get_by_text(t("copy_link", "zh")).count() == 1
        no_page_not_found(page)


def test_back_steps_through_filter_choices(browser, server):
    with watched_page(browser, server, width=1366, height=768) as page:
        page.goto(f"{server}/trends?county=610102&year=2021")
        wait_for_title(page, "趋势 · 新城区 2021")
        sidebar = page.locator('section[data-testid="stSidebar"]')
        for year in ("2019", "2017"):
            sidebar.locator('[data-testid="stSelectbox"]').nth(2).click()
            page.get_by_role("option", name=year, exact=True).click()
            wait_for_title(page, f"趋势 · 新城区 {year}")
            page.wait_for_function("(y) => location.search.includes('year=' + y)", arg=year)
        page.go_back()
        wait_for_title(page, "趋势 · 新城区 2019")
        page.go_back()
        wait_for_title(page, "趋势 · 新城区 2021")
        assert "year=2021" in page.url
        page.go_forward()
        wait_for_title(page, "趋势 · 新城区 2019")
        no_page_not_found(page)


def test_a4_print_has_no_sidebar_and_one_chart_a_page(browser, server, tmp_path):
    with watched_page(browser, server, width=1366, height=768) as page:
        page.goto(f"{server}/trends?county=610102&year=2021")
        wait_for_title(page, "趋势 · 新城区 2021")
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3", timeout=60_000
        )
        page.wait_for_timeout(1000)
        charts = page.locator(".js-plotly-plot").count()
        page.emulate_media(media="print")
        assert not page.locator('section[data-testid="stSidebar"]').is_visible()
        assert not page.get_by_text(t("copy_link", "zh")).is_visible()
        pdf = page.pdf(format="A4")  # Chrome's print: A4, background graphics off
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        assert pages == charts == 3  # each chart begins a page, none is cut off at the end
