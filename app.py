"""Junheng (均衡): how equal a county's schools are, by the official computations.

Run: streamlit run app.py  (builds the demo database on first start if none exists).
"""

import time
import uuid
from pathlib import Path

import streamlit as st
from streamlit.logger import get_logger

from components.filters import sidebar_filters, years_by_county
from components.i18n import LANGUAGES, t
from components.runtime import freeze_long_lived_objects
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
    ("views/overview.py", "page_overview", "overview", ":material/speed:"),
    ("views/trends.py", "page_trends", "trends", ":material/show_chart:"),
    ("views/school_gaps.py", "page_gaps", "school-gaps", ":material/school:"),
    ("views/urban_rural.py", "page_urban_rural", "urban-rural", ":material/holiday_village:"),
    ("views/school_profile.py", "page_profile", "school-profile", ":material/badge:"),
    ("views/map.py", "page_map", "map", ":material/map:"),
    ("views/export.py", "page_export", "export", ":material/download:"),
    ("views/planner.py", "page_planner", "planner", ":material/tune:"),
    ("views/province.py", "page_province", "province", ":material/account_tree:"),
)


# Presentation mode (?present=1 in a shared link): no sidebar, larger type, full width.
PRESENTATION_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
html {font-size: 20px;}
.block-container {max-width: 100% !important; padding-left: 2rem; padding-right: 2rem;}
</style>"""

# Shown only when an admin password is set in .streamlit/secrets.toml.
IMPORT_PAGE = ("views/data_import.py", "page_import", "import", ":material/upload:")
SETTINGS_PAGE = ("views/settings.py", "page_settings", "settings", ":material/settings:")


def main() -> None:
    started = time.perf_counter()
    with st.spinner("正在生成示例数据库… / Building the demo database…"):
        ensure_database()
    counties = query("counties")
    years = query("county_years")
    years_of = shared(years_by_county, years)
    filters = sidebar_filters(counties, years_of)
    st.session_state["filters"] = filters
    if st.query_params.get("present") == "1":
        st.html(PRESENTATION_CSS)
    if filters.is_demo:
        st.sidebar.caption(
            f":material/science: **{filters.text('demo_badge')}** · {filters.text('demo_note')}"
        )
    account = current_account()  # accounts (store/) add a login and the inspection page
    is_admin = admin_password() or (account is not None and account.role == "admin")
    admin_pages = (IMPORT_PAGE, SETTINGS_PAGE) if is_admin else ()
    entries = PAGES + admin_pages + account_pages()
    pages = [
        st.Page(path, title=t(key, filters.lang), url_path=url, icon=icon, default=i == 0)
        for i, (path, key, url, icon) in enumerate(entries)
    ]
    page = st.navigation(pages, position="top")
    page.run()
    st.session_state["last_run_ms"] = (time.perf_counter() - started) * 1000
    freeze_long_lived_objects()  # serving: keeps Streamlit's gc after each run cheap


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
