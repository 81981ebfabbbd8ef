"""How the code is laid out (issue 14): one SQL object per file of queries/views, named after
it, and every query the code runs is a file of queries/ (a renamed file cannot leave a caller
behind)."""

import re
from pathlib import Path

from data.build import VIEWS_DIR
from queries.loader import QUERIES_DIR

ROOT = Path(__file__).resolve().parent.parent
CREATED = re.compile(r"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:VIEW|TABLE)\s+(\w+)", re.I | re.M)
# query(NAME, …), fetch(NAME, …), run(con, NAME, …) with NAME a literal: how code runs a query file.
RUNS = re.compile(r'\b(?:(?:query|fetch)\(\s*|run\(\s*\w*con\w*,\s*)"([a-z_0-9]+)"')


def test_each_view_file_creates_one_object_named_after_it():
    wrong = []
    for path in sorted(VIEWS_DIR.glob("*.sql")):
        order, _, name = path.stem.partition("_")
        created = CREATED.findall(path.read_text(encoding="utf-8"))
        if not order.isdigit() or created != [name]:
            wrong.append(f"{path.name}: creates {created}")
    assert wrong == []


def test_views_are_created_after_the_views_they_read():
    files = sorted(VIEWS_DIR.glob("*.sql"))
    position = {CREATED.findall(p.read_text(encoding="utf-8"))[0]: i for i, p in enumerate(files)}
    late = []
    for i, path in enumerate(files):
        sql = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
        for name in re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", sql, flags=re.I):
            if position.get(name, -1) > i:
                late.append(f"{path.name} reads {name}, created later")
    assert late == []


def test_every_query_the_code_runs_is_a_file():
    named = {
        (str(path.relative_to(ROOT)), name)
        for folder in ("app.py", "views", "components", "data", "bench", "tests", "store")
        for path in ([ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py"))
        for name in RUNS.findall(path.read_text(encoding="utf-8"))
    }
    assert len(named) > 30  # the pattern finds the calls
    missing = sorted(
        f"{where}: {name}" for where, name in named if not (QUERIES_DIR / f"{name}.sql").exists()
    )
    assert missing == []
