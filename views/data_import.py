"""数据导入 Import: school returns into the database, behind the admin password.

The same code as `python -m data.ingest`: checked before anything is written, then a new
database file is swapped in atomically; the app's read-only connection notices the new file."""

import pandas as pd
import streamlit as st

from components.filters import current
from components.security import admin_password, password_matches
from data.ingest import check_files, import_files
from data.template import blank_template
from queries.db import database_path, query
from store.session import current_account

f = current()
st.title(f.text("page_import"))
st.download_button(
    f.text("import_template"),
    blank_template(),
    "junheng-template.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="template",
)

account = current_account()  # an admin account logged in on the login page
if not st.session_state.get("admin"):
    with st.form("login"):
        typed = st.text_input(f.text("import_password"), type="password")
        st.caption(f.text("import_password_help"))
        if st.form_submit_button(f.text("import_login")):
            if password_matches(typed, admin_password()):
                st.session_state["admin"] = True
                st.rerun()
            st.error(f.text("import_wrong"))
    st.stop()

uploads = st.file_uploader(
    f.text("import_files"), type=["xlsx", "csv"], accept_multiple_files=True, key="import_uploads"
)
if uploads:
    files = [(u.name, u.getvalue()) for u in uploads]
    checked = check_files(files, f.lang)
    st.caption(
        f.text(
            "import_checked",
            n=len(checked.rows),
            errors=len(checked.errors),
            warnings=len(checked.warnings),
        )
    )
    if checked.errors:
        st.error(f.text("import_errors"))
        st.dataframe(pd.DataFrame({"": [p.text(f.lang) for p in checked.errors]}), width="stretch")
    accept = False
    if checked.warnings:
        st.warning(f.text("import_warnings"))
        st.dataframe(
            pd.DataFrame({"": [p.text(f.lang) for p in checked.warnings]}), width="stretch"
        )
        accept = st.checkbox(f.text("import_accept"), key="import_accept")
    blocked = bool(checked.errors) or (bool(checked.warnings) and not accept)
    if st.button(
        f.text("import_run"),
        type="primary",
        disabled=blocked or checked.rows.empty,
        key="import_run",
    ):
        bar = st.progress(0.0)
        _, report = import_files(
            files,
            database_path(),
            accept_warnings=accept,
            user=account.name if account else "admin",
            lang=f.lang,
            progress=lambda fraction, step: bar.progress(fraction, text=step),
        )
        bar.empty()
        if report.written:
            st.success(
                f.text(
                    "import_done",
                    added=report.added,
                    replaced=report.replaced,
                    unchanged=report.unchanged,
                )
            )
            if report.backup:
                st.caption(f.text("import_backup", backup=report.backup))
        else:
            st.info(f.text("import_same"))

log = query("import_log")
if not log.empty:
    st.subheader(f.text("import_log"))
    st.dataframe(log, hide_index=True, width="stretch")
