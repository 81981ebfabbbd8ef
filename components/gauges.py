"""The overview's gauges drawn on the server as one SVG: the same gauges as
`charts.overview_gauges` (kept for the PNG download), without plotly.js in the browser.

Why: a first visit of the overview spent about a second of the browser's main thread loading
plotly's 4.7 MB module and drawing 11 gauges; an SVG of text and arcs is drawn with the page.
Text stays text (copyable, printed, read by screen readers); every name is HTML-escaped on one
line (`components.text.html_line`: the SVG is shown with st.markdown(unsafe_allow_html=True),
since st.html's sanitiser keeps HTML only). The drawing is laid out in units of the narrowest chart
(NARROWEST_PX) and scales with the page's width up to `max_px`.
"""

import math
from typing import NamedTuple

import pandas as pd

from components.charts import (
    FONT,
    MEAN_COLOUR,
    NARROWEST_PX,
    NEUTRAL_COLOUR,
    NOTE_PX,
    THRESHOLD_COLOUR,
    TITLE_PX,
    StageGauge,
    change_text,
    fitted_lines,
    gauge_range,
    label_lines,
)
from components.numbers import fmt, over_line
from components.text import html_line as html

WIDTH = NARROWEST_PX
PAD = 10
CELLS_PER_ROW = 4
TRACK_COLOUR = "#EEEEEE"
OVER_ZONE = "rgba(213, 94, 0, 0.35)"
MESSAGE_COLOUR = "#92400e"
TICK_PX = 13
# A text's box in Chromium is the font's ascent + descent (Noto Sans CJK: 1.16 + 0.29 em), so
# lines 1.5 em apart never touch, and a text set `top` down has its baseline ASCENT em lower.
ASCENT, DESCENT, LINE_HEIGHT = 1.16, 0.29, 1.5
GAUGES_MAX_PX = 1120  # wider, the gauges would fill a 1080p screen's height


class Layout(NamedTuple):
    """One kind of gauge in units: title block, room for the threshold's tick label, the arc's
    radius as a share of its box's half-width, the number's size and the change's size."""

    title_lines: int
    title_px: int
    title_width: int  # half-characters per title line
    tick_room: int
    box_share: float  # the gauge's box: this share of its cell's width
    number_px: int
    change_px: int


HEADLINE = Layout(2, 18, 40, 26, 0.76, 44, 18)
CELL = Layout(3, 14, 26, 24, 0.8, 26, 15)


def text_svg(
    lines: list[str], x: float, top: float, size: float, *, colour: str, anchor: str = "middle"
) -> str:
    """Lines of text (unescaped), the first one's box `top` down, each a tspan."""
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + size * (ASCENT + LINE_HEIGHT * i):.1f}">{html(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text font-size="{size}" fill="{colour}" text-anchor="{anchor}">{spans}</text>'


def xy(cx: float, cy: float, r: float, angle: float) -> tuple[float, float]:
    """The point at radius r and `angle` (0 to the right, π to the left) of centre (cx, cy)."""
    return cx + r * math.cos(angle), cy - r * math.sin(angle)


def point(cx: float, cy: float, r: float, angle: float) -> str:
    x, y = xy(cx, cy, r, angle)
    return f"{x:.2f},{y:.2f}"


def band(cx: float, cy: float, radii: tuple[float, float], angles: tuple[float, float]) -> str:
    """The path of an arc band between two radii from angle a0 to a1 (a0 > a1: clockwise on
    screen, the way a gauge fills)."""
    inner, outer = radii
    a0, a1 = angles
    return (
        f"M{point(cx, cy, outer, a0)} A{outer:.2f},{outer:.2f} 0 0 1 {point(cx, cy, outer, a1)} "
        f"L{point(cx, cy, inner, a1)} A{inner:.2f},{inner:.2f} 0 0 0 {point(cx, cy, inner, a0)} Z"
    )


def tick_svg(cx: float, cy: float, r: float, angle: float, label: str) -> str:
    """A tick label just outside the arc at `angle`: beside the arc's ends, above its top."""
    x, y = xy(cx, cy, r + 5, angle)
    cos = math.cos(angle)
    anchor = "start" if cos > 0.25 else "end" if cos < -0.25 else "middle"
    baseline = y - 3 if math.sin(angle) > 0.3 else y + TICK_PX * 0.35
    return (
        f'<text x="{x:.1f}" y="{baseline:.1f}" font-size="{TICK_PX}" fill="#444" '
        f'text-anchor="{anchor}">{label}</text>'
    )


def gauge_svg(
    name: str, values: tuple, box: tuple[float, float], arc_top: float, *, layout: Layout
) -> tuple[str, float]:
    """One gauge of (cv, threshold, previous, change label) in the x range `box`, the arc's top
    `arc_top` down, and how far down it ends. The zone over the threshold is shaded, the bar
    is vermillion when the CV is over its line, the threshold a radial line; last year's
    change is written under the arc."""
    cv, threshold, previous, change_label = values
    known = cv is not None and not pd.isna(cv)
    top = gauge_range(cv if known else None, threshold)
    cx = (box[0] + box[1]) / 2
    r = (box[1] - box[0]) / 2
    cy = arc_top + r

    def angle(value: float) -> float:
        return math.pi * (1 - min(max(value / top, 0), 1))

    parts = [
        f'<path d="{band(cx, cy, (0.6 * r, r), (math.pi, 0))}" fill="{TRACK_COLOUR}" '
        'stroke="#999" stroke-width="1"/>',
        f'<path d="{band(cx, cy, (0.6 * r, r), (angle(threshold), 0))}" fill="{OVER_ZONE}"/>',
    ]
    if known and cv > 0:
        colour = THRESHOLD_COLOUR if over_line(cv, threshold) else NEUTRAL_COLOUR
        parts.append(
            f'<path class="bar" d="{band(cx, cy, (0.7 * r, 0.9 * r), (math.pi, angle(cv)))}" '
            f'fill="{colour}"/>'
        )
    at = angle(threshold)
    (x1, y1), (x2, y2) = xy(cx, cy, 0.56 * r, at), xy(cx, cy, 1.02 * r, at)
    parts.append(
        f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" '
        f'stroke="{THRESHOLD_COLOUR}" stroke-width="4"/>'
    )
    ticks = [(at, f"{threshold:.2f}")]
    if layout is HEADLINE:
        ticks = [(math.pi, "0.00"), *ticks, (0.0, f"{top:.2f}")]
    parts += [tick_svg(cx, cy, r, a, label) for a, label in ticks]
    parts.append(
        f'<text class="number" x="{cx:.1f}" y="{cy - 4:.1f}" font-size="{layout.number_px}" '
        f'fill="#222" text-anchor="middle">{fmt(cv)}</text>'
    )
    change, colour = change_text(cv, previous, change_label)
    change_top = cy - 4 + DESCENT * layout.number_px + 2  # under the number's box
    if change:  # already HTML-escaped
        parts.append(
            f'<text x="{cx:.1f}" y="{change_top + ASCENT * layout.change_px:.1f}" '
            f'font-size="{layout.change_px}" fill="{colour}" text-anchor="middle">{change}</text>'
        )
    hover = f"{name}: {fmt(cv)} / {threshold:.2f}"
    group = (
        f'<g class="gauge" data-name="{html(name)}" data-cv="{"" if not known else repr(cv)}" '
        f'data-threshold="{threshold!r}"><title>{html(hover)}</title>{"".join(parts)}</g>'
    )
    return group, change_top + (ASCENT + DESCENT) * layout.change_px


def titled(lines: list[str], full: str, x: float, top: float, size: float, colour: str) -> str:
    """Wrapped lines with the full text on hover."""
    return f"<g><title>{html(full)}</title>{text_svg(lines, x, top, size, colour=colour)}</g>"


def title_height(layout: Layout) -> float:
    return layout.title_lines * layout.title_px * LINE_HEIGHT


def gauge_title(text: str, x: float, top: float, layout: Layout) -> str:
    """A gauge's title in the block `top` down, wrapped to the layout's lines, its last line
    at the bottom of the block (just above the arc's tick label, whatever its length)."""
    lines = label_lines(text, layout.title_width, layout.title_lines)
    lower = (layout.title_lines - len(lines)) * layout.title_px * LINE_HEIGHT
    return titled(lines, text, x, top + lower, layout.title_px, MEAN_COLOUR)


def overview_gauges_svg(
    cvs: pd.DataFrame,
    *,
    stages: tuple[StageGauge, ...],
    name_column: str,
    section_title: str,
    change_label: str,
    title: str,
    note: str,
    max_px: float,
) -> str:
    """Every gauge of the overview as one SVG: the headline gauge of each stage, then one
    small gauge per indicator four to a row (columns indicator, cv, threshold, previous_cv and
    `name_column`), under the chart's title and source note."""
    title_lines = fitted_lines(title or "", WIDTH - 40, TITLE_PX)
    note_lines = fitted_lines(note or "", WIDTH - 40, NOTE_PX)
    note_top = 12 + TITLE_PX * LINE_HEIGHT * len(title_lines)
    parts = [
        text_svg(title_lines, PAD, 12, TITLE_PX, colour="#222", anchor="start"),
        text_svg(note_lines, PAD, note_top, NOTE_PX, colour="#555", anchor="start"),
    ]
    y = note_top + NOTE_PX * LINE_HEIGHT * len(note_lines) + 16
    half = (WIDTH - 2 * PAD) / max(1, len(stages))
    bottom = y
    for i, stage in enumerate(stages):
        left = PAD + i * half
        middle = left + half / 2
        parts.append(gauge_title(stage.title, middle, y, HEADLINE))
        arc_top = y + title_height(HEADLINE) + HEADLINE.tick_room
        if stage.message is not None:
            lines = label_lines(stage.message, 40, 4)
            parts.append(titled(lines, stage.message, middle, arc_top, 16, MESSAGE_COLOUR))
            bottom = max(bottom, arc_top + 4 * 16 * LINE_HEIGHT)
            continue
        margin = half * (1 - HEADLINE.box_share) / 2
        values = (stage.cv, stage.threshold, stage.previous, change_label)
        box = (left + margin, left + half - margin)
        group, end = gauge_svg(stage.title, values, box, arc_top, layout=HEADLINE)
        parts.append(group)
        bottom = max(bottom, end)
    y = bottom + 12
    parts.append(text_svg([section_title], PAD, y, 18, colour=MEAN_COLOUR, anchor="start"))
    y += 18 * LINE_HEIGHT + 14
    cell = (WIDTH - 2 * PAD) / CELLS_PER_ROW
    row_bottom = y
    for i, row in enumerate(cvs.itertuples()):
        if i and i % CELLS_PER_ROW == 0:
            y = row_bottom + 28
        left = PAD + (i % CELLS_PER_ROW) * cell
        name = str(getattr(row, name_column))
        parts.append(gauge_title(name, left + cell / 2, y, CELL))
        previous = None if pd.isna(row.previous_cv) else row.previous_cv
        margin = cell * (1 - CELL.box_share) / 2
        box = (left + margin, left + cell - margin)
        arc_top = y + title_height(CELL) + CELL.tick_room
        values = (row.cv, float(row.threshold), previous, change_label)
        group, end = gauge_svg(str(row.indicator), values, box, arc_top, layout=CELL)
        parts.append(group)
        row_bottom = max(row_bottom, end)
    height = math.ceil(row_bottom + PAD)
    label = html(" · ".join(part for part in (title, note) if part))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="junheng-gauges" role="group" '
        f'aria-label="{label}" viewBox="0 0 {WIDTH} {height}" '
        f'style="width:100%;max-width:{max_px:.0f}px;height:auto;display:block;'
        f'font-family:{FONT}">{"".join(parts)}</svg>'
    )
