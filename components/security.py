"""The admin password of the import page: read from .streamlit/secrets.toml
(admin_password = "…"), compared in constant time, never logged or shown."""

import hmac

import streamlit as st


def admin_password() -> str:
    """The configured password, or "" when none is set (the import page is then hidden)."""
    try:
        return str(st.secrets.get("admin_password", ""))
    except FileNotFoundError:  # no secrets.toml at all
        return ""


def password_matches(typed: str, expected: str) -> bool:
    return bool(expected) and hmac.compare_digest(typed.encode(), expected.encode())
