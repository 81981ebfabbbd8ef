"""Back and Forward as a reader uses them (issue 21), in Chromium: opening a link adds no
history entry however many URL parameters the page fills in (a first visit used to add up to
five Back steps), and each filter choice adds exactly one, even when it rewrites several
parameters (a county changes the year, the indicator and the school). Back then steps through
those choices and nothing else."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser import require_chromium, watched_page

require_chromium()

SETTLED = """() => {
    const app = document.querySelector('[data-test-script-state]');
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector('h1') !== null;
}"""


def settle(page, title: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('h1') && document.querySelector('h1').innerText.startsWith(t)",
        arg=title,
        timeout=90_000,
    )
    page.wait_for_function(SETTLED, timeout=90_000)
    page.wait_for_timeout(1500)  # any late URL write of the run would land by now


def entries_of_a_plain_load(browser, server: str) -> int:
    """history.length of a fresh tab that opened one address and did nothing else."""
    with watched_page(browser, server, width=1366, height=768) as page:
        page.goto(f"{server}/_stcore/health")
        return page.evaluate("history.length")


def params(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


@pytest.mark.parametrize(
    ("path", "title"),
    [("", "总览"), ("trends", "趋势"), ("school-gaps", "校际差异"), ("province", "陕西省")],
)
def test_a_first_visit_adds_no_back_step(browser, server, path, title):
    plain = entries_of_a_plain_load(browser, server)
    with watched_page(browser, server, width=1366, height=768) as page:
        page.goto(f"{server}/{path}?county=610526&year=2021")
        settle(page, title)
        assert page.evaluate("history.length") == plain
        # the address holds the whole view all the same (a link to copy)
        shown = params(page)
        assert shown["county"] == "610526" and shown["year"] == "2021"
        assert shown["lang"] == "zh" and shown["stage"] == "小学" and shown["set"] == "quality2017"
        if path == "school-gaps":
            assert shown["indicator"] == "teaching_area_per_student"
        assert page.problems == []


def test_each_choice_is_one_back_step(browser, server):
    plain = entries_of_a_plain_load(browser, server)
    with watched_page(browser, server, width=1366, height=768) as page:
        page.goto(f"{server}/school-gaps?county=610102&year=2021")
        settle(page, "校际差异 · 新城区 2021")
        assert page.evaluate("history.length") == plain
        sidebar = page.locator('section[data-testid="stSidebar"]')
        sidebar.get_by_text("初中", exact=True).click()  # one parameter
        page.wait_for_function("() => location.search.includes('stage=%E5%88%9D%E4%B8%AD')")
        settle(page, "校际差异 · 新城区 2021")
        assert page.evaluate("history.length") == plain + 1
        # another county: county and year rewritten (蒲城县's latest year), one step
        sidebar.locator('[data-testid="stSelectbox"]').nth(1).click()
        page.get_by_role("option", name="蒲城县（渭南市）").click()
        settle(page, "校际差异 · 蒲城县")
        assert params(page)["county"] == "610526"
        assert page.evaluate("history.length") == plain + 2
        page.go_back()  # 新城区, 初中
        settle(page, "校际差异 · 新城区 2021")
        assert sidebar.get_by_role("radio", name="初中").is_checked()
        assert params(page)["county"] == "610102" and params(page)["stage"] == "初中"
        page.go_back()  # the link as it was opened: 新城区, 小学
        settle(page, "校际差异 · 新城区 2021")
        assert sidebar.get_by_role("radio", name="小学").is_checked()
        assert params(page)["stage"] == "小学" and params(page)["year"] == "2021"
        page.go_forward()
        settle(page, "校际差异 · 新城区 2021")
        assert sidebar.get_by_role("radio", name="初中").is_checked()
        assert page.problems == []
