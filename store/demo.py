"""Demo follow-up: a few years of plausible inspection work on the demo counties' flags, in the
SQLite store beside a new demo database (only when that store does not exist yet, so a real
store is never touched). The 整改成效 of each rectified flag is not made up: it is computed
from the next year's data like any other."""

import datetime as dt
import zlib
from pathlib import Path

import duckdb

from store.db import STORE_FILE, create_engine, flag_events

PER_COUNTY_YEAR = 8  # flags followed up per county, year and rule
RULES = ("below_floor", "large_class", "huge_class", "class_size", "outlier")
NOTES = {
    "below_floor": (
        "现场核实属实，已报教育局计财股",
        "纳入年度薄弱学校改造项目，申请专项资金",
        "项目已完成并验收，资料已归档",
    ),
    "class_size": (
        "核实各年级班额，与学籍系统一致",
        "秋季招生按划片调整，增设教学班",
        "新学期已分班，班额降至标准以内",
    ),
    "outlier": (
        "核实数据无误",
        "与中心校统筹调配，结对帮扶",
        "调配到位",
    ),
}


def seed(db_path: Path) -> bool:
    """Write the demo follow-up into the store beside `db_path`; False if one exists."""
    store_path = Path(db_path).resolve().parent / STORE_FILE
    if store_path.exists():
        return False
    with duckdb.connect(str(db_path), read_only=True) as con:
        flags = con.execute(
            f"""
            SELECT f.flag_key, f.county_code, f.school_code, f.year, f.rule, f.reason_zh,
                   coalesce(i.inspector_name, '督导室') AS inspector
            FROM stored_school_flags AS f
            JOIN counties AS c ON c.county_code = f.county_code AND c.is_demo
            LEFT JOIN school_inspectors AS i USING (school_code)
            WHERE f.rule IN {RULES} AND f.year >= 2019
            QUALIFY row_number() OVER (
                PARTITION BY f.county_code, f.year, f.rule
                ORDER BY f.metric / nullif(f.threshold, 0), f.flag_key) <= {PER_COUNTY_YEAR}
            """
        ).fetchall()
        last_year = con.execute("SELECT max(year) FROM school_sections").fetchone()[0]
    engine = create_engine(f"sqlite:///{store_path}")
    rows = []
    for key, county, school, year, rule, reason, inspector in flags:
        notes = NOTES.get("class_size" if "class" in rule else rule, NOTES["outlier"])
        start = dt.datetime(year + 1, 3, 10, 9, 30) + dt.timedelta(
            days=zlib.crc32(key.encode()) % 20
        )
        steps = [("已核实", notes[0], None, start)]
        if rule == "outlier" and zlib.crc32(key.encode()) % 3 == 0:
            later = start + dt.timedelta(days=7)
            steps.append(("无需整改", "学校规模特殊，数值偏高属正常", None, later))
        elif year < last_year:
            deadline = dt.date(year + 1, 8, 31)
            steps.append(("整改中", notes[1], deadline, start + dt.timedelta(days=14)))
            steps.append(("已整改", notes[2], None, start + dt.timedelta(days=160)))
        for status, note, deadline, at in steps:
            rows.append(
                {
                    "flag_key": key,
                    "county_code": county,
                    "school_code": school,
                    "status": status,
                    "note": note,
                    "deadline": deadline,
                    "reason": reason,
                    "user_name": inspector,
                    "recorded_at": at,
                }
            )
    rows.sort(key=lambda r: r["recorded_at"])
    with engine.begin() as con:
        if rows:
            con.execute(flag_events.insert(), rows)
    engine.dispose()
    return True
