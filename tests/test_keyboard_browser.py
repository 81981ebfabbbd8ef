"""Keyboard access (issue 21), in Chromium at 1366×768: on every page, Tab alone reaches every
control shown — sidebar filters, top menu, tabs, buttons, download menus, data-table toggles,
map frames, the school search — each with a visible focus indicator; and the controls work
with Enter, Space and the arrow keys. A control of a composite widget that takes tabindex -1
on purpose, or an option of a radio group (moved between with the arrows; a select box's
chevron beside its input) counts as reached when its widget is."""

import pytest

from tests.browser import require_chromium, watched_page
from tests.chart_text import DRAWN_CHARTS

require_chromium()

PAGES = {"": 1, "trends": 3, "school-gaps": 2, "urban-rural": 3, "school-profile": 3}
PAGES |= {"map": 0, "export": 0, "planner": 0, "province": 0}
MOST_TABS = 600

# Marks the element that has the focus (an iframe when the focus is inside a map's frame) and
# tells what it is; its style and its ancestors' are kept to compare with the unfocused ones.
MARK_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  if (!e.dataset.kbId) e.dataset.kbId = String(document.querySelectorAll('[data-kb-id]').length);
  return e.dataset.kbId;
}"""

# Every control shown on the page that the keyboard must reach; `reached` when it, or another
# element of the same widget (radio group, select box), had the focus.
CONTROLS = """() => {
  const selector = 'button, a[href], input, select, textarea, [role="tab"], [role="radio"],'
    + '[role="switch"], [role="checkbox"], [role="combobox"], [role="slider"], iframe,'
    + '[tabindex]:not([tabindex="-1"])';
  const shown = (e) => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
  };
  const widget = (e) => e.closest('[data-testid="stRadio"], [data-testid="stSelectbox"],'
    + '[data-testid="stButtonGroup"], [data-testid="stSlider"], [data-testid="stTabs"]');
  return [...document.querySelectorAll(selector)]
    .filter((e) => shown(e) && !e.disabled && !e.closest('.modebar')
      && !e.closest('details:not([open]) > :not(summary)')  // in a closed expander
      && !e.closest('[data-testid="stHeaderActionElements"]'))  // heading anchors (on hover)
    .map((e) => {
      const group = widget(e);
      const roving = e.getAttribute('tabindex') === '-1' || e.getAttribute('role') === 'radio'
        || e.closest('[data-testid="stButtonGroup"]') !== null;  // pills: arrows between them
      const reached = e.dataset.kbId !== undefined
        || (roving && group !== null && group.querySelector('[data-kb-id]') !== null);
      return {what: `${e.tagName} ${e.getAttribute('role') || ''} `
        + `${(e.innerText || e.value || e.getAttribute('aria-label') || e.title || '').trim()}`
          .slice(0, 60), reached};
    });
}"""

# Whether the focused element shows that it has the focus: an outline (the app's ring for
# keyboard focus, components/presenting.FOCUS_CSS) or a ring drawn as a box shadow — on its
# label when the element itself is hidden (radio buttons, switches); a style that removes the
# outline without a ring fails here.
RINGED = """() => {
  let e = document.activeElement;
  if (!e.matches(':focus-visible')) return false;
  const box = e.getBoundingClientRect();
  if (box.width < 4 || box.height < 4 || getComputedStyle(e).opacity === '0') {
    e = e.closest('label');  // a hidden input (radio, switch): the ring is its label's
    if (!e) return false;
  }
  const s = getComputedStyle(e);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
}"""


GRIDS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .filter((grid) => grid.getBoundingClientRect().width > 0)  // not in a closed tab
  .every((grid) => grid.querySelector('canvas') !== null)"""


def open_page(page, server: str, path: str) -> None:
    page.goto(f"{server}/{path}?county=610526&year=2021")
    page.locator("h1").first.wait_for(timeout=90_000)
    page.wait_for_function(DRAWN_CHARTS, arg=PAGES[path], timeout=90_000)
    # data grids load their script after the page's: tabbing before one is drawn misses it
    page.wait_for_function(GRIDS_DRAWN, timeout=90_000)
    page.wait_for_timeout(2000)


def tab_through(page) -> list[str]:
    """Press Tab until the focus comes back to where it began; the focused elements in order,
    and for each whether it looked different focused (focus indicator)."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    order: list[str] = []
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(MARK_FOCUSED)
        if focused is None:
            continue
        if order and focused == order[0]:
            return order
        order.append(focused)
    raise AssertionError(f"the focus never came back to the first control in {MOST_TABS} tabs")


@pytest.mark.parametrize("path", list(PAGES))
def test_tab_reaches_every_control_with_a_visible_focus(browser, server, path):
    with watched_page(browser, server, width=1366, height=768) as page:
        open_page(page, server, path)
        order = tab_through(page)
        missed = [c["what"] for c in page.evaluate(CONTROLS) if not c["reached"]]
        assert missed == []
        unmarked = []
        for focused in dict.fromkeys(order):  # each once, in the order reached
            page.locator(f'[data-kb-id="{focused}"]').first.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")  # focused from the keyboard (:focus-visible)
            if page.evaluate(MARK_FOCUSED) != focused:
                continue  # a frame or a widget that moved the focus inside itself
            page.wait_for_timeout(250)  # rings and links fade in
            if not page.evaluate(RINGED):
                unmarked.append(
                    page.evaluate(
                        "() => { const e = document.activeElement; return `${e.tagName} `"
                        " + (e.innerText || e.getAttribute('aria-label') || '').slice(0, 60); }"
                    )
                )
        assert unmarked == []
        assert page.problems == []


def test_controls_work_from_the_keyboard(browser, server):
    """Arrows move a radio group and open a select box, typing and Enter pick in it, Space
    turns the data table on, Enter opens the download menu and follows a top-menu entry."""
    with watched_page(browser, server, width=1366, height=768) as page:
        open_page(page, server, "school-gaps")
        sidebar = page.locator('section[data-testid="stSidebar"]')
        sidebar.get_by_role("radio", name="小学").focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => location.search.includes('stage=%E5%88%9D%E4%B8%AD')")
        page.wait_for_function(DRAWN_CHARTS, arg=2, timeout=90_000)
        assert sidebar.get_by_role("radio", name="初中").is_checked()
        year = sidebar.locator('[data-testid="stSelectbox"] input').nth(2)
        year.focus()
        page.keyboard.press("ArrowDown")  # opens the list
        page.get_by_role("option", name="2020", exact=True).wait_for(timeout=30_000)
        page.keyboard.type("2020")
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.search.includes('year=2020')")
        page.wait_for_function(DRAWN_CHARTS, arg=2, timeout=90_000)
        page.wait_for_timeout(1000)
        tables = page.locator('[data-testid="stDataFrame"]').count()
        page.get_by_role("switch", name="数据表").first.focus()
        page.keyboard.press("Space")
        page.wait_for_function(
            "(n) => document.querySelectorAll('[data-testid=stDataFrame]').length > n",
            arg=tables,
            timeout=60_000,
        )
        page.locator('[data-testid="stPopover"] button').first.focus()
        page.keyboard.press("Enter")
        page.get_by_text("PNG (3×)").wait_for(timeout=30_000)
        page.keyboard.press("Escape")
        page.get_by_role("link", name="城乡差距").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/urban-rural**", timeout=60_000)
        assert page.problems == []
