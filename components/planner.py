"""What-if planning: apply moves (teacher transfers, added resources, merged schools) to a
county's school sections and recompute with the dashboard's own SQL views, in an in-memory
database; suggest the moves that lower the failing CVs most.

Many scenarios are evaluated in one query: each scenario is stored as its own "year", so
`county_indicator_cv` and `school_compliance` compute them all at once."""

from dataclasses import dataclass

import duckdb
import pandas as pd

from data.build import create_schema

TEACHER_KINDS = ("teachers_above_degree", "key_teachers", "pe_art_teachers")
RESOURCES = ("teaching_area_m2", "sports_area_m2", "equipment_value_yuan", "multimedia_rooms")


def _catalogue() -> dict[str, tuple[str, int]]:
    """numerator column → (indicator, per), read from the catalogue the views use."""
    con = duckdb.connect()
    create_schema(con)
    rows = con.execute("SELECT numerator, indicator, per FROM indicators").fetchall()
    con.close()
    return {numerator: (indicator, per) for numerator, indicator, per in rows}


_CATALOGUE = _catalogue()
INDICATOR_OF = {column: indicator for column, (indicator, _) in _CATALOGUE.items()}
PER = {column: per for column, (_, per) in _CATALOGUE.items()}
COUNTED = (
    "students",
    "classes",
    "teachers",
    "teachers_above_degree",
    "teachers_senior_title",
    "key_teachers",
    "pe_art_teachers",
    "teaching_area_m2",
    "sports_area_m2",
    "equipment_value_yuan",
    "multimedia_rooms",
    "computers",
    "books",
)


@dataclass(frozen=True)
class Move:
    """kind: "transfer" (amount teachers of `column` from source to target), "add" (amount of
    a resource `column` to target) or "merge" (source closes into target)."""

    kind: str
    target: str
    source: str | None = None
    column: str = ""
    amount: float = 0.0


def apply_moves(sections: pd.DataFrame, moves: list[Move]) -> pd.DataFrame:
    """The sections after the moves (one year, one stage); totals are conserved: a transfer
    moves teachers, a merge moves pupils, classes, teachers and resources."""
    s = sections.set_index("school_code", drop=False).copy()
    for move in moves:
        if move.kind == "transfer":
            for school, sign in ((move.source, -1), (move.target, 1)):
                s.loc[school, move.column] += sign * move.amount
                s.loc[school, "teachers"] += sign * move.amount
        elif move.kind == "add":
            s.loc[move.target, move.column] += move.amount
        elif move.kind == "merge":
            for column in COUNTED:
                s.loc[move.target, column] = s.loc[move.target, column] + s.loc[move.source, column]
            s = s.drop(index=move.source)
        else:
            raise ValueError(f"unknown move {move.kind}")
    return s.reset_index(drop=True)


class Engine:
    """An in-memory database with the dashboard's schema and views."""

    def __init__(self) -> None:
        self.con = duckdb.connect()
        create_schema(self.con)
        for column in ("multimedia_rooms", "computers", "books"):  # split shares are fractional
            self.con.execute(f"ALTER TABLE school_sections ALTER {column} TYPE DOUBLE")

    def evaluate(self, scenarios: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(CVs, compliance) of the quality-2017 indicators for each scenario, numbered 0…."""
        frames = []
        for number, sections in enumerate(scenarios):
            frames.append(sections.assign(year=number))
        rows = pd.concat(frames, ignore_index=True)
        self.con.execute("DELETE FROM school_sections")
        self.con.register("scenario_rows", rows)
        columns = ", ".join(c for c in rows.columns if c != "county_name")
        self.con.execute(
            f"INSERT INTO school_sections ({columns}) SELECT {columns} FROM scenario_rows"
        )
        cvs = self.con.execute(
            "SELECT year AS scenario, indicator, cv, threshold, passes "
            "FROM county_indicator_cv WHERE standard_set = 'quality2017'"
        ).df()
        compliance = self.con.execute(
            "SELECT year AS scenario, school_code, n_met, min_ratio, compliant "
            "FROM school_compliance"
        ).df()
        self.con.unregister("scenario_rows")
        return cvs, compliance


def gap_score(cvs: pd.DataFrame, compliance: pd.DataFrame) -> pd.DataFrame:
    """Per scenario: how far the failing CVs are over their lines (sum), and how many schools
    fail the 6-of-7 rule. Lower is better, in that order."""
    over = (cvs["cv"] - cvs["threshold"]).clip(lower=0)
    excess = over.groupby(cvs["scenario"]).sum().rename("excess")
    failing = (~compliance["compliant"].astype(bool)).groupby(compliance["scenario"]).sum()
    return pd.concat([excess, failing.rename("failing_schools")], axis=1).fillna(0)


def floor_ok(
    sections: pd.DataFrame, school: str, column: str, amount: float, standards: dict[str, float]
) -> bool:
    """Would the school keep at least 85 % of the standard after giving `amount` away?"""
    row = sections.loc[sections["school_code"] == school].iloc[0]
    standard = standards.get(INDICATOR_OF[column])
    if standard is None or not row["students"]:
        return False
    value = (row[column] - amount) * PER[column] / row["students"]
    return value >= 0.85 * standard


def transfer_candidates(
    sections: pd.DataFrame,
    standards: dict[str, float],
    kinds: tuple[str, ...] = TEACHER_KINDS,
    width: int = 6,
) -> list[Move]:
    """One-teacher transfers from the best-provided schools to the least, never leaving a
    donor below 85 % of its standard."""
    moves = []
    for column in kinds:
        value = sections[column] * PER[column] / sections["students"]
        order = sections.assign(value=value).sort_values("value")
        receivers = order["school_code"].head(width)
        donors = [
            c
            for c in order["school_code"].tail(width)
            if floor_ok(sections, c, column, 1, standards)
        ]
        moves += [
            Move("transfer", target=r, source=d, column=column, amount=1)
            for d in donors
            for r in receivers
            if d != r
        ]
    return moves


def addition_candidates(
    sections: pd.DataFrame, budget: dict[str, float], width: int = 6
) -> list[Move]:
    """Adding a chunk (a tenth of what is left, at least one unit) of a resource to each of
    the schools that have least of it per pupil."""
    moves = []
    for column, left in budget.items():
        if left < 1:
            continue
        chunk = max(1.0, round(left / 10)) if column != "multimedia_rooms" else 1.0
        value = sections[column] * PER[column] / sections["students"]
        for school in sections.assign(value=value).sort_values("value")["school_code"].head(width):
            moves.append(Move("add", target=school, column=column, amount=min(chunk, left)))
    return moves


def suggest(
    engine: Engine,
    sections: pd.DataFrame,
    standards: dict[str, float],
    transfers: int,
    budget: dict[str, float] | None = None,
    max_steps: int = 30,
) -> list[tuple[Move, float, int]]:
    """Greedy: at each step the move (one teacher transfer, or a chunk of a budgeted
    resource: yuan of equipment, m² of area, rooms) that lowers the excess of the failing CVs
    most, then the failing schools; until the budgets are spent or nothing helps.
    Returns (move, excess after, failing schools after)."""
    left = dict(budget or {})
    chosen: list[tuple[Move, float, int]] = []
    current = sections
    score = gap_score(*engine.evaluate([current])).iloc[0]
    for _ in range(max_steps):
        candidates = transfer_candidates(current, standards) if transfers > 0 else []
        candidates += addition_candidates(current, left)
        if not candidates:
            break
        trial = [apply_moves(current, [m]) for m in candidates]
        scores = gap_score(*engine.evaluate(trial)).sort_values(["excess", "failing_schools"])
        best = scores.index[0]
        if (scores.loc[best, "excess"], scores.loc[best, "failing_schools"]) >= (
            score["excess"],
            score["failing_schools"],
        ):
            break  # no move helps any more
        move = candidates[best]
        if move.kind == "transfer":
            transfers -= 1
        else:
            left[move.column] -= move.amount
        score, current = scores.loc[best], trial[best]
        chosen.append((move, float(score["excess"]), int(score["failing_schools"])))
    return chosen
