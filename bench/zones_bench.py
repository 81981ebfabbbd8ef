"""Uploaded township outlines: time, peak memory while checking, and what a session keeps.

python bench/zones_bench.py   (prints one line per file; figures in bench/RESULTS.md)
"""

import json
import math
import pickle
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components.zones import check_zones  # noqa: E402

TOWNSHIPS = [f"第{i}镇" for i in range(30)]


def township_file(vertices: int, unmatched: int = 0) -> bytes:
    """30 townships as detailed circles (`vertices` positions each), and `unmatched` tiny
    features whose names match nothing."""
    features = []
    for i, name in enumerate(TOWNSHIPS):
        cx, cy = 109.0 + (i % 6) * 0.1, 34.0 + (i // 6) * 0.1
        ring = [
            [
                round(cx + 0.05 * math.cos(2 * math.pi * k / vertices), 7),
                round(cy + 0.05 * math.sin(2 * math.pi * k / vertices), 7),
            ]
            for k in range(vertices)
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        )
    tiny = [[109.0, 34.0], [109.001, 34.0], [109.001, 34.001], [109.0, 34.0]]
    features += [
        {
            "type": "Feature",
            "properties": {"name": f"外县{i}"},
            "geometry": {"type": "Polygon", "coordinates": [tiny]},
        }
        for i in range(unmatched)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def measure(label: str, data: bytes) -> None:
    """Time of one check, then its peak Python memory in a second, traced run."""
    started = time.perf_counter()
    check = check_zones(data, "bench.geojson", TOWNSHIPS, "zh")
    seconds = time.perf_counter() - started
    tracemalloc.start()
    check_zones(data, "bench.geojson", TOWNSHIPS, "zh")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    kept = len(pickle.dumps(check))
    print(
        f"{label:<34} {len(data) / 2**20:6.1f} MB  {seconds:6.2f} s  peak {peak / 2**20:6.0f} MB"
        f"  kept {kept / 2**10:7.0f} KB  features {len(check.features):>3}"
        f"  errors {len(check.errors)}  warnings {len(check.warnings)}"
    )


if __name__ == "__main__":
    measure("30 townships x 2,000 positions", township_file(2_000))
    measure("30 townships x 6,500 positions", township_file(6_500))
    measure("30 townships x 25,000 positions", township_file(25_000))
    measure("30 townships + 4,970 unmatched", township_file(2_000, unmatched=4_970))
    measure("over the size limit (31 MB)", township_file(50_000))
    measure("nested 1,000,000 deep", b"[" * 1_000_000 + b"]" * 1_000_000)
