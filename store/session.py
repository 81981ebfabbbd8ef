"""The logged-in account of a Streamlit session: checked against the store on every run (the
session expires, a removed account is logged out). Without accounts and without the
secrets.toml admin_password there is no login at all: the app is the read-only dashboard."""

import logging

import sqlalchemy as sa
import streamlit as st

from components.security import admin_password
from store.accounts import Account, has_accounts, still_valid
from store.db import store

LOGIN_PAGE = ("views/login.py", "page_login", "login", ":material/login:")
INSPECTION_PAGE = ("views/inspection.py", "page_inspection", "inspection", ":material/assignment:")
KEY = "account"


def accounts_enabled() -> bool:
    """Accounts are configured in the store, or an admin password in secrets.toml."""
    if admin_password():
        return True
    try:
        return has_accounts(store())
    except sa.exc.SQLAlchemyError:
        logging.getLogger(__name__).exception("store unavailable")
        return False


def current_account() -> Account | None:
    """The session's account while valid; an expired or removed one is logged out."""
    account = st.session_state.get(KEY)
    if account is None:
        return None
    try:
        valid = still_valid(store(), account, admin_password())
    except sa.exc.SQLAlchemyError:
        valid = False
    if not valid:
        log_out()
        st.session_state["login_expired"] = True
        return None
    return account


def log_in(account: Account) -> None:
    st.session_state[KEY] = account
    st.session_state.pop("login_expired", None)
    if account.role == "admin":
        st.session_state["admin"] = True  # the import page's flag


def log_out() -> None:
    st.session_state.pop(KEY, None)
    st.session_state.pop("admin", None)


def account_pages() -> tuple[tuple[str, str, str, str], ...]:
    """The navigation entries accounts add: the login page, and the inspection page for an
    inspector or admin."""
    if not accounts_enabled():
        return ()
    account = current_account()
    if account is not None and account.role in ("admin", "inspector"):
        return (INSPECTION_PAGE, LOGIN_PAGE)
    return (LOGIN_PAGE,)
