"""Junheng (均衡): how equal a county's schools are, by the official computations.

Run: streamlit run app.py  (builds the demo database on first start if none exists).
"""

import time
import uuid
from pathlib import Path

import streamlit as st
from streamlit.logger import get_logger
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.filters import sidebar_filters, write_url, years_by_county
from components.i18n import LANGUAGES, t
from components.presenting import (
    FOCUS_CSS,
    PRESENTATION_CSS,
    PRINT_CSS,
    copy_link_button,
    document_language,
    history_steps,
    page_scripts,
    presenting,
    stop_presenting,
)
from components.runtime import freeze_long_lived_objects, no_delay_on_server_sockets
from components.security import admin_password
from components.widgets import shared
from queries.db import ensure_database, query
from store.session import account_pages, current_account

st.set_page_config(
    page_title="均衡 Junheng",
    page_icon=str(Path(__file__).parent / "assets" / "favicon.png"),
    layout="wide",
)

PAGES = (
    ("views/overview.py", "page_overview", "", ":material/speed:"),  # "/"; /overview leads here
    ("views/trends.py", "page_trends", "trends", ":material/show_chart:"),
    ("views/school_gaps.py", "page_gaps", "school-gaps", ":material/school:"),
    ("views/urban_rural.py", "page_urban_rural", "urban-rural", ":material/holiday_village:"),
    ("views/school_profile.py", "page_profile", "school-profile", ":material/badge:"),
    ("views/map.py", "page_map", "map", ":material/map:"),
    ("views/export.py", "page_export", "export", ":material/download:"),
    ("views/planner.py", "page_planner", "planner", ":material/tune:"),
    ("views/province.py", "page_province", "province", ":material/account_tree:"),
)

# Shown only when an admin password is set in .streamlit/secrets.toml.
IMPORT_PAGE = ("views/data_import.py", "page_import", "import", ":material/upload:")
SETTINGS_PAGE = ("views/settings.py", "page_settings", "settings", ":material/settings:")


def main() -> None:
    started = time.perf_counter()
    no_delay_on_server_sockets()  # serving: no ~40 ms Nagle stall per rerun (once)
    with st.sidebar:  # first: the history rule before any URL write, <html lang> before text
        history_steps()
        document_language(requested_language())
    with st.spinner("正在生成示例数据库… / Building the demo database…"):
        ensure_database()
    counties = query("counties")
    years = query("county_years")
    years_of = shared(years_by_county, years)
    filters = sidebar_filters(counties, years_of)
    st.session_state["filters"] = filters
    if filters.is_demo:
        st.sidebar.caption(
            f":material/science: **{filters.text('demo_badge')}** · {filters.text('demo_note')}"
        )
    with st.sidebar:
        copy_link_button(filters.text("copy_link"), filters.text("copy_link_done"))
    st.html(PRINT_CSS + FOCUS_CSS)
    with st.sidebar:
        page_scripts()
    present = presenting()
    if present:
        st.html(PRESENTATION_CSS)
    account = current_account()  # accounts (store/) add a login and the inspection page
    is_admin = admin_password() or (account is not None and account.role == "admin")
    admin_pages = (IMPORT_PAGE, SETTINGS_PAGE) if is_admin else ()
    entries = PAGES + admin_pages + account_pages()
    pages = [
        st.Page(path, title=t(key, filters.lang), url_path=url, icon=icon, default=i == 0)
        for i, (path, key, url, icon) in enumerate(entries)
    ]
    pages += unknown_path_pages(pages[0], {page.url_path for page in pages})
    page = st.navigation(pages, position="top")
    if present:
        st.button(
            filters.text("present_exit"),
            icon=":material/close_fullscreen:",
            on_click=stop_presenting,
            key="present_exit",
        )
    try:
        page.run()
    finally:  # also after st.stop(): a first visit's URL values, in one change
        write_url()
    st.session_state["last_run_ms"] = (time.perf_counter() - started) * 1000
    freeze_long_lived_objects()  # serving: keeps Streamlit's gc after each run cheap


def requested_language() -> str:
    """The language of this run as far as it is known before the filters are read: the
    switch's state, else the link's ?lang=, else Chinese."""
    lang = st.session_state.get("lang_choice") or st.query_params.get("lang")
    return lang if lang in LANGUAGES else "zh"


def requested_path() -> str:
    """The page path the browser asked for ("" for the root, or on a rerun)."""
    ctx = get_script_run_ctx()
    name = getattr(getattr(ctx, "pages_manager", None), "intended_page_name", None)
    return name.strip().strip("/") if isinstance(name, str) else ""


def unknown_path_pages(overview: st.Page, known: set[str]) -> list[st.Page]:
    """A hidden page for a path that names no page (/overview, an old link, a page only an
    admin sees): it opens the overview, keeping the filters, instead of Streamlit's English
    "Page not found" dialog."""
    path = requested_path()
    if not path or path in known or "/" in path:
        return []

    def to_overview() -> None:
        st.switch_page(overview, query_params=dict(st.query_params))

    try:
        return [st.Page(to_overview, title=path[:40], url_path=path, visibility="hidden")]
    except st.errors.StreamlitAPIException:
        return []


def show_unexpected_error(error: Exception) -> None:
    """A plain message in the user's language; the traceback goes to the server log only,
    under a reference the user can quote."""
    reference = uuid.uuid4().hex[:8]
    get_logger("junheng").error("unexpected error, reference %s", reference, exc_info=error)
    lang = st.session_state.get("lang_choice")
    st.error(t("unexpected_error", lang if lang in LANGUAGES else "zh", ref=reference))


try:
    main()
except Exception as error:  # st.stop() and st.rerun() are not Exceptions and pass through
    show_unexpected_error(error)
