"""Plotly figures from DataFrames: pure functions, testable without a server.

Conventions for a projector and colour-blind viewers: Okabe–Ito colours (no yellow: it fades
on a projector; vermillion only for standards and thresholds), and meaning never carried by
colour alone — each series also has its own marker symbol and dash, each group its own bar
pattern, and lines such as a standard are named in the legend instead of labelled on the data.
Large fonts, a title that states the finding (wrapped to fit the narrowest chart), units in
axis titles, a source note under the title.

Every builder takes its DataFrame and then keyword-only arguments.
"""

import unicodedata
from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from components import geometry
from components.data_tables import percent_of_standard
from components.numbers import over_line
from components.text import html

pio.templates.default = "none"  # building a figure under the default template costs ~40 ms

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
GROUPS = ("urban", "town", "rural")
GROUP_COLOURS = {"urban": "#0072B2", "town": "#E69F00", "rural": "#009E73"}
GROUP_SYMBOLS = {"urban": "circle", "town": "square", "rural": "diamond"}
GROUP_PATTERNS = {"urban": "", "town": "/", "rural": "."}  # bars: not by colour alone
THRESHOLD_COLOUR = "#D55E00"
BETTER_COLOUR = "#009E73"
NEUTRAL_COLOUR = "#56B4E9"
MEAN_COLOUR = "#333333"
CHOSEN_YEAR_FILL = "rgba(0, 0, 0, 0.08)"
# One style per series: Okabe–Ito colours without yellow and vermillion, then a symbol and a
# dash of its own, so two lines that coincide still show both (and print in grey).
SERIES_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#000000",
    "#8C564B",
    "#777777",
)
SERIES_SYMBOLS = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "x",
    "triangle-down",
    "star",
    "cross",
)
SERIES_DASHES = ("solid", "dash", "dashdot", "longdash", "solid", "longdashdot", "dash", "solid")


def group_marker(group: str, **extra: object) -> dict:
    """A bar marker for an urban–rural group: its colour and its pattern (never colour
    alone), plus any other marker settings."""
    return {
        "color": GROUP_COLOURS[group],
        "pattern": {"shape": GROUP_PATTERNS[group], "fgcolor": "#FFFFFF", "fillmode": "overlay"},
        **extra,
    }


# The narrowest a chart is drawn (a 1366-pixel screen with the sidebar open): titles, legends
# and margins are laid out for it, so nothing is cut at any wider size.
NARROWEST_PX = 860
TITLE_PX, NOTE_PX, FONT_PX, LEGEND_PX, TICK_PX = 22, 13, 16, 14, 13
X_TITLE_PX = NARROWEST_PX - 320  # an x axis title's room beside names on the y axis


def text_px(text: str, size: float) -> float:
    """About how wide `text` is drawn at `size` px: CJK and full-width characters take one
    em, others about 0.56 em (a generous estimate for Noto Sans)."""
    return sum(size * (1.0 if unicodedata.east_asian_width(c) in "WF" else 0.56) for c in text)


def _tokens(text: str) -> list[str]:
    """Words (with their trailing space) and single CJK characters: the places a line may
    break."""
    tokens: list[str] = []
    for char in text:
        wide = unicodedata.east_asian_width(char) in "WF"
        joins = (
            tokens
            and not wide
            and unicodedata.east_asian_width(tokens[-1][-1]) not in "WF"
            and not tokens[-1].endswith(" ")
        )
        closing = char in "，、。；：）》」』！？,.;:)" and tokens  # never starts a line
        if joins or closing or (char == " " and tokens):
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


def _greedy(tokens: list[str], room_px: float, size: float) -> list[str]:
    lines, line = [], ""
    for token in tokens:
        if line and text_px((line + token).rstrip(), size) > room_px:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return [*lines, line.rstrip()] if line.strip() else lines or [""]


def fitted_lines(text: str, room_px: float, size: float) -> list[str]:
    """`text` broken into as few lines no wider than `room_px` at `size` px as it needs
    (between words, and between any two CJK characters), of even lengths: no lone last
    word."""
    tokens = _tokens(text)
    lines = _greedy(tokens, room_px, size)
    if len(lines) == 1:
        return lines
    low, high = room_px / len(lines), room_px
    for _ in range(12):  # the narrowest room that still needs no more lines
        middle = (low + high) / 2
        if len(_greedy(tokens, middle, size)) > len(lines):
            low = middle
        else:
            high = middle
    return _greedy(tokens, high, size)


def shortened(text: str, room_px: float, size: float = TICK_PX) -> str:
    """`text`, or its beginning and "…" when it is wider than `room_px` (the full text goes in
    the hover)."""
    if text_px(text, size) <= room_px:
        return text
    while text and text_px(text + "…", size) > room_px:
        text = text[:-1]
    return text.rstrip() + "…"


def multiline(text: str, room_px: float, size: float) -> str:
    """Escaped `text` with <br> between the lines that fit `room_px`."""
    return "<br>".join(html(line) for line in fitted_lines(text, room_px, size))


def legend_rows(names: list[str], room_px: float) -> int:
    """How many rows a horizontal legend of these entries takes within `room_px`."""
    rows, used = 1, 0.0
    for name in names:
        width = text_px(name, LEGEND_PX) + 50  # symbol and gap
        if used and used + width > room_px:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def styled(
    fig: go.Figure,
    title: str,
    note: str,
    height: int = 460,
    legend: str = "top",
    top_axis_px: int = 0,
    labels_px: int = 60,
) -> go.Figure:
    """Shared look: the finding as title (wrapped), the source note as its subtitle, big
    fonts; the legend on top (few series) or at the right (many series). The top margin is
    the room the title, the note, a top legend (as wide as the plot area: the figure less
    the y axis labels, `labels_px`) and an x axis drawn on top (`top_axis_px`) take at the
    narrowest width."""
    shown_as_text(fig)
    title_lines = fitted_lines(title or "", NARROWEST_PX - 40, TITLE_PX)
    note_lines = fitted_lines(note or "", NARROWEST_PX - 40, NOTE_PX)
    entries = [
        t.name
        for t in fig.data
        if getattr(t, "name", None) and getattr(t, "showlegend", None) is not False
    ]
    rows = legend_rows(entries, NARROWEST_PX - 140 - labels_px) if legend == "top" else 0
    header = 14 + 30 * len(title_lines) + 19 * len(note_lines)
    top = header + 14 + (28 * rows + 6 if rows else 0) + top_axis_px
    above_axis = top_axis_px / max(height - top - 60, 1)  # the legend above a top x axis
    legends = {
        "top": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0 + above_axis,
            "x": 0,
            "xanchor": "left",
        },
        "right": {"orientation": "v", "yanchor": "top", "y": 1, "x": 1.02, "xanchor": "left"},
    }
    fig.update_layout(
        title={
            "text": "<br>".join(html(line) for line in title_lines),
            "font": {"size": TITLE_PX},
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            # plotly lifts a title of n lines by about 0.7 em per extra line: put that back
            "y": 1 - (12 + 0.7 * TITLE_PX * (len(title_lines) - 1)) / height,
            "yanchor": "top",
            "subtitle": {
                "text": "<br>".join(html(line) for line in note_lines),
                "font": {"size": NOTE_PX, "color": "#555"},
            },
        },
        font={"family": FONT, "size": FONT_PX, "color": "#222"},
        template="none",  # templates cost ~40 ms per figure; styled here instead
        paper_bgcolor="white",
        plot_bgcolor="white",
        height=height,
        margin={"l": 70, "r": 30, "t": top, "b": 60},
        legend=legends.get(legend, legends["top"]) | {"font": {"size": LEGEND_PX}},
        showlegend=legend in legends,
        hoverlabel={"font": {"size": 16, "family": FONT}},
    )
    fig.update_xaxes(gridcolor="#E5E5E5", linecolor="#999", zeroline=False, automargin=True)
    fig.update_yaxes(gridcolor="#E5E5E5", linecolor="#999", zeroline=False, automargin=True)
    plot_px = height - top - 60
    fig.for_each_yaxis(lambda axis: fit_axis_title(axis, plot_px - 20))
    fig.for_each_xaxis(lambda axis: fit_axis_title(axis, X_TITLE_PX))
    return fig


def fit_axis_title(axis: go.layout.XAxis | go.layout.YAxis, room_px: float) -> None:
    """An axis title on as many lines as it needs to fit along its axis."""
    if axis.title.text and "<br>" not in axis.title.text:
        axis.title.text = multiline(axis.title.text, room_px, FONT_PX)


def escaped(value: object) -> object:
    """A string, or a sequence holding strings, HTML-escaped (plotly shows the entities as
    the characters they stand for); anything else unchanged."""
    if isinstance(value, str):
        return html(value)
    if isinstance(value, np.ndarray) and value.dtype != object:
        return value  # numbers or dates
    if isinstance(value, tuple | list | np.ndarray) and any(isinstance(v, str) for v in value):
        return [html(v) if isinstance(v, str) else v for v in value]
    return value


def shown_as_text(fig: go.Figure) -> None:
    """Names from the database are text, not plotly's HTML subset (<a href>, <b>, <span
    style>): every trace's categories, labels, names and hover data are escaped, and so are
    the axes' category orders that must match them (the title is escaped line by line in
    `styled`; tick texts where they are made)."""
    for trace in fig.data:
        for attribute in ("x", "y", "text", "hovertext", "name", "customdata"):
            if attribute in trace and trace[attribute] is not None:
                trace[attribute] = escaped(trace[attribute])
    fig.for_each_xaxis(lambda axis: axis.update(categoryarray=escaped(axis.categoryarray)))
    fig.for_each_yaxis(lambda axis: axis.update(categoryarray=escaped(axis.categoryarray)))


def wrapped(text: str, width: int = 24) -> str:
    """Break a long title onto lines of about `width` characters (at spaces when there are
    any), so small-multiple titles do not run into each other."""
    if len(text) <= width:
        return text
    if " " not in text:
        return "<br>".join(text[i : i + width] for i in range(0, len(text), width))
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def legend_line(
    fig: go.Figure, name: str, *, colour: str, dash: str = "solid", width: float = 3
) -> None:
    """A legend entry for a line drawn as a shape (a standard, a mean, a year)."""
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=name,
            line={"color": colour, "dash": dash, "width": width},
            hoverinfo="skip",
        )
    )


def draw_standard(fig: go.Figure, standard: float | None, label: str) -> None:
    """The per-school standard as a dashed vermillion line, named with its value in the
    legend (a label on the line would sit on the data)."""
    if standard is not None:
        line = {"color": THRESHOLD_COLOUR, "width": 3, "dash": "dash"}
        fig.add_hline(y=standard, line=line)
        legend_line(fig, f"{label} {standard:g}", colour=THRESHOLD_COLOUR, dash="dash")


def mark_year(fig: go.Figure, years: pd.Series, chosen: int | None, label: str) -> None:
    """Years on the x axis one per tick; the chosen year shaded, in bold and in the legend."""
    shown = sorted({int(y) for y in years.dropna()})
    if not shown:
        return
    texts = [f"<b>{y}</b>" if y == chosen else str(y) for y in shown]
    fig.update_xaxes(tickmode="array", tickvals=shown, ticktext=texts)
    if chosen is not None and chosen in shown:
        fig.add_vrect(
            x0=chosen - 0.5,
            x1=chosen + 0.5,
            fillcolor=CHOSEN_YEAR_FILL,
            line_width=0,
            layer="below",
        )
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"{label} {chosen}",
                marker={"symbol": "square", "size": 14, "color": "rgba(0, 0, 0, 0.18)"},
                hoverinfo="skip",
            )
        )


def series_style(i: int) -> tuple[dict, dict]:
    """(line, marker) of the i-th series."""
    colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
    line = {"color": colour, "width": 3, "dash": SERIES_DASHES[i % len(SERIES_DASHES)]}
    marker = {"size": 9, "symbol": SERIES_SYMBOLS[i % len(SERIES_SYMBOLS)], "color": colour}
    return line, marker


def gauge_range(value: float | None, threshold: float) -> float:
    top = max(threshold * 1.6, (value or 0) * 1.15, 0.1)
    return round(top + 0.05, 1)


def cv_indicator(
    cv: float | None,
    threshold: float,
    previous: float | None,
    number_size: int,
    ticks: list[float],
    **extra: object,
) -> go.Indicator:
    """A CV gauge: the zone above the threshold in red, last year as the delta (a fall is
    good, shown green), the bar red when over the line."""
    top = gauge_range(cv, threshold)
    over = cv is None or pd.isna(cv) or over_line(cv, threshold)
    return go.Indicator(
        mode="gauge+number+delta" if previous is not None else "gauge+number",
        value=cv,
        number={"valueformat": ".3f", "font": {"size": number_size, "color": "#222"}},
        delta={
            "reference": previous,
            "valueformat": ".3f",
            "increasing": {"color": THRESHOLD_COLOUR},
            "decreasing": {"color": BETTER_COLOUR},
        }
        if previous is not None
        else None,
        gauge={
            "axis": {
                "range": [0, top],
                "tickvals": [t if t is not None else top for t in ticks],
                "tickformat": ".2f",
            },
            "bar": {"color": THRESHOLD_COLOUR if over else NEUTRAL_COLOUR},
            "steps": [{"range": [threshold, top], "color": "rgba(213, 94, 0, 0.35)"}],
            "threshold": {
                "line": {"color": THRESHOLD_COLOUR, "width": 4},
                "value": threshold,
                "thickness": 0.9,
            },
        },
        **extra,
    )


def cv_gauge(
    cv: float | None,
    threshold: float,
    previous: float | None,
    title: str,
    note: str,
    height: int = 320,
) -> go.Figure:
    """The composite CV of one stage on a big gauge (ticks: 0, the threshold, the top)."""
    fig = go.Figure(cv_indicator(cv, threshold, previous, 48, [0, threshold, None]))
    styled(fig, title, note, height, legend="none")
    fig.update_layout(margin={"l": 30, "r": 30, "t": 100, "b": 20})
    return fig


def indicator_gauge_grid(
    cvs: pd.DataFrame, *, name_column: str, title: str, note: str, columns: int = 4
) -> go.Figure:
    """Small gauges, one per indicator: columns indicator, cv, threshold, previous_cv."""
    rows = max(1, -(-len(cvs) // columns))
    fig = make_subplots(
        rows=rows,
        cols=columns,
        specs=[[{"type": "domain"}] * columns for _ in range(rows)],
        vertical_spacing=0.18,
    )
    for i, row in enumerate(cvs.itertuples()):
        previous = None if pd.isna(row.previous_cv) else row.previous_cv
        fig.add_trace(
            cv_indicator(
                row.cv,
                row.threshold,
                previous,
                28,
                [row.threshold],
                title={"text": wrapped(getattr(row, name_column)), "font": {"size": 15}},
                name=row.indicator,
            ),
            row=i // columns + 1,
            col=i % columns + 1,
        )
    return styled(fig, title, note, height=280 * rows + 100, legend="none")


class StageGauge(NamedTuple):
    """One stage's headline gauge on the overview: its title (the finding), the CV shown with
    its line and last year's value, or, when it cannot be judged, the message shown instead."""

    title: str
    cv: float | None
    threshold: float | None
    previous: float | None
    message: str | None = None


def text_width(text: str) -> int:
    """Width of a label in half-character units: a Chinese character is two, ASCII one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def gauge_label(text: str, width: int, max_lines: int) -> str:
    """`label_lines` as plotly text: the lines HTML-escaped and joined by <br>."""
    return "<br>".join(html(line) for line in label_lines(text, width, max_lines))


def label_lines(text: str, width: int, max_lines: int) -> list[str]:
    """A label broken onto at most `max_lines` lines of about `width` half-characters (at
    spaces in English, anywhere in Chinese, after 、，( where possible), the last line ending
    with … when the whole text does not fit (the full text is shown on hover)."""
    lines: list[str] = []
    rest = text.strip()
    while rest and len(lines) < max_lines:
        if text_width(rest) <= width:
            lines.append(rest)
            rest = ""
            break
        cut, used = 0, 0
        for i, char in enumerate(rest):
            used += text_width(char)
            if used > width:
                break
            cut = i + 1
        spaces = [i for i in range(1, cut + 1) if i < len(rest) and rest[i] == " "]
        breaks = [i + 1 for i in range(cut) if rest[i] in "、，,(（/"]
        if spaces:
            cut = spaces[-1]
        elif breaks and breaks[-1] > cut // 2:
            cut = breaks[-1]
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        last = lines[-1]
        while last and text_width(last) + 1 > width:
            last = last[:-1]
        lines[-1] = last.rstrip(" ，、,(（/") + "…"
    return lines


def change_text(cv: float | None, previous: float | None, label: str) -> tuple[str, str]:
    """Last year's change as words, sign and arrow ("较上年 ▼ −0.037"), and its colour (a fall is
    good); empty when either year has no CV."""
    if cv is None or previous is None or pd.isna(cv) or pd.isna(previous):
        return "", MEAN_COLOUR
    change = cv - previous
    arrow = "▲" if change > 0 else "▼" if change < 0 else "="
    colour = THRESHOLD_COLOUR if change > 0 else BETTER_COLOUR if change < 0 else MEAN_COLOUR
    return f"{html(label)} {arrow} {change:+.3f}".replace(" -", " −"), colour


# The overview's gauges in pixels: the headline pair, then the indicators four to a row. Each
# cell keeps room above its arc for a title of up to three lines and the threshold's tick label,
# at the sides for the end labels, and below it for last year's change, so no text leaves the
# figure or runs into another at any width.
GAUGE_TOP, GAUGE_BOTTOM = 95, 10
HEADLINE_TITLE, HEADLINE_ARC, HEADLINE_CHANGE = 56, 200, 56
SECTION_TITLE = 44
CELL_TITLE, CELL_ARC, CELL_CHANGE = 58, 132, 52
TICK_ROOM = 30  # between a title and the top of its arc: the threshold's tick label
CELLS_PER_ROW = 4


def overview_gauges(
    cvs: pd.DataFrame,
    *,
    stages: tuple[StageGauge, ...],
    name_column: str,
    section_title: str,
    change_label: str,
    title: str,
    note: str,
) -> go.Figure:
    """Every gauge of the overview as ONE figure (one chart for the browser to draw): the
    headline gauge of each stage, then one small gauge per indicator (columns indicator, cv,
    threshold, previous_cv and `name_column`). Titles are annotations, wrapped or shortened
    with the full text on hover; last year's change is written under each arc."""
    cell_height = CELL_TITLE + TICK_ROOM + CELL_ARC + CELL_CHANGE
    headline_height = HEADLINE_TITLE + TICK_ROOM + HEADLINE_ARC + HEADLINE_CHANGE
    rows = max(1, -(-len(cvs) // CELLS_PER_ROW))
    inner = headline_height + SECTION_TITLE + rows * cell_height
    fig = go.Figure()
    annotations = []

    def y_of(pixels_from_top: float) -> float:
        """Paper y (1 at the top of the plot area) of a point so far below its top."""
        return 1 - pixels_from_top / inner

    def label(text: str, x: float, top: float, size: int, colour: str, full: str = "") -> None:
        annotations.append(
            {
                "text": text,
                "hovertext": html(full) if full else None,
                "x": x,
                "y": y_of(top),
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": size, "color": colour},
            }
        )

    def gauge(point: tuple, name: str, box: tuple[float, float], arc_top: float, big: bool) -> None:
        """One gauge of (cv, threshold, previous) in paper x `box`, its arc `arc_top` px down."""
        cv, threshold, previous = point
        arc = HEADLINE_ARC if big else CELL_ARC
        fig.add_trace(
            cv_indicator(
                cv,
                threshold,
                None,
                44 if big else 26,
                [0, threshold, None] if big else [threshold],
                domain={"x": list(box), "y": [y_of(arc_top + arc), y_of(arc_top)]},
                name=name,
            )
        )
        text, colour = change_text(cv, previous, change_label)
        if text:
            label(text, (box[0] + box[1]) / 2, arc_top + arc + 6, 18 if big else 15, colour)

    width = 1 / max(1, len(stages))
    for i, stage in enumerate(stages):
        left, right = i * width, (i + 1) * width
        middle = (left + right) / 2
        label(gauge_label(stage.title, 40, 2), middle, 0, 18, MEAN_COLOUR, stage.title)
        if stage.message is not None:
            message = gauge_label(stage.message, 40, 4)
            label(message, middle, HEADLINE_TITLE + HEADLINE_ARC / 3, 16, "#92400e", stage.message)
            continue
        box = (left + width * 0.12, right - width * 0.12)
        point = (stage.cv, stage.threshold, stage.previous)
        gauge(point, stage.title, box, HEADLINE_TITLE + TICK_ROOM, big=True)
    annotations.append(
        {
            "text": html(section_title),
            "x": 0,
            "y": y_of(headline_height),
            "xref": "paper",
            "yref": "paper",
            "xanchor": "left",
            "yanchor": "top",
            "showarrow": False,
            "font": {"size": 18, "color": MEAN_COLOUR},
        }
    )
    cell = 1 / CELLS_PER_ROW
    for i, row in enumerate(cvs.itertuples()):
        top = headline_height + SECTION_TITLE + (i // CELLS_PER_ROW) * cell_height
        left = (i % CELLS_PER_ROW) * cell
        name = str(getattr(row, name_column))
        label(gauge_label(name, 26, 3), left + cell / 2, top, 14, MEAN_COLOUR, name)
        previous = None if pd.isna(row.previous_cv) else row.previous_cv
        box = (left + cell * 0.1, left + cell * 0.9)
        point = (row.cv, row.threshold, previous)
        gauge(point, row.indicator, box, top + CELL_TITLE + TICK_ROOM, big=False)
    styled(fig, title, note, height=GAUGE_TOP + inner + GAUGE_BOTTOM, legend="none")
    fig.update_layout(
        annotations=annotations,
        margin={"l": 10, "r": 10, "t": GAUGE_TOP, "b": GAUGE_BOTTOM},
    )
    return fig


def cv_trend(
    cvs: pd.DataFrame,
    *,
    name_column: str,
    title: str,
    note: str,
    axis_cv: str,
    axis_year: str,
    threshold_label: str,
    chosen_year: int | None = None,
    chosen_label: str = "",
) -> go.Figure:
    """CV per indicator over the years (columns year, indicator, cv, threshold, name), each
    series with its own colour, symbol and dash; the line in the legend, the chosen year
    shaded."""
    fig = go.Figure()
    for i, (name, part) in enumerate(cvs.groupby(name_column, sort=False)):
        part = part.sort_values("year")
        line, marker = series_style(i)
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["cv"],
                name=name,
                legendgroup=part["indicator"].iloc[0],
                mode="lines+markers",
                line=line,
                marker=marker,
                hovertemplate="%{x}: %{y:.4f}<extra>%{fullData.name}</extra>",
            )
        )
    threshold = float(cvs["threshold"].iloc[0])
    fig.add_hline(y=threshold, line={"color": THRESHOLD_COLOUR, "width": 3, "dash": "dash"})
    legend_line(fig, f"{threshold_label} {threshold:.2f}", colour=THRESHOLD_COLOUR, dash="dash")
    mark_year(fig, cvs["year"], chosen_year, chosen_label)
    fig.update_xaxes(title=axis_year)
    fig.update_yaxes(title=axis_cv, rangemode="tozero")
    return styled(fig, title, note, height=520, legend="right")


def cv_trend_with_pace(
    cvs: pd.DataFrame,
    *,
    name_column: str,
    title: str,
    note: str,
    axis_cv: str,
    axis_year: str,
    threshold_label: str,
    fits: pd.DataFrame,
    fit_label: str,
    target_year: int | None = None,
    target_label: str = "",
    chosen_year: int | None = None,
    chosen_label: str = "",
) -> go.Figure:
    """cv_trend with the fitted line of each indicator over its line (dotted, in the series'
    colour) and the spread of the fit as a shaded band (`fits`: indicator, year, fit, low,
    high, from components.pace.fitted_points); the target year as a dashed vertical line."""
    fig = cv_trend(
        cvs,
        name_column=name_column,
        title=title,
        note=note,
        axis_cv=axis_cv,
        axis_year=axis_year,
        threshold_label=threshold_label,
        chosen_year=chosen_year,
        chosen_label=chosen_label,
    )
    colours = {trace.legendgroup: trace.line.color for trace in fig.data if trace.legendgroup}
    for indicator, part in fits.groupby("indicator", sort=False):
        colour = colours.get(indicator, MEAN_COLOUR)
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        fig.add_trace(
            go.Scatter(
                x=[*part["year"], *part["year"][::-1]],
                y=[*part["high"], *part["low"][::-1]],
                fill="toself",
                fillcolor=f"rgba({red}, {green}, {blue}, 0.15)",
                line={"width": 0},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["fit"],
                mode="lines",
                line={"color": colour, "width": 2, "dash": "dot"},
                name=fit_label,
                showlegend=False,
                hovertemplate="%{x}: %{y:.3f}<extra>" + html(fit_label) + "</extra>",
            )
        )
    legend_line(fig, fit_label, colour=MEAN_COLOUR, dash="dot", width=2)
    if target_year is not None:
        fig.add_vline(x=target_year, line={"color": MEAN_COLOUR, "width": 2, "dash": "dash"})
        legend_line(fig, f"{target_label} {target_year}", colour=MEAN_COLOUR, dash="dash", width=2)
        years = pd.concat([cvs["year"], fits["year"], pd.Series([target_year])])
        mark_year(fig, years, chosen_year, chosen_label)
    else:
        mark_year(fig, pd.concat([cvs["year"], fits["year"]]), chosen_year, "")
    return fig


def group_trend(
    means: pd.DataFrame,
    *,
    labels: dict[str, str],
    title: str,
    note: str,
    axis_value: str,
    axis_year: str,
    chosen_year: int | None = None,
    chosen_label: str = "",
) -> go.Figure:
    """Urban / town / rural student-weighted means over the years: a colour, a symbol and a
    dash per group."""
    fig = go.Figure()
    for i, group in enumerate(GROUPS):
        part = means[means["urban_rural_group"] == group].sort_values("year")
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["mean_value"],
                name=labels[group],
                mode="lines+markers",
                line={"color": GROUP_COLOURS[group], "width": 3, "dash": SERIES_DASHES[i]},
                marker={"size": 10, "symbol": GROUP_SYMBOLS[group]},
                hovertemplate="%{x}: %{y:.4f}<extra>%{fullData.name}</extra>",
            )
        )
    mark_year(fig, means["year"], chosen_year, chosen_label)
    fig.update_xaxes(title=axis_year)
    fig.update_yaxes(title=axis_value, rangemode="tozero")
    return styled(fig, title, note)


def school_vs_county(
    history: pd.DataFrame,
    *,
    school_label: str,
    county_label: str,
    standard: float | None,
    standard_label: str,
    title: str,
    note: str,
    axis_value: str,
    axis_year: str,
    chosen_year: int | None = None,
    chosen_label: str = "",
) -> go.Figure:
    """One school's value against the county mean over the years (columns year, value,
    county_mean): solid with circles against dotted with squares."""
    history = history.sort_values("year")
    fig = go.Figure(
        [
            go.Scatter(
                x=history["year"],
                y=history["value"],
                name=school_label,
                mode="lines+markers",
                line={"color": GROUP_COLOURS["urban"], "width": 4},
                marker={"size": 10, "symbol": "circle"},
                hovertemplate="%{x}: %{y:.4f}<extra></extra>",
            ),
            go.Scatter(
                x=history["year"],
                y=history["county_mean"],
                name=county_label,
                mode="lines+markers",
                line={"color": MEAN_COLOUR, "width": 3, "dash": "dot"},
                marker={"size": 8, "symbol": "square"},
                hovertemplate="%{x}: %{y:.4f}<extra></extra>",
            ),
        ]
    )
    draw_standard(fig, standard, standard_label)
    mark_year(fig, history["year"], chosen_year, chosen_label)
    fig.update_xaxes(title=axis_year)
    fig.update_yaxes(title=axis_value, rangemode="tozero")
    return styled(fig, title, note)


SCHOOL_ROW_PX = 22  # one school per row in the ranked bar charts
NAME_PX = 190  # room for a school name at the left; longer names end in "…"


def school_names_axis(fig: go.Figure, ranked: pd.DataFrame, marks: pd.Series | None) -> None:
    """Schools on the y axis by code (two schools may share a name), labelled with their
    names shortened to fit, first row on top; `marks` prefixes a "※" to the flagged ones.
    A row whose code is REST_ROW is the gap between the ends of a shortened ranking
    (school_ends): it has no name."""
    names = [html(shortened(n, NAME_PX)) for n in ranked["school_name"]]
    if marks is not None:
        names = [f"※ {n}" if m else n for n, m in zip(names, marks, strict=True)]
    fig.update_yaxes(
        type="category",  # codes are digits: never a numeric axis
        categoryorder="array",
        categoryarray=list(ranked["school_code"]),
        tickmode="array",
        tickvals=[html(str(c)) for c in ranked["school_code"]],
        ticktext=names,
        tickfont={"size": TICK_PX},
        autorange="reversed",
    )


SCHOOL_ENDS = 8  # school gaps: the highest and the lowest schools shown when there are many
REST_ROW = "\u22ef"  # the y category of the row between them ("⋯"; no school code is one)


def school_ends(
    ordered: pd.DataFrame, ends: int
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(top, rest, bottom) of `ordered` (sorted by value, highest first): the `ends` highest
    and lowest schools, each end widened to keep every outlier on its side, and the schools
    in between. With no more than two schools in between, all are at the top (a gap row
    would hide less than it takes)."""
    outlier = ordered["is_outlier"].fillna(False).astype(bool).to_numpy()
    n = len(ordered)
    high = max(ends, int(outlier[: n // 2].sum()))  # outliers lie at the ends (Tukey fences)
    low = max(ends, int(outlier[n // 2 :].sum()))
    if high + low + 2 >= n:
        return ordered, ordered.iloc[0:0], ordered.iloc[0:0]
    return ordered.iloc[:high], ordered.iloc[high : n - low], ordered.iloc[n - low :]


def school_bars(
    schools: pd.DataFrame,
    *,
    labels: dict[str, str],
    standard: float | None,
    standard_label: str,
    county_mean: float,
    mean_label: str,
    outlier_label: str,
    title: str,
    note: str,
    axis_value: str,
    rest_label: str = "{n}: {low} – {high}",
    ends: int = SCHOOL_ENDS,
) -> go.Figure:
    """The schools, highest value on top, named; a colour and a pattern per group; the
    standard and the county mean as lines named in the legend; outliers outlined in black
    and marked "※" before their names. With many schools (a county has up to a hundred),
    only the `ends` highest and lowest are drawn, every outlier among them, and a row "⋯"
    between them says how many are left out and their range (`rest_label` with {n}, {low},
    {high}; the page's data table lists them): the chart fits one screen of a projector."""
    top, rest, bottom = school_ends(schools.sort_values("value", ascending=False), ends)
    shown = pd.concat([top, bottom])
    fig = go.Figure()
    for group in GROUPS:
        part = shown[shown["urban_rural_group"] == group]
        if part.empty:
            continue
        outlier = part["is_outlier"].fillna(False).astype(bool)
        fig.add_trace(
            go.Bar(
                y=part["school_code"],
                x=part["value"],
                orientation="h",
                name=labels[group],
                customdata=part["school_name"],
                marker=group_marker(
                    group,
                    line={
                        "color": ["#000" if o else GROUP_COLOURS[group] for o in outlier],
                        "width": [3 if o else 0 for o in outlier],
                    },
                ),
                hovertemplate="%{customdata}: %{x:.4f}<extra>%{fullData.name}</extra>",
            )
        )
    outliers = shown["is_outlier"].fillna(False).astype(bool)
    if outliers.any():
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                orientation="h",
                name=f"※ {outlier_label}",
                marker={"color": "#FFFFFF", "line": {"color": "#000", "width": 3}},
                hoverinfo="skip",
            )
        )
    rows = top
    if len(rest):
        gap = pd.DataFrame({"school_code": [REST_ROW], "school_name": [REST_ROW]})
        rows = pd.concat([top, gap, bottom], ignore_index=True)
        fig.add_annotation(  # in the empty row, over the lines: what the gap holds
            x=0.01,
            xref="x domain",
            xanchor="left",
            y=REST_ROW,
            text=html(
                rest_label.format(
                    n=len(rest), low=f"{rest['value'].min():.2f}", high=f"{rest['value'].max():.2f}"
                )
            ),
            showarrow=False,
            bgcolor="white",
            font={"size": TICK_PX, "color": "#333"},
        )
    school_names_axis(fig, rows, rows["is_outlier"].fillna(False).astype(bool))
    if standard is not None:
        fig.add_vline(x=standard, line={"color": THRESHOLD_COLOUR, "width": 3, "dash": "dash"})
        legend_line(fig, f"{standard_label} {standard:g}", colour=THRESHOLD_COLOUR, dash="dash")
    fig.add_vline(x=county_mean, line={"color": MEAN_COLOUR, "width": 2, "dash": "dot"})
    legend_line(fig, f"{mean_label} {county_mean:.2f}", colour=MEAN_COLOUR, dash="dot", width=2)
    fig.update_xaxes(title=axis_value, side="top")
    fig.update_layout(barmode="overlay", bargap=0.2)
    height = max(420, SCHOOL_ROW_PX * len(rows) + 250)
    axis_lines = len(fitted_lines(axis_value, X_TITLE_PX, FONT_PX))
    return styled(
        fig, title, note, height=height, top_axis_px=36 + 24 * axis_lines, labels_px=NAME_PX
    )


def contribution_bars(
    schools: pd.DataFrame,
    *,
    labels: dict[str, str],
    title: str,
    note: str,
    axis_share: str,
    top: int = 15,
) -> go.Figure:
    """The schools with the largest share of Σ Pi (Xi − X̄)², largest on top, with the
    share written beside each bar (inside the axis range: never cut)."""
    ranked = schools.nlargest(top, "cv_share")
    fig = go.Figure()
    for group in GROUPS:
        part = ranked[ranked["urban_rural_group"] == group]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part["cv_share"] * 100,
                y=part["school_code"],
                orientation="h",
                name=labels[group],
                customdata=part["school_name"],
                marker=group_marker(group),
                hovertemplate="%{customdata}: %{x:.2f}%<extra>%{fullData.name}</extra>",
                text=[f"{v * 100:.1f}%" for v in part["cv_share"]],
                textposition="outside",
                cliponaxis=False,
                textfont={"size": TICK_PX},
            )
        )
    school_names_axis(fig, ranked, None)
    widest = float(ranked["cv_share"].max() * 100) if len(ranked) else 0.0
    fig.update_xaxes(title=axis_share, ticksuffix="%", range=[0, max(widest, 1e-9) * 1.2])
    fig.update_layout(barmode="overlay", bargap=0.25)
    return styled(fig, title, note, height=max(420, 30 * len(ranked) + 240), labels_px=NAME_PX)


INDICATOR_PX = 230  # room for an indicator name at the left, on two lines when long


def indicator_names_axis(fig: go.Figure, names: pd.Series) -> None:
    """Indicator names on the y axis, wrapped onto two lines when long, first on top."""
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=list(names),  # catalogue order, whichever trace holds the first bar
        tickmode="array",
        tickvals=[html(n) for n in names],
        ticktext=[multiline(n, INDICATOR_PX, 14) for n in names],
        tickfont={"size": 14},
        autorange="reversed",
    )


def ratio_bars(
    ratios: pd.DataFrame,
    *,
    name_column: str,
    labels: dict[str, str],
    title: str,
    note: str,
    axis_ratio: str,
    equal_label: str = "",
    wide_ratio: float | None = None,
    wide_label: str = "",
) -> go.Figure:
    """Urban/rural and town/rural ratios of group means per indicator (town bars hatched);
    1 = no gap, and the "wide gap" ratio, as lines named in the legend."""
    fig = go.Figure()
    for column, group in (("urban_rural_ratio", "urban"), ("town_rural_ratio", "town")):
        fig.add_trace(
            go.Bar(
                y=ratios[name_column],
                x=ratios[column],
                name=labels[column],
                orientation="h",
                marker=group_marker(group),
                hovertemplate="%{y}: %{x:.3f}<extra>%{fullData.name}</extra>",
            )
        )
    fig.add_vline(x=1, line={"color": MEAN_COLOUR, "width": 2})
    if equal_label:
        legend_line(fig, equal_label, colour=MEAN_COLOUR, width=2)
    if wide_ratio is not None:
        fig.add_vline(x=wide_ratio, line={"color": THRESHOLD_COLOUR, "width": 2, "dash": "dash"})
        legend_line(fig, wide_label, colour=THRESHOLD_COLOUR, dash="dash", width=2)
    indicator_names_axis(fig, ratios[name_column])
    fig.update_xaxes(title=axis_ratio)
    fig.update_layout(barmode="group")
    return styled(fig, title, note, height=max(460, 56 * len(ratios) + 200), labels_px=INDICATOR_PX)


def theil_bars(
    theil: pd.DataFrame,
    *,
    labels: dict[str, str],
    title: str,
    note: str,
    axis_theil: str,
    axis_year: str,
    chosen_year: int | None = None,
    chosen_label: str = "",
) -> go.Figure:
    """Theil T per year split into its between-group (solid) and within-group (hatched)
    parts."""
    theil = theil.sort_values("year")
    fig = go.Figure(
        [
            go.Bar(
                x=theil["year"],
                y=theil["theil_between"],
                name=labels["between"],
                marker={"color": GROUP_COLOURS["urban"]},
                customdata=theil["between_share"] * 100,
                hovertemplate="%{x}: %{y:.5f} (%{customdata:.1f}%)<extra></extra>",
            ),
            go.Bar(
                x=theil["year"],
                y=theil["theil_within"],
                name=labels["within"],
                marker={
                    "color": GROUP_COLOURS["town"],
                    "pattern": {"shape": "/", "fgcolor": "#FFFFFF", "fillmode": "overlay"},
                },
                hovertemplate="%{x}: %{y:.5f}<extra></extra>",
            ),
        ]
    )
    mark_year(fig, theil["year"], chosen_year, chosen_label)
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_xaxes(title=axis_year)
    fig.update_yaxes(title=axis_theil)
    return styled(fig, title, note)


def group_boxes(
    schools: pd.DataFrame,
    *,
    labels: dict[str, str],
    standard: float | None,
    standard_label: str,
    title: str,
    note: str,
    axis_value: str,
) -> go.Figure:
    """Schools' values per group as boxes with every school a point (named on the axis, so
    no legend is needed for the groups); the standard in the legend."""
    fig = go.Figure()
    for group in GROUPS:
        part = schools[schools["urban_rural_group"] == group]
        if part.empty:
            continue
        fig.add_trace(
            go.Box(
                y=part["value"],
                name=labels[group],
                marker={"color": GROUP_COLOURS[group], "symbol": GROUP_SYMBOLS[group]},
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                text=part["school_name"],
                hovertemplate="%{text}: %{y:.4f}<extra></extra>",
                showlegend=False,
            )
        )
    draw_standard(fig, standard, standard_label)
    fig.update_yaxes(title=axis_value)
    return styled(fig, title, note, legend="top" if standard is not None else "none")


PROFILE_STATUS = {  # the school's bar by how it stands to the standard: colour and pattern
    "meets": (GROUP_COLOURS["urban"], ""),
    "below_standard": ("#E69F00", "/"),
    "below_floor": (THRESHOLD_COLOUR, "x"),
}


def profile_bars(
    profile: pd.DataFrame,
    *,
    name_column: str,
    status_labels: dict[str, str],
    county_label: str,
    standard_label: str,
    floor_label: str,
    title: str,
    note: str,
    axis_percent: str,
) -> go.Figure:
    """A school's quality indicators and the county mean as % of the standard (100 %): the
    school's bars coloured and patterned by status (meets / below the standard / below the
    floor), each status named in the legend; the standard and the floor as lines named in
    the legend."""
    floor = float(profile["floor_ratio"].iloc[0]) * 100  # settings school_floor_ratio
    percent = percent_of_standard(profile)
    status = np.where(
        profile["meets_standard"].astype(bool),
        "meets",
        np.where(percent < floor, "below_floor", "below_standard"),
    )
    fig = go.Figure()
    for key, (colour, pattern) in PROFILE_STATUS.items():
        part = profile[status == key]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                y=part[name_column],
                x=part["value"] / part["standard_value"] * 100,
                name=status_labels[key],
                orientation="h",
                offsetgroup="school",
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern, "fgcolor": "#FFFFFF", "fillmode": "overlay"},
                },
                customdata=part["value"],
                hovertemplate="%{y}: %{customdata:.3f} (%{x:.0f}%)<extra></extra>",
            )
        )
    fig.add_trace(
        go.Bar(
            y=profile[name_column],
            x=profile["county_mean"] / profile["standard_value"] * 100,
            name=county_label,
            orientation="h",
            offsetgroup="county",
            marker={"color": "#BBBBBB"},
            customdata=profile["county_mean"],
            hovertemplate="%{y}: %{customdata:.3f} (%{x:.0f}%)<extra></extra>",
        )
    )
    fig.add_vline(x=100, line={"color": THRESHOLD_COLOUR, "width": 3, "dash": "dash"})
    legend_line(fig, standard_label, colour=THRESHOLD_COLOUR, dash="dash")
    fig.add_vline(x=floor, line={"color": THRESHOLD_COLOUR, "width": 2, "dash": "dot"})
    legend_line(fig, floor_label, colour=THRESHOLD_COLOUR, dash="dot", width=2)
    indicator_names_axis(fig, profile[name_column])
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=axis_percent, ticksuffix="%")
    return styled(
        fig, title, note, height=max(520, 56 * len(profile) + 220), labels_px=INDICATOR_PX
    )


def outline_xy(geojson: dict) -> tuple[list[float | None], list[float | None]]:
    """Polygon rings as one x/y line list, rings separated by None (plotly gaps)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in geometry.paths(geojson):
        xs += [x for x, _ in ring] + [None]
        ys += [y for _, y in ring] + [None]
    return xs, ys


def location_map(
    schools: pd.DataFrame,
    *,
    outline: dict | None,
    highlight: str,
    highlight_label: str,
    labels: dict[str, str],
    title: str,
    note: str,
) -> go.Figure:
    """The county outline with its schools (a colour and a symbol per group) and one school
    as a star named in the legend (its name is in the title): drawn without map tiles, so it
    works offline."""
    fig = go.Figure()
    if outline is not None:
        xs, ys = outline_xy(outline)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": "#666", "width": 2},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    for group in GROUPS:
        part = schools[schools["urban_rural_group"] == group]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["longitude"],
                y=part["latitude"],
                mode="markers",
                name=labels[group],
                marker={
                    "color": GROUP_COLOURS[group],
                    "symbol": GROUP_SYMBOLS[group],
                    "size": 9,
                    "opacity": 0.75,
                },
                text=part["school_name"],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    chosen = schools[schools["school_code"] == highlight]
    fig.add_trace(
        go.Scatter(
            x=chosen["longitude"],
            y=chosen["latitude"],
            mode="markers",
            name=highlight_label,
            text=chosen["school_name"],
            marker={
                "color": THRESHOLD_COLOUR,
                "size": 22,
                "symbol": "star",
                "line": {"color": "#000", "width": 1},
            },
            hovertemplate="%{text}<extra></extra>",
        )
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.2)
    return styled(fig, title, note, height=520)
