"""Plotly figures from DataFrames: pure functions, testable without a server.

Conventions for a projector and colour-blind viewers: Okabe–Ito colours, large fonts, a title
that states the finding, units in axis titles, thresholds drawn, a source note under the chart.
"""

import unicodedata
from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from components import geometry
from components.text import html

pio.templates.default = "none"  # building a figure under the default template costs ~40 ms

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
GROUP_COLOURS = {"urban": "#0072B2", "town": "#E69F00", "rural": "#009E73"}
THRESHOLD_COLOUR = "#D55E00"
BETTER_COLOUR = "#009E73"
NEUTRAL_COLOUR = "#56B4E9"
MEAN_COLOUR = "#333333"
SERIES_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#8C564B",
    "#17BECF",
)


def styled(
    fig: go.Figure, title: str, note: str, height: int = 460, legend: str = "top"
) -> go.Figure:
    """Shared look: the finding as title, the source note as its subtitle, big fonts; the
    legend on top (few series) or at the right (many series)."""
    legends = {
        "top": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        "right": {"orientation": "v", "yanchor": "top", "y": 1, "x": 1.02, "xanchor": "left"},
    }
    fig.update_layout(
        title={
            "text": title,
            "font": {"size": 22},
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 0.97,
            "yanchor": "top",
            "subtitle": {"text": note, "font": {"size": 13, "color": "#555"}},
        },
        font={"family": FONT, "size": 16, "color": "#222"},
        template="none",  # templates cost ~40 ms per figure; styled here instead
        paper_bgcolor="white",
        plot_bgcolor="white",
        height=height,
        margin={"l": 70, "r": 30, "t": 130 if legend == "top" else 100, "b": 60},
        legend=legends.get(legend, legends["top"]),
        showlegend=legend in legends,
        hoverlabel={"font": {"size": 16, "family": FONT}},
    )
    fig.update_xaxes(gridcolor="#E5E5E5", linecolor="#999", zeroline=False, automargin=True)
    fig.update_yaxes(gridcolor="#E5E5E5", linecolor="#999", zeroline=False, automargin=True)
    shown_as_text(fig)
    return fig


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
    style>): the title and every trace's categories, labels and names are escaped, and so are
    the axes' category orders that must match them."""
    fig.layout.title.text = escaped(fig.layout.title.text)
    for trace in fig.data:
        for attribute in ("x", "y", "text", "hovertext", "name"):
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


def draw_standard(fig: go.Figure, standard: float | None, label: str) -> None:
    """The per-school standard as a dashed red line, labelled with its value."""
    if standard is not None:
        fig.add_hline(
            y=standard,
            line={"color": THRESHOLD_COLOUR, "width": 3, "dash": "dash"},
            annotation_text=f"{label} {standard:g}",
            annotation_font={"color": THRESHOLD_COLOUR, "size": 16},
        )


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
    over = cv is None or pd.isna(cv) or cv > threshold
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
    return "<br>".join(html(line) for line in lines)


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
    name_column: str,
    title: str,
    note: str,
    axis_cv: str,
    axis_year: str,
    threshold_label: str,
) -> go.Figure:
    """CV per indicator over the years (columns year, indicator, cv, threshold, name)."""
    fig = go.Figure()
    for i, (name, part) in enumerate(cvs.groupby(name_column, sort=False)):
        part = part.sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["cv"],
                name=name,
                mode="lines+markers",
                line={"color": SERIES_COLOURS[i % len(SERIES_COLOURS)], "width": 3},
                marker={"size": 8},
                hovertemplate="%{x}: %{y:.4f}<extra>" + name + "</extra>",
            )
        )
    threshold = float(cvs["threshold"].iloc[0])
    fig.add_hline(
        y=threshold,
        line={"color": THRESHOLD_COLOUR, "width": 3, "dash": "dash"},
        annotation_text=f"{threshold_label} {threshold:.2f}",
        annotation_font={"color": THRESHOLD_COLOUR, "size": 16},
    )
    fig.update_xaxes(title=axis_year, dtick=1)
    fig.update_yaxes(title=axis_cv, rangemode="tozero")
    return styled(fig, title, note, height=520, legend="right")


def cv_trend_with_pace(
    cvs: pd.DataFrame,
    name_column: str,
    title: str,
    note: str,
    axis_cv: str,
    axis_year: str,
    threshold_label: str,
    *,
    fits: pd.DataFrame,
    fit_label: str,
    target_year: int | None = None,
    target_label: str = "",
) -> go.Figure:
    """cv_trend with the fitted line of each indicator over its line (dotted, in the series'
    colour) and the spread of the fit as a shaded band (`fits`: indicator, year, fit, low,
    high, from components.pace.fitted_points); the target year as a dashed vertical line."""
    fig = cv_trend(cvs, name_column, title, note, axis_cv, axis_year, threshold_label)
    colours = {trace.name: trace.line.color for trace in fig.data}
    names = cvs.drop_duplicates("indicator").set_index("indicator")[name_column]
    for indicator, part in fits.groupby("indicator", sort=False):
        name = names[indicator]
        colour = colours.get(name, MEAN_COLOUR)
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
                name=f"{name} · {fit_label}",
                showlegend=False,
                hovertemplate="%{x}: %{y:.3f}<extra>" + fit_label + "</extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=fit_label,
            line={"color": MEAN_COLOUR, "width": 2, "dash": "dot"},
        )
    )
    if target_year is not None:
        fig.add_vline(
            x=target_year,
            line={"color": MEAN_COLOUR, "width": 2, "dash": "dash"},
            annotation_text=f"{target_label} {target_year}",
            annotation_position="top left",
            annotation_font={"size": 15, "color": MEAN_COLOUR},
        )
    return fig


def group_trend(
    means: pd.DataFrame,
    labels: dict[str, str],
    title: str,
    note: str,
    axis_value: str,
    axis_year: str,
) -> go.Figure:
    """Urban / town / rural student-weighted means over the years."""
    fig = go.Figure()
    for group in ("urban", "town", "rural"):
        part = means[means["urban_rural_group"] == group].sort_values("year")
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["mean_value"],
                name=labels[group],
                mode="lines+markers",
                line={"color": GROUP_COLOURS[group], "width": 3},
                marker={
                    "size": 9,
                    "symbol": {"urban": "circle", "town": "square", "rural": "diamond"}[group],
                },
                hovertemplate="%{x}: %{y:.4f}<extra>" + labels[group] + "</extra>",
            )
        )
    fig.update_xaxes(title=axis_year, dtick=1)
    fig.update_yaxes(title=axis_value, rangemode="tozero")
    return styled(fig, title, note)


def school_vs_county(
    history: pd.DataFrame,
    school_label: str,
    county_label: str,
    standard: float | None,
    standard_label: str,
    title: str,
    note: str,
    axis_value: str,
    axis_year: str,
) -> go.Figure:
    """One school's value against the county mean over the years (columns year, value,
    county_mean)."""
    history = history.sort_values("year")
    fig = go.Figure(
        [
            go.Scatter(
                x=history["year"],
                y=history["value"],
                name=school_label,
                mode="lines+markers",
                line={"color": GROUP_COLOURS["urban"], "width": 4},
                marker={"size": 9},
                hovertemplate="%{x}: %{y:.4f}<extra></extra>",
            ),
            go.Scatter(
                x=history["year"],
                y=history["county_mean"],
                name=county_label,
                mode="lines+markers",
                line={"color": MEAN_COLOUR, "width": 3, "dash": "dot"},
                marker={"size": 7},
                hovertemplate="%{x}: %{y:.4f}<extra></extra>",
            ),
        ]
    )
    draw_standard(fig, standard, standard_label)
    fig.update_xaxes(title=axis_year, dtick=1)
    fig.update_yaxes(title=axis_value, rangemode="tozero")
    return styled(fig, title, note)


def school_bars(
    schools: pd.DataFrame,
    labels: dict[str, str],
    standard: float | None,
    standard_label: str,
    county_mean: float,
    mean_label: str,
    title: str,
    note: str,
    axis_value: str,
    axis_school: str,
) -> go.Figure:
    """Schools sorted by value, coloured by group; standard and county mean as lines;
    outliers outlined in black."""
    ordered = schools.sort_values("value", ascending=False)
    fig = go.Figure()
    for group in ("urban", "town", "rural"):
        part = ordered[ordered["urban_rural_group"] == group]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part["school_name"],
                y=part["value"],
                name=labels[group],
                marker={
                    "color": GROUP_COLOURS[group],
                    "line": {
                        "color": [
                            "#000" if o else GROUP_COLOURS[group] for o in part["is_outlier"]
                        ],
                        "width": [3 if o else 0 for o in part["is_outlier"]],
                    },
                },
                hovertemplate="%{x}: %{y:.4f}<extra>" + labels[group] + "</extra>",
            )
        )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=list(ordered["school_name"]),
        title=axis_school,
        tickangle=-60,
        tickfont={"size": 12},
        showticklabels=len(ordered) <= 40,
    )
    draw_standard(fig, standard, standard_label)
    fig.add_hline(
        y=county_mean,
        line={"color": MEAN_COLOUR, "width": 2, "dash": "dot"},
        annotation_text=f"{mean_label} {county_mean:.2f}",
        annotation_position="top left",
        annotation_font={"size": 15},
    )
    fig.update_yaxes(title=axis_value)
    fig.update_layout(barmode="overlay", bargap=0.15)
    return styled(fig, title, note, height=560)


def contribution_bars(
    schools: pd.DataFrame,
    labels: dict[str, str],
    title: str,
    note: str,
    axis_share: str,
    top: int = 15,
) -> go.Figure:
    """The schools with the largest share of Σ Pi (Xi − X̄)², largest on top."""
    ranked = schools.nlargest(top, "cv_share").iloc[::-1]
    colours = [GROUP_COLOURS[g] for g in ranked["urban_rural_group"]]
    fig = go.Figure(
        go.Bar(
            x=ranked["cv_share"] * 100,
            y=ranked["school_name"],
            orientation="h",
            marker={"color": colours},
            customdata=[labels[g] for g in ranked["urban_rural_group"]],
            hovertemplate="%{y} (%{customdata}): %{x:.2f}%<extra></extra>",
            text=[f"{v * 100:.1f}%" for v in ranked["cv_share"]],
            textposition="outside",
        )
    )
    fig.update_xaxes(title=axis_share, ticksuffix="%")
    fig.update_yaxes(tickfont={"size": 13})
    return styled(fig, title, note, height=max(420, 34 * len(ranked) + 160), legend="none")


def ratio_bars(
    ratios: pd.DataFrame,
    name_column: str,
    labels: dict[str, str],
    title: str,
    note: str,
    axis_ratio: str,
) -> go.Figure:
    """Urban/rural and town/rural ratios of group means per indicator; 1 = no gap."""
    fig = go.Figure()
    for column, colour in (
        ("urban_rural_ratio", GROUP_COLOURS["urban"]),
        ("town_rural_ratio", GROUP_COLOURS["town"]),
    ):
        fig.add_trace(
            go.Bar(
                y=ratios[name_column],
                x=ratios[column],
                name=labels[column],
                orientation="h",
                marker={"color": colour},
                hovertemplate="%{y}: %{x:.3f}<extra></extra>",
            )
        )
    fig.add_vline(x=1, line={"color": MEAN_COLOUR, "width": 2})
    fig.update_xaxes(title=axis_ratio)
    fig.update_yaxes(autorange="reversed", tickfont={"size": 14})
    fig.update_layout(barmode="group")
    return styled(fig, title, note, height=max(460, 48 * len(ratios) + 180))


def theil_bars(
    theil: pd.DataFrame,
    labels: dict[str, str],
    title: str,
    note: str,
    axis_theil: str,
    axis_year: str,
) -> go.Figure:
    """Theil T per year split into its between-group and within-group parts."""
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
                marker={"color": GROUP_COLOURS["town"]},
                hovertemplate="%{x}: %{y:.5f}<extra></extra>",
            ),
        ]
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=axis_year, dtick=1)
    fig.update_yaxes(title=axis_theil)
    return styled(fig, title, note)


def group_boxes(
    schools: pd.DataFrame,
    labels: dict[str, str],
    standard: float | None,
    standard_label: str,
    title: str,
    note: str,
    axis_value: str,
) -> go.Figure:
    fig = go.Figure()
    for group in ("urban", "town", "rural"):
        part = schools[schools["urban_rural_group"] == group]
        if part.empty:
            continue
        fig.add_trace(
            go.Box(
                y=part["value"],
                name=labels[group],
                marker={"color": GROUP_COLOURS[group]},
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                text=part["school_name"],
                hovertemplate="%{text}: %{y:.4f}<extra></extra>",
            )
        )
    draw_standard(fig, standard, standard_label)
    fig.update_yaxes(title=axis_value)
    return styled(fig, title, note, legend="none")


def profile_bars(
    profile: pd.DataFrame,
    name_column: str,
    school_label: str,
    county_label: str,
    standard_label: str,
    title: str,
    note: str,
    axis_percent: str,
) -> go.Figure:
    """A school's quality indicators and the county mean as % of the standard (100 %)."""
    fig = go.Figure(
        [
            go.Bar(
                y=profile[name_column],
                x=profile["value"] / profile["standard_value"] * 100,
                name=school_label,
                orientation="h",
                marker={
                    "color": [
                        GROUP_COLOURS["urban"] if m else THRESHOLD_COLOUR
                        for m in profile["meets_standard"]
                    ]
                },
                customdata=profile["value"],
                hovertemplate="%{y}: %{customdata:.3f} (%{x:.0f}%)<extra></extra>",
            ),
            go.Bar(
                y=profile[name_column],
                x=profile["county_mean"] / profile["standard_value"] * 100,
                name=county_label,
                orientation="h",
                marker={"color": "#BBBBBB"},
                customdata=profile["county_mean"],
                hovertemplate="%{y}: %{customdata:.3f} (%{x:.0f}%)<extra></extra>",
            ),
        ]
    )
    fig.add_vline(
        x=100,
        line={"color": THRESHOLD_COLOUR, "width": 3, "dash": "dash"},
        annotation_text=standard_label,
        annotation_font={"color": THRESHOLD_COLOUR},
    )
    floor = float(profile["floor_ratio"].iloc[0]) * 100  # settings school_floor_ratio
    fig.add_vline(
        x=floor,
        line={"color": THRESHOLD_COLOUR, "width": 1, "dash": "dot"},
        annotation_text=f"{floor:g}%",
        annotation_position="bottom left",
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=axis_percent, ticksuffix="%")
    fig.update_yaxes(autorange="reversed", tickfont={"size": 14})
    return styled(fig, title, note, height=520)


def outline_xy(geojson: dict) -> tuple[list[float | None], list[float | None]]:
    """Polygon rings as one x/y line list, rings separated by None (plotly gaps)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in geometry.paths(geojson):
        xs += [x for x, _ in ring] + [None]
        ys += [y for _, y in ring] + [None]
    return xs, ys


def location_map(
    outline: dict | None,
    schools: pd.DataFrame,
    highlight: str,
    labels: dict[str, str],
    title: str,
    note: str,
) -> go.Figure:
    """The county outline with its schools and one highlighted: drawn without any map tiles,
    so it works offline."""
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
    for group in ("urban", "town", "rural"):
        part = schools[schools["urban_rural_group"] == group]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["longitude"],
                y=part["latitude"],
                mode="markers",
                name=labels[group],
                marker={"color": GROUP_COLOURS[group], "size": 9, "opacity": 0.7},
                text=part["school_name"],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    chosen = schools[schools["school_code"] == highlight]
    fig.add_trace(
        go.Scatter(
            x=chosen["longitude"],
            y=chosen["latitude"],
            mode="markers+text",
            text=chosen["school_name"],
            textposition="top center",
            showlegend=False,
            marker={
                "color": THRESHOLD_COLOUR,
                "size": 22,
                "symbol": "star",
                "line": {"color": "#000", "width": 1},
            },
            textfont={"size": 16},
            hovertemplate="%{text}<extra></extra>",
        )
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.2)
    return styled(fig, title, note, height=520)
