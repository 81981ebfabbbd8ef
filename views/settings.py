"""设置 Settings: the computation rules of the `settings` table, behind the admin password.

The same code as `python -m data.settings`: every value is validated for its key, then a new
database file is written and swapped in atomically (with a backup and an import_log row)."""

import pandas as pd
import streamlit as st

from components.admin import require_admin
from components.filters import current
from data.settings import SettingError, set_values, validated
from queries.db import database_path, query

f = current()
st.title(f.text("page_settings"))
require_admin(f)
st.caption(f.text("settings_help"))

stored = query("settings")
shown = pd.DataFrame(
    {
        f.text("settings_key"): stored["key"],
        f.text("settings_value"): stored["value"],
        f.text("settings_note"): stored["note"].fillna(""),
    }
)
edited = st.data_editor(
    shown,
    hide_index=True,
    width="stretch",
    disabled=[f.text("settings_key"), f.text("settings_note")],
    key="settings_editor",
)
if st.button(f.text("settings_save"), type="primary", key="settings_save"):
    keys, values = edited[f.text("settings_key")], edited[f.text("settings_value")]
    values = dict(zip(keys, values, strict=True))
    before = dict(zip(stored["key"], stored["value"], strict=True))
    changes = {k: str(v) for k, v in values.items() if str(v).strip() != before[k]}
    problems = []
    for key, value in changes.items():
        try:
            validated(key, value)
        except SettingError as error:
            problems.append(f"{key}：“{value}” {error.text(f.lang)}")
    for problem in problems:
        st.error(problem)
    if changes and not problems:
        backup = set_values(database_path(), changes, user="admin")
        if backup is None:
            st.info(f.text("settings_unchanged"))
        else:
            st.success(f.text("settings_saved", backup=backup))
    elif not changes:
        st.info(f.text("settings_unchanged"))
