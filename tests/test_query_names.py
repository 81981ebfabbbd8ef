"""Every query the code names by a literal exists as queries/<name>.sql.

A file renamed without its callers only fails when its page is opened; this finds it at once."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
# query(<name>, …) and run(<a connection>, <name>, …) with <name> a literal, maybe on the next line.
CALL = re.compile(r'\b(?:query\(\s*|run\(\s*\w*con,\s*)"([a-z0-9_]+)"')


def named_queries() -> set[tuple[str, str]]:
    found = set()
    for path in ROOT.rglob("*.py"):
        if any(part.startswith(".") for part in path.relative_to(ROOT).parts):
            continue
        for name in CALL.findall(path.read_text(encoding="utf-8")):
            found.add((str(path.relative_to(ROOT)), name))
    return found


def test_the_scan_sees_the_pages_queries() -> None:
    names = {name for _, name in named_queries()}
    assert {"county_indicator_cv", "school_compliance", "county_scorecard"} <= names


def test_every_named_query_has_its_file() -> None:
    missing = sorted(
        f"{where}: {name}"
        for where, name in named_queries()
        if not (QUERIES / f"{name}.sql").exists()
    )
    assert missing == []
