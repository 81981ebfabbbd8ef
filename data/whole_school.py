"""Row checks of the school template for this work area (domain.md §1 and §7): 办学性质,
举办者 and 高中在校生数 values, and schools that report resources for the whole school
(资源按全校填报): every section row of the school says so and carries the same totals."""

import pandas as pd

from data.catalogue import SENIOR_TYPES, THROUGH_TYPES
from data.checking import CheckContext, Problem, row_problem
from data.template import WHOLE_SCHOOL_RESOURCES

OWNERSHIPS = ("公办", "民办")
RUN_BY = ("县级", "地市级", "省级", "中央")
# The same totals stand on every section row of a whole-school report.
WHOLE_SCHOOL_COLUMNS = (*WHOLE_SCHOOL_RESOURCES, "senior_students")


def check_whole_school_rows(rows: pd.DataFrame, context: CheckContext) -> list[Problem]:
    from data.sheets import KINDS

    kind, lang = KINDS["schools"], context.lang
    problems: list[Problem] = []

    def add(r, column: str, value: object, key: str, **values: object) -> None:
        problems.append(row_problem(r, kind, column, value, key, lang, **values))

    for r in rows.itertuples():
        if not _empty(r.ownership) and r.ownership not in OWNERSHIPS:
            add(r, "ownership", r.ownership, "ownership")
        if not _empty(r.run_by) and r.run_by not in RUN_BY:
            add(r, "run_by", r.run_by, "run_by")
        senior = not _empty(r.senior_students) and r.senior_students
        if senior and r.school_type not in SENIOR_TYPES:
            add(r, "senior_students", r.senior_students, "senior_type", school_type=r.school_type)
    keyed = with_stored_flags(rows.dropna(subset=["school_code", "year"]), context)
    for _, school in keyed.groupby(["school_code", "year"], sort=False):
        check_school(school, add)
    return problems


def with_stored_flags(rows: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    """The rows of a file without the 资源按全校填报 column take their section's stored flag
    (the column absent, the stored value is kept): a school stored as reporting for the whole
    school is checked as one, whichever columns the file has."""
    without = [
        file
        for (kind, file), columns in context.present.items()
        if kind == "schools" and "resources_whole_school" not in columns
    ]
    lacking = rows["src_file"].isin(without)
    if context.stored is None or not lacking.any():
        return rows
    codes = sorted(set(rows.loc[lacking, "school_code"]))
    flags = {
        (code, year, stage): flag
        for code, year, stage, flag in context.stored_rows(
            "SELECT school_code, year, stage, resources_whole_school FROM school_sections "
            "WHERE school_code IN (SELECT unnest($1::VARCHAR[]))",
            codes,
        )
    }
    rows = rows.copy()
    rows.loc[lacking, "resources_whole_school"] = [
        flags.get((r.school_code, r.year, r.stage), False) for r in rows[lacking].itertuples()
    ]
    return rows


def check_school(school: pd.DataFrame, add) -> None:
    """One school-year's rows: the flag on every row or none, and the same whole-school totals
    on each (each problem names the cell that disagrees with the school's first row)."""
    flagged = school[school["resources_whole_school"].astype(bool)]
    if flagged.empty:
        return
    first = flagged.iloc[0]
    for r in school.itertuples():
        if not r.resources_whole_school:
            add(r, "resources_whole_school", "否", "whole_flag_mixed", other=first["src_row"])
    if len(school) == 1 and first["school_type"] in THROUGH_TYPES:  # one row per stage
        add(next(flagged.itertuples()), "resources_whole_school", "是", "whole_one_section")
    for r in flagged.iloc[1:].itertuples():
        for column in WHOLE_SCHOOL_COLUMNS:
            mine, theirs = getattr(r, column), first[column]
            if not _same(mine, theirs):
                add(
                    r,
                    column,
                    mine,
                    "whole_totals_differ",
                    other=first["src_row"],
                    other_value="" if _empty(theirs) else theirs,
                )


def _empty(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def _same(a: object, b: object) -> bool:
    if _empty(a) or _empty(b):
        return _empty(a) and _empty(b)
    return float(a) == float(b)
