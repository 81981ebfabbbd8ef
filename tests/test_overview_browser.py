"""The overview in Debian's Chromium (issue 21): at 1366×768 and 1920×1080, in Chinese and
English, under both methods, no text of a plotly figure on the page overlaps another text of
it, and none is cut by the edge of its figure (SVG text boxes measured in the browser)."""

import pytest

from tests.browser import require_chromium, watched_page

require_chromium()


# The page is drawn when its script has finished and every plotly chart holds its drawing.
DRAWN = """() => {
    const app = document.querySelector('[data-test-script-state]');
    const charts = [...document.querySelectorAll('.stPlotlyChart')];
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && charts.length > 0
        && charts.every(c => c.querySelector('.indicatorlayer path, .plot path'));
}"""

# Every visible, non-empty SVG text element of each figure (titles, annotations, tick labels,
# numbers): its box must lie inside the figure's SVG, and no two boxes may share more than a
# 2-pixel sliver (glyph boxes of neighbouring lines may touch).
TEXT_PROBLEMS = """() => {
    const problems = [];
    document.querySelectorAll('.js-plotly-plot').forEach((plot, n) => {
        const svgs = [...plot.querySelectorAll('.main-svg')];
        const frame = svgs[0].getBoundingClientRect();
        const boxes = [];
        for (const svg of svgs) {
            for (const text of svg.querySelectorAll('text')) {
                const style = getComputedStyle(text);
                const box = text.getBoundingClientRect();
                if (!text.textContent.trim() || style.display === 'none'
                    || style.visibility === 'hidden' || style.opacity === '0'
                    || box.width === 0 || box.height === 0) continue;
                boxes.push({text: text.textContent.trim(), box});
            }
        }
        for (const {text, box} of boxes) {
            if (box.left < frame.left - 1 || box.right > frame.right + 1
                || box.top < frame.top - 1 || box.bottom > frame.bottom + 1) {
                problems.push(`figure ${n}: "${text}" cut by the figure's edge`);
            }
        }
        for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i].box, b = boxes[j].box;
                const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                if (w > 2 && h > 2) {
                    problems.push(`figure ${n}: "${boxes[i].text}" overlaps "${boxes[j].text}"`);
                }
            }
        }
    });
    return {problems, figures: document.querySelectorAll('.js-plotly-plot').length,
            texts: document.querySelectorAll('.js-plotly-plot .main-svg text').length};
}"""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_no_figure_text_overlaps_or_is_cut(browser, server, width, height):
    problems = []
    with watched_page(browser, server, width=width, height=height) as page:
        for lang in ("zh", "en"):
            for standard_set in ("quality2017", "basic2012"):
                page.goto(f"{server}/?county=610526&year=2021&lang={lang}&set={standard_set}")
                page.wait_for_function(DRAWN, timeout=90_000)
                page.evaluate("document.fonts.ready")
                page.wait_for_timeout(300)
                found = page.evaluate(TEXT_PROBLEMS)
                assert found["figures"] >= 1 and found["texts"] > 20, found
                problems += [f"{lang} {standard_set}: {p}" for p in found["problems"]]
        assert not page.problems, page.problems
    assert not problems, problems
