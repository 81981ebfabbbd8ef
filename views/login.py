"""登录 Log in: accounts of the store (store/accounts.py), or "admin" with the admin_password
of secrets.toml. Failed attempts are counted in the store and slow further tries."""

import streamlit as st

from components.filters import current
from components.security import admin_password
from store.accounts import LoginRefused, login
from store.db import store
from store.session import current_account, log_in, log_out

ROLE_TEXT = {"admin": "role_admin", "inspector": "role_inspector", "viewer": "role_viewer"}

f = current()
st.title(f.text("page_login"))
account = current_account()
if account is not None:
    st.text(f.text("login_as", name=account.name, role=f.text(ROLE_TEXT[account.role])))
    if account.role in ("admin", "inspector"):
        st.page_link(
            "views/inspection.py", label=f.text("page_inspection"), icon=":material/assignment:"
        )
    if st.button(f.text("login_logout"), key="logout"):
        log_out()
        st.rerun()
    st.stop()

if st.session_state.pop("login_expired", False):
    st.info(f.text("login_expired"))
with st.form("account_login"):
    name = st.text_input(f.text("login_name"), max_chars=80, key="login_name")
    password = st.text_input(f.text("login_password"), type="password", key="login_password")
    submitted = st.form_submit_button(f.text("login_submit"))
if submitted:
    try:
        log_in(login(store(), name, password, admin_password()))
    except LoginRefused as refused:
        st.error(f.text(refused.key, wait=refused.wait_s))
    else:
        st.rerun()
