"""What-if planning: apply moves (teacher transfers, hires, key-teacher training, added
resources, merged schools) to a county's computation units and recompute with the dashboard's
own SQL views, in an in-memory database.

Every move is checked against the units as the earlier moves left them; a move that cannot
happen (more teachers than the donor has, half a teacher, a school already merged away, an
amount no budget could hold) raises PlanError, whose key and values form a message in the
user's language. Many scenarios are evaluated in one query: each is stored as its own "year",
so `county_indicator_cv`, `school_compliance` and `county_verdict` compute them all at once."""

import math
import threading
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from components.i18n import t
from data.build import create_schema
from data.catalogue import INDICATORS
from data.template import WHOLE_SCHOOL_RESOURCES

# Teacher kinds a transfer may move, kinds a county may hire, and resources it may add.
TEACHER_KINDS = ("teachers_above_degree", "key_teachers", "pe_art_teachers")
HIRE_KINDS = ("teachers_above_degree", "pe_art_teachers")
RESOURCES = ("teaching_area_m2", "sports_area_m2", "equipment_value_yuan", "multimedia_rooms")
WHOLE = frozenset(TEACHER_KINDS + ("multimedia_rooms",))  # counted in whole units
MOVE_KINDS = ("transfer", "hire", "train", "add", "merge")
COLUMNS_OF = {
    "transfer": TEACHER_KINDS,
    "hire": HIRE_KINDS,
    "train": ("key_teachers",),
    "add": RESOURCES,
    "merge": (),
}
# Translation keys (components/i18n.py), literal so that a search finds every use.
KIND_LABEL = {
    "transfer": "plan_transfer",
    "hire": "plan_hire",
    "train": "plan_train",
    "add": "plan_add",
    "merge": "plan_merge",
}
KIND_DONE = {
    "transfer": "plan_do_transfer",
    "hire": "plan_do_hire",
    "train": "plan_do_train",
    "add": "plan_do_add",
    "merge": "plan_do_merge",
}
KIND_WRONG_COLUMN = {
    "transfer": "plan_err_column_transfer",
    "hire": "plan_err_column_hire",
    "train": "plan_err_column_train",
    "add": "plan_err_column_add",
}
COLUMN_LABEL = {
    "teachers_above_degree": "plan_col_teachers_above_degree",
    "key_teachers": "plan_col_key_teachers",
    "pe_art_teachers": "plan_col_pe_art_teachers",
    "teaching_area_m2": "plan_col_teaching_area_m2",
    "sports_area_m2": "plan_col_sports_area_m2",
    "equipment_value_yuan": "plan_col_equipment_value_yuan",
    "multimedia_rooms": "plan_col_multimedia_rooms",
    "students": "plan_col_students",
}
COLUMN_UNIT = {
    "teachers_above_degree": "plan_unit_teachers_above_degree",
    "key_teachers": "plan_unit_key_teachers",
    "pe_art_teachers": "plan_unit_pe_art_teachers",
    "teaching_area_m2": "plan_unit_teaching_area_m2",
    "sports_area_m2": "plan_unit_sports_area_m2",
    "equipment_value_yuan": "plan_unit_equipment_value_yuan",
    "multimedia_rooms": "plan_unit_multimedia_rooms",
    "students": "plan_unit_students",
}
# The most one move may add: far above any county's need, far below what overflows a stored
# value (DECIMAL(38, 6) in the views).
LIMITS = {
    "teachers_above_degree": 2_000,
    "key_teachers": 2_000,
    "pe_art_teachers": 2_000,
    "teaching_area_m2": 1_000_000.0,
    "sports_area_m2": 1_000_000.0,
    "equipment_value_yuan": 10_000_000_000.0,
    "multimedia_rooms": 2_000,
}


# numerator column ↔ indicator, and the column's per factor (data/catalogue.sql); the
# solver's linear model needs the factor, every value shown comes from Engine.values.
INDICATOR_OF = {column: indicator for indicator, (column, _) in INDICATORS.items()}
NUMERATOR_OF = {indicator: column for indicator, (column, _) in INDICATORS.items()}
PER = {column: per for column, per in INDICATORS.values()}
# What a merge adds together: pupils, classes, the teacher counts and the school's resources.
COUNTED = (
    "students",
    "classes",
    "teachers",
    "teachers_above_degree",
    "teachers_senior_title",
    "key_teachers",
    "pe_art_teachers",
    *WHOLE_SCHOOL_RESOURCES,
)


@dataclass(frozen=True)
class Move:
    """kind: "transfer" (amount teachers of `column` from source to target), "hire" (amount
    new teachers of `column` at target; every hire holds the required degree), "train"
    (amount of target's teachers made county-level key teachers), "add" (amount of a resource
    `column` to target) or "merge" (source closes into target)."""

    kind: str
    target: str
    source: str | None = None
    column: str = ""
    amount: float = 0.0


class PlanError(ValueError):
    """A move that cannot happen; `key` and `values` name an i18n message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Change:
    """One number a move changes at one school: the amount before and after, and the
    school's indicator value before and after (None until `with_values` reads them from the
    engine; None too where the school has no value: no pupils, the amount missing, merged
    away, or a column that is no indicator's numerator)."""

    school: str
    column: str
    before: float
    after: float
    value_before: float | None = None
    value_after: float | None = None


def check_move(s: pd.DataFrame, move: Move, merged_into: dict[str, str]) -> None:
    """Raise PlanError unless `move` can happen to the units `s` (indexed by school code)."""
    if move.kind not in MOVE_KINDS:
        raise PlanError("plan_err_kind", kind=move.kind)
    for school in (move.target, move.source) if move.source else (move.target,):
        if school in merged_into:
            raise PlanError("plan_err_gone", school=school, target=merged_into[school])
        if school not in s.index:
            raise PlanError("plan_err_unknown", school=school)
    if move.kind in ("transfer", "merge") and (not move.source or move.source == move.target):
        raise PlanError("plan_err_same")
    if move.kind == "merge":
        return
    if move.column not in COLUMNS_OF[move.kind]:
        raise PlanError(KIND_WRONG_COLUMN[move.kind], column=move.column)
    try:
        amount = float(move.amount)
    except (TypeError, ValueError):
        raise PlanError("plan_err_amount", column=move.column, amount=move.amount) from None
    if not math.isfinite(amount) or amount <= 0:
        raise PlanError("plan_err_amount", column=move.column, amount=amount)
    if move.column in WHOLE and amount != int(amount):
        raise PlanError("plan_err_whole", column=move.column, amount=amount)
    if amount > LIMITS[move.column]:
        raise PlanError(
            "plan_err_limit", column=move.column, amount=amount, limit=LIMITS[move.column]
        )
    if move.kind == "transfer":
        have = s.loc[move.source, move.column]
        if pd.isna(have) or amount > have:
            raise PlanError(
                "plan_err_too_many",
                school=move.source,
                column=move.column,
                have=have,
                amount=amount,
            )
    if move.kind == "train":
        row = s.loc[move.target]
        free = row["teachers"] - row["key_teachers"]
        if pd.isna(free) or amount > free:
            raise PlanError("plan_err_train", school=move.target, have=free, amount=amount)


def _changed_columns(move: Move) -> tuple[str, ...]:
    """Template columns a move changes (besides the total of teachers)."""
    if move.kind == "hire" and move.column == "pe_art_teachers":
        return ("pe_art_teachers", "teachers_above_degree")
    return (move.column,)


def apply_moves(
    sections: pd.DataFrame,
    moves: list[Move],
    changes: list[list[Change]] | None = None,
    steps: list[pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The units after the moves (one year, one stage), each move checked first (PlanError).
    Totals are conserved: a transfer moves teachers, a merge moves pupils, classes, teachers
    and resources. When `changes` is a list, each move's changed numbers are appended to it;
    when `steps` is a list, the units after each move."""
    s = sections.set_index("school_code", drop=False).copy()
    for column in COUNTED:
        s[column] = s[column].astype("float64")
    merged_into: dict[str, str] = {}
    for move in moves:
        check_move(s, move, merged_into)
        touched = (move.source, move.target) if move.source else (move.target,)
        columns = COUNTED if move.kind == "merge" else _changed_columns(move) + ("teachers",)
        before = {(c, col): s.loc[c, col] for c in touched for col in columns}
        if move.kind == "transfer":
            for school, sign in ((move.source, -1), (move.target, 1)):
                s.loc[school, [move.column, "teachers"]] += sign * move.amount
        elif move.kind == "hire":
            s.loc[move.target, list(_changed_columns(move)) + ["teachers"]] += move.amount
        elif move.kind in ("train", "add"):
            s.loc[move.target, move.column] += move.amount
        else:
            s.loc[move.target, list(COUNTED)] = (
                s.loc[move.target, list(COUNTED)] + s.loc[move.source, list(COUNTED)]
            )
            s = s.drop(index=move.source)
            merged_into[move.source] = move.target
            merged_into.update({k: move.target for k, v in merged_into.items() if v == move.source})
        if changes is not None:
            changes.append(_changes(s, move, before))
        if steps is not None:
            steps.append(s.reset_index(drop=True))
    return s.reset_index(drop=True)


def _changes(s: pd.DataFrame, move: Move, before: dict) -> list[Change]:
    found = []
    for (school, column), old in before.items():
        gone = school not in s.index
        new = 0.0 if gone else s.loc[school, column]
        if column == "teachers" or (old == new and move.kind != "merge"):
            continue
        if move.kind == "merge" and (
            gone or column not in ("students",) + TEACHER_KINDS + RESOURCES
        ):
            continue  # the closed school's numbers now stand in its neighbour's
        found.append(Change(school, column, float(old), float(new)))
    return found


def steps_of(sections: pd.DataFrame, moves: list[Move]) -> list[pd.DataFrame]:
    """The units after 0, 1, …, len(moves) moves: scenario n of `Engine.values(steps)` is the
    county after move n, so move n's values are read at scenarios n − 1 and n."""
    steps = [sections]
    apply_moves(sections, moves, steps=steps)
    return steps


def with_values(changes: list[list[Change]], values: pd.DataFrame) -> list[list[Change]]:
    """`changes` (of moves 1…n) with each school's indicator value before and after its move,
    read from `values` (Engine.values of the steps, steps_of): the views' own per-pupil
    values, never a formula of the planner's."""
    value = values.set_index(["scenario", "school_code", "indicator"])["value"].to_dict()

    def at(step: int, change: Change) -> float | None:
        found = value.get((step, change.school, INDICATOR_OF.get(change.column)))
        return None if found is None or pd.isna(found) else float(found)

    return [
        [replace(c, value_before=at(n, c), value_after=at(n + 1, c)) for c in move_changes]
        for n, move_changes in enumerate(changes)
    ]


# Views the scenario queries read more than once: evaluated once per scenario set, by their
# own SQL, into tables of the same name (so the views built on them read the tables).
MATERIALISED = ("section_inputs", "indicator_values", "county_indicator_cv", "school_compliance")


class Engine:
    """An in-memory database with the dashboard's schema, views and the live settings.

    One engine is shared by every session (st.cache_resource): its connection takes one call
    at a time, so every method holds `lock`; a caller that needs several calls to see the same
    scenario set (evaluate, then verdicts) holds it around them (it is re-entrant)."""

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        self.lock = threading.RLock()
        self.con = duckdb.connect(config={"threads": 1})  # small tables: one thread is enough
        create_schema(self.con)
        for column in ("multimedia_rooms", "computers", "books"):  # split shares are fractional
            self.con.execute(f"ALTER TABLE school_sections ALTER {column} TYPE DOUBLE")
        for key, value in (settings or {}).items():
            self.con.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, value]
            )
        for view in MATERIALISED:  # the same SQL, computed once per evaluation into a table
            sql = self.con.execute(
                "SELECT sql FROM duckdb_views() WHERE view_name = ?", [view]
            ).fetchone()[0]
            self.con.execute(sql.replace(f"CREATE VIEW {view} AS", f"CREATE VIEW {view}_sql AS", 1))
            self.con.execute(f"DROP VIEW {view}")
            self.con.execute(f"CREATE TABLE {view} AS SELECT * FROM {view}_sql LIMIT 0")

    def evaluate(self, scenarios: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(CVs, compliance) of the quality-2017 indicators for each scenario, numbered 0…;
        `verdicts()` then gives the county verdict of each."""
        with self.lock:
            return self._evaluate(scenarios)

    def _load(self, scenarios: list[pd.DataFrame], views: tuple[str, ...]) -> None:
        """Store the scenarios as years 0… and compute `views` (a prefix of MATERIALISED)
        into their tables; the other materialised tables are emptied, never left stale."""
        frames = [sections.assign(year=number) for number, sections in enumerate(scenarios)]
        rows = pd.concat(frames, ignore_index=True)
        self.con.execute("DELETE FROM school_sections")
        self.con.register("scenario_rows", rows)
        columns = ", ".join(c for c in rows.columns if c != "county_name")
        self.con.execute(
            f"INSERT INTO school_sections ({columns}) SELECT {columns} FROM scenario_rows"
        )
        self.con.unregister("scenario_rows")
        for view in MATERIALISED:
            self.con.execute(f"DELETE FROM {view}")
            if view in views:
                self.con.execute(f"INSERT INTO {view} SELECT * FROM {view}_sql")

    def values(self, scenarios: list[pd.DataFrame]) -> pd.DataFrame:
        """Each school's per-pupil value of every indicator in each scenario (numbered 0…),
        computed by the views (indicator_values, the same SQL as every page): scenario,
        school_code, indicator (catalogue order), value. A school without a value (no pupils,
        the amount missing) has no row."""
        with self.lock:
            self._load(scenarios, ("section_inputs", "indicator_values"))
            return self.con.execute(
                "SELECT v.year AS scenario, v.school_code, v.indicator, v.value "
                "FROM indicator_values AS v JOIN indicators AS i USING (indicator) "
                "ORDER BY v.year, v.school_code, i.sort_order"
            ).df()

    def _evaluate(self, scenarios: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
        self._load(scenarios, MATERIALISED)
        cvs = self.con.execute(
            "SELECT c.year AS scenario, c.indicator, c.cv, c.threshold, c.passes, c.mean_value "
            "FROM county_indicator_cv AS c JOIN indicators AS i USING (indicator) "
            "WHERE c.standard_set = 'quality2017' ORDER BY c.year, i.sort_order"
        ).df()
        compliance = self.con.execute(
            "SELECT year AS scenario, school_code, n_met, min_ratio, compliant, weakest_indicator "
            "FROM school_compliance ORDER BY year, school_code"
        ).df()
        return cvs, compliance

    def settings(self) -> dict[str, str]:
        """The settings the engine computes with: the catalogue's defaults, overridden by the
        live database's."""
        with self.lock:
            return dict(self.con.execute("SELECT key, value FROM settings").fetchall())

    def cv_lines(self, stage: str) -> dict[str, float]:
        """indicator → the CV line of the 2017 method for `stage`."""
        with self.lock:
            rows = self.con.execute(
                "SELECT indicator, cv_threshold FROM indicator_standards "
                "WHERE standard_set = 'quality2017' AND stage = ?",
                [stage],
            ).fetchall()
        return dict(rows)

    def school_rules(self) -> tuple[int, float]:
        """(standards a school must meet, lowest share of a standard): settings
        school_min_met and school_floor_ratio."""
        settings = self.settings()
        return int(settings["school_min_met"]), float(settings["school_floor_ratio"])

    def verdicts(self) -> pd.DataFrame:
        """The county verdict (status pass / fail / cannot_judge) of each scenario last
        evaluated."""
        with self.lock:
            return self.con.execute(
                "SELECT year AS scenario, status, n_cv_passing, n_indicators, n_compliant, "
                "n_schools FROM county_verdict WHERE standard_set = 'quality2017' ORDER BY year"
            ).df()


def _number(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}"


def _value(column: str, value: float | None) -> str:
    if value is None:
        return "—"
    return _number(value, 0 if column == "equipment_value_yuan" else 2)


def describe(move: Move, changes: list[Change], names: dict[str, str], lang: str) -> str:
    """One line saying what the move does and every number it changes, e.g. "从甲调 2 名县级及以上
    骨干教师到乙：甲县级及以上骨干教师 5 → 3 名（指标值 1.25 → 0.75）；乙 …"."""
    head, details = describe_parts(move, changes, names, lang)
    return head + t("colon", lang) + details if details else head


def describe_parts(
    move: Move, changes: list[Change], names: dict[str, str], lang: str
) -> tuple[str, str]:
    """(what the move does, the numbers it changes)."""
    head = t(
        KIND_DONE[move.kind],
        lang,
        source=names.get(move.source or "", move.source),
        target=names.get(move.target, move.target),
        what=t(COLUMN_LABEL[move.column], lang) if move.column else "",
        amount=_number(move.amount, 0 if float(move.amount).is_integer() else 2),
        unit=t(COLUMN_UNIT[move.column], lang) if move.column else "",
    )
    parts = []
    for change in changes:
        detail = t(
            "plan_change",
            lang,
            school=names.get(change.school, change.school),
            what=t(COLUMN_LABEL[change.column], lang),
            before=_number(change.before, 0 if float(change.before).is_integer() else 1),
            after=_number(change.after, 0 if float(change.after).is_integer() else 1),
            unit=t(COLUMN_UNIT[change.column], lang),
        )
        if change.value_before is not None:
            detail += t(
                "plan_change_value",
                lang,
                before=_value(change.column, change.value_before),
                after=_value(change.column, change.value_after),
            )
        parts.append(detail)
    return head, t("plan_sep", lang).join(parts)


def error_text(error: PlanError, names: dict[str, str], lang: str) -> str:
    """The message of a PlanError in `lang`, with school names and column labels."""
    values = dict(error.values)
    for key in ("school", "target"):
        if key in values:
            values[key] = names.get(str(values[key]), values[key])
    if values.get("column") in COLUMN_LABEL:
        values["what"] = t(COLUMN_LABEL[values["column"]], lang)
        values["unit"] = t(COLUMN_UNIT[values["column"]], lang)
    for key in ("amount", "have", "limit"):
        value = values.get(key)
        if isinstance(value, int | float):
            whole = math.isfinite(value) and value == int(value) and abs(value) < 1e15
            values[key] = f"{int(value):,}" if whole else f"{value:.6g}"
    return t(error.key, lang, **values)
