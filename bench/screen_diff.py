"""Does a change keep every page's output? What each page sends, compared between two trees.

    python bench/screen_diff.py capture --db PATH --out FILE     (run from each tree)
    python bench/screen_diff.py compare FILE_A FILE_B

`capture` starts this tree's app, and for 4 demo counties × 2 languages × 2 standard sets
(year 2021) opens every page and reruns it, keeping the final state of every element the rerun
sent (its protobuf, with what is random or per process taken out: element ids, download file
ids, folium's random element names). `compare` counts the elements identical in both, those
whose charts differ only in float last bits (relative 1e-12: DuckDB's parallel sums are not
bit-reproducible from one process to the next), and prints any other difference.
"""

import argparse
import asyncio
import base64
import json
import pickle
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.Delta_pb2 import Delta  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.rerun_bench import PAGES  # noqa: E402
from bench.streamlit_server import start_streamlit  # noqa: E402
from bench.ws_session import Session  # noqa: E402

COUNTIES = ("610526", "610102", "340602", "370786")
RANDOM_FIELDS = ("id", "form_id", "key", "deferred_file_id")


def without_random_fields(message) -> None:
    for field, value in message.ListFields():
        if field.name in RANDOM_FIELDS:
            message.ClearField(field.name)
        elif field.type == field.TYPE_MESSAGE:
            for item in value if field.is_repeated else (value,):
                without_random_fields(item)


async def rerun_elements(session: Session, path: str) -> dict:
    """delta path → (element bytes, plotly spec or None) of one rerun, the last delta wins."""
    msg = BackMsg()
    msg.rerun_script.query_string = session.query
    msg.rerun_script.page_name = path
    msg.rerun_script.widget_states.SetInParent()
    await session.ws.send(msg.SerializeToString())
    state = {}
    while True:
        fwd = ForwardMsg()
        fwd.ParseFromString(await asyncio.wait_for(session.ws.recv(), 300))
        kind = fwd.WhichOneof("type")
        if kind == "script_finished":
            return state
        if kind != "delta":
            continue
        delta, spec = fwd.delta, None
        without_random_fields(delta)
        if delta.WhichOneof("type") == "new_element":
            element = delta.new_element
            which = element.WhichOneof("type")
            if which == "component_instance":  # folium names its elements at random
                args = json.loads(
                    re.sub(r"_[0-9a-f]{32}", "_X", element.component_instance.json_args)
                )
                element.component_instance.json_args = json.dumps(args, sort_keys=True)
            elif which == "plotly_chart":
                spec = json.loads(element.plotly_chart.spec)
                element.plotly_chart.ClearField("spec")
        state[tuple(fwd.metadata.delta_path)] = (delta.SerializeToString(deterministic=True), spec)


async def capture_all(url: str) -> dict:
    pages = {}
    for county in COUNTIES:
        for lang in ("zh", "en"):
            for standard_set in ("quality2017", "basic2012"):
                query = f"county={county}&lang={lang}&set={standard_set}&year=2021"
                session = Session(url, query=query)
                await session.open(timeout=300)
                for name, path in PAGES.items():
                    await rerun_elements(session, path)  # the first visit
                    pages[(query, name)] = await rerun_elements(session, path)
                await session.close()
    return pages


def decoded(spec: object) -> object:
    """A plotly spec with its typed arrays ({dtype, bdata}) as lists of numbers."""
    import numpy as np

    if isinstance(spec, dict):
        if {"dtype", "bdata"} <= set(spec):
            return np.frombuffer(base64.b64decode(spec["bdata"]), dtype=spec["dtype"]).tolist()
        return {k: decoded(v) for k, v in spec.items()}
    if isinstance(spec, list):
        return [decoded(v) for v in spec]
    return spec


def close(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (a != a and b != b) or abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def compare(first: dict, second: dict) -> int:
    identical = last_bits = different = 0
    for page, elements in first.items():
        other = second.get(page, {})
        for path in sorted(elements.keys() | other.keys()):
            a, b = elements.get(path), other.get(path)
            if a == b:
                identical += 1
            elif a and b and a[0] == b[0] and close(decoded(a[1]), decoded(b[1])):
                last_bits += 1
            else:
                different += 1
                for name, item in (("A", a), ("B", b)):
                    shown = Delta.FromString(item[0]) if item else "(none)"
                    print(f"{name} {page} {path}: {str(shown)[:300]!r}")
    print(
        f"elements: {identical} identical, {last_bits} equal but for float last bits "
        f"(relative 1e-12), {different} different"
    )
    return different


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    capture = commands.add_parser("capture")
    capture.add_argument("--db", type=Path, required=True)
    capture.add_argument("--out", type=Path, required=True)
    both = commands.add_parser("compare")
    both.add_argument("files", type=Path, nargs=2)
    args = parser.parse_args()
    if args.command == "compare":
        first, second = (pickle.loads(f.read_bytes()) for f in args.files)
        sys.exit(1 if compare(first, second) else 0)
    process, url = start_streamlit(args.db.resolve())
    try:
        args.out.write_bytes(pickle.dumps(asyncio.run(capture_all(url))))
    finally:
        process.terminate()
        process.wait(timeout=20)


if __name__ == "__main__":
    main()
