"""What the chart-text browser test measures, in the page: every visible SVG text box of each
chart shown (not in a closed tab) — a plotly figure, or a drawing made on the server as SVG
(components/gauges.py) — checked against the others, against the figure and against the data
marks."""

# True once the script has finished and at least `n` charts are shown (a chart in a closed tab
# has no size), each holding its drawing.
DRAWN_CHARTS = """(n) => {
  const app = document.querySelector('[data-test-script-state]');
  const shown = [...document.querySelectorAll('.js-plotly-plot, svg.junheng-gauges')]
    .filter((p) => p.getBoundingClientRect().width > 0);
  return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
    && shown.length >= n && shown.every((p) => p.querySelector('.main-svg text, text'));
}"""

# For each figure: the file name its camera button saves under, its box, the boxes of its
# visible text (tick labels, titles, legend, annotations, bar labels), of its plot area and of
# its data marks (scatter points, bars).
FIGURE_BOXES = """() => {
  const box = (r) => ({x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
  const visible = (e) => {
    const r = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return r.width > 0.5 && r.height > 0.5 && style.visibility !== 'hidden'
      && style.display !== 'none' && Number(style.opacity || 1) > 0
      && e.textContent.trim() !== '';
  };
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter((plot) => plot.getBoundingClientRect().width > 0).map((plot) => {
    const title = plot.querySelector('.gtitle');
    const texts = Array.from(plot.querySelectorAll('.main-svg text'))
      .filter((e) => visible(e) && !e.closest('.hoverlayer') && !e.closest('.modebar'))
      .map((e) => ({text: e.textContent, cls: e.getAttribute('class') || '',
                    ...box(e.getBoundingClientRect())}));
    const marks = Array.from(plot.querySelectorAll('.scatterlayer .point, .barlayer .point path'))
      .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0).map(box);
    const area = plot.querySelector('.draglayer .nsewdrag');
    const camera = (plot._context || {}).toImageButtonOptions || {};
    return {
      title: title ? title.textContent : '',
      filename: camera.filename || '',
      figure: box(plot.querySelector('.main-svg').getBoundingClientRect()),
      area: area ? box(area.getBoundingClientRect()) : null,
      texts, marks,
    };
  });
  // A drawing: its texts (a wrapped title's lines one by one); no marks (a gauge's number
  // sits inside its arc's box by design); its downloads' name on its wrapper.
  const drawings = Array.from(document.querySelectorAll('svg.junheng-gauges'))
    .filter((svg) => svg.getBoundingClientRect().width > 0).map((svg) => ({
      title: svg.getAttribute('aria-label') || '',
      filename: svg.closest('.junheng-drawing').dataset.filename || '',
      figure: box(svg.getBoundingClientRect()),
      area: null,
      texts: Array.from(svg.querySelectorAll('text')).filter(visible)
        .flatMap((e) => e.querySelector('tspan') ? Array.from(e.querySelectorAll('tspan')) : [e])
        .map((e) => ({text: e.textContent, cls: 'drawn', ...box(e.getBoundingClientRect())})),
      marks: [],
    }));
  return [...drawings, ...plots];
}"""

TOLERANCE = 1.0  # px: glyph boxes of neighbouring labels may touch


def overlap(a: dict, b: dict, tolerance: float = TOLERANCE) -> bool:
    return (
        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > tolerance
        and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > tolerance
    )


def inside(a: dict, outer: dict, tolerance: float = TOLERANCE) -> bool:
    return (
        a["x0"] >= outer["x0"] - tolerance
        and a["y0"] >= outer["y0"] - tolerance
        and a["x1"] <= outer["x1"] + tolerance
        and a["y1"] <= outer["y1"] + tolerance
    )


def problems(figure: dict) -> list[str]:
    """Text boxes of one figure that overlap each other, leave the figure, or sit on a data
    mark (a point or a bar); data labels (bar texts) must stay inside the figure too."""
    found = []
    texts = figure["texts"]
    name = figure["title"][:30]
    for i, a in enumerate(texts):
        if not inside(a, figure["figure"]):
            found.append(f"{name}: {a['text']!r} clipped by the figure {a} {figure['figure']}")
        for b in texts[i + 1 :]:
            if overlap(a, b):
                found.append(f"{name}: {a['text']!r} overlaps {b['text']!r}")
        if "bartext" not in a["cls"]:
            for mark in figure["marks"]:
                if overlap(a, mark, 2.0):
                    found.append(f"{name}: {a['text']!r} sits on a data mark {mark}")
                    break
    return found
