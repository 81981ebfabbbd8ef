"""The cheapest plan to pass the 2017 evaluation (quality balance, resource indicators).

A mixed-integer model solved by HiGHS (scipy.optimize.milp): per school, what to hire, rotate,
train, build and buy, and which named small schools to merge into their neighbours, at least
cost, so that every school meets at least `school_min_met` of the 7 standards (a binary
"meets standard k" per school, big-M) with none below `school_floor_ratio` of its standard
(both from the settings table). Rotation conserves teachers of each kind, and a donor never
gives below its own standard.

The CV line is then checked with the dashboard's views (Engine). The student-weighted CV is
S / μ with S a Euclidean norm of amounts linear in the decisions, so "CV ≤ c" is a convex
(second-order cone) constraint; for each indicator still over its line the model gets the
tangent cut of that cone at the plan's point (Kelley's cutting planes): Σ_j g_j (A_j + a_j)
≤ 0 with g_j = (x_j − μ)/S − c. Every cut is valid, so the re-solved plan is still the
cheapest that can pass; rounds repeat until the views say every CV is within its line."""

import math
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array

from components.planner import (
    NUMERATOR_OF,
    PER,
    TEACHER_KINDS,
    Engine,
    Move,
    PlanError,
    apply_moves,
)

LEVERS = (
    "hire",
    "rotate",
    "train",
    "build_teaching",
    "build_sports",
    "buy_equipment",
    "buy_rooms",
    "merge",
)
# Each lever's name (components/i18n.py), literal so that a search finds every use.
LEVER_LABEL = {
    "hire": "plan_lever_hire",
    "rotate": "plan_lever_rotate",
    "train": "plan_lever_train",
    "build_teaching": "plan_lever_build_teaching",
    "build_sports": "plan_lever_build_sports",
    "buy_equipment": "plan_lever_buy_equipment",
    "buy_rooms": "plan_lever_buy_rooms",
    "merge": "plan_lever_merge",
}
ROTATED = TEACHER_KINDS  # rotation moves the teacher kinds a transfer may move
COST_KEYS = {
    "teaching_m2": "plan_cost_teaching_area_m2",
    "sports_m2": "plan_cost_sports_area_m2",
    "room": "plan_cost_multimedia_room",
    "hire": "plan_cost_teacher_hire",
    "train": "plan_cost_key_teacher_training",
    "rotate": "plan_cost_teacher_rotation",
    "merge": "plan_cost_merge_school",
}
CV_MARGIN = 0.995  # cuts aim at 99.5 % of the line, so a few rounds land inside it
MAX_ROUNDS = 30


@dataclass(frozen=True)
class Costs:
    """Unit costs in yuan (settings plan_cost_*); equipment is bought at face value."""

    teaching_m2: float
    sports_m2: float
    room: float
    hire: float
    train: float
    rotate: float
    merge: float

    @classmethod
    def from_settings(cls, settings: dict[str, str]) -> "Costs":
        return cls(**{name: float(settings[key]) for name, key in COST_KEYS.items()})


@dataclass(frozen=True)
class Action:
    """A decision variable block: one value per school."""

    name: str
    lever: str
    column: str  # template column it adds to
    integral: bool


ACTIONS = (
    Action("hire_degree", "hire", "teachers_above_degree", True),
    Action("hire_pe_art", "hire", "pe_art_teachers", True),
    Action("train_key", "train", "key_teachers", True),
    Action("build_teaching", "build_teaching", "teaching_area_m2", False),
    Action("build_sports", "build_sports", "sports_area_m2", False),
    Action("buy_equipment", "buy_equipment", "equipment_value_yuan", False),
    Action("buy_rooms", "buy_rooms", "multimedia_rooms", True),
) + tuple(
    Action(f"{direction}_{column}", "rotate", column, True)
    for column in ROTATED
    for direction in ("in", "out")
)
# How each action changes each numerator (a hired PE/art teacher holds the required degree).
EFFECT = {
    "hire_degree": {"teachers_above_degree": 1},
    "hire_pe_art": {"pe_art_teachers": 1, "teachers_above_degree": 1},
    "train_key": {"key_teachers": 1},
    "build_teaching": {"teaching_area_m2": 1},
    "build_sports": {"sports_area_m2": 1},
    "buy_equipment": {"equipment_value_yuan": 1},
    "buy_rooms": {"multimedia_rooms": 1},
} | {f"{d}_{c}": {c: 1 if d == "in" else -1} for c in ROTATED for d in ("in", "out")}


@dataclass
class Plan:
    """The solver's answer: status "pass" (a plan after which the views say the county
    passes), "infeasible" (no plan with the allowed changes meets the school rule) or
    "cv_unreached" (the schools can comply but a CV cannot reach its line)."""

    status: str
    additions: pd.DataFrame  # school_code × action, amounts
    merges: list[tuple[str, str]]
    moves: list[Move]
    cost_of: dict[str, float]  # action → yuan
    total_cost: float
    rounds: int
    seconds: float
    unreached: list[str] = field(default_factory=list)  # indicators over their line
    blocked: list[str] = field(default_factory=list)  # schools no allowed change can fix
    incomplete: list[str] = field(default_factory=list)  # schools with a value missing


class PlanModel:
    """The mixed-integer model of one county-stage: an amount per school and action, a binary
    "meets standard k" per school and indicator, and a binary per merge option; rows kept as
    sparse triplets so cuts can be added between solves."""

    def __init__(
        self,
        sections: pd.DataFrame,
        standards: dict[str, float],
        costs: Costs,
        levers: frozenset[str],
        merges: list[tuple[str, str]],
        min_met: int,
        floor: float,
    ) -> None:
        self.sections = sections.reset_index(drop=True)
        self.indicators = list(standards)
        self.n = n = len(self.sections)
        self.k = len(self.indicators)
        index = {c: i for i, c in enumerate(self.sections["school_code"])}
        self.students, self.amounts, self.need = _needs(self.sections, self.indicators, standards)
        self.pairs = [(index[s], index[t]) for s, t in merges] if "merge" in levers else []
        n_actions = len(ACTIONS)
        size = (n_actions + self.k) * n + len(self.pairs)
        self.cost = np.zeros(size)
        self.upper = np.zeros(size)
        self.integral = np.ones(size)
        self.rows: list[tuple[list[int], list[float], float, float]] = []
        columns = [NUMERATOR_OF[k] for k in self.indicators]
        # effects[k]: (action number, change of indicator k's numerator per unit of action)
        self.effects = [
            [(a, EFFECT[x.name][c]) for a, x in enumerate(ACTIONS) if c in EFFECT[x.name]]
            for c in columns
        ]
        self._bounds(costs, levers, columns)
        self._school_rows(min_met, floor)
        for column in ROTATED:  # rotation conserves teachers of each kind
            a_in = self.action(f"in_{column}")
            a_out = self.action(f"out_{column}")
            self.rows.append(
                (
                    [self.var(a_in, i) for i in range(n)] + [self.var(a_out, i) for i in range(n)],
                    [1.0] * n + [-1.0] * n,
                    0.0,
                    0.0,
                )
            )
        sources = sorted({s for s, _ in self.pairs})
        for s in sources:  # a school closes into one neighbour at most
            js = [j for j, (src, _) in enumerate(self.pairs) if src == s]
            self.rows.append(([self.merge(j) for j in js], [1.0] * len(js), 0.0, 1.0))

    @staticmethod
    def action(name: str) -> int:
        return next(a for a, x in enumerate(ACTIONS) if x.name == name)

    def var(self, action: int, school: int) -> int:
        return action * self.n + school

    def meets(self, school: int, k: int) -> int:
        return len(ACTIONS) * self.n + school * self.k + k

    def merge(self, j: int) -> int:
        return (len(ACTIONS) + self.k) * self.n + j

    def _into(self, i: int) -> list[int]:
        return [j for j, (_, t) in enumerate(self.pairs) if t == i]

    def _out_of(self, i: int) -> list[int]:
        return [j for j, (s, _) in enumerate(self.pairs) if s == i]

    def _bounds(self, costs: Costs, levers: frozenset[str], columns: list[str]) -> None:
        n = self.n
        unit_cost = {
            "hire_degree": costs.hire,
            "hire_pe_art": costs.hire,
            "train_key": costs.train,
            "build_teaching": costs.teaching_m2,
            "build_sports": costs.sports_m2,
            "buy_equipment": 1.0,
            "buy_rooms": costs.room,
        }
        # Additions are capped at three times the most a merged school needs, or the county
        # mean: far above any plan, and small enough to keep big-M rows tight.
        mean = self.amounts.sum(0) / self.students.sum()
        reach = np.maximum(self.need.max(0), mean * self.students.max())
        merged_students = self.students.sum() if self.pairs else self.students.max()
        cap = 3 * np.maximum(reach, mean * merged_students) + 10
        free = (self.sections["teachers"] - self.sections["key_teachers"]).clip(lower=0)
        for a, action in enumerate(ACTIONS):
            block = slice(a * n, (a + 1) * n)
            self.integral[block] = 1 if action.integral else 0
            if action.lever not in levers:
                continue
            k = columns.index(action.column)
            if action.name.startswith("out_"):
                upper = self._spare(k)
            elif action.name == "train_key":
                upper = free.to_numpy(float)
            else:
                upper = np.full(n, math.ceil(cap[k]))
            self.upper[block] = upper
            self.cost[block] = (
                costs.rotate if action.name.startswith("in_") else unit_cost.get(action.name, 0.0)
            )
        self.upper[len(ACTIONS) * n :] = 1
        self.cost[self.merge(0) :] = costs.merge

    def _spare(self, k: int) -> np.ndarray:
        """Teachers of indicator k's kind each school can give and still meet its standard
        (with any school it may take in); none from a school that may close."""
        spare = self.amounts[:, k] - self.need[:, k]
        for s, t in self.pairs:
            spare[t] += min(0.0, self.amounts[s, k] - self.need[s, k])
        upper = np.floor(np.maximum(spare, 0) + 1e-9)
        for s, _ in self.pairs:
            upper[s] = 0
        return upper

    def change(self, i: int, k: int) -> tuple[list[int], list[float]]:
        """The linear expression of what the plan adds to school i's numerator of k."""
        return [self.var(a, i) for a, _ in self.effects[k]], [float(e) for _, e in self.effects[k]]

    def _school_rows(self, min_met: int, floor: float) -> None:
        for i in range(self.n):
            into, out_of = self._into(i), self._out_of(i)
            for k in range(self.k):
                cols, coefs = self.change(i, k)
                for share, with_binary in ((1.0, True), (floor, False)):
                    gain = [
                        self.amounts[self.pairs[j][0], k] - share * self.need[self.pairs[j][0], k]
                        for j in into
                    ]
                    deficit = share * self.need[i, k] - self.amounts[i, k]
                    big = max(0.0, deficit) + sum(max(0.0, -g) for g in gain) + 1.0
                    row_cols = cols + [self.merge(j) for j in into]
                    row_coefs = coefs + gain
                    if with_binary:  # meets k, or m_ik = 0
                        self.rows.append(
                            (
                                row_cols + [self.meets(i, k)],
                                row_coefs + [-big],
                                deficit - big,
                                np.inf,
                            )
                        )
                    else:  # never below the floor, unless the school closes
                        row_cols += [self.merge(j) for j in out_of]
                        row_coefs += [big] * len(out_of)
                        self.rows.append((row_cols, row_coefs, deficit, np.inf))
            self.rows.append(
                (
                    [self.meets(i, k) for k in range(self.k)] + [self.merge(j) for j in out_of],
                    [1.0] * self.k + [float(min_met)] * len(out_of),
                    float(min_met),
                    np.inf,
                )
            )

    def add_cv_cut(self, k: int, amounts: np.ndarray, line: float) -> None:
        """The tangent of "CV of indicator k ≤ line" at the point `amounts` (one per school):
        Σ_j g_j (A_j + a_j) ≤ 0 with g_j = (x_j − μ)/S − line."""
        p = self.students
        x = amounts / p
        mu = (p * x).sum() / p.sum()
        s = math.sqrt(max((p * (x - mu) ** 2).sum() / p.sum(), 0.0))
        if not (s > 0 and mu > 0):  # no spread, or a CV that cannot be computed: no tangent
            return
        g = (x - mu) / s - line
        cols, coefs = [], []
        for i in range(self.n):
            c, e = self.change(i, k)
            cols += c
            coefs += [g[i] * v for v in e]
        self.rows.append((cols, coefs, -np.inf, -float((g * self.amounts[:, k]).sum())))

    def _matrix(self) -> LinearConstraint:
        data, rows, cols, lo, hi = [], [], [], [], []
        for r, (c, v, low, high) in enumerate(self.rows):
            cols += c
            data += v
            rows += [r] * len(c)
            lo.append(low)
            hi.append(high)
        shape = (len(self.rows), len(self.cost))
        matrix = coo_array((data, (rows, cols)), shape=shape).tocsr()
        return LinearConstraint(matrix, np.array(lo), np.array(hi))

    def solve(self) -> np.ndarray | None:
        """Least-cost values of every variable, or None when no plan exists. Integers are
        rounded, then the continuous amounts re-solved with them fixed (so a binary HiGHS left
        at 0.999999 never lets a row slip), and rounded up to whole m² and yuan."""
        constraints = self._matrix()
        found = milp(
            self.cost,
            constraints=constraints,
            integrality=self.integral,
            bounds=Bounds(0, self.upper),
            options={"time_limit": 60, "mip_rel_gap": 1e-7},
        )
        if found.x is None:
            return None
        x = found.x.copy()
        whole = self.integral == 1
        x[whole] = np.round(x[whole])
        x[~whole] = np.ceil(x[~whole] - 1e-7)
        activity = constraints.A @ x
        slack = 1e-9 * np.maximum(1, np.abs(activity))
        if np.all(activity >= constraints.lb - slack) and np.all(
            activity <= constraints.ub + slack
        ):
            return x  # rounding broke no row
        fixed = milp(
            self.cost,
            constraints=constraints,
            bounds=Bounds(np.where(whole, x, 0), np.where(whole, x, self.upper)),
        )
        if fixed.x is not None:
            x[~whole] = fixed.x[~whole]
        x[~whole] = np.ceil(x[~whole] - 1e-7)
        return x

    def additions(self, x: np.ndarray) -> pd.DataFrame:
        """school_code × action: the amounts of the plan."""
        table = pd.DataFrame(
            {a.name: x[i * self.n : (i + 1) * self.n] for i, a in enumerate(ACTIONS)},
            index=self.sections["school_code"],
        )
        return table.clip(lower=0)


def _needs(
    sections: pd.DataFrame, indicators: list[str], standards: dict[str, float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Students, amounts (n × indicators) and the amounts each school needs to meet each
    standard."""
    students = sections["students"].to_numpy(float)
    columns = [NUMERATOR_OF[k] for k in indicators]
    amounts = sections[columns].to_numpy(float)
    per = np.array([PER[c] for c in columns], float)
    need = np.outer(students, [standards[k] for k in indicators]) / per
    return students, amounts, need


def with_additions(sections: pd.DataFrame, additions: pd.DataFrame) -> pd.DataFrame:
    """The units after the plan's additions (merges already applied to `sections`)."""
    after = sections.set_index("school_code", drop=False).copy()
    for action in ACTIONS:
        amount = additions[action.name].reindex(after.index).fillna(0)
        for column, effect in EFFECT[action.name].items():
            after[column] = after[column].astype(float) + effect * amount
        if action.lever in ("hire", "rotate"):
            after["teachers"] = after["teachers"].astype(float) + (
                -amount if action.name.startswith("out_") else amount
            )
    return after.reset_index(drop=True)


def check_merges(sections: pd.DataFrame, merges: list[tuple[str, str]]) -> None:
    """Merge options name two different schools of the county; a school closes into one
    neighbour at most, and a school that may close does not take others in."""
    codes = set(sections["school_code"])
    sources = [s for s, _ in merges]
    for source, target in merges:
        for school in (source, target):
            if school not in codes:
                raise PlanError("plan_err_unknown", school=school)
        if source == target:
            raise PlanError("plan_err_same")
    for source in sources:
        if sources.count(source) > 1:
            raise PlanError("plan_err_merge_twice", school=source)
    for _, target in merges:
        if target in sources:
            raise PlanError("plan_err_merge_chain", school=target)


def blocked_schools(
    sections: pd.DataFrame,
    standards: dict[str, float],
    levers: frozenset[str],
    min_met: int,
    floor: float,
) -> list[str]:
    """Schools that no allowed change can make comply (a standard short with no lever for it,
    or too few standards within reach)."""
    indicators = list(standards)
    _, amounts, need = _needs(sections, indicators, standards)
    reachable = [
        any(action.lever in levers for action in ACTIONS if action.column == NUMERATOR_OF[k])
        for k in indicators
    ]
    met = amounts >= need - 1e-9
    above_floor = amounts >= floor * need - 1e-9
    fixable = np.array(reachable)[None, :]
    ok = ((met | fixable).sum(1) >= min_met) & (above_floor | fixable).all(1)
    return list(sections["school_code"][~ok])


def pair_transfers(
    sections: pd.DataFrame, additions: pd.DataFrame
) -> list[tuple[str, str, str, int]]:
    """(kind, donor, receiver, teachers): the transportation problem that moves each donor's
    teachers of each kind to the receivers over the shortest total distance (one linprog,
    HiGHS; its vertex solutions are whole numbers)."""
    place = sections.set_index("school_code")[["longitude", "latitude"]].astype(float).fillna(0)
    lon, lat = np.radians(place["longitude"]), np.radians(place["latitude"])
    cost, rows, cols, supply, flows_of = [], [], [], [], []
    n_var = n_row = 0
    for column in ROTATED:
        out, into = additions[f"out_{column}"], additions[f"in_{column}"]
        donors, receivers = list(out[out > 0].index), list(into[into > 0].index)
        if not donors or not receivers:
            continue
        d_lon, d_lat = lon[donors].to_numpy()[:, None], lat[donors].to_numpy()[:, None]
        r_lon, r_lat = lon[receivers].to_numpy()[None, :], lat[receivers].to_numpy()[None, :]
        # equirectangular distance: exact enough to rank schools within one county
        cost.append(np.hypot((d_lon - r_lon) * np.cos((d_lat + r_lat) / 2), d_lat - r_lat).ravel())
        nd, nr = len(donors), len(receivers)
        d_of, r_of = np.repeat(np.arange(nd), nr), np.tile(np.arange(nr), nd)
        variables = n_var + np.arange(nd * nr)
        rows += [n_row + d_of, n_row + nd + r_of]
        cols += [variables, variables]
        supply += [out[donors].to_numpy(), into[receivers].to_numpy()]
        flows_of += [(column, donors[d], receivers[r]) for d, r in zip(d_of, r_of, strict=True)]
        n_var, n_row = n_var + nd * nr, n_row + nd + nr
    if not n_var:
        return []
    rows_all, cols_all = np.concatenate(rows), np.concatenate(cols)
    matrix = coo_array((np.ones(len(rows_all)), (rows_all, cols_all)), shape=(n_row, n_var))
    flows = linprog(
        np.concatenate(cost) + 1e-9,
        A_eq=matrix.tocsr(),
        b_eq=np.concatenate(supply),
        bounds=(0, None),
        method="highs",
    ).x
    return [(*flows_of[v], int(round(flows[v]))) for v in range(n_var) if round(flows[v]) > 0]


def plan_moves(
    sections: pd.DataFrame, additions: pd.DataFrame, merges: list[tuple[str, str]]
) -> list[Move]:
    """The plan as what-if moves (merges first), to load as an editable scenario."""
    moves = [Move("merge", target=t, source=s) for s, t in merges]
    kinds = {
        "hire_degree": ("hire", "teachers_above_degree"),
        "hire_pe_art": ("hire", "pe_art_teachers"),
        "train_key": ("train", "key_teachers"),
        "build_teaching": ("add", "teaching_area_m2"),
        "build_sports": ("add", "sports_area_m2"),
        "buy_equipment": ("add", "equipment_value_yuan"),
        "buy_rooms": ("add", "multimedia_rooms"),
    }
    for column, donor, receiver, amount in pair_transfers(sections, additions):
        moves.append(Move("transfer", target=receiver, source=donor, column=column, amount=amount))
    for school, row in additions.iterrows():
        for action, (kind, column) in kinds.items():
            if row[action] > 0:
                moves.append(Move(kind, target=school, column=column, amount=float(row[action])))
    return moves


def cheapest_plan(
    engine: Engine,
    sections: pd.DataFrame,
    standards: dict[str, float],
    costs: Costs,
    levers: frozenset[str],
    merges: list[tuple[str, str]],
    min_met: int,
    floor: float,
) -> Plan:
    """The least-cost plan after which the views say the county passes (see module doc)."""
    started = time.perf_counter()
    check_merges(sections, merges)
    merges = merges if "merge" in levers else []
    sections = sections.reset_index(drop=True)
    # A school with a value missing cannot be planned for (nothing is invented for it): it is
    # left as it is, named in the answer, and the views judge the county with it.
    numerators = [NUMERATOR_OF[k] for k in standards] + ["students", "teachers"]
    complete = sections[numerators].notna().all(axis=1).to_numpy()
    incomplete = list(sections.loc[~complete, "school_code"])
    merges = [(s, t) for s, t in merges if s not in incomplete and t not in incomplete]
    blocked = blocked_schools(
        sections[complete], standards, levers | ({"merge"} if merges else set()), min_met, floor
    )
    chosen: list[tuple[str, str]] = []
    if merges:
        model = PlanModel(sections[complete], standards, costs, levers, merges, min_met, floor)
        x = model.solve()
        if x is None:
            return _empty("infeasible", started, blocked, incomplete)
        chosen = [merges[j] for j in range(len(merges)) if x[model.merge(j)] > 0.5]
    base = apply_moves(sections, [Move("merge", target=t, source=s) for s, t in chosen])
    usable = base[~base["school_code"].isin(incomplete)]
    model = PlanModel(usable, standards, costs, levers - {"merge"}, [], min_met, floor)
    lines = engine.cv_lines(str(base["stage"].iloc[0]))
    point, best, rounds = base, None, 0
    over = _over_the_line(engine.evaluate([point])[0])  # the first cuts
    school_rows, schools_only = len(model.rows), False
    while rounds < MAX_ROUNDS and not schools_only:
        for k in over:
            model.add_cv_cut(
                model.indicators.index(k),
                point.set_index("school_code")
                .loc[usable["school_code"], NUMERATOR_OF[k]]
                .to_numpy(float),
                lines[k] * CV_MARGIN,
            )
        rounds += 1
        x = model.solve()
        if x is None and best is None and len(model.rows) > school_rows:
            del model.rows[school_rows:]  # can the schools comply at all, CVs aside?
            x = model.solve()
            schools_only = True  # … then that plan, with the CVs it leaves, is the answer
        if x is None:
            break
        best = model.additions(x)
        point = with_additions(base, best)
        cvs, _ = engine.evaluate([point])  # the dashboard's views judge the CVs
        over = _over_the_line(cvs)
        if not over or cvs.set_index("indicator")["cv"].reindex(over).isna().any():
            break  # passes, or a CV that cannot be computed cannot be cut toward its line
    unreached = over
    if best is None:
        return _empty("infeasible", started, blocked, incomplete)
    cost_of = {
        a.name: float((best[a.name] * model.cost[i * model.n : (i + 1) * model.n]).sum())
        for i, a in enumerate(ACTIONS)
    }
    cost_of["merge"] = costs.merge * len(chosen)
    return Plan(
        status="cv_unreached" if unreached else "pass",
        additions=best,
        merges=chosen,
        moves=plan_moves(base, best, chosen),
        cost_of=cost_of,
        total_cost=sum(cost_of.values()),
        rounds=rounds,
        seconds=time.perf_counter() - started,
        unreached=unreached,
        blocked=[],
        incomplete=incomplete,
    )


def _over_the_line(cvs: pd.DataFrame) -> list[str]:
    """The indicators whose CV (Engine.evaluate of one scenario) does not pass its line."""
    passes = cvs.set_index("indicator")["passes"].astype("boolean").fillna(False)
    return list(passes.index[~passes])


def _empty(status: str, started: float, blocked: list[str], incomplete: list[str]) -> Plan:
    return Plan(
        status=status,
        additions=pd.DataFrame(columns=[a.name for a in ACTIONS]),
        merges=[],
        moves=[],
        cost_of={},
        total_cost=0.0,
        rounds=0,
        seconds=time.perf_counter() - started,
        blocked=blocked,
        incomplete=incomplete,
    )
