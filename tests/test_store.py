"""The writable store, on SQLite (WAL) and on a real PostgreSQL server started here: follow-up
steps, append-only history, evidence limits, accounts, rate-limited logins, backup and
restore, kill -9 during writes, and the history kept across an import."""

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from store import accounts
from store import follow_up as fu
from store.__main__ import backup, counts, restore
from store.db import create_engine, flag_events, login_failures
from tests.pg_server import Cluster, postgres_bin

ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
FLAG = fu.Flag("2021:S1:小学:class:class_size", "610102", "S1", "平均班额 50.0 人")


@pytest.fixture(scope="session")
def pg_cluster():
    bin_dir = postgres_bin()
    if bin_dir is None:
        if os.environ.get("CI") == "true":
            raise RuntimeError("CI=true but PostgreSQL is missing: install Debian's postgresql")
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")
    cluster = Cluster(bin_dir)
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("pg_cluster").new_database()


@pytest.fixture
def engine(url):
    engine = create_engine(url)
    yield engine
    engine.dispose()


def step(engine, status, flag=FLAG, role="inspector", allowed=frozenset({"S1"}), **kw):
    return fu.record(
        engine,
        flag,
        user="王督学",
        role=role,
        allowed_schools=None if allowed is None else set(allowed),
        status=status,
        **kw,
    )


def test_sqlite_store_is_in_wal_mode(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 's.sqlite'}")
    with engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_flag_moves_through_its_steps_with_note_deadline_user(engine):
    assert fu.status_of(engine, FLAG.flag_key) == "待核实"
    step(engine, "已核实", note="现场核实：一年级 4 个班 52 人")
    with pytest.raises(fu.FollowUpError) as missing:
        step(engine, "整改中", note="分班")
    assert missing.value.key == "fu_needs_deadline"
    step(
        engine, "整改中", note="秋季学期分班", deadline=dt.date(2022, 9, 1), files=[("a.png", PNG)]
    )
    with pytest.raises(fu.FollowUpError) as skip:
        step(engine, "无需整改", note="x")  # 整改中 → only 已整改
    assert skip.value.key == "fu_bad_step"
    step(engine, "已整改", note="已分为 5 个班")
    assert fu.status_of(engine, FLAG.flag_key) == "已整改"
    history = fu.history(engine, FLAG.flag_key)
    assert list(history["status"]) == ["已核实", "整改中", "已整改"]
    assert list(history["user_name"]) == ["王督学"] * 3
    assert history["deadline"].iloc[1] == dt.date(2022, 9, 1)
    assert list(history["files"]) == ["", "a.png", ""]
    ((file_id, name, content_type, data),) = fu.evidence_files(engine, FLAG.flag_key)
    assert (name, content_type, data) == ("a.png", "image/png", PNG)
    # An admin may send a rectified flag back to 整改中; an inspector may not.
    with pytest.raises(fu.FollowUpError):
        step(engine, "整改中", deadline=dt.date(2023, 1, 1))
    step(engine, "整改中", role="admin", allowed=None, deadline=dt.date(2023, 1, 1), note="复查")


def test_an_inspector_cannot_act_on_another_school_and_a_viewer_on_none(engine):
    other = fu.Flag("2021:S2:小学:class:class_size", "610102", "S2", "")
    with pytest.raises(fu.FollowUpError) as refused:
        step(engine, "已核实", flag=other, note="越权")
    assert refused.value.key == "fu_not_your_school"
    with pytest.raises(fu.FollowUpError):
        step(engine, "已核实", role="viewer", note="只读")
    assert fu.history(engine, other.flag_key).empty and fu.history(engine, FLAG.flag_key).empty


def test_history_is_append_only_in_the_database(engine):
    step(engine, "已核实", note="核实")
    for statement in ("UPDATE flag_events SET note = 'changed'", "DELETE FROM flag_events"):
        with pytest.raises(sa.exc.DBAPIError), engine.begin() as con:
            con.exec_driver_sql(statement)
    assert list(fu.history(engine, FLAG.flag_key)["note"]) == ["核实"]


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("x.png", b"GIF89a" + bytes(100), "fu_file_type"),
        ("evil.html", b"<script>alert(1)</script>", "fu_file_type"),
        ("big.png", PNG + bytes(fu.MAX_FILE_BYTES), "fu_file_too_big"),
        ("fake.docx", b"PK\x03\x04" + bytes(50), "fu_file_type"),
    ],
)
def test_evidence_limits(engine, name, data, key):
    with pytest.raises(fu.FollowUpError) as refused:
        step(engine, "已核实", note="附件", files=[(name, data)])
    assert refused.value.key == key
    assert fu.history(engine, FLAG.flag_key).empty  # nothing half-written


def test_evidence_names_are_never_paths(engine):
    step(
        engine,
        "已核实",
        note="n",
        files=[("../../etc/passwd.png", PNG), ("C:\\x\\照片 1.exe", PNG)],
    )
    names = [name for _, name, _, _ in fu.evidence_files(engine, FLAG.flag_key)]
    assert names == ["passwd.png", "照片_1.png"]


def test_accounts_hash_passwords_and_failed_logins_are_slowed(engine):
    accounts.add_user(engine, "wang", "correct horse 1", "inspector", inspector="王督学")
    with engine.connect() as con:
        stored = con.exec_driver_sql("SELECT password_hash FROM users").scalar()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    account = accounts.login(engine, "wang", "correct horse 1")
    assert (account.role, account.inspector) == ("inspector", "王督学")
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(accounts.LoginRefused) as wrong:
            accounts.login(engine, "wang", "guess")
        assert wrong.value.key == "login_wrong"
    # The sixth try is refused without checking the password, even the right one.
    with pytest.raises(accounts.LoginRefused) as locked:
        accounts.login(engine, "wang", "correct horse 1")
    assert locked.value.key == "login_locked" and 0 < locked.value.wait_s <= 31
    # The count lives in the store: another engine (another replica) sees it too.
    with pytest.raises(accounts.LoginRefused):
        accounts.login(create_engine(str(engine.url.render_as_string(False))), "wang", "x")
    # Once the failures are older than the window, the right password works again.
    with engine.begin() as con:
        con.execute(
            login_failures.update().values(
                failed_at=login_failures.c.failed_at - accounts.FAILURE_WINDOW
            )
        )
    assert accounts.login(engine, "wang", "correct horse 1").name == "wang"


def test_unknown_names_and_the_secrets_admin_password(engine):
    with pytest.raises(accounts.LoginRefused):
        accounts.login(engine, "nobody", "whatever password")
    admin = accounts.login(engine, "admin", "s3cret-pass", admin_password="s3cret-pass")
    assert admin.role == "admin" and accounts.still_valid(engine, admin, "s3cret-pass")
    assert not accounts.still_valid(engine, admin, "")  # the password was removed
    expired = admin.__class__(**{**admin.__dict__, "expires_at": admin.expires_at.min})
    assert not accounts.still_valid(engine, expired, "s3cret-pass")


def test_backup_and_restore_keep_every_row(engine, tmp_path):
    step(engine, "已核实", note="核实", files=[("a.png", PNG)])
    accounts.add_user(engine, "wang", "correct horse 1", "inspector", inspector="王督学")
    out = tmp_path / "backup.sqlite"
    assert backup(engine, out) == counts(engine)
    fresh = create_engine(f"sqlite:///{tmp_path / 'restored.sqlite'}")
    assert restore(fresh, out) == counts(engine)
    assert fu.evidence_files(fresh, FLAG.flag_key)[0][3] == PNG
    step(fresh, "整改中", deadline=dt.date(2024, 1, 1))  # ids continue after the restored ones


WRITER = """
import sys
from store import follow_up as fu
from store.db import create_engine
engine = create_engine(sys.argv[1])
png = b"\\x89PNG\\r\\n\\x1a\\n" + bytes(200_000)
for i in range(100_000):
    flag = fu.Flag(f"2021:S{i}:小学:class:class_size", "610102", f"S{i}", "r")
    fu.record(engine, flag, user="w", role="admin", allowed_schools=None, status="已核实",
              note="n" * 500, files=[("p.png", png)])
    print(i, flush=True)
"""


def test_kill_9_during_writes_leaves_the_history_whole(url):
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, url], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    committed = 0
    for line in child.stdout:
        committed = int(line) + 1
        if committed >= 15:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    engine = create_engine(url)
    with engine.connect() as con:
        if engine.dialect.name == "sqlite":
            assert con.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        events = con.execute(sa.select(sa.func.count()).select_from(flag_events)).scalar()
        whole = con.exec_driver_sql(
            "SELECT count(*) FROM flag_events e JOIN evidence v ON v.event_id = e.id "
            "WHERE length(e.note) = 500 AND v.size = 200008"
        ).scalar()
    # Every step reported as committed is there, each with its evidence; at most the one
    # being written when the process died is added, and then whole.
    assert committed <= events <= committed + 1
    assert whole == events
    step(engine, "已核实", note="after the crash")
    engine.dispose()


def test_history_survives_an_import(demo_db, tmp_path, monkeypatch):
    from data.ingest import import_files
    from data.template import sections_as_template
    from store.db import default_url

    live = tmp_path / "live.duckdb"
    shutil.copyfile(demo_db, live)
    monkeypatch.setenv("JUNHENG_DB", str(live))
    monkeypatch.delenv("JUNHENG_STORE_URL", raising=False)
    assert default_url() == f"sqlite:///{tmp_path / 'junheng-store.sqlite'}"
    engine = create_engine(default_url())
    with duckdb.connect(str(live), read_only=True) as con:
        key, school = con.execute(
            "SELECT flag_key, school_code FROM school_flags WHERE county_code = '610102' "
            "AND year = 2021 ORDER BY flag_key LIMIT 1"
        ).fetchone()
        sections = con.execute(
            "SELECT s.*, c.county_name FROM school_sections s JOIN counties c "
            "USING (county_code) WHERE county_code = '610102' AND year = 2021"
        ).df()
    flag = fu.Flag(key, "610102", school, "r")
    step(engine, "已核实", flag=flag, allowed={school}, note="核实")
    rows = sections_as_template(sections)
    rows.loc[rows["学校标识码"] != school, "图书册数"] += 1
    _, report = import_files([("更正.csv", rows.to_csv(index=False).encode())], live)
    assert report.written and report.replaced == len(rows) - 1
    assert fu.status_of(engine, key) == "已核实"
    assert list(fu.history(engine, key)["note"]) == ["核实"]
    with duckdb.connect(str(live), read_only=True) as con:  # the flag is still the same one
        assert con.execute(
            "SELECT count(*) FROM school_flags WHERE flag_key = ?", [key]
        ).fetchone() == (1,)


def test_refused_file_names_come_back_without_markup(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 's.sqlite'}")
    with pytest.raises(fu.FollowUpError) as refused:
        step(engine, "已核实", note="n", files=[("![x](http://evil.example/i.png)", b"GIF89a")])
    assert refused.value.values["name"] == "i.png_"  # the last part of the path, as text
    assert not set(refused.value.values["name"]) & set("![]()<>:/")
