"""数据导入 Import: school returns into the database, behind the admin password.

The same code as `python -m data.ingest`. An upload is checked once (the result is kept in the
session under the files' SHA-256, the confirmed column mapping and the database's version), not
on every rerun; the preview says what would be added, replaced (field by field) and left
unchanged; the import itself runs under the import lock and swaps a new file in atomically.
User-supplied text (file names, headers, cells) is shown only in tables, never as Markdown."""

import hashlib
import json

import pandas as pd
import streamlit as st
from filelock import Timeout

from components.admin import require_admin
from components.county_items_editor import county_items_editor
from components.filters import current
from data.checking import Checked, message
from data.ingest import check_files, import_files, propose_mapping
from data.sheets import KINDS
from data.template import blank_template
from data.writing import refresh_schema, remembered_mappings
from queries.db import (
    connection,
    database_path,
    database_version,
    query,
    refresh_command,
    views_stale,
)
from store.session import current_account

STATUS_TEXT = {
    "added": "import_status_added",
    "replaced": "import_status_replaced",
    "unchanged": "import_status_unchanged",
}

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

require_admin(f)
account = current_account()  # the admin account, or None before accounts exist

if database_path().exists() and views_stale():
    st.warning(f.text("import_views_stale"))
    st.code(refresh_command(), language="bash")
    if st.button(f.text("import_refresh"), key="import_refresh"):
        try:
            refresh_schema(database_path(), wait=0)
            st.success(f.text("import_refreshed"))
        except Timeout:
            st.error(message("busy", f.lang))


def problems_table(problems: list) -> pd.DataFrame:
    return pd.DataFrame({"": [p.text(f.lang) for p in problems]})


def checked_once(files: list[tuple[str, bytes]], mapping: dict | None) -> Checked:
    """The check of these exact uploads with this mapping against this database version,
    computed once per session (a progress bar while it runs)."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    version = database_version() if database_path().exists() else ""
    key = (digest.hexdigest(), json.dumps(mapping, sort_keys=True, ensure_ascii=False), version)
    cached = st.session_state.get("import_checked")
    if cached is None or cached[0] != key:
        bar = st.progress(0.0)
        stored = connection() if database_path().exists() else None
        checked = check_files(
            files,
            f.lang,
            stored=stored,
            mapping=mapping,
            progress=lambda fraction, text: bar.progress(min(fraction, 1.0), text=text),
        )
        bar.empty()
        st.session_state["import_checked"] = (key, checked)
    return st.session_state["import_checked"][1]


def mapping_editor(checked: Checked, files_key: str) -> None:
    """Headers the template does not know: a proposed column for each (remembered for this
    county, else the most similar header), confirmed by the user."""
    unknown = sorted({h for headers in checked.unknown.values() for h in headers})
    if not unknown:
        return
    counties = [c for c in checked.rows["county_code"] if isinstance(c, str)]
    remembered = remembered_mappings(database_path()).get(counties[0], {}) if counties else {}
    proposal = propose_mapping(unknown, remembered)
    labels = {c.key: c.header for c in KINDS["schools"].columns}
    ignore = f.text("import_mapping_ignore")
    table = pd.DataFrame(
        {
            "file": unknown,
            "target": [labels.get(proposal.get(h) or "", ignore) for h in unknown],
        }
    )
    st.subheader(f.text("import_mapping_title"))
    st.caption(f.text("import_mapping_help"))
    edited = st.data_editor(
        table,
        column_config={
            "file": st.column_config.TextColumn(
                f.text("import_mapping_file_header"), disabled=True
            ),
            "target": st.column_config.SelectboxColumn(
                f.text("import_mapping_target"), options=[ignore, *labels.values()], required=True
            ),
        },
        hide_index=True,
        key=f"import_mapping_{files_key}",
    )
    if st.button(f.text("import_mapping_apply"), key="import_mapping_apply"):
        by_label = {v: k for k, v in labels.items()}
        chosen = {r.file: by_label.get(r.target) for r in edited.itertuples()}
        confirmed = st.session_state.setdefault("import_mapping", {})
        confirmed[files_key] = (confirmed.get(files_key) or {}) | chosen
        st.rerun()


def field(key: str) -> str:
    """A column as the user knows it: the template's header in Chinese, its key in English."""
    column = KINDS["schools"].column_for(key)
    return column.header if column and f.lang != "en" else key


def show_preview(checked: Checked) -> None:
    lines = checked.preview.get("schools")
    if lines is None or lines.empty:
        return
    counts = lines["status"].value_counts()
    st.subheader(f.text("import_preview_title"))
    st.caption(
        f.text(
            "import_preview_counts",
            added=int(counts.get("added", 0)),
            replaced=int(counts.get("replaced", 0)),
            unchanged=int(counts.get("unchanged", 0)),
        )
    )
    shown = lines[lines["status"] != "unchanged"].head(2000)
    if shown.empty:
        return
    st.dataframe(
        pd.DataFrame(
            {
                f.text("import_preview_status"): [f.text(STATUS_TEXT[s]) for s in shown["status"]],
                f.text("import_preview_school"): shown["school_code"] + " " + shown["school_name"],
                f.text("year"): shown["year"],
                f.text("stage"): shown["stage"],
                f.text("import_preview_changes"): [
                    "；".join(f"{field(c)}: {old or '∅'} → {new or '∅'}" for c, old, new in changes)
                    for changes in shown["changes"]
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )


uploads = st.file_uploader(
    f.text("import_upload"),
    type=["xlsx", "ods", "csv"],
    accept_multiple_files=True,
    key="import_uploads",
)
if uploads:
    files = [(u.name, u.getvalue()) for u in uploads]
    files_key = hashlib.sha256(b"".join(hashlib.sha256(d).digest() for _, d in files)).hexdigest()
    mapping = st.session_state.get("import_mapping", {}).get(files_key)
    checked = checked_once(files, mapping)
    st.caption(
        f.text(
            "import_checked",
            n=sum(len(rows) for rows in checked.tables.values()),
            errors=len(checked.errors),
            warnings=len(checked.warnings),
        )
    )
    absent = [(file, headers) for (_, file), headers in checked.absent.items() if headers]
    if absent:
        st.info(f.text("import_absent_title"))
        st.dataframe(
            pd.DataFrame(
                {
                    f.text("import_col_file"): [file for file, _ in absent],
                    f.text("import_absent_columns"): ["、".join(h) for _, h in absent],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(message("clear_hint", f.lang))
    mapping_editor(checked, files_key)
    if checked.errors:
        st.error(f.text("import_errors"))
        st.dataframe(problems_table(checked.errors), width="stretch")
    accept = False
    if checked.warnings:
        st.warning(f.text("import_warnings"))
        st.dataframe(problems_table(checked.warnings), width="stretch")
        accept = st.checkbox(f.text("import_accept"), key="import_accept")
    show_preview(checked)
    blocked = bool(checked.errors) or (bool(checked.warnings) and not accept)
    if st.button(
        f.text("import_run"),
        type="primary",
        disabled=blocked or checked.empty,
        key="import_run",
    ):
        bar = st.progress(0.0)
        final, report = import_files(
            files,
            database_path(),
            accept_warnings=accept,
            user=account.name if account else "admin",
            lang=f.lang,
            mapping=mapping,
            progress=lambda fraction, text: bar.progress(min(fraction, 1.0), text=text),
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
        elif final.errors or (final.warnings and not accept):
            st.error(f.text("import_errors"))
            st.dataframe(problems_table(final.problems), width="stretch")
        else:
            st.info(f.text("import_same"))

county_items_editor(f)

log = query("import_log")
if not log.empty:
    st.subheader(f.text("import_log"))
    st.dataframe(log, hide_index=True, width="stretch")
