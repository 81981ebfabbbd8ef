"""The shared sidebar filters. Their state lives in the URL (st.query_params), so a link opens
exactly the same view; unknown or hostile values fall back to defaults with a notice."""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state.session_state_proxy import get_session_state

from components.i18n import LANGUAGES, t
from components.text import md
from data.catalogue import STAGES, STANDARD_SETS
from queries.db import result_key

URL_KEYS = ("lang", "county", "year", "stage", "set")
WRITTEN = "_url_written"  # session key: the URL values this session last wrote
PENDING = "_url_pending"  # session key: on a session's first run, the URL values to write
SETTLED = "_url_settled"  # session key: the first run has written the URL


@dataclass(frozen=True)
class Filters:
    county_code: str
    county_name: str
    year: int
    stage: str
    standard_set: str
    lang: str
    is_demo: bool

    def text(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)


def current() -> Filters:
    """The filters chosen in the sidebar on this run (set by app.py before the page runs)."""
    return st.session_state["filters"]


def _from_url(key: str, allowed: list[str], notices: list[str]) -> str | None:
    """The URL value for `key` if allowed; otherwise None (and a notice when one was given)."""
    value = st.query_params.get(key)
    if value is None:
        return None
    if value in allowed:
        return value
    notices.append(
        t(
            "bad_param",
            st.session_state.get("lang_choice", "zh"),
            name=key,
            value=md(str(value)[:40]),
        )
    )
    return None


def _init(
    widget_key: str, url_key: str, allowed: list[str], default: str, notices: list[str]
) -> bool:
    """Seed a widget from the URL on first run, and whenever its value is no longer allowed;
    and follow the URL when it changed by itself (Back / Forward, an edited link): a URL value
    that is not the one this session last wrote there wins over the widget's state. Returns
    whether the value was (re)set."""
    if widget_key not in st.session_state or st.session_state[widget_key] not in allowed:
        st.session_state[widget_key] = _from_url(url_key, allowed, notices) or default
        return True
    value = st.query_params.get(url_key)
    written = st.session_state.get(WRITTEN, {}).get(url_key)
    if value is not None and value != written and value in allowed:
        st.session_state[widget_key] = value
        return True
    return False


def _mirror(url_key: str, value: str) -> None:
    """Put a choice in the URL and remember it: a change is a step Back can return to. A
    session's first run only collects its values for write_url()."""
    st.session_state.setdefault(WRITTEN, {})[url_key] = value
    if st.query_params.get(url_key) == value:
        return
    if SETTLED in st.session_state:
        st.query_params[url_key] = value
    else:
        st.session_state.setdefault(PENDING, {})[url_key] = value


def write_url() -> None:
    """At the end of a session's first run, put its values in the URL without a history entry:
    a first visit adds no Back step (each st.query_params write is a history.pushState in the
    page, and a first visit wrote five to seven). The session's copy of the URL takes them
    without a message to the page, and the page's address is replaced in place."""
    pending = st.session_state.pop(PENDING, {})
    st.session_state[SETTLED] = True
    if not pending:
        return
    with get_session_state().query_params() as params:
        for key, value in pending.items():
            params.set_with_no_forward_msg(key, value)
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    get_script_run_ctx().query_string = query  # the session's copy of the address
    address = json.dumps(f"?{query}").replace("<", "\\u003c")
    with st.sidebar:
        st.html(
            f"<script>history.replaceState(history.state, '', location.pathname + {address}"
            " + location.hash);</script>",
            unsafe_allow_javascript=True,
        )


@dataclass(frozen=True)
class CountyChoices:
    """The county table as the sidebar reads it on every rerun: plain lookups, made once."""

    codes: list[str]
    names: dict[str, str]
    labels: dict[str, str]  # 县名（市名）
    labels_en: dict[str, str]  # 县名 (市名): half-width brackets in English
    province_of: dict[str, str]
    provinces: list[str]
    in_province: dict[str, list[str]]
    is_demo: dict[str, bool]


_choices: dict[tuple, CountyChoices] = {}


def county_choices(counties: pd.DataFrame) -> CountyChoices:
    """Lookups of the counties query's result, kept for as long as that result is cached."""
    key = result_key(counties)
    if key is not None and key in _choices:
        return _choices[key]
    codes = counties["county_code"].tolist()
    names = dict(zip(codes, counties["county_name"], strict=True))
    cities = dict(zip(codes, counties["city_name"], strict=True))
    province_of = dict(zip(codes, counties["province_name"].fillna(""), strict=True))
    in_province: dict[str, list[str]] = {}
    for code in codes:
        in_province.setdefault(province_of[code], []).append(code)
    choices = CountyChoices(
        codes=codes,
        names=names,
        labels={c: f"{names[c]}（{cities[c]}）" if cities[c] else names[c] for c in codes},
        labels_en={c: f"{names[c]} ({cities[c]})" if cities[c] else names[c] for c in codes},
        province_of=province_of,
        provinces=list(in_province),
        in_province=in_province,
        is_demo=dict(zip(codes, counties["is_demo"], strict=True)),
    )
    if key is not None:
        if len(_choices) > 20:
            _choices.clear()
        _choices[key] = choices
    return choices


def years_by_county(years: pd.DataFrame) -> dict[str, list[int]]:
    """county_years' result as {county_code: [years]} (read-only: shared by sessions)."""
    return {row.county_code: list(row.years) for row in years.itertuples()}


def sidebar_filters(counties: pd.DataFrame, years_of: dict[str, list[int]]) -> Filters:
    """Render the language switch and filters; returns the choice and mirrors it in the URL.

    `counties` has county_code, county_name, city_name, province_name, is_demo."""
    notices: list[str] = []
    _init("lang_choice", "lang", list(LANGUAGES), "zh", notices)
    lang = st.sidebar.segmented_control(
        t("language", st.session_state["lang_choice"]),
        LANGUAGES,
        key="lang_choice",
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
    )
    lang = lang or "zh"

    choices = county_choices(counties)
    codes = choices.codes
    from_url = _init("county_choice", "county", codes, codes[0], notices)
    provinces = choices.provinces
    chosen_province = choices.province_of[st.session_state["county_choice"]]
    if from_url or st.session_state.get("province_choice") not in provinces:
        st.session_state["province_choice"] = chosen_province
    if len(provinces) > 1:
        province = st.sidebar.selectbox(t("province", lang), provinces, key="province_choice")
        options = choices.in_province[province]
    else:
        options = codes
    if st.session_state["county_choice"] not in options:
        st.session_state["county_choice"] = options[0]
    county = st.sidebar.selectbox(
        t("county", lang),
        options,
        key="county_choice",
        format_func=(choices.labels_en if lang == "en" else choices.labels).get,
    )

    years = [str(y) for y in sorted(years_of.get(county, []), reverse=True)] or ["2024"]
    _init("year_choice", "year", years, years[0], notices)
    year = st.sidebar.selectbox(t("year", lang), years, key="year_choice")

    _init("stage_choice", "stage", list(STAGES), STAGES[0], notices)
    stage = st.sidebar.radio(
        t("stage", lang),
        STAGES,
        key="stage_choice",
        horizontal=True,
        format_func=lambda s: t(s, lang),
    )
    _init("set_choice", "set", list(STANDARD_SETS), STANDARD_SETS[0], notices)
    standard_set = st.sidebar.radio(
        t("standard_set", lang), STANDARD_SETS, key="set_choice", format_func=lambda s: t(s, lang)
    )
    for notice in notices:
        st.sidebar.warning(notice)

    chosen = {"lang": lang, "county": county, "year": year, "stage": stage, "set": standard_set}
    for key, value in chosen.items():
        _mirror(key, value)
    return Filters(
        county,
        str(choices.names[county]),
        int(year),
        stage,
        standard_set,
        lang,
        bool(choices.is_demo[county]),
    )


def url_selectbox(label: str, options: list[str], url_key: str, format_func=str) -> str | None:
    """A page-level selectbox whose choice is also kept in the URL (e.g. indicator, school)."""
    if not options:
        return None
    widget_key = f"{url_key}_choice"
    notices: list[str] = []
    _init(widget_key, url_key, options, options[0], notices)
    for notice in notices:
        st.warning(notice)
    value = st.selectbox(label, options, key=widget_key, format_func=format_func)
    _mirror(url_key, value)
    return value
