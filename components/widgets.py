"""Small reusable Streamlit pieces shared by the pages."""

import hashlib
import pickle
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st
from plotly.basedatatypes import BaseFigure
from streamlit import dataframe_util

from components.data_tables import picked, school_trend_table
from components.filters import Filters, url_selectbox
from components.i18n import localised, t
from components.numbers import fmt
from components.presenting import chart_config, chart_stem, for_screen
from components.report import figure_image
from components.scorecard import html_table
from components.text import html_line as html
from components.text import md
from queries.db import query, result_key
from queries.loader import sql_sources

T = TypeVar("T")

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


def frame_fingerprint(frame: pd.DataFrame) -> object:
    """What a cached figure is keyed on for a DataFrame argument: the query that produced it
    when it is a cached query result, the function and inputs that made it when it is a frame
    returned by shared(), else a digest of its pickled contents (several times cheaper than
    Streamlit's own DataFrame hash)."""
    key = result_key(frame)
    if key is not None:
        return key
    origin = _origin_key(frame)
    if origin is not None:
        return origin
    return hashlib.blake2b(pickle.dumps(frame, protocol=5)).digest()


Builder = Callable[..., go.Figure]  # a function of components.charts


def builder_name(builder: Builder) -> str:
    """The builder's qualified name: the figure cache's key (two builders never share one)."""
    return f"{builder.__module__}.{builder.__qualname__}"


# cache_resource, not cache_data: a figure from cache_data is unpickled and re-validated by
# plotly on every rerun (slower than building it); this one is shared, and read-only.
@st.cache_resource(
    max_entries=2000, show_spinner=False, hash_funcs={pd.DataFrame: frame_fingerprint}
)
def _figure(name: str, _builder: Builder, args: tuple, kwargs: tuple) -> go.Figure:
    fig = _builder(*args, **dict(kwargs))
    fig._spec = fig.to_dict()  # what st.plotly_chart sends, computed once (see PreparedFigure)
    return fig


class PreparedFigure(BaseFigure):
    """A cached figure as st.plotly_chart takes it: st.plotly_chart asks a plotly figure for
    `to_dict()` (a deep copy with every array re-encoded, a quarter of a page's rerun) and
    sends that as JSON. This answers with the dict made once when the figure was built."""

    def __init__(self, spec: dict) -> None:  # noqa: D107 - no BaseFigure state on purpose
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


_recent: dict[tuple, go.Figure] = {}  # a plain dict in front: no Streamlit hashing per call


def figure(builder: Builder, *args: object, **kwargs: object) -> go.Figure:
    """builder(*args, **kwargs) — a function of components.charts, e.g.
    `figure(charts.school_bars, schools, standard=4.5, …)` — cached by its inputs and shared
    by every session: read-only (copy it with go.Figure(fig) before changing it)."""
    name = builder_name(builder)
    options = tuple(sorted(kwargs.items()))
    try:
        key = (name, *map(_memo_part, args), *((k, _memo_part(v)) for k, v in options))
        hash(key)
    except TypeError:  # an argument that is not hashable: Streamlit's cache alone
        return _figure(name, builder, args, options)
    fig = _recent.get(key)
    if fig is None:
        fig = _figure(name, builder, args, options)
        if len(_recent) >= 2000:
            _recent.clear()
        _recent[key] = fig
    return fig


SHARED_ENTRIES = 1000  # results kept; the oldest goes first
_derived: dict[tuple, object] = {}
# Which shared() call returned a frame, dict or list still kept in _derived, by identity (the
# entry holds the object, so its id() cannot be reused meanwhile): passed on to shared() or
# figure(), it is keyed on that call instead of its contents.
_shared_origin: dict[int, tuple[object, tuple]] = {}  # id → (object, (key, position))
_shared_lock = threading.Lock()
_KEYED_BY_ORIGIN = (pd.DataFrame, dict, list)


def shared(function: Callable[..., T], *args: object, **kwargs: object) -> T:
    """function(*args, **kwargs) for a pure function of DataFrames and plain values, computed
    once per distinct input in the process and shared by every session: read-only."""
    inner = getattr(function, "__wrapped__", function)  # a cached function: its own code
    code = getattr(inner, "__code__", None)  # page scripts all run as __main__
    where = (function.__module__, code.co_filename if code else "", function.__qualname__)
    options = ((k, _memo_part(v)) for k, v in sorted(kwargs.items()))
    key = (*where, *map(_memo_part, args), *options)
    try:
        return _derived[key]
    except KeyError:
        pass
    result = function(*args, **kwargs)
    with _shared_lock:
        while len(_derived) >= SHARED_ENTRIES:
            oldest = next(iter(_derived))
            for position, part in _parts(_derived.pop(oldest)):
                if _shared_origin.get(id(part), (None, None))[1] == (oldest, position):
                    del _shared_origin[id(part)]
        _derived[key] = result
        for position, part in _parts(result):
            _shared_origin[id(part)] = (part, (key, position))
    return result


def _parts(result: object) -> list[tuple[int, object]]:
    """What of a shared result is keyed by identity, with its position: the result, or each
    item of a tuple."""
    items = result if isinstance(result, tuple) else (result,)
    return [(i, item) for i, item in enumerate(items) if isinstance(item, _KEYED_BY_ORIGIN)]


def _origin_key(value: object) -> tuple | None:
    """("shared", (key, position)) when `value` is (part of) a result of shared() still
    kept."""
    entry = _shared_origin.get(id(value))
    return ("shared", entry[1]) if entry is not None and entry[0] is value else None


def rows_equal(frame: pd.DataFrame, column: str, value: object) -> pd.DataFrame:
    """The rows of `frame` whose `column` equals `value` (with shared(): once per input)."""
    return frame[frame[column] == value]


def columns_of(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """`frame` with only `columns`, in that order (with shared(): once per input)."""
    return frame[list(columns)]


def screen_table(frame: pd.DataFrame) -> pa.Table:
    """What st.dataframe sends for `frame` — Streamlit's own pandas → Arrow conversion, so the
    same bytes — made once per frame and shared: give st.dataframe this for a frame from
    query() or shared() (keyed by identity), not for one built on every rerun."""
    return shared(dataframe_util.convert_pandas_df_to_arrow_table, frame)


def _memo_part(value: object) -> object:
    """What an argument is keyed on: a frame by frame_fingerprint, a dict item by item, a
    list (a GeoJSON outline's coordinates…) by a digest of its pickle, else the value."""
    if isinstance(value, pd.DataFrame):
        return ("frame", frame_fingerprint(value))
    origin = _origin_key(value) if isinstance(value, dict | list) else None
    if origin is not None:
        return origin
    if isinstance(value, dict):
        return ("dict", tuple((k, _memo_part(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("list", hashlib.blake2b(pickle.dumps(value, protocol=5)).digest())
    return (type(value).__name__, value)


@dataclass(frozen=True)
class ChartNotes:
    """What goes with a chart besides the figure: where its numbers come from (the query
    file and the views it reads), the formula in words, the figure's data as a table and a
    one-sentence text alternative. The table and the sentence are functions, called only when
    the data table is asked for (building them on every rerun cost pages milliseconds)."""

    lang: str
    sources: tuple[str, ...]
    method: str
    table: Callable[[], pd.DataFrame]
    summary: Callable[[], str]


def chart_notes(
    f: Filters,
    query_name: str,
    method: str,
    table: Callable[[], pd.DataFrame],
    summary: Callable[[], str],
) -> ChartNotes:
    """ChartNotes for a chart drawn from queries/<query_name>.sql; `method` is the formula in
    words (already in the user's language); `table` and `summary` make the data table and the
    sentence (e.g. `lambda: frame.rename(…)`), when it is shown."""
    return ChartNotes(f.lang, sql_sources(query_name), method, table, summary)


def school_trend_notes(
    f: Filters,
    history: pd.DataFrame,
    *,
    school: str,
    indicator: str,
    year: int,
    span: tuple[int, int],
    standard: float | None,
) -> ChartNotes:
    """The notes of a school's trend (queries/school_history.sql, one indicator): its
    values beside the county mean by year, and the sentence on `year`'s value."""

    def table() -> pd.DataFrame:
        return school_trend_table(
            history,
            headers={
                "year": f.text("col_year"),
                "value": f.text("col_school_value"),
                "county_mean": f.text("col_county_mean"),
            },
        )

    def summary() -> str:
        now = history[history["year"] == year]
        return f.text(
            "alt_school_trend",
            first=span[0],
            last=span[1],
            school=school,
            indicator=indicator,
            year=year,
            value=fmt(now["value"].iloc[0]) if len(now) else "—",
            mean=fmt(now["county_mean"].iloc[0]) if len(now) else "—",
            standard=f.text("alt_standard", standard=f"{standard:g}") if standard else "",
        )

    return chart_notes(f, "school_history", f.text("method_school_value"), table, summary)


def method_popover(notes: ChartNotes, key: str) -> bool:
    """The "计算方法 / how this is computed" popover and the "数据表 / data table" toggle
    under a chart; True when the table is asked for."""
    text = partial(t, lang=notes.lang)
    with st.popover(text("chart_method"), icon=":material/functions:"):
        st.markdown(notes.method)  # interface text (components/i18n.py), never user data
        st.markdown(text("chart_sources", files=" · ".join(f"`{s}`" for s in notes.sources)))
    return st.toggle(text("chart_table"), key=f"{key}-table")


def plot(
    builder: Builder, *args: object, key: str, notes: ChartNotes | None = None, **kwargs: object
) -> go.Figure:
    """Draw builder(*args, **kwargs) (a function of components.charts: its DataFrame, then
    keyword arguments) with PNG and SVG downloads beside it, the "how this is computed"
    popover and the data-table toggle when `notes` are given, and return the figure. Figures
    are cached by their inputs: building one costs tens of milliseconds, a rerun of the same
    view costs none."""
    fig = figure(builder, *args, **kwargs)
    spec, config = for_screen(fig._spec), chart_config(PLOT_CONFIG, key)  # presenting (#21)
    st.plotly_chart(PreparedFigure(spec), width="stretch", config=config, key=key)
    with st.container(horizontal=True, vertical_alignment="center"):
        image_downloads(
            key,
            stem=key,
            png=partial(figure_image, fig, "png"),
            svg=partial(figure_image, fig, "svg"),
        )
        table_shown = notes is not None and method_popover(notes, key)
    if table_shown:
        st.caption(md(notes.summary()))
        st.dataframe(notes.table(), hide_index=True, width="stretch")
    return fig


def drawing(svg: str, *, key: str, plotted: Callable[[], go.Figure]) -> None:
    """A chart drawn on the server as SVG (no plotly.js to load: components/gauges.py), with
    downloads beside it named as a plotly chart's camera names them: the SVG itself, and a
    PNG of the same chart as plotly draws it (`plotted`, built only when the PNG is asked
    for, as in the county report)."""
    stem = chart_stem(key)
    # st.html's sanitiser would drop the SVG. In a <div> of its own line, the whole drawing is
    # one raw HTML block up to the first blank line: none inside (components.text.html_line).
    st.markdown(
        f'<div class="junheng-drawing" data-filename="{html(stem)}">\n{svg}\n</div>',
        unsafe_allow_html=True,
    )
    image_downloads(key, stem=stem, png=lambda: figure_image(plotted(), "png"), svg=svg)


def image_downloads(
    key: str, *, stem: str, png: Callable[[], bytes], svg: str | Callable[[], bytes]
) -> None:
    """A chart's download menu: PNG (3×) and SVG saved as `stem`.png / .svg (a callable's
    bytes are built only when its button is clicked)."""
    with st.popover(":material/download:", help="PNG / SVG"):
        st.download_button("PNG (3×)", png, f"{stem}.png", "image/png", key=f"{key}-png")
        st.download_button("SVG", svg, f"{stem}.svg", "image/svg+xml", key=f"{key}-svg")


def wide_gap_title(f: Filters) -> str:
    """The urban–rural headline: how many indicators have an urban mean over wide_gap_ratio
    (settings) times the rural one (queries/wide_gaps.sql)."""
    row = query(
        "wide_gaps", county=f.county_code, year=f.year, stage=f.stage, standard_set=f.standard_set
    ).iloc[0]
    n = int(row["n_wide"])
    key = "ratio_title_wide_one" if n == 1 else "ratio_title_wide"
    return f.text(key, n=n, ratio=f"{row['wide_gap_ratio']:g}")


def no_data(f: Filters) -> None:
    st.info(f.text("no_data", county=md(f.county_name), year=f.year, stage=f.text(f.stage)))


def name_column(f: Filters) -> str:
    return localised("name", f.lang)


def unit_column(f: Filters) -> str:
    return localised("unit", f.lang)


def group_labels(f: Filters) -> dict[str, str]:
    return {g: f.text(g) for g in ("urban", "town", "rural")}


def excluded_list(f: Filters, excluded: pd.DataFrame) -> None:
    """Sections that could not enter a computation: listed, never silently dropped. An HTML
    table (the words wrap and print; a data grid would also load ~1 MB of script into every
    first visit of the page, for a list most visitors leave closed)."""
    if excluded.empty:
        return
    schools = shared(distinct, excluded, "school_code")
    with st.expander(f"{f.text('excluded_title')} ({schools})"):
        st.caption(f.text("excluded_note"))
        headers = {
            "school_code": f.text("col_school_code"),
            "school_name": f.text("col_school"),
            name_column(f): f.text("col_indicator"),
            localised("reason", f.lang): f.text("col_reason"),
        }
        st.html(shared(excluded_html, excluded, headers=headers))


def excluded_html(excluded: pd.DataFrame, *, headers: dict[str, str]) -> str:
    """The excluded sections as an HTML table (with shared(): once per input)."""
    return html_table(picked(excluded, headers))


def distinct(frame: pd.DataFrame, column: str) -> int:
    """How many distinct values `column` holds (with shared(): once per input)."""
    return frame[column].nunique()


@dataclass(frozen=True)
class IndicatorChoice:
    """The indicator picked on a page (kept in the URL), with its name and unit."""

    key: str
    name: str
    unit: str

    @property
    def axis(self) -> str:
        """The name with its unit: in full-width brackets after Chinese, plain ones after
        English."""
        if self.name and unicodedata.east_asian_width(self.name[-1]) in "WF":
            return f"{self.name}（{self.unit}）"
        return f"{self.name} ({self.unit})"


def indicator_picker(f: Filters) -> IndicatorChoice:
    """A selectbox of the indicators of the chosen standard set and stage."""
    indicators = query("set_indicators", standard_set=f.standard_set, stage=f.stage)
    names = shared(column_by_key, indicators, "indicator", name_column(f))
    units = shared(column_by_key, indicators, "indicator", unit_column(f))
    key = url_selectbox(f.text("choose_indicator"), list(names), "indicator", format_func=names.get)
    return IndicatorChoice(key, names[key], units[key])


def column_by_key(frame: pd.DataFrame, key: str, column: str) -> dict:
    """{`key` value: `column` value} over the rows of `frame` (keys unique)."""
    return dict(zip(frame[key], frame[column], strict=True))
