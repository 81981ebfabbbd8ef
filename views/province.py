"""全市 / 全省 City / province: every county of the province (or one city) in one table and
map; the chosen county beside its peers; the pace of its CVs; its self-evaluation report."""

import html
import logging

import pandas as pd
import streamlit as st
from branca.element import Element
from sqlalchemy.exc import SQLAlchemyError

from components import charts, leaflet, maps
from components.filters import current, url_selectbox
from components.i18n import t
from components.pace import PACE_YEARS, fitted_points, horizon, pace_display, pace_table
from components.presenting import chart_config, for_screen
from components.province import (
    FAIL_COLOUR,
    NEAR,
    NEAR_COLOUR,
    NO_DATA_COLOUR,
    PASS_COLOUR,
    county_rows,
    display_table,
    map_colours,
    nearest_peers,
    peer_comparison,
    peer_scatter,
    summary_xlsx,
    verdict_mark,
)
from components.self_report import gather, self_report_docx
from components.text import md
from components.widgets import (
    PLOT_CONFIG,
    PreparedFigure,
    figure,
    indicator_picker,
    name_column,
    plot,
    rows_equal,
    shared,
    source_note,
)
from queries.db import database_version, query
from store import follow_up as fu
from store.db import store

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
N_RESOURCE_ITEMS = 7  # quality 2017 §3a: the resource items of the 32
WHITE_MAP = "<style>.leaflet-container {background: #FFFFFF;}</style>"
PEERS = 5  # how many counties most like the chosen one are shown beside it

f = current()
place = query("province_of_county", county=f.county_code).iloc[0]
province_code, province_name = place["province_code"], place["province_name"]
cities = query("province_cities", province=province_code)
city_names = dict(zip(cities["city_code"], cities["city_name"], strict=True))
scope_names = {"all": f.text("province_whole", province=province_name)} | city_names


def open_county(code: str) -> None:
    """Switch the sidebar to a county and go to its overview (on the next run)."""
    st.session_state["county_choice"] = code
    st.session_state["province_open"] = code


def clicked_row() -> None:
    rows = st.session_state["province_table"].selection.rows
    if rows:
        open_county(st.session_state["province_table_codes"][rows[0]])


def clicked_map() -> None:
    drawing = (st.session_state.get("province_map") or {}).get("last_active_drawing") or {}
    code = (drawing.get("properties") or {}).get("code")
    if code in st.session_state.get("province_table_codes", []):
        open_county(code)
    elif code:
        st.session_state["province_grey_click"] = (drawing.get("properties") or {}).get(
            "county_name", code
        )


opened = st.session_state.pop("province_open", None)
if opened:  # the sidebar has switched to it already; the link keeps the other choices
    link = {"lang": f.lang, "county": opened, "year": str(f.year), "stage": f.stage}
    st.switch_page("views/overview.py", query_params=link | {"set": f.standard_set})

heading = st.empty()  # the title names the scope chosen just below it
scope_key = url_selectbox(
    f.text("province_scope"), list(scope_names), "scope", format_func=scope_names.get
)
place_name = province_name if scope_key == "all" else city_names[scope_key]
heading.title(f.text("province_title", place=place_name, year=f.year))

scope = query(
    "province_scope", province=province_code, city="" if scope_key == "all" else scope_key
)
cvs = query("province_cvs", province=province_code, stage=f.stage, standard_set=f.standard_set)


@st.cache_resource(max_entries=200, show_spinner=False)  # read-only, not copied per run
def province_rows(
    version: str, province: str, city: str, year: int, stage: str, standard_set: str
) -> pd.DataFrame:
    """county_rows for one scope and choice, kept per database version (the pandas work
    takes ~0.2 s for a province of 100 counties)."""
    checklist = query("province_checklist", province=province, year=year)
    county_items = checklist.groupby("county_code").size()  # the 25 of the catalogue
    return county_rows(
        query("province_scope", province=province, city=city),
        query("province_verdicts", province=province),
        query("province_cvs", province=province, stage=stage, standard_set=standard_set),
        query("province_resource_items", province=province, year=year),
        checklist,
        year=year,
        stage=stage,
        standard_set=standard_set,
        n_items=N_RESOURCE_ITEMS + int(county_items.max() if len(county_items) else 0),
    )


@st.cache_resource(max_entries=50, show_spinner=False)
def province_map(
    version: str, province: str, city: str, year: int, stage: str, standard_set: str, lang: str
) -> leaflet.PreparedMap | None:
    """The scope's counties coloured by verdict, rendered once per choice and shared by every
    session (components/leaflet.py)."""
    scope = query("province_scope", province=province, city=city)
    rows = province_rows(version, province, city, year, stage, standard_set)
    verdict_of = {
        code: verdict_mark(v, lang)
        for code, v in zip(rows["county_code"], rows[f"{standard_set}_{stage}"], strict=True)
    }
    outlines = scope.dropna(subset=["geojson"]).assign(  # tooltips are HTML: names escaped
        county_name=lambda d: d["county_name"].map(html.escape),
        verdict=lambda d: d["county_code"].map(verdict_of).fillna(t("county_no_data", lang)),
    )
    if outlines.empty:
        return None
    built = maps.county_choropleth(
        outlines,
        map_colours(scope, rows, stage=stage, standard_set=standard_set),
        {"county_name": t("county", lang), "verdict": t("col_verdict", lang)},
    )
    # white behind the outlines, so grey counties without data read as counties
    built.get_root().header.add_child(Element(WHITE_MAP))
    built.options["scrollWheelZoom"] = False  # scrolling the page must not zoom the map
    built.options["attributionControl"] = False  # no tiles, nothing to credit
    return leaflet.prepare(built)


rows = province_rows(
    database_version(),
    province_code,
    "" if scope_key == "all" else scope_key,
    f.year,
    f.stage,
    f.standard_set,
)
try:  # statuses change at any time: read on every run (the store's events of these counties)
    flags = query("province_flags", province=province_code, year=f.year)
    open_flags = fu.open_per_county(flags, store(), shared(fu.flag_index, flags))
except SQLAlchemyError:
    logging.getLogger("junheng").exception("open flags: the follow-up store cannot be read")
    open_flags = None
if open_flags is not None:
    rows = rows.assign(open_flags=rows["county_code"].map(open_flags).fillna(0).astype(int))
st.session_state["province_table_codes"] = rows["county_code"].tolist()


def by_indicator(cvs: pd.DataFrame, column: str) -> dict:
    """indicator → `column` (its name, its CV line) from the province's CVs."""
    return cvs.drop_duplicates("indicator").set_index("indicator")[column].to_dict()


names = shared(by_indicator, cvs, name_column(f))
lines = shared(by_indicator, cvs, "threshold")


def summary_button(key: str) -> None:
    """The province's (or city's) summary of its counties as .xlsx, built on click."""
    st.download_button(
        f.text("province_xlsx"),
        lambda: summary_xlsx(
            display_table(rows, indicator_names=names, lines=lines, lang=f.lang, marks=False),
            title=f.text("province_xlsx_title", place=place_name, year=f.year),
            note=f"{f.text(f.stage)} · {f.text(f.standard_set)} · {source_note(f)}",
        ),
        f"junheng-{province_code if scope_key == 'all' else scope_key}-{f.year}.xlsx",
        XLSX_MIME,
        icon=":material/table_view:",
        key=key,
    )


counties_tab, peers_tab, pace_tab, documents_tab = st.tabs(
    [
        f.text("province_tab_counties"),
        f.text("province_tab_peers"),
        f.text("province_tab_pace"),
        f.text("province_tab_documents"),
    ]
)

with counties_tab:
    grey = scope[~scope["has_data"]]
    passing = rows[f"{f.standard_set}_{f.stage}"].eq(True).sum()
    st.markdown(
        f.text(
            "province_summary",
            n=len(rows),
            stage=f.text(f.stage),
            standard=f.text(f.standard_set),
            passing=int(passing),
            grey=len(grey),
        )
    )
    table = shared(display_table, rows, indicator_names=names, lines=lines, lang=f.lang)
    gap_column = f.text("province_gap")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(36 * (len(table) + 1) + 20, 640),  # + the horizontal scrollbar
        key="province_table",
        on_select=clicked_row,
        selection_mode="single-row",
        column_config={
            gap_column: st.column_config.NumberColumn(
                format="%+.3f", help=f.text("province_gap_help")
            ),
            f.text("province_change"): st.column_config.NumberColumn(format="%+.3f"),
            f.text("province_trend"): st.column_config.LineChartColumn(width="small"),
            f.text("province_open_flags"): st.column_config.NumberColumn(
                help=f.text("province_open_flags_help", year=f.year)
            ),
        },
    )
    if open_flags is None:
        st.caption(f.text("province_open_flags_unavailable"))
    st.caption(
        f.text("province_cv_help", stage=f.text(f.stage), standard=f.text(f.standard_set))
        + " "
        + f.text("province_click")
    )

    st.subheader(
        f.text(
            "province_map_title",
            place=place_name,
            stage=f.text(f.stage),
            standard=f.text(f.standard_set),
            year=f.year,
        )
    )
    st.html(
        "".join(
            f'<span style="display:inline-flex;align-items:center;margin-right:18px;'
            f'font-size:16px"><span style="width:14px;height:14px;background:{colour};'
            f'display:inline-block;margin-right:6px;border:1px solid #333"></span>{label}</span>'
            for colour, label in (
                (PASS_COLOUR, f.text("county_pass")),
                (NEAR_COLOUR, f.text("province_near", near=NEAR)),
                (FAIL_COLOUR, f.text("province_far", near=NEAR)),
                (NO_DATA_COLOUR, f.text("county_no_data")),
            )
        )
    )
    prepared = province_map(
        database_version(),
        province_code,
        "" if scope_key == "all" else scope_key,
        f.year,
        f.stage,
        f.standard_set,
        f.lang,
    )
    if prepared is not None:
        leaflet.show(prepared, key="province_map", height=560, on_change=clicked_map)
    grey_click = st.session_state.pop("province_grey_click", None)
    if grey_click:
        st.info(f.text("province_no_data_clicked", county=grey_click))
    if len(grey):
        with st.expander(f.text("province_no_data_list", n=len(grey))):
            st.text(("、" if f.lang == "zh" else ", ").join(grey["county_name"]))
    summary_button("province_xlsx")


def indicator_points(this_year: pd.DataFrame, profiles: pd.DataFrame, indicator: str):
    """The scatter's points: one indicator's CV and mean of every county, with its name."""
    return this_year[this_year["indicator"] == indicator].merge(
        profiles[["county_code", "county_name"]], on="county_code"
    )


@st.fragment
def peers_section() -> None:
    """The county beside its peers (a fragment: picking an indicator reruns only this)."""
    profiles = query("peer_profiles", province=province_code, year=f.year)
    this_year = shared(rows_equal, cvs, "year", f.year)
    if f.county_code not in set(profiles["county_code"]) or len(profiles) < 2:
        st.info(f.text("peers_none"))
    else:
        peers = shared(nearest_peers, profiles, f.county_code, k=min(PEERS, len(profiles) - 1))
        choice = indicator_picker(f)
        points = shared(indicator_points, this_year, profiles, choice.key)
        labels = {
            "county": f.text("peers_county"),
            "peers": f.text("peers_peers"),
            "others": f.text("peers_others"),
        }
        if len(points):
            scatter = figure(
                peer_scatter,
                points,
                county=f.county_code,
                peers=peers["county_code"].tolist(),
                threshold=float(points["threshold"].iloc[0]),
                line_label=f.text("threshold"),
                title=f.text(
                    "peers_title",
                    indicator=choice.name,
                    county=f.county_name,
                    stage=f.text(f.stage),
                    year=f.year,
                ),
                note=source_note(f),
                x_label=f.text("peers_x", unit=choice.unit),
                y_label=f.text("axis_cv"),
                labels=labels,
            )
            st.plotly_chart(  # scaled in presentation mode, saved under the chart's name
                PreparedFigure(for_screen(scatter._spec)),
                width="stretch",
                config=chart_config(PLOT_CONFIG, f"peers-{choice.key}"),
                key="peer-scatter",
            )
        how = "peers_how_one" if len(peers) == 1 else "peers_how"
        st.caption(f.text(how, county=md(f.county_name), k=len(peers)))
        st.dataframe(
            pd.DataFrame(
                {
                    f.text("county"): peers["county_name"],
                    f.text("peers_col_pupils"): peers["students"].astype(int),
                    f.text("peers_col_rural"): peers["rural_share"] * 100,
                    f.text("peers_col_schools"): peers["n_schools"],
                    f.text("peers_col_distance"): peers["distance"],
                }
            ),
            hide_index=True,
            column_config={
                f.text("peers_col_pupils"): st.column_config.NumberColumn(format="localized"),
                f.text("peers_col_rural"): st.column_config.NumberColumn(format="%.1f%%"),
                f.text("peers_col_distance"): st.column_config.NumberColumn(format="%.2f"),
            },
        )
        compared = shared(
            peer_comparison, this_year, f.county_code, peers, name_column=name_column(f)
        )
        words = {
            "ahead": f.text("peers_ahead"),
            "behind": f.text("peers_behind"),
            "level": f.text("peers_level"),
        }
        st.subheader(
            f.text(
                "peers_table_title",
                county=md(f.county_name),
                ahead=int(compared["cv_standing"].eq("ahead").sum()),
                behind=int(compared["cv_standing"].eq("behind").sum()),
            )
        )
        st.dataframe(
            pd.DataFrame(
                {
                    f.text("col_item"): compared["name"],
                    f.text("peers_col_cv"): compared["cv"],
                    f.text("peers_col_peer_cv"): compared["peer_cv"],
                    f.text("peers_col_cv_ahead"): compared["cv_standing"].map(words),
                    f.text("peers_col_mean"): compared["mean_value"],
                    f.text("peers_col_peer_mean"): compared["peer_mean"],
                    f.text("peers_col_mean_ahead"): compared["mean_standing"].map(words),
                }
            ),
            hide_index=True,
            width="stretch",
            column_config={
                f.text("peers_col_cv"): st.column_config.NumberColumn(format="%.3f"),
                f.text("peers_col_peer_cv"): st.column_config.NumberColumn(format="%.3f"),
                f.text("peers_col_mean"): st.column_config.NumberColumn(format="%.2f"),
                f.text("peers_col_peer_mean"): st.column_config.NumberColumn(format="%.2f"),
            },
        )


@st.fragment
def pace_section() -> None:
    """The pace of the county's CVs (a fragment: the window and target rerun only this)."""
    county_cvs = query(
        "county_indicator_cv", county=f.county_code, stage=f.stage, standard_set=f.standard_set
    )
    known = sorted(int(y) for y in county_cvs["year"].unique() if y <= f.year)
    if len(known) < 3:
        st.info(f.text("pace_too_few_years"))
    else:
        up_to = known[-1]
        left, right = st.columns(2)
        window = left.slider(
            f.text("pace_years"), 3, len(known), min(PACE_YEARS, len(known)), key="pace_years"
        )
        target = int(
            right.number_input(
                f.text("pace_target"), up_to, up_to + 30, up_to + 3, step=1, key="pace_target"
            )
        )
        pace = shared(pace_table, county_cvs, last_years=window, up_to=up_to, target_year=target)
        if pace.empty:
            st.success(f.text("pace_none", year=up_to, stage=f.text(f.stage)))
        else:
            title = f.text(
                "pace_title",
                stage=f.text(f.stage),
                n=len(pace),
                late=int((pace["status"] != "on_pace").sum()),
                target=target,
            )
            plot(
                charts.cv_trend_with_pace,
                county_cvs[county_cvs["year"] <= up_to],
                name_column=name_column(f),
                title=title,
                note=source_note(f, f"{known[0]}–{up_to}"),
                axis_cv=f.text("axis_cv"),
                axis_year=f.text("axis_year"),
                threshold_label=f.text("threshold"),
                key="pace-trend",
                fits=shared(fitted_points, pace, until=max(target, horizon(pace, up_to=up_to))),
                fit_label=f.text("pace_fit"),
                target_year=target,
                target_label=f.text("pace_target"),
            )
            st.dataframe(
                shared(pace_display, pace, name_column=name_column(f), lang=f.lang),
                hide_index=True,
                width="stretch",
                column_config={
                    f.text("pace_col_now"): st.column_config.NumberColumn(format="%.3f"),
                    f.text("pace_col_line"): st.column_config.NumberColumn(format="%.2f"),
                    f.text("pace_col_slope"): st.column_config.NumberColumn(format="%+.4f"),
                },
            )
        st.caption(f.text("pace_help", years=window))


with peers_tab:
    peers_section()

with pace_tab:
    pace_section()

with documents_tab:
    st.caption(f.text("report_docx_help", county=md(f.county_name), year=f.year))
    st.download_button(
        f.text("report_docx"),
        lambda: self_report_docx(
            gather(
                query,
                county_code=f.county_code,
                county_name=f.county_name,
                province_code=province_code,
                year=f.year,
                lang=f.lang,
            ),
            lang=f.lang,
        ),
        f"junheng-self-report-{f.county_code}-{f.year}.docx",
        DOCX_MIME,
        icon=":material/description:",
        key="self_report_docx",
    )
    summary_button("province_xlsx_documents")
