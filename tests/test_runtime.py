"""components/runtime.py: the process-wide serving tweaks."""

import os
import socket

import pytest

from components import runtime


def no_delay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.fixture
def server():
    """A listening socket made as Streamlit makes its own (protocol number 0, so asyncio
    leaves Nagle on), one connection accepted on it, and a socket of another port."""
    listener = socket.socket(family=socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    elsewhere = socket.socket(family=socket.AF_INET)
    elsewhere.bind(("127.0.0.1", 0))
    yield listener, client, accepted, elsewhere
    for sock in (listener, client, accepted, elsewhere):
        sock.close()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="Linux only")
def test_no_delay_on_the_listener_and_its_connections(server, monkeypatch):
    listener, client, accepted, elsewhere = server
    monkeypatch.setattr(runtime, "_no_delay_done", False)
    assert (no_delay(listener), no_delay(accepted)) == (0, 0)  # what Streamlit leaves
    assert runtime.no_delay_on_server_sockets() == 2  # the listener and the accepted one
    assert (no_delay(listener), no_delay(accepted)) == (1, 1)
    later_client = socket.create_connection(listener.getsockname())
    later, _ = listener.accept()
    try:
        assert no_delay(later) == 1  # inherited from the listener
    finally:
        later.close()
        later_client.close()
    # sockets of other ports (the client's end, a socket not listening) are left alone
    assert (no_delay(client), no_delay(elsewhere)) == (0, 0)
    # once per process; the server's sockets stay open (only duplicates were closed)
    assert runtime.no_delay_on_server_sockets() == 0
    assert listener.fileno() != -1 and accepted.getpeername() == client.getsockname()
