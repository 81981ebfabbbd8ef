"""A Streamlit session driven over its websocket protocol, without a browser.

The browser's front end talks to the server on `/_stcore/stream`: it sends BackMsg protobufs
(`rerun_script` with a ClientState: query string, page, widget states) and receives ForwardMsg
protobufs (new_session, deltas, `script_finished`). `Session.rerun()` sends one rerun and waits
for the run's `script_finished`, which is what a click costs the server.

The client socket is opened with TCP_NODELAY: without it a small BackMsg can wait ~40 ms for
the server's delayed ACK (Nagle). The server's side had the same stall (asyncio skips
TCP_NODELAY on Streamlit's listening socket): the app sets it (components/runtime.py).

Like the browser's front end, a session keeps the hashes of the large ("cacheable") messages it
received and sends them with each rerun; the server then sends a reference instead of a message
the browser already holds (a map's 400 KB component, a chart). A hash unused for
`max_cached_message_age` runs (the server's setting, default 2) is forgotten, as in the browser.
"""

import asyncio
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from components.i18n import TEXT

# The first words of the app's "this page could not be shown" message, in both languages.
UNEXPECTED = tuple(text.split("{")[0][:12] for text in TEXT["unexpected_error"])
FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


@dataclass
class RunResult:
    seconds: float
    status: int
    exceptions: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == ForwardMsg.FINISHED_SUCCESSFULLY and not self.exceptions


class Session:
    """One browser-less session. `base` is http://host:port; `cookies` go with the upgrade
    request (a load balancer's sticky-session cookie, for instance)."""

    def __init__(self, base: str, query: str = "", headers: dict[str, str] | None = None) -> None:
        self.base, self.query, self.headers = base.rstrip("/"), query, headers or {}
        self.ws = None
        self.session_id = ""
        self.cached: dict[str, int] = {}  # message hash → the run that last used it
        self.runs = 0  # script runs finished, as the browser counts them
        self.max_age = 2

    async def open(self, timeout: float = 60, page: str = "") -> RunResult:
        """Connect and run the app's first page, or `page` (what opening a link does)."""
        parts = urlsplit(self.base)
        sock = socket.create_connection((parts.hostname, parts.port or 80))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setblocking(False)
        self.ws = await connect(
            f"ws://{parts.hostname}:{parts.port}/_stcore/stream",
            sock=sock,
            subprotocols=["streamlit"],
            additional_headers=self.headers,
            max_size=None,
            open_timeout=timeout,
            compression=None,
        )
        return await self.rerun(page, timeout=timeout)

    async def rerun(self, page: str = "", timeout: float = 60) -> RunResult:
        """Rerun the script on `page` (a url_path such as "trends"; "" = the current/default
        page) and wait for the run to finish."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = page
        state.widget_states.SetInParent()
        state.cached_message_hashes.extend(self.cached)
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return await self._until_finished(started, timeout)

    async def _until_finished(self, started: float, timeout: float) -> RunResult:
        exceptions: list[str] = []
        texts: list[str] = []
        deadline = started + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError("no script_finished")
            data = await asyncio.wait_for(self.ws.recv(), remaining)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            self._remember(fwd, kind)
            if kind == "new_session":
                self.session_id = fwd.new_session.initialize.session_id or self.session_id
                self.max_age = fwd.new_session.config.max_cached_message_age
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    exceptions.append(f"{element.exception.type}: {element.exception.message}")
                elif which in ("markdown", "heading"):
                    texts.append(getattr(element, which).body)
                elif which == "alert":
                    texts.append(element.alert.body)
                    if element.alert.body.startswith(UNEXPECTED):  # the page guard caught one
                        exceptions.append(f"page guard: {element.alert.body}")
            elif kind == "script_finished" and fwd.script_finished in FINISHED:
                self._age_cache()
                return RunResult(
                    time.perf_counter() - started, fwd.script_finished, exceptions, texts
                )

    def _remember(self, fwd: ForwardMsg, kind: str) -> None:
        """The browser's ForwardMsgCache: keep a cacheable message's hash; a reference to one
        counts as a use."""
        if kind == "ref_hash":
            self.cached[fwd.ref_hash] = self.runs
        elif fwd.metadata.cacheable and fwd.hash:
            self.cached.setdefault(fwd.hash, self.runs)

    def _age_cache(self) -> None:
        self.runs += 1
        self.cached = {h: run for h, run in self.cached.items() if self.runs - run <= self.max_age}

    @property
    def replica(self) -> str | None:
        """Which replica answered the upgrade (deploy/serve's HAProxy names it), if any."""
        return self.ws.response.headers.get("X-Junheng-Replica") if self.ws else None

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process (all its threads) has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
