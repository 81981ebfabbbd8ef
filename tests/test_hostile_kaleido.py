"""Chart images are rendered by kaleido's Chromium without MathJax and without network: every
request that Chromium would make goes to a proxy; here the proxy is a recorder, so the test sees
what would have left the machine. kaleido's default (MathJax from a CDN) is the control."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from components.report import KALEIDO_OPTIONS, NO_NETWORK_PROXY

ROOT = Path(__file__).resolve().parent.parent
if not Path("/usr/bin/chromium").exists() and os.environ.get("CI") != "true":
    pytest.skip("kaleido needs Chromium", allow_module_level=True)

RENDER = """
import sys
from components import report
import plotly.graph_objects as go
report.KALEIDO_OPTIONS.update(proxy_server=sys.argv[1])
if sys.argv[2] == "kaleido-default":
    report.KALEIDO_OPTIONS.pop("mathjax")
fig = go.Figure(go.Bar(x=["甲"], y=[2]), layout_title_text="$x^2$ 差异系数")
png = report.figure_image(fig, "png", scale=1, width=400, height=300)
sys.stdout.write(png[:8].hex())
"""


def requests_through_proxy(options: str) -> tuple[str, list[str]]:
    """Render one chart in a fresh process; (PNG signature, first line of every request)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    seen: list[str] = []

    def record() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                with contextlib.suppress(OSError):
                    seen.append(connection.recv(4096).decode(errors="replace").split("\r\n")[0])

    threading.Thread(target=record, daemon=True).start()
    proxy = f"http://127.0.0.1:{server.getsockname()[1]}"
    done = subprocess.run(
        [sys.executable, "-c", RENDER, proxy, options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    server.close()
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, seen


def test_chart_images_load_nothing_from_outside():
    signature, seen = requests_through_proxy("junheng")
    assert signature == b"\x89PNG\r\n\x1a\n".hex()
    # Chromium's own background checks (time, updates) reach the proxy too, and are refused
    # by NO_NETWORK_PROXY in the app; the rendering page itself asks for nothing.
    assert not [line for line in seen if "mathjax" in line.lower() or "cdn" in line.lower()]


def test_kaleido_default_would_call_the_mathjax_cdn():
    """The control: the same recorder sees kaleido's default page ask a CDN for MathJax."""
    signature, seen = requests_through_proxy("kaleido-default")
    assert signature == b"\x89PNG\r\n\x1a\n".hex()
    assert any("cdnjs.cloudflare.com" in line for line in seen), seen


def test_the_app_proxy_refuses_every_connection_on_this_machine():
    assert KALEIDO_OPTIONS == {"mathjax": False, "proxy_server": NO_NETWORK_PROXY}
    address = urlparse(NO_NETWORK_PROXY)
    assert address.hostname == "127.0.0.1"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((address.hostname, address.port), timeout=2)
