"""One import at a time, with real processes: two imports started together both land (no lost
update); a held lock makes the next import stop with "另一个导入正在进行" or wait for it; a
process killed with -9 while it holds the lock leaves the lock free and the database whole."""

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data.template import sections_as_template
from data.writing import import_lock

ROOT = Path(__file__).resolve().parent.parent
HOLD = """
import sys, time
from pathlib import Path
from data.writing import import_lock
with import_lock(Path(sys.argv[1])):
    print("held", flush=True)
    while not Path(sys.argv[2]).exists():  # until the test lets go
        time.sleep(0.05)
"""


@pytest.fixture(scope="module")
def two_schools(demo_db) -> pd.DataFrame:
    with duckdb.connect(str(demo_db), read_only=True) as con:
        sections = con.execute(
            "SELECT s.*, c.county_name FROM school_sections s JOIN counties c USING "
            "(county_code) WHERE county_code = '610102' AND year = 2021 "
            "ORDER BY school_code, stage LIMIT 2"
        ).df()
    return sections_as_template(sections)


def books(db: Path) -> list[int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [
            b
            for (b,) in con.execute(
                "SELECT books FROM school_sections WHERE county_code = '610102' AND year = 2021 "
                "ORDER BY school_code, stage LIMIT 2"
            ).fetchall()
        ]


def one_row_file(frame: pd.DataFrame, row: int, path: Path, extra: int) -> Path:
    """A correction of one section: its books + extra (the other sections are not in it)."""
    part = frame.iloc[[row]].copy()
    part["图书册数"] = part["图书册数"].astype(int) + extra
    part.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def importer(path: Path, db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "data.ingest", str(path), "--db", str(db), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_imports_at_once_both_land(live_db, two_schools, tmp_path):
    before = books(live_db)
    for round in (1, 2, 3):  # three rounds of two imports started together
        first = one_row_file(two_schools, 0, tmp_path / "a.csv", 100 * round)
        second = one_row_file(two_schools, 1, tmp_path / "b.csv", 200 * round)
        processes = [importer(first, live_db), importer(second, live_db)]
        outputs = [p.communicate(timeout=180) for p in processes]
        assert [p.returncode for p in processes] == [0, 0], outputs
        assert books(live_db) == [before[0] + 100 * round, before[1] + 200 * round]
    with duckdb.connect(str(live_db), read_only=True) as con:
        logged = con.execute("SELECT file_name, rows_replaced FROM import_log").fetchall()
    assert sorted(logged[-6:]) == [("a.csv", 1)] * 3 + [("b.csv", 1)] * 3


def test_an_import_stops_while_another_holds_the_lock(live_db, two_schools, tmp_path):
    path = one_row_file(two_schools, 0, tmp_path / "a.csv", 5)
    before = hashlib.sha256(live_db.read_bytes()).digest()
    with import_lock(live_db):
        done = importer(path, live_db, "--wait", "0")
        out, err = done.communicate(timeout=120)
    assert done.returncode == 1
    assert "a.csv：另一个导入正在进行，请稍后再试" in err
    assert hashlib.sha256(live_db.read_bytes()).digest() == before


def test_an_import_waits_for_the_lock_with_a_message(live_db, two_schools, tmp_path):
    before = books(live_db)
    path = one_row_file(two_schools, 0, tmp_path / "a.csv", 7)
    release = tmp_path / "release"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(live_db), str(release)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    waiting = importer(path, live_db, "--wait", "300")
    first_line = waiting.stderr.readline()  # printed when it finds the lock taken
    assert "另一个导入正在进行，等待其完成" in first_line
    assert waiting.poll() is None  # still waiting
    release.touch()
    holder.wait(timeout=60)
    out, err = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, err
    assert books(live_db)[0] == before[0] + 7


def test_kill_9_holding_the_lock_frees_it(live_db, two_schools, tmp_path):
    before = books(live_db)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(live_db), str(tmp_path / "never")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    path = one_row_file(two_schools, 1, tmp_path / "b.csv", 3)
    done = importer(path, live_db, "--wait", "0")
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    assert books(live_db) == [before[0], before[1] + 3]


def test_kill_9_during_an_import_then_the_next_import_runs(live_db, two_schools, tmp_path):
    before = books(live_db)
    path = one_row_file(two_schools, 0, tmp_path / "a.csv", 11)
    killed = importer(path, live_db)
    time.sleep(1.0)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    assert books(live_db)[0] in (before[0], before[0] + 11)  # old or new, never half
    second = one_row_file(two_schools, 1, tmp_path / "b.csv", 13)
    done = importer(second, live_db, "--wait", "0")
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    assert books(live_db)[1] == before[1] + 13
