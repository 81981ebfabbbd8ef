"""Browser journey (Debian's Chromium, a real `streamlit run`): an inspector logs in, opens a
flag, marks it 已核实 with a note, downloads the 督导意见书; the admin then sees the change."""

import io
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.browser import require_chromium, served

require_chromium()

from docx import Document  # noqa: E402
from playwright.sync_api import Page  # noqa: E402

from components.i18n import t  # noqa: E402
from store import accounts  # noqa: E402
from store import follow_up as fu  # noqa: E402
from store.db import STORE_FILE, create_engine  # noqa: E402

PASSWORD = "a long password 1"
COUNTY, YEAR = "610526", 2021


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    """A server on a copy of the demo database and store, with an inspector and an admin."""
    folder = tmp_path_factory.mktemp("journey")
    db = folder / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    shutil.copyfile(demo_db.parent / STORE_FILE, folder / STORE_FILE)  # demo follow-up
    engine = create_engine(f"sqlite:///{folder / STORE_FILE}")
    with duckdb.connect(str(db), read_only=True) as con:
        inspector, school = con.execute(
            "SELECT i.inspector_name, min(f.school_code) FROM school_flags f "
            "JOIN school_inspectors i USING (school_code) "
            "WHERE f.county_code = ? AND f.year = ? GROUP BY 1 ORDER BY 1 LIMIT 1",
            [COUNTY, YEAR],
        ).fetchone()
    accounts.add_user(engine, "insp", PASSWORD, "inspector", inspector=inspector)
    accounts.add_user(engine, "boss", PASSWORD, "admin")
    old = os.environ.pop("JUNHENG_STORE_URL", None)
    with served(db) as url:
        yield url, engine, db
    engine.dispose()
    if old is not None:
        os.environ["JUNHENG_STORE_URL"] = old


def log_in(browser, url: str, name: str) -> Page:
    context = browser.new_context(viewport={"width": 1366, "height": 2400}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{url}/login?county={COUNTY}&year={YEAR}")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_text("已登录").wait_for(timeout=60_000)
    page.get_by_role("link", name="督导整改").first.click()
    page.get_by_text("选择一条问题").wait_for(timeout=60_000)
    return page


def flag_box(page: Page):
    return page.locator("[data-testid='stSelectbox']").filter(has_text="选择一条问题")


def test_inspector_checks_a_flag_downloads_the_notice_and_the_admin_sees_it(
    browser, site, tmp_path
):
    url, engine, db = site
    page = log_in(browser, url, "insp")
    flag_box(page).click()
    page.get_by_role("option").filter(has_text="待核实").first.click()
    page.wait_for_function("new URLSearchParams(location.search).get('flag')", timeout=30_000)
    page.wait_for_timeout(1000)
    key = page.evaluate("new URLSearchParams(location.search).get('flag')")
    assert key and fu.status_of(engine, key) == "待核实"
    page.locator("[data-testid='stRadio']").get_by_text("已核实", exact=True).click()
    page.get_by_label("说明").fill("已到校核实，数据属实")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存：已核实").wait_for(timeout=60_000)
    with duckdb.connect(str(db), read_only=True) as con:
        name, stage, rule = con.execute(
            "SELECT school_name, coalesce(stage, '—'), rule FROM school_flags WHERE flag_key = ?",
            [key],
        ).fetchone()
    label = f"{name} · {stage} · {t(f'rule_{rule}')} · 已核实"
    last = fu.history(engine, key).iloc[-1]
    assert (last["status"], last["user_name"], last["note"]) == (
        "已核实",
        "insp",
        "已到校核实，数据属实",
    )
    with page.expect_download(timeout=60_000) as download:
        page.get_by_text("下载该校督导意见书").click()
    path = tmp_path / "notice.docx"
    download.value.save_as(path)
    document = Document(io.BytesIO(path.read_bytes()))
    school = key.split(":")[1]
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert any(school in c for c in cells) and "已核实" in cells
    shot = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    shot.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot / "inspection-inspector.png"), full_page=True)
    page.context.close()

    admin = log_in(browser, url, "boss")
    flag_box(admin).click()
    admin.keyboard.type(label.split(" · ")[0])
    admin.get_by_role("option", name=label, exact=True).click()
    admin.get_by_text("当前：已核实 · insp").wait_for(timeout=60_000)
    assert admin.get_by_text("已到校核实，数据属实").count() >= 1
    admin.screenshot(path=str(shot / "inspection-admin.png"), full_page=True)
    admin.context.close()
