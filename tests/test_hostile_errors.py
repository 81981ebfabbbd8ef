"""Errors are messages: no traceback, exception text or server path reaches the browser; the
server log keeps the details; hostile URL parameters are shown as text."""

import logging
import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import queries.db
from components.i18n import t

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SECRET = "/srv/junheng/secret/path.duckdb"


@pytest.fixture(autouse=True)
def use_demo_db(demo_db, monkeypatch):
    monkeypatch.setenv("JUNHENG_DB", str(demo_db))


def test_error_details_are_off_for_users():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


def every_text(at: AppTest) -> str:
    return " ".join(str(getattr(e, "value", "")) for e in at.main) + " ".join(
        str(getattr(e, "value", "")) for e in at.sidebar
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unexpected_exception_in_a_page_is_a_plain_message(monkeypatch, lang):
    real_query = queries.db.query

    def failing(name: str, **params: object):
        if name == "school_list":
            raise RuntimeError(f"IO Error: cannot open {SECRET}")
        return real_query(name, **params)

    monkeypatch.setattr(queries.db, "query", failing)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("junheng")
    logger.addHandler(handler)
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
        at.switch_page(str(ROOT / "views" / "school_profile.py"))
        at.run()
    finally:
        logger.removeHandler(handler)
    assert not at.exception
    (message,) = [e.value for e in at.error]
    reference = re.search(r"[0-9a-f]{8}", message).group()
    assert message == t("unexpected_error", lang, ref=reference)
    assert SECRET not in every_text(at) and "RuntimeError" not in every_text(at)
    (record,) = records
    assert reference in record.getMessage()
    assert record.exc_info[0] is RuntimeError and SECRET in str(record.exc_info[1])


@pytest.mark.parametrize(
    "value",
    [
        "![x](http://evil.example/b.png)",
        "[登录已过期，点此](http://evil.example/login)",
        "<img src=x onerror=alert(1)>",
        ":material/warning: $x$",
    ],
)
def test_url_parameters_are_echoed_as_literal_text(value):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["county"] = value
    at.run()
    assert not at.exception
    (notice,) = [w.value for w in at.sidebar.warning]
    # Every Markdown mark of the value is escaped, so the browser shows it as typed.
    assert t("bad_param", "zh", name="county", value="")[:6] in notice
    unlinked = value.replace("://", "://\u2060")  # GFM would link a bare address
    escaped = "".join(
        "\\" + c if c.isascii() and not c.isalnum() and c != " " else c for c in unlinked
    )
    assert escaped in notice
