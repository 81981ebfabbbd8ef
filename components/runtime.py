"""Process-wide tuning for serving many sessions.

Streamlit runs a full `gc.collect(2)` after every script run (`runner.postScriptGC`). In a
process holding pandas, plotly, folium and DuckDB that walks every imported object, about
0.1 s of CPU on each rerun. Objects that live as long as the process (modules, their tables,
plotly's validators, imported on a page's first visit) are moved out of the collector's
reach with `gc.freeze()`: the collection after a rerun then walks only what the rerun made.

Streamlit binds its server socket itself (`socket.socket(family)`, protocol number 0), and
asyncio turns Nagle's algorithm off only on sockets whose protocol is IPPROTO_TCP: every
websocket of the server therefore held a small message back until the browser acknowledged
the previous one, which a delayed ACK makes wait ~40 ms (measured: a rerun of 12 ms of work
answered in 48 ms). `no_delay_on_server_sockets()` sets TCP_NODELAY on the listening socket
(accepted connections inherit it on Linux) and on the connections already accepted.
"""

import gc
import os
import socket
import sys
import threading

_lock = threading.Lock()
_frozen_modules = 0  # len(sys.modules) at the last freeze
_no_delay_done = False
_FD_DIR = "/proc/self/fd"  # Linux; elsewhere nothing is changed


def freeze_long_lived_objects() -> bool:
    """After a run: if modules were imported since the last freeze (a page visited for the
    first time in this process), collect garbage once and freeze what is left. Cheap
    otherwise. Returns whether it froze."""
    global _frozen_modules
    if len(sys.modules) == _frozen_modules:
        return False
    with _lock:
        if len(sys.modules) == _frozen_modules:
            return False
        gc.collect()
        gc.freeze()
        _frozen_modules = len(sys.modules)
        return True


def no_delay_on_server_sockets() -> int:
    """Once per process: TCP_NODELAY on every listening TCP socket of the process, then on
    every connection accepted on their ports so far. Returns how many sockets it set."""
    global _no_delay_done
    if _no_delay_done:
        return 0
    with _lock:
        if _no_delay_done:
            return 0
        _no_delay_done = True
        sockets = _tcp_sockets()  # duplicates: closing them leaves the server's own open
        try:
            listening = [s for s in sockets if _is_listening(s)]
            ports = {_local_port(s) for s in listening}
            accepted = [s for s in sockets if s not in listening and _local_port(s) in ports]
            return sum(_set_no_delay(s) for s in [*listening, *accepted])  # listener first
        finally:
            for sock in sockets:
                sock.close()


def _set_no_delay(sock: socket.socket) -> bool:
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return True
    except OSError:  # closed meanwhile
        return False


def _tcp_sockets() -> list[socket.socket]:
    """Duplicates of the process's TCP (IPv4/IPv6 stream) sockets."""
    try:
        fds = os.listdir(_FD_DIR)
    except OSError:
        return []
    found: list[socket.socket] = []
    for name in fds:
        try:
            fd = int(name)
            if fd in {s.fileno() for s in found}:  # a duplicate made here (a number reused)
                continue
            if not os.readlink(f"{_FD_DIR}/{name}").startswith("socket:"):
                continue
            sock = socket.socket(fileno=os.dup(fd))
        except (OSError, ValueError):  # closed meanwhile, or not a socket we can read
            continue
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            found.append(sock)
        else:
            sock.close()
    return found


def _is_listening(sock: socket.socket) -> bool:
    try:
        return bool(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
    except OSError:
        return False


def _local_port(sock: socket.socket) -> int | None:
    try:
        return sock.getsockname()[1]
    except OSError:
        return None
