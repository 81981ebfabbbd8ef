"""The admin sign-in shared by the import and settings pages: the secrets.toml password (or an
admin account), checked by the store's login so failed attempts are counted and slowed down
across replicas like every other login."""

import streamlit as st

from components.filters import Filters
from components.security import admin_password
from store.accounts import LoginRefused, login
from store.db import store
from store.session import log_in


def require_admin(f: Filters) -> None:
    """Stop the page with a sign-in form unless this session has signed in as admin."""
    if st.session_state.get("admin"):
        return
    with st.form("login"):
        typed = st.text_input(f.text("import_password"), type="password")
        st.caption(f.text("import_password_help"))
        if st.form_submit_button(f.text("import_login")):
            try:
                account = login(store(), "admin", typed, admin_password())
            except LoginRefused as refused:  # only a password is asked for here
                wrong = refused.key == "login_wrong"
                st.error(f.text("import_wrong" if wrong else refused.key, wait=refused.wait_s))
            else:
                if account.role == "admin":
                    log_in(account)
                    st.rerun()
                st.error(f.text("import_wrong"))
    st.stop()
