"""The admin sign-in shared by the import and settings pages (password from secrets.toml)."""

import streamlit as st

from components.filters import Filters
from components.security import admin_password, password_matches


def require_admin(f: Filters) -> None:
    """Stop the page with a sign-in form unless this session has signed in as admin."""
    if st.session_state.get("admin"):
        return
    with st.form("login"):
        typed = st.text_input(f.text("import_password"), type="password")
        st.caption(f.text("import_password_help"))
        if st.form_submit_button(f.text("import_login")):
            if password_matches(typed, admin_password()):
                st.session_state["admin"] = True
                st.rerun()
            st.error(f.text("import_wrong"))
    st.stop()
