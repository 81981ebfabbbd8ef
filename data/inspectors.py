"""The 责任督学 sheet (domain.md §7): 学校标识码, 责任督学, 联系方式 — every school's responsible
inspector, imported like the other sheets into the table school_inspectors (one row per
school; a new file replaces the inspector of the schools it names and keeps the others)."""

import duckdb
import pandas as pd

from data.checking import CheckContext, Problem, row_problem
from data.template import Column
from data.writing import Counts, count_keyed_rows, replace_keyed_rows

SHEET = "责任督学"
COLUMNS: tuple[Column, ...] = (
    Column("school_code", "学校标识码", "code", True, "10位", "2161052601"),
    Column("inspector_name", "责任督学", "text", True, "姓名", "张明"),
    Column("contact", "联系方式", "text", False, "电话或邮箱，可不填", "0913-7212345"),
)
KEYS = [c.key for c in COLUMNS]
MAX_TEXT = 60


def check_inspector_rows(rows: pd.DataFrame, context: CheckContext) -> list[Problem]:
    """One inspector per school; names and contacts of a sensible length."""
    from data.sheets import KINDS

    kind, lang = KINDS["inspectors"], context.lang
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    for r in rows.itertuples():
        if r.school_code is not None:
            if r.school_code in first_seen:
                problems.append(
                    row_problem(
                        r,
                        kind,
                        "school_code",
                        r.school_code,
                        "inspector_duplicate",
                        lang,
                        other=first_seen[r.school_code],
                    )
                )
            else:
                first_seen[r.school_code] = r.src_row
        for column in ("inspector_name", "contact"):
            value = getattr(r, column)
            if isinstance(value, str) and len(value) > MAX_TEXT:
                problems.append(
                    row_problem(r, kind, column, value[:MAX_TEXT], "too_long", lang, n=MAX_TEXT)
                )
    return problems


def count_inspector_rows(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, present: frozenset[str]
) -> Counts:
    values = ["inspector_name", "contact"]
    return count_keyed_rows(con, "school_inspectors", rows[KEYS], ["school_code"], values)


def write_inspector_rows(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, present: frozenset[str]
) -> None:
    replace_keyed_rows(con, "school_inspectors", rows[KEYS], ["school_code"], KEYS)


def demo_inspectors(con: duckdb.DuckDBPyConnection) -> None:
    """Demo: a responsible inspector for every school of the demo counties, eight schools
    each, the schools of a township together (as 挂牌督导 assigns them); names are unique."""
    con.execute(
        """
        INSERT OR REPLACE INTO school_inspectors
        WITH numbered AS (
            SELECT s.school_code, s.county_code,
                (dense_rank() OVER (ORDER BY s.county_code) - 1) * 1000
                    + (row_number() OVER (
                        PARTITION BY s.county_code ORDER BY s.township, s.school_code) - 1) // 8
                    AS inspector
            FROM schools AS s JOIN counties AS c USING (county_code)
            WHERE c.is_demo
        )
        SELECT
            school_code,
            ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱',
             '胡', '郭', '何', '高', '林', '罗']
                [1 + (inspector // 1000 * 7 + inspector % 1000) % 20]
                || ['建国', '秀英', '志强', '桂芳', '明', '丽华', '德胜', '晓燕', '立新', '淑珍',
                    '国平', '玉兰', '卫东', '红梅', '建华', '海燕', '志刚', '春兰', '永强', '美玲',
                    '文斌', '慧敏', '小军'][1 + (inspector % 1000 + inspector // 1000 * 3) % 23],
            '督导室分机 8' || lpad(CAST(inspector % 1000 + 1 AS VARCHAR), 3, '0') AS contact
        FROM numbered
        """
    )
