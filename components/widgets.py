"""Small reusable Streamlit pieces shared by the pages."""

from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import charts
from components.filters import Filters, url_selectbox
from components.report import figure_image
from components.text import md
from queries.db import query

# Modebar camera button: a high-resolution PNG (3×) named after the chart, for slides.
PLOT_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 3, "filename": "junheng-chart"},
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def page_header(f: Filters, page_key: str) -> None:
    badge = f"  :orange-badge[:material/science: {f.text('demo_badge')}]" if f.is_demo else ""
    st.title(f"{f.text(page_key)} · {md(f.county_name)} {f.year}{badge}")


def source_note(f: Filters, year: int | str | None = None) -> str:
    source = f.text("source_demo") if f.is_demo else f.text("source_bureau")
    return f.text("source_note", source=source, year=year if year is not None else f.year)


@st.cache_data(max_entries=2000, show_spinner=False)
def _figure(builder: str, args: tuple, kwargs: tuple) -> go.Figure:
    return getattr(charts, builder)(*args, **dict(kwargs))


def figure(builder: str, *args: object, **kwargs: object) -> go.Figure:
    """charts.<builder>(*args, **kwargs), cached by its inputs."""
    return _figure(builder, args, tuple(sorted(kwargs.items())))


def plot(builder: str, *args: object, key: str, **kwargs: object) -> go.Figure:
    """Draw charts.<builder>(*args, **kwargs) with PNG and SVG downloads beside it, and return
    the figure. Figures are cached by their inputs: building one costs tens of milliseconds,
    a rerun of the same view costs none."""
    fig = figure(builder, *args, **kwargs)
    st.plotly_chart(fig, width="stretch", config=PLOT_CONFIG, key=key)
    with st.popover(":material/download:", help="PNG / SVG"):
        st.download_button(
            "PNG (3×)",
            partial(figure_image, fig, "png"),
            f"{key}.png",
            "image/png",
            key=f"{key}-png",
        )
        st.download_button(
            "SVG",
            partial(figure_image, fig, "svg"),
            f"{key}.svg",
            "image/svg+xml",
            key=f"{key}-svg",
        )
    return fig


def no_data(f: Filters) -> None:
    st.info(f.text("no_data", county=md(f.county_name), year=f.year, stage=f.text(f.stage)))


def name_column(f: Filters) -> str:
    return "name_en" if f.lang == "en" else "name_zh"


def unit_column(f: Filters) -> str:
    return "unit_en" if f.lang == "en" else "unit_zh"


def group_labels(f: Filters) -> dict[str, str]:
    return {g: f.text(g) for g in ("urban", "town", "rural")}


def fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.{digits}f}"


def excluded_list(f: Filters, excluded: pd.DataFrame) -> None:
    """Sections that could not enter a computation: listed, never silently dropped."""
    if excluded.empty:
        return
    with st.expander(f"{f.text('excluded_title')} ({excluded['school_code'].nunique()})"):
        st.caption(f.text("excluded_note"))
        reason = "reason_en" if f.lang == "en" else "reason_zh"
        st.dataframe(
            excluded[["school_code", "school_name", name_column(f), reason]],
            hide_index=True,
            width="stretch",
        )


@dataclass(frozen=True)
class IndicatorChoice:
    """The indicator picked on a page (kept in the URL), with its name and unit."""

    key: str
    name: str
    unit: str

    @property
    def axis(self) -> str:
        return f"{self.name}（{self.unit}）"


def indicator_picker(f: Filters) -> IndicatorChoice:
    """A selectbox of the indicators of the chosen standard set and stage."""
    indicators = query("set_indicators", standard_set=f.standard_set, stage=f.stage)
    rows = indicators.set_index("indicator")
    names = dict(zip(indicators["indicator"], indicators[name_column(f)], strict=True))
    key = url_selectbox(f.text("choose_indicator"), list(names), "indicator", format_func=names.get)
    return IndicatorChoice(key, names[key], rows.loc[key, unit_column(f)])
