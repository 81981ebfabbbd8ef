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
# query(<name>, …), fetch(…), run(<connection>, <name>, …) and chart_notes(f, <name>, …).
RUNS = re.compile(
    r'\b(?:(?:query|fetch)\(\s*|run\(\s*\w*con\w*,\s*|chart_notes\(\s*f,\s*)"([a-z_0-9]+)"'
)


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


# --- translation keys (components/i18n.py) ------------------------------------------------

# The importer names its messages without their prefix: message("too_big", …) is the key
# import_too_big (data/checking.py message()); row checks pass the same short names.
IMPORTER_PREFIX = "import_"
IMPORTER_FILES = ("data", "views/data_import.py", "components/county_items_editor.py")
# t("key"), f.text("key"), PlanError("key"), TEXT["key"]: a literal key where text is made.
KEY_USE = re.compile(r"""(?:\bt|\.text|PlanError|TEXT\[)\(?\s*["']([a-z][a-z0-9_]*)["']""")
MESSAGE_USE = re.compile(r"""\bmessage\(\s*["']([a-z][a-z0-9_]*)["']""")


def code_text(paths) -> str:
    files = []
    for name in paths:
        path = ROOT / name
        files += [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
    return "\n".join(
        p.read_text(encoding="utf-8")
        for p in files
        if p.name != "i18n.py" and "tests" not in p.parts
    )


def test_every_translation_key_is_used_somewhere():
    from components.i18n import TEXT

    code = code_text(["app.py", "views", "components", "data", "queries", "store"])
    importer = code_text(IMPORTER_FILES)
    literals = set(re.findall(r'"([^"\n]+)"', code)) | set(re.findall(r"'([^'\n]+)'", code))
    importer_literals = set(re.findall(r"""["']([a-z][a-z0-9_]*)["']""", importer))
    unused = [
        key
        for key in TEXT
        if key not in literals
        and not (
            key.startswith(IMPORTER_PREFIX) and key[len(IMPORTER_PREFIX) :] in importer_literals
        )
    ]
    assert unused == []


def test_every_translation_key_used_exists():
    from components.i18n import TEXT

    code = code_text(["app.py", "views", "components", "data", "queries", "store"])
    used = set(KEY_USE.findall(code)) | {IMPORTER_PREFIX + k for k in MESSAGE_USE.findall(code)}
    assert len(used) > 300  # the patterns find the uses
    assert sorted(used - set(TEXT)) == []


def test_literal_key_tables_name_existing_keys():
    """The dicts that turn a value into its key (instead of f"plan_{kind}")."""
    import importlib

    from components.i18n import TEXT

    tables = {
        "components.planner": ["KIND_LABEL", "KIND_DONE", "KIND_WRONG_COLUMN", "COLUMN_LABEL"],
        "components.plan_report": ["MEASURE_LABEL", "HEADER"],
        "components.plan_solver": ["LEVER_LABEL"],
        "components.pace": ["STATUS_TEXT"],
        "components.self_report": ["VERDICT_TEXT"],
    }
    missing = []
    for module, names in tables.items():
        loaded = importlib.import_module(module)
        for name in names:
            missing += [
                f"{module}.{name}: {k}" for k in getattr(loaded, name).values() if k not in TEXT
            ]
    from components.plan_report import RESOURCE_LABEL
    from components.planner import COLUMN_UNIT

    keys = [*COLUMN_UNIT.values(), *(k for pair in RESOURCE_LABEL.values() for k in pair)]
    assert missing + [k for k in keys if k not in TEXT] == []


def test_no_translation_key_is_built_at_run_time():
    """t(f"plan_{k}") hides its keys from a search: the code names every key whole (a dict
    from value to key where a value picks the text). The importer's short names are the one
    convention (IMPORTER_PREFIX)."""
    code = code_text(["app.py", "views", "components", "data", "queries", "store"])
    built = re.findall(r"""(?:\bt|(?<!\bst)\.text)\(\s*f["'][^"']*\{""", code)
    assert built == []


# --- browser tests --------------------------------------------------------------------------

# start_streamlit(db) or a ["streamlit", "run", …] command: a test starting the app itself.
STARTS_APP = re.compile(r"""\bstart_streamlit\(|["']streamlit["'],\s*["']run""")


def test_browser_tests_start_the_app_through_one_helper():
    """tests/browser.py's served(db) is the one place a test starts and stops the app: the
    files that need a server take conftest's `server`, or wrap served() around their own
    database."""
    assert STARTS_APP.search("process, url = start_streamlit(demo_db)")
    assert STARTS_APP.search('[sys.executable, "-m", "streamlit", "run", "app.py"]')
    assert not STARTS_APP.search("against a real `streamlit run` server")
    starting = sorted(
        path.name
        for path in (ROOT / "tests").glob("*.py")
        if path.name not in ("browser.py", "test_layout.py")  # the helper; the examples above
        and STARTS_APP.search(path.read_text(encoding="utf-8"))
    )
    assert starting == []
