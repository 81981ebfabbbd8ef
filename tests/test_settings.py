"""Settings and domain facts, one source (issues 10, 14): `python -m data.settings` validates
and writes atomically; every key is documented in the README and every documented key exists;
no rule value is copied into code or SQL outside the settings' home (data/catalogue.sql), and
no domain fact of the catalogue (stages, urban–rural codes, standards, per-100 factors) is
copied outside data/catalogue.sql (Python reads them through data/catalogue.py)."""

import re
from pathlib import Path

import duckdb
import pytest

from data import settings
from data.build import new_database
from tests.conftest import insert_sections

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path) -> Path:
    """One primary school at the 2017 standards except teaching area: 3.96 m² per pupil,
    88 % of the 4.5 standard (6 of 7 met, none below 85 %: compliant)."""
    path = tmp_path / "s.duckdb"
    con = new_database(path)
    insert_sections(con, [{"school_code": "A", "teaching_area_m2": 396.0}])
    con.close()
    return path


def stored(path: Path, key: str) -> str:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()[0]


def test_every_setting_has_a_validator(db):
    with duckdb.connect(str(db), read_only=True) as con:
        keys = set(settings.read_settings(con))
    assert keys == set(settings.VALIDATORS)


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("teaching_points", "together", "应为 merge / separate"),
        ("stage_weight_junior", "0", "应为 (0, 10] 之间的数"),
        ("stage_weight_senior", "abc", "应为 (0, 10] 之间的数"),
        ("school_floor_ratio", "85", "应为 (0, 1] 之间的数"),
        ("school_min_met", "6.5", "应为 [0, 7] 之间的整数"),
        ("include_private", "yes", "应为 true / false"),
        ("no_such_key", "1", "没有名为“no_such_key”的设置"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(db, key, value, reason):
    before = db.read_bytes()
    with pytest.raises(settings.SettingError) as error:
        settings.set_values(db, {key: value})
    assert error.value.text("zh") == reason
    assert db.read_bytes() == before


def test_set_swaps_a_new_file_in_and_logs_it(db, capsys):
    inode = db.stat().st_ino
    assert settings.main(["--db", str(db), "set", "school_floor_ratio", "0.9", "--user", "王"]) == 0
    assert stored(db, "school_floor_ratio") == "0.9"
    assert db.stat().st_ino != inode  # a new file renamed over the old one
    assert len(list((db.parent / "backups").glob("*.duckdb"))) == 1
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT user_name, file_name FROM import_log").fetchall() == [
            ("王", "settings: school_floor_ratio = 0.9 (was 0.85)")
        ]
    # The same value again changes nothing.
    assert settings.main(["--db", str(db), "set", "school_floor_ratio", "0.90"]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert settings.main(["--db", str(db), "set", "school_floor_ratio", "2"]) == 1
    assert "school_floor_ratio: 应为 (0, 1] 之间的数" in capsys.readouterr().err
    settings.main(["--db", str(db), "list"])
    assert "school_floor_ratio = 0.9\t" in capsys.readouterr().out


def test_a_setting_changes_what_the_views_compute(db):
    query = "SELECT n_met, round(min_ratio, 9), compliant FROM school_compliance"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(query).fetchall() == [(6, 0.88, True)]
    settings.set_values(db, {"school_floor_ratio": "0.9"})  # 88 % is now below the floor
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(query).fetchall() == [(6, 0.88, False)]


def readme_settings() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Computation settings", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.MULTILINE))


def test_every_setting_is_documented_and_every_documented_setting_exists(db):
    with duckdb.connect(str(db), read_only=True) as con:
        keys = set(settings.read_settings(con))
    assert readme_settings() == keys


def setting_readers() -> str:
    """The code that can read a setting: SQL of queries/ without its comments, and Python
    string literals, outside the settings' home (catalogue, data/settings.py) and tests."""
    home = ("tests/", "bench/", "data/catalogue.sql", "data/settings.py", "components/i18n.py")
    parts = []
    for path in ROOT.glob("**/*.sql"):
        if not str(path.relative_to(ROOT)).startswith(home) and ".venv" not in path.parts:
            parts.append(re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8")))
    for path in ROOT.glob("**/*.py"):
        if not str(path.relative_to(ROOT)).startswith(home) and ".venv" not in path.parts:
            parts += re.findall(r"""["']([a-z_0-9]+)["']""", path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def test_every_setting_is_read_by_the_code(db):
    """A documented setting that nothing reads would change nothing: each key is named by
    a view or query (SQL) or as a string in Python (the planner's unit costs)."""
    with duckdb.connect(str(db), read_only=True) as con:
        keys = set(settings.read_settings(con))
    code = setting_readers()
    assert sorted(k for k in keys if not re.search(rf"\b{k}\b", code)) == []


# Rule values that must only live in the settings table: each setting's value in the forms
# code would copy it (85 % as 0.85, 85%, 85 %). Settings whose values are too common to search
# for (merge, true, 0, 6, 45, 50, 1.0, 2000) are left out: the views read them by key.
COPIES = {
    "school_floor_ratio": [r"(?<![\d.])0\.85(?!\d)", r"(?<![\d.])85 ?%", r"=\s*85\b"],
    "stage_weight_junior": [r"(?<![\d.])1\.1(?!\d)"],
    "stage_weight_senior": [r"(?<![\d.])1\.32(?!\d)"],
    "school_size_max_through": [r"(?<![\d.])2500(?!\d)"],
    "wide_gap_ratio": [r"ratio\W*>\s*1\.2(?!\d)", r"高于乡村 ?20 ?%"],
}
# Not rules: numbers that happen to look the same.
NOT_COPIES = {
    "data/ingest.py": ["step(0.85"],  # a progress-bar fraction
}
OUTSIDE = ("tests/", "bench/", "data/catalogue.sql", "data/settings.py", "data/demo")
PENDING: dict[str, str] = {}


def code_files(outside: tuple[str, ...] = OUTSIDE) -> list[str]:
    files = sorted(
        str(p.relative_to(ROOT))
        for pattern in ("**/*.py", "**/*.sql")
        for p in ROOT.glob(pattern)
        if ".venv" not in p.parts
    )
    return [f for f in files if not f.startswith(outside)]


def copies_in(
    path: str,
    copies: dict[str, list[str]] | None = None,
    allowed: dict[str, list[str]] | None = None,
) -> list[str]:
    """Lines of `path` matching one of the patterns of `copies` (default: the settings'
    COPIES), comments and the `allowed` fragments of that file left out."""
    copies = COPIES if copies is None else copies
    allowed = NOT_COPIES if allowed is None else allowed
    found = []
    for number, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), 1):
        code = line.split("--", 1)[0] if path.endswith(".sql") else line
        if code.lstrip().startswith("#") or any(ok in code for ok in allowed.get(path, [])):
            continue
        for key, patterns in copies.items():
            if any(re.search(p, code) for p in patterns):
                found.append(f"{path}:{number} copies {key}: {line.strip()}")
    return found


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason=PENDING[p], strict=False))
        if p in PENDING
        else p
        for p in code_files()
    ],
)
def test_no_copy_of_a_setting_value_in_code(path):
    assert copies_in(path) == []


def test_the_copy_finder_finds_copies(tmp_path):
    assert [bool(re.search(p, "if ratio < 0.85:")) for p in COPIES["school_floor_ratio"]][0]
    assert re.search(COPIES["school_floor_ratio"][1], "低于85%")
    assert not re.search(COPIES["school_floor_ratio"][0], "0.855")
    assert not re.search(COPIES["stage_weight_junior"][0], "1.15")
    assert re.search(COPIES["wide_gap_ratio"][0], 'int((ratios["urban_rural_ratio"] > 1.2).sum())')
    assert not re.search(COPIES["wide_gap_ratio"][0], "scaleratio=1.2")


# Domain facts of the catalogue (data/catalogue.sql, read by data/catalogue.py) in the forms
# code copied them: the stage tuple, the list of urban–rural codes and code → group maps, the
# 2017 standards as (小学, 初中) pairs, numerator columns with their per-100 factor.
FACT_COPIES = {
    "stages": [r"\(\s*['\"]小学['\"],\s*['\"]初中['\"]\s*\)", r"\('小学'\),\s*\('初中'\)"],
    "urban_rural_codes": [
        r"\b111\b.*\b112\b",
        r"\b121\b.*\b122\b",
        r"\b210\b.*\b220\b",
        r"\b(111|112|121|122|123|210|220)\b\s*:\s*['\"](urban|town|rural)",
    ],
    "quality_standards": [
        r"\(\s*4\.2,\s*5\.3\s*\)",
        r"\(\s*4\.5,\s*5\.8\s*\)",
        r"\(\s*7\.5,\s*10\.2\s*\)",
        r"\(\s*2000(\.0)?,\s*2500(\.0)?\s*\)",
        r"\(\s*2\.3,\s*2\.4\s*\)",
    ],
    "school_types": [
        r"小学\W+初中\W+九年一贯制\W+十二年一贯制\W+完全中学\W+教学点",
        r"['\"]九年一贯制['\"],\s*['\"]十二年一贯制['\"]",
        r"['\"]十二年一贯制['\"],\s*['\"]完全中学['\"]",
        r"['\"]小学['\"],\s*['\"]教学点['\"]",
        r"['\"]初中['\"],\s*['\"]完全中学['\"]",
        r"['\"](小学|初中|教学点|完全中学)['\"]:\s*\(['\"](小学|初中)['\"],?\s*\)",
    ],
    "standard_sets": [
        r"['\"]quality2017['\"],\s*['\"]basic2012['\"]",
        r"['\"]basic2012['\"],\s*['\"]quality2017['\"]",
    ],
    "per_100": [
        r"['\"](computers|teachers|teachers_above_degree|teachers_senior_title|key_teachers"
        r"|pe_art_teachers|multimedia_rooms)['\"]\s*[:,]\s*100\b"
    ],
}
FACT_HOMES = ("tests/", "bench/", "data/catalogue.sql")
NOT_FACT_COPIES = {
    # The database's own CHECK constraints: test_the_schema_checks_match_the_catalogue keeps
    # them equal to the catalogue.
    "data/schema.sql": ["CHECK ("],
    # How often the demo draws each code (its group is read from the catalogue).
    "data/demo.py": ["CODE_WEIGHTS = {"],
}


@pytest.mark.parametrize("path", code_files(FACT_HOMES))
def test_no_copy_of_a_domain_fact_in_code(path):
    assert copies_in(path, FACT_COPIES, NOT_FACT_COPIES) == []


def test_the_fact_finder_finds_copies():
    copies = [
        'STAGES = ("小学", "初中")',
        "URBAN_RURAL_CODES = (111, 112, 121, 122, 123, 210, 220)",
        'GROUP_OF_CODE = {111: "urban", 112: "urban"}',
        "WHEN s.urban_rural_code IN (121, 122, 123) THEN 'town'",
        '"above_degree_per_100": (4.2, 5.3),',
        '"equipment_value_per_student": (2000.0, 2500.0),',
        '"key_teachers_per_100": ("key_teachers", 100, 0),',
        "CROSS JOIN (VALUES ('小学'), ('初中')) AS s(stage)",
        'SCHOOL_TYPES = ("小学", "初中", "九年一贯制", "十二年一贯制", "完全中学", "教学点")',
        '"办学类型应为 小学/初中/九年一贯制/十二年一贯制/完全中学/教学点"',
        "WHEN t.school_type IN ('九年一贯制', '十二年一贯制') THEN 2500",
        'WITH_SENIOR = ("十二年一贯制", "完全中学")',
        'r.school_type in ("小学", "教学点") and r.stage == "初中"',
        'STANDARD_SETS = ("quality2017", "basic2012")',
        'STAGES_OF_TYPE = {"小学": ("小学",), "教学点": ("小学",), "初中": ("初中",)}',
        'for standard in ("basic2012", "quality2017")',
    ]
    for line in copies:
        assert any(re.search(p, line) for ps in FACT_COPIES.values() for p in ps), line
    for line in ("size = 1200", "(111.5, 34.2)", '"computers": 12', 'if t == "九年一贯制":'):
        assert not any(re.search(p, line) for ps in FACT_COPIES.values() for p in ps), line


def test_the_schema_checks_match_the_catalogue(db):
    """school_sections' CHECK constraints list exactly the catalogue's stages, school types
    and codes, and indicator_standards' the catalogue's standard sets."""
    from data.catalogue import SCHOOL_TYPES, STAGES, STANDARD_SETS, URBAN_RURAL_CODES

    with duckdb.connect(str(db), read_only=True) as con:
        checks = dict(
            con.execute(
                "SELECT constraint_column_names[1], expression FROM duckdb_constraints() "
                "WHERE table_name = 'school_sections' AND constraint_type = 'CHECK'"
            ).fetchall()
        )
        assert con.execute("SELECT stage FROM stages ORDER BY sort_order").fetchall() == [
            (s,) for s in STAGES
        ]
        (set_check,) = con.execute(
            "SELECT expression FROM duckdb_constraints() WHERE table_name = "
            "'indicator_standards' AND constraint_type = 'CHECK' "
            "AND constraint_column_names[1] = 'standard_set'"
        ).fetchone()
    listed = {key: re.search(r"IN \((.*)\)", checks[key]).group(1) for key in checks}
    assert sorted(re.findall(r"'([^']+)'", listed["stage"])) == sorted(STAGES)
    assert sorted(re.findall(r"'([^']+)'", listed["school_type"])) == sorted(SCHOOL_TYPES)
    assert sorted(re.findall(r"'([^']+)'", set_check)) == sorted(STANDARD_SETS)
    assert tuple(int(c) for c in re.findall(r"\d+", listed["urban_rural_code"])) == (
        URBAN_RURAL_CODES
    )
    assert STAGES == ("小学", "初中")  # domain.md §1: the two stages of compulsory education
    assert len(SCHOOL_TYPES) == 6  # domain.md §7: 小学 / 初中 / 九年一贯制 / … / 教学点
