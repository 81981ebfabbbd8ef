"""Computation settings: the rules every view reads from the database's `settings` table.

    python -m data.settings list [--db PATH]
    python -m data.settings set KEY VALUE [--db PATH] [--user NAME]

The defaults and their notes live in data/catalogue.sql (the settings' one home); this module
says what each key accepts, and changes a value the way an import does: on a staging copy of
the database under the import lock, checked, swapped in atomically with a backup, and
recorded in import_log.
"""

import argparse
import datetime as dt
import getpass
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb

from data.writing import (
    close_written,
    copy_or_create,
    import_lock,
    staging_file,
    swap_in,
    verify,
)

DEFAULT_DB = Path(__file__).parent / "junheng.duckdb"


class SettingError(ValueError):
    """A value a setting does not accept; the message says what it accepts (zh / en)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


def choice(*allowed: str) -> Callable[[str], str]:
    def check(text: str) -> str:
        if text not in allowed:
            listed = " / ".join(allowed)
            raise SettingError(f"应为 {listed}", f"must be {listed}")
        return text

    return check


def number(low: float, high: float, *, whole: bool = False, low_open: bool = False):
    """A number within [low, high] ((low, high] when low_open), a whole number if asked."""

    def check(text: str) -> str:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        inside = (low < value if low_open else low <= value) and value <= high
        if not inside or (whole and not value.is_integer()):
            kind_zh, kind_en = ("整数", "a whole number") if whole else ("数", "a number")
            bracket = "(" if low_open else "["
            raise SettingError(
                f"应为 {bracket}{low:g}, {high:g}] 之间的{kind_zh}",
                f"must be {kind_en} within {bracket}{low:g}, {high:g}]",
            )
        return str(int(value)) if whole else f"{value:g}"

    return check


FLAG_RULES = (
    "outlier",
    "below_floor",
    "below_standard",
    "cv_half",
    "drop",
    "class_size",
    "large_class",
    "huge_class",
    "school_size",
)


def flag_rules(text: str) -> str:
    """A comma-separated list of the monitoring rules in use (empty: none)."""
    rules = [r.strip() for r in text.split(",") if r.strip()]
    unknown = [r for r in rules if r not in FLAG_RULES]
    if unknown:
        listed = ", ".join(FLAG_RULES)
        raise SettingError(f"规则应取自 {listed}", f"rules must be among {listed}")
    return ",".join(dict.fromkeys(rules))


# What each key accepts. Every key of the settings table has an entry (tested).
VALIDATORS: dict[str, Callable[[str], str]] = {
    "teaching_points": choice("merge", "separate"),
    "stage_weight_primary": number(0, 10, low_open=True),
    "stage_weight_junior": number(0, 10, low_open=True),
    "stage_weight_senior": number(0, 10, low_open=True),
    "include_private": choice("true", "false"),
    "include_above_county": choice("true", "false"),
    "small_teaching_point_min": number(0, 10_000, whole=True),
    "school_min_met": number(0, 7, whole=True),
    "school_floor_ratio": number(0, 1, low_open=True),
    "wide_gap_ratio": number(1, 10, low_open=True),
    "school_size_max": number(1, 100_000, whole=True),
    "school_size_max_through": number(1, 100_000, whole=True),
    "class_size_max_primary": number(1, 200, whole=True),
    "class_size_max_junior": number(1, 200, whole=True),
    # Monitoring (issue 22): the rules that flag a school (view school_flags).
    "flag_rules": flag_rules,
    "flag_cv_half_share": number(0, 1, low_open=True),
    "flag_cv_half_scope": choice("all", "failing"),
    "flag_drop_share": number(0, 1, low_open=True),
    "class_size_large_min": number(1, 200, whole=True),
    "class_size_huge_min": number(1, 200, whole=True),
    # Planner (issue 23): unit costs of the cheapest plan, in yuan.
    "plan_cost_teaching_area_m2": number(0, 1_000_000),
    "plan_cost_sports_area_m2": number(0, 1_000_000),
    "plan_cost_multimedia_room": number(0, 100_000_000),
    "plan_cost_teacher_hire": number(0, 100_000_000),
    "plan_cost_key_teacher_training": number(0, 100_000_000),
    "plan_cost_teacher_rotation": number(0, 100_000_000),
    "plan_cost_merge_school": number(0, 1_000_000_000),
}


def validated(key: str, value: str) -> str:
    """The value as stored, or SettingError."""
    if key not in VALIDATORS:
        raise SettingError(f"没有名为“{key}”的设置", f"no setting named {key!r}")
    return VALIDATORS[key](str(value).strip())


def read_settings(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """key → (value, note)."""
    rows = con.execute("SELECT key, value, note FROM settings ORDER BY key").fetchall()
    return {key: (value, note) for key, value, note in rows}


def set_values(db: Path, changes: dict[str, str], user: str = "", wait: float = -1) -> str | None:
    """Validate every change, then write them all on a staging copy swapped in atomically,
    under the import lock (`wait` seconds for it, -1: as long as it takes; raises
    filelock.Timeout). Returns the backup's path (None when nothing changed)."""
    checked = {key: validated(key, value) for key, value in changes.items()}
    db = Path(db)
    with import_lock(db, timeout=wait), staging_file(db, "settings") as staging:
        con = copy_or_create(db, staging)
        current = read_settings(con)
        changed = {k: v for k, v in checked.items() if current[k][0] != v}
        if not changed:
            con.close()
            return None
        now = dt.datetime.now().replace(microsecond=0)
        con.execute("BEGIN")
        for key, value in changed.items():
            con.execute("UPDATE settings SET value = ? WHERE key = ?", [value, key])
            record = f"settings: {key} = {value} (was {current[key][0]})"
            digest = hashlib.sha256(record.encode()).hexdigest()
            con.execute(
                "INSERT INTO import_log VALUES (?, ?, ?, ?, 0, 0, 0)", [now, user, record, digest]
            )
        con.execute("COMMIT")
        close_written(con)  # the verdicts and flags depend on the settings: stored again
        verify(staging)
        return swap_in(staging, db)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("JUNHENG_DB", DEFAULT_DB)))
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every setting, its value and what it does")
    setter = commands.add_parser("set", help="change one setting")
    setter.add_argument("key")
    setter.add_argument("value")
    setter.add_argument("--user", default=getpass.getuser())
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"{args.db}: database not found", file=sys.stderr)
        return 2
    if args.command == "list":
        with duckdb.connect(str(args.db), read_only=True) as con:
            for key, (value, note) in read_settings(con).items():
                print(f"{key} = {value}\t{note or ''}")
        return 0
    try:
        backup = set_values(args.db, {args.key: args.value}, args.user)
    except SettingError as error:
        print(f"{args.key}: {error.text(args.lang)}", file=sys.stderr)
        return 1
    print("unchanged" if backup is None else f"{args.key} set; backup {backup}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
