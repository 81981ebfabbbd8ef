"""deploy/serve: two app processes behind HAProxy. Sessions pinned to each replica by the
sticky cookie both see a database swapped in the way an import swaps it (a new file renamed
over the live one), and SIGTERM stops HAProxy and both replicas."""

import asyncio
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from bench.streamlit_server import free_port
from bench.ws_session import Session

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("haproxy") is None, reason="haproxy not installed")


def title(result) -> str:
    return next(text for text in result.texts if text.startswith("总览"))


async def sessions_per_replica(url: str) -> dict[str, Session]:
    """One session pinned to each replica by HAProxy's cookie; checks who answered."""
    sessions = {}
    for replica in ("r1", "r2"):
        session = Session(
            url, query="county=610526", headers={"Cookie": f"JUNHENG_REPLICA={replica}"}
        )
        opened = await session.open()
        assert opened.ok, opened.exceptions
        assert session.replica == replica
        assert title(opened).startswith("总览 · 蒲城县 2024")
        sessions[replica] = session
    return sessions


async def rerun_all(sessions: dict[str, Session]) -> dict[str, str]:
    titles = {}
    for replica, session in sessions.items():
        result = await session.rerun()
        assert result.ok, result.exceptions
        titles[replica] = title(result)
    return titles


def swap_in_renamed_copy(live: Path) -> None:
    """Write a changed copy beside the live file and rename it over the live one."""
    staged = live.with_name("staged.duckdb")
    shutil.copy(live, staged)
    con = duckdb.connect(str(staged))
    con.execute("UPDATE counties SET county_name = '蒲城新县' WHERE county_code = '610526'")
    con.close()
    os.replace(staged, live)


def test_two_replicas_see_a_swapped_database(demo_db, tmp_path):
    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    port = free_port()
    serve = subprocess.Popen(
        [str(ROOT / "deploy" / "serve"), "--replicas", "2", "--port", str(port)],
        env=os.environ | {"JUNHENG_DB": str(live)},
        stdout=subprocess.PIPE,
        text=True,
    )
    pids = []
    try:
        for line in serve.stdout:
            if line.startswith("replica "):
                pids.append(int(line.split("pid ")[1].rstrip(")\n")))
            if line.startswith("HAProxy on"):
                break
        assert len(pids) == 2
        url = f"http://127.0.0.1:{port}"
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)

        async def scenario() -> tuple[dict, dict]:
            sessions = await sessions_per_replica(url)
            before = await rerun_all(sessions)
            swap_in_renamed_copy(live)
            after = await rerun_all(sessions)
            await asyncio.gather(*(s.close() for s in sessions.values()))
            return before, after

        before, after = asyncio.run(scenario())
        assert set(before) == set(after) == {"r1", "r2"}
        assert all(t.startswith("总览 · 蒲城县 2024") for t in before.values())
        assert all(t.startswith("总览 · 蒲城新县 2024") for t in after.values())
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
    assert serve.returncode == 0
    time.sleep(0.5)
    for pid in pids:  # serve has stopped and reaped both replicas
        assert not Path(f"/proc/{pid}").exists()
