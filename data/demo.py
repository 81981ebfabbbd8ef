"""Deterministic demo database (示例数据).

    python -m data.demo --out PATH [--scale county|national] [--seed N]

county scale: the four real counties of shared/domain.md §6, 2015–2024, calibrated to the
reported facts (school counts, students and teachers in a reference year, 新城区's published
CVs). national scale: the same four plus synthetic data for every other county of China
(about 200,000 school sections a year), for benchmarks.

How values are made: each school section gets, per indicator, a score built from its
urban/town/rural group (rural lags in early years and catches up), a persistent school effect,
yearly noise and a few outliers. Scores are standardised per county, stage and year, and the
indicator value is mean × (1 + k × score); k is tuned until the student-weighted CV of the
rounded amounts stored in the database equals the county's target CV for that year.
"""

import argparse
import json
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from data import boundaries
from data.build import new_database
from data.catalogue import (
    INDICATORS,
    QUALITY_STANDARDS,
    STAGES,
    STAGES_OF_TYPE,
    URBAN_RURAL_GROUP,
)
from data.checklist import catalogue_items, meets
from data.demo_counties import (
    QUALITY_CV_FACTORS,
    REAL_COUNTIES,
    YEARS,
    CountySpec,
    interpolate,
)
from data.inspectors import demo_inspectors
from data.template import STORED_KEYS, WHOLE_SCHOOL_RESOURCES
from data.writing import close_written

GROUP_OFFSET = {"urban": 1.0, "town": 0.0, "rural": -1.0}
GROWTH = {"urban": 0.02, "town": 0.0, "rural": -0.04}  # yearly change of enrolment (log)
# How often the demo gives each urban–rural code to a school of the code's group.
CODE_WEIGHTS = {111: 3, 112: 1, 121: 2, 122: 1, 210: 1, 220: 2}
CODES_OF_GROUP = {
    group: [c for c, n in CODE_WEIGHTS.items() if URBAN_RURAL_GROUP[c] == group for _ in range(n)]
    for group in ("urban", "town", "rural")
}

# The indicators whose amounts the demo makes, in the order it makes them (the order of the
# random draws), and the decimals each amount is stored with; their numerator column, per
# factor and 2017 standards come from the catalogue.
AMOUNT_DECIMALS = {
    "above_degree_per_100": 0,
    "key_teachers_per_100": 0,
    "pe_art_teachers_per_100": 0,
    "teaching_area_per_student": 1,
    "sports_area_per_student": 1,
    "equipment_value_per_student": 0,
    "multimedia_rooms_per_100": 0,
    "computers_per_100": 0,
    "books_per_student": 0,
}
# 2012-only resources: mean (小学, 初中) in 2015 and 2024, and CV relative to the quality curve.
BASIC_MEANS = {
    "computers_per_100": ((8.0, 12.0), (18.0, 26.0), 1.2),
    "books_per_student": ((22.0, 32.0), (32.0, 46.0), 0.9),
}
VILLAGES = (
    "东村",
    "西村",
    "南庄",
    "北庄",
    "王庄",
    "李村",
    "张庄",
    "刘营",
    "陈集",
    "杨楼",
    "赵寨",
    "孙桥",
    "周湾",
    "吴店",
    "郑岗",
    "冯堡",
    "马坊",
    "朱家",
    "胡村",
    "郭庄",
    "何营",
    "高庄",
    "林场",
    "罗村",
    "梁集",
    "宋庄",
    "谢村",
    "韩营",
    "唐坊",
    "许庄",
)
ORDINALS = "一二三四五六七八九十"
SYNTHETIC_TOWNS = (
    "东关镇",
    "西关镇",
    "南湖镇",
    "北山镇",
    "新华镇",
    "和平镇",
    "永安镇",
    "太平镇",
    "长乐镇",
    "兴隆镇",
    "青山镇",
    "白云镇",
    "双河镇",
    "三里镇",
)


def ordinal(n: int) -> str:
    """Chinese ordinal 1..99 (第N)."""
    if n <= 10:
        return ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return (ORDINALS[tens - 1] if tens > 1 else "") + "十" + (ORDINALS[ones - 1] if ones else "")


def largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to `weights` that add up to exactly `total`."""
    raw = weights / weights.sum() * total
    base = np.floor(raw).astype(int)
    short = total - base.sum()
    order = np.argsort(-(raw - base), kind="stable")
    base[order[:short]] += 1
    return base


# --------------------------------------------------------------------------- schools and places


def points_inside(
    geom: BaseGeometry, centre: tuple[float, float], spread: float, n: int, rng: np.random.Generator
) -> np.ndarray:
    """n points scattered around `centre` (normal, degrees) that fall inside `geom`."""
    found: list[np.ndarray] = []
    need = n
    while need > 0:
        xy = rng.normal(centre, spread, size=(max(4 * need, 16), 2))
        keep = xy[shapely.contains_xy(geom, xy[:, 0], xy[:, 1])]
        found.append(keep[:need])
        need -= len(found[-1])
        spread *= 0.7  # a thin county: narrow around the (inside) centre until points fit
    return np.concatenate(found)


def scatter_inside(
    geom: BaseGeometry, centres: np.ndarray, spreads: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """One point per centre, normal around it with its own spread, inside `geom`; all
    centres are tried at once and the spread narrows around those still outside."""
    xy = np.full(centres.shape, np.nan)
    todo = np.arange(len(centres))
    spreads = spreads.astype(float).copy()
    while len(todo):
        tries = rng.normal(
            centres[todo, None, :], spreads[todo, None, None], size=(len(todo), 8, 2)
        )
        inside = shapely.contains_xy(geom, tries[..., 0], tries[..., 1])
        found = inside.any(axis=1)
        first = inside.argmax(axis=1)
        xy[todo[found]] = tries[found, first[found]]
        todo = todo[~found]
        spreads[todo] *= 0.7
    return xy


EDGE_MARGIN = 0.02  # share of the county's size: a school's marker stays inside its outline


def away_from_edge(geom: BaseGeometry, xy: np.ndarray, margin: float) -> np.ndarray:
    """The points, those closer than `margin` to the county's edge moved onto the nearest
    point a little further inside (no random draws: the rest of the demo is unchanged)."""
    inner, target = geom.buffer(-margin), geom.buffer(-1.05 * margin)
    if target.is_empty:
        return xy
    moved = xy.copy()
    near = np.flatnonzero(~shapely.contains_xy(inner, xy[:, 0], xy[:, 1]))
    if len(near):  # what nearest_points(point, target) gives, for all of them at once
        lines = shapely.shortest_line(shapely.points(xy[near]), target)
        moved[near] = shapely.get_coordinates(lines).reshape(len(near), 2, 2)[:, 1]
    return moved


def uniform_points(geom: BaseGeometry, n: int, rng: np.random.Generator) -> np.ndarray:
    minx, miny, maxx, maxy = geom.bounds
    found: list[np.ndarray] = []
    need = n
    while need > 0:
        xy = rng.uniform((minx, miny), (maxx, maxy), size=(max(4 * need, 16), 2))
        keep = xy[shapely.contains_xy(geom, xy[:, 0], xy[:, 1])]
        found.append(keep[:need])
        need -= len(found[-1])
    return np.concatenate(found)


def township_centres(
    spec: CountySpec, geom: BaseGeometry, rng: np.random.Generator
) -> dict[str, tuple[float, float]]:
    """Streets gather around the county seat; towns spread over the county."""
    seat = geom.representative_point()
    size = max(geom.bounds[2] - geom.bounds[0], geom.bounds[3] - geom.bounds[1])
    street_spread = size / 4 if not spec.towns else size / 25
    centres = {}
    street_xy = points_inside(geom, (seat.x, seat.y), street_spread, len(spec.streets), rng)
    for name, xy in zip(spec.streets, street_xy, strict=True):
        centres[name] = (float(xy[0]), float(xy[1]))
    if spec.towns:
        candidates = uniform_points(geom, 40 * len(spec.towns), rng)
        dist = np.hypot(*(candidates - np.array([seat.x, seat.y])).T)
        for name in spec.towns:  # farthest-point choice keeps towns apart
            pick = candidates[int(np.argmax(dist))]
            np.minimum(dist, np.hypot(*(candidates - pick).T), out=dist)
            centres[name] = (float(pick[0]), float(pick[1]))
    return centres


SPREADS = {"urban": 0.03, "town": 0.05, "rural": 0.125}  # share of the county's size


def school_roster(spec: CountySpec, rng: np.random.Generator) -> dict[str, list | np.ndarray]:
    """One county's schools, as columns: code, name, type, township, urban-rural code, parent,
    place, and the first year it no longer exists (NaN: open). Plain lists and arrays, joined
    for every county at once by roster_frame."""
    geom = boundaries.divisions("county")[spec.code].geometry
    shapely.prepare(geom)  # many point-in-county tests follow
    centres = township_centres(spec, geom, rng)
    plan = (
        ["小学"] * (spec.primary_schools - spec.teaching_points)
        + ["九年一贯制"] * spec.nine_year
        + ["初中"] * spec.junior_schools
    )
    closed_year, n_closed = spec.closed_small_schools or (None, 0)
    groups = school_groups(spec, len(plan), rng) + ["rural"] * n_closed
    townships, codes = townships_and_codes(spec, groups, rng)
    types = plan + ["小学"] * n_closed + ["教学点"] * spec.teaching_points
    groups += ["rural"] * spec.teaching_points
    closes = [None] * len(plan) + [closed_year] * n_closed + [None] * spec.teaching_points
    school_codes = [f"2{spec.code}{i + 1:03d}" for i in range(len(types))]
    names = school_names(townships, types, groups)
    parents = parent_schools(school_codes, types, townships, closes, rng)
    size = max(geom.bounds[2] - geom.bounds[0], geom.bounds[3] - geom.bounds[1])
    centre = np.array([centres[t] for t in townships])
    spread = np.array([SPREADS[g] for g in groups]) * size
    xy = away_from_edge(geom, scatter_inside(geom, centre, spread, rng), EDGE_MARGIN * size)
    return {
        "school_type": types,
        "group": groups,
        "closes": np.array([np.nan if c is None else c for c in closes], dtype=float),
        "township": townships,
        "urban_rural_code": codes,
        "school_code": school_codes,
        "school_name": names,
        "parent_school_code": parents,
        "longitude": xy[:, 0].round(6),
        "latitude": xy[:, 1].round(6),
        "county_code": [spec.code] * len(types),
    }


def roster_frame(rosters: list[dict[str, list | np.ndarray]]) -> pd.DataFrame:
    """Every county's schools in one frame, county after county."""
    return pd.DataFrame(
        {
            column: np.concatenate([r[column] for r in rosters])
            if isinstance(rosters[0][column], np.ndarray)
            else [value for r in rosters for value in r[column]]
            for column in rosters[0]
        }
    )


def school_groups(spec: CountySpec, n: int, rng: np.random.Generator) -> list[str]:
    """The urban / town / rural group of each of n schools, drawn from the county's mix (one
    uniform number per school: what rng.choice(groups, p=mix) draws, all at once)."""
    if not spec.towns:
        return ["urban"] * n
    mix = np.array(spec.school_mix)
    names, p = (
        (["town", "rural"], mix[1:] / mix[1:].sum())
        if not spec.streets
        else (
            ["urban", "town", "rural"],
            mix,
        )
    )
    cdf = p.cumsum()
    cdf /= cdf[-1]
    return [names[i] for i in cdf.searchsorted(rng.random(n), side="right")]


def townships_and_codes(
    spec: CountySpec, groups: list[str], rng: np.random.Generator
) -> tuple[list[str], list[int]]:
    """Each school's township (streets for urban schools) and urban–rural code of its group;
    then the teaching points: a town (a street without towns) and 村庄. The draws are those
    of one rng.choice per township and per code, in school order, made in one call."""
    pools = [spec.streets if g == "urban" or not spec.towns else spec.towns for g in groups]
    choices = [CODES_OF_GROUP[g] for g in groups]
    point_pool = spec.towns or spec.streets
    bounds = [
        n for pool, codes in zip(pools, choices, strict=True) for n in (len(pool), len(codes))
    ]
    bounds += [len(point_pool)] * spec.teaching_points
    drawn = rng.integers(0, np.array(bounds, dtype=np.int64)).tolist() if bounds else []
    townships = [
        str(pool[i]) for pool, i in zip(pools, drawn[0 : 2 * len(groups) : 2], strict=True)
    ]
    codes = [int(c[i]) for c, i in zip(choices, drawn[1 : 2 * len(groups) : 2], strict=True)]
    townships += [str(point_pool[i]) for i in drawn[2 * len(groups) :]]
    codes += [220] * spec.teaching_points  # a teaching point is a village (村庄) school
    return townships, codes


def school_names(townships: list[str], types: list[str], groups: list[str]) -> list[str]:
    """Plausible, unique names: 韩森寨第一小学, 段园镇中心小学, 石台镇王庄教学点 ..."""
    names: list[str] = []
    taken: set[str] = set()
    counters: dict[tuple[str, str], int] = {}
    for township, school_type, group in zip(townships, types, groups, strict=True):
        place = township.removesuffix("街道")
        key = (township, school_type)
        counters[key] = counters.get(key, 0) + 1
        n = counters[key]
        if school_type == "教学点":
            name = f"{township}{VILLAGES[(n * 7) % len(VILLAGES)]}教学点"
        elif school_type == "小学" and group == "urban":
            name = f"{place}第{ordinal(n)}小学"
        elif school_type == "小学":
            name = (
                f"{township}中心小学"
                if n == 1
                else f"{township}{VILLAGES[(n * 3) % len(VILLAGES)]}小学"
            )
        elif school_type == "九年一贯制":
            name = f"{place}九年制学校" if n == 1 else f"{place}第{ordinal(n)}九年制学校"
        else:
            name = f"{place}初级中学" if n == 1 else f"{place}第{ordinal(n)}初级中学"
        while name in taken:
            name = name.replace("学校", "分校") if "学校" in name else name + "(分校)"
        names.append(name)
        taken.add(name)
    return names


def parent_schools(
    codes: list[str],
    types: list[str],
    townships: list[str],
    closes: list[int | None],
    rng: np.random.Generator,
) -> list[str | None]:
    """Each teaching point belongs to a primary school of its township (any if none there)."""
    every: list[str] = []
    local: dict[str, list[str]] = {}
    for code, school_type, township, closed in zip(codes, types, townships, closes, strict=True):
        if school_type == "小学" and closed is None:
            every.append(code)
            local.setdefault(township, []).append(code)
    parents: list[str | None] = []
    for school_type, township in zip(types, townships, strict=True):
        if school_type != "教学点":
            parents.append(None)
            continue
        pool = local.get(township) or every
        parents.append(str(pool[int(rng.integers(len(pool)))]))
    return parents


def stages_of(school_type: str) -> tuple[str, ...]:
    return STAGES_OF_TYPE[school_type]


SIZE_RANGE = {"urban": (1.0, 2.0), "town": (0.6, 1.2), "rural": (0.15, 0.5)}


def size_range(school_type: str, group: str, stage: str) -> tuple[float, float]:
    """The range a school section's relative size is drawn from."""
    if stage == "初中" and group == "rural":
        return (0.3, 0.7)
    if school_type == "教学点":
        return (0.03, 0.08)
    return SIZE_RANGE[group]


# --------------------------------------------------------------------------- yearly sections


def yearly_sections(
    specs: list[CountySpec], roster: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Rows (school, stage, year) with enrolment, every county at once; reference-year totals
    are exact. `roster` holds every county's schools, county after county in `specs` order."""
    school_of, stage_of, low, high, times = school_sections(roster)
    # Per school section, in roster order: its size (one uniform draw, low + (high − low) × r
    # as rng.uniform makes it) and its yearly drift (a random walk of len(YEARS) normal draws,
    # 0.03 × z as rng.normal(0, 0.03) makes it). Years are expanded at once.
    n_years = len(YEARS)
    uniform = np.empty(len(school_of))
    steps = np.empty((len(school_of), n_years))
    random, standard_normal = rng.random, rng.standard_normal
    for k, row in enumerate(steps):
        uniform[k] = random()
        standard_normal(out=row)
    weights = (low + (high - low) * uniform) * times
    steps *= 0.03
    spec_of = {spec.code: spec for spec in specs}
    reference = roster["county_code"].map({c: s.reference_year for c, s in spec_of.items()})
    refs = reference.to_numpy()[school_of] - YEARS[0]
    walk = np.cumsum(steps, axis=1)
    drift = walk - walk[np.arange(len(walk)), refs][:, None]  # 0 in the reference year
    school = np.repeat(school_of, n_years)
    year = np.tile(np.array(YEARS), len(school_of))
    closes = roster["closes"].to_numpy(dtype=float, na_value=np.nan)[school]
    growth = roster["group"].map(GROWTH).to_numpy()[school] * (year - reference.to_numpy()[school])
    raw = np.repeat(weights, n_years) * np.exp(growth + drift.ravel())
    open_ = ~(closes <= year)  # a school that closed has no rows from that year on
    school, year, raw = school[open_], year[open_], raw[open_]
    stage = np.repeat(stage_of, n_years)[open_]
    students = np.zeros(len(school), dtype=int)
    county = pd.factorize(roster["county_code"])[0][school]
    nine = (roster["school_type"] == "九年一贯制").to_numpy()[school]
    bounds = np.flatnonzero(np.r_[True, county[1:] != county[:-1], True])
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):  # each county's rows
        spec = specs[county[lo]]
        for number, name in enumerate(STAGES):
            in_stage = lo + np.flatnonzero(stage[lo:hi] == number)
            ref = in_stage[year[in_stage] == spec.reference_year]
            scale = spec.students[name] / raw[ref].sum()
            students[in_stage] = np.maximum(1, np.round(raw[in_stage] * scale)).astype(int)
            students[ref] = largest_remainder(raw[ref], spec.students[name])
        if spec.compliant_from is not None:  # a compliant county keeps schools within limits
            rows = slice(lo, hi)
            limit = np.where(nine[rows], 1_200, 1_950)
            late = year[rows] >= spec.compliant_from
            students[rows] = np.where(late, np.minimum(students[rows], limit), students[rows])
    return pd.DataFrame(
        {
            column: roster[column].take(school).reset_index(drop=True)
            for column in ("school_code", "county_code", "school_type", "group")
        }
    ).assign(
        stage=pd.Series(STAGES).take(stage).reset_index(drop=True),
        year=year,
        students=students,
        school=school,
    )


def school_sections(
    roster: pd.DataFrame,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The sections of every school, in roster order: school (roster row), stage (number in
    STAGES), and the range its relative size is drawn from (low, high, times a factor)."""
    plans: dict[tuple[str, str], list[tuple[int, float, float, float]]] = {}
    for school_type, group in set(zip(roster["school_type"], roster["group"], strict=True)):
        times = 0.7 if school_type == "九年一贯制" else 1.0
        plans[school_type, group] = [
            (STAGES.index(stage), *size_range(school_type, group, stage), times)
            for stage in stages_of(school_type)
        ]
    schools, sections = [], []
    columns = (roster[c].tolist() for c in ("school_type", "group"))
    for i, key in enumerate(zip(*columns, strict=True)):
        for section in plans[key]:
            schools.append(i)
            sections.append(section)
    stage, low, high, times = np.array(sections).T
    return np.array(schools), stage.astype(int), low, high, times


def per_row(
    s: pd.DataFrame, roster: pd.DataFrame, column: str, mapping: dict | None = None
) -> np.ndarray:
    """A roster column (through `mapping`) on every section row (`school`: its roster row):
    mapped once per school rather than once per row."""
    values = roster[column] if mapping is None else roster[column].map(mapping)
    return values.to_numpy()[s["school"].to_numpy()]


# --------------------------------------------------------------------------- indicator values


def weighted_cv(
    amount: np.ndarray,
    per: int,
    students: np.ndarray,
    total: np.ndarray,
    group: np.ndarray,
    n_groups: int,
    work: np.ndarray,
) -> np.ndarray:
    """Student-weighted CV per group (domain.md §1) of the values amount × per / students,
    vectorised; `total` is the students per group and `work` an array to compute in."""
    values = np.multiply(amount, per, out=work)
    values /= students
    mean = np.bincount(group, students * values, n_groups) / total
    values -= mean[group]
    values **= 2
    values *= students
    var = np.bincount(group, values, n_groups) / total
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.sqrt(var) / mean


def standardised(
    score: np.ndarray, weights: np.ndarray, group: np.ndarray, n_groups: int
) -> np.ndarray:
    total = np.bincount(group, weights, n_groups)
    mean = np.bincount(group, weights * score, n_groups) / total
    apart = score - mean[group]
    sd = np.sqrt(np.bincount(group, weights * apart**2, n_groups) / total)
    sd[sd == 0] = 1.0
    return apart / sd[group]


def calibrated_amounts(
    mean: np.ndarray,
    score: np.ndarray,
    target_cv: np.ndarray,
    students: np.ndarray,
    group: np.ndarray,
    n_groups: int,
    per: int,
    decimals: int,
    floor_ratio: np.ndarray | None = None,
) -> np.ndarray:
    """Rounded amounts whose per-student values have the target CV in each group.

    value = mean × (1 + k·score); k is tuned per group. Where floor_ratio is given (a county
    that must comply), the group mean is raised until its lowest value ≥ floor_ratio × mean.
    """
    # k is the same within a group: it is kept per group and spread to the rows each round.
    # Arrays are reused (out=) across the 12 rounds: 2 million rows at national scale.
    k_group = target_cv.copy()
    total = np.bincount(group, students, n_groups)
    if floor_ratio is not None:  # rows grouped, for each group's lowest factor
        order = np.argsort(group, kind="stable")
        starts = np.searchsorted(group[order], np.arange(n_groups))
    level = mean
    factor = np.empty(len(score))
    amount = np.empty(len(score))
    work = np.empty(len(score))
    for _ in range(12):
        np.multiply(k_group[group], score, out=factor)
        factor += 1
        np.maximum(factor, 0.1, out=factor)
        if floor_ratio is not None:
            lowest = np.minimum.reduceat(factor[order], starts)
            level = mean * np.maximum(1.0, floor_ratio / lowest)[group]
        np.multiply(level, factor, out=amount)
        amount *= students
        amount /= per
        np.round(amount, decimals, out=amount)
        cv = weighted_cv(amount, per, students, total, group, n_groups, work)
        k_group *= np.where(np.isfinite(cv) & (cv > 0), target_cv / np.where(cv > 0, cv, 1), 1.0)
    return amount


def indicator_columns(
    sections: pd.DataFrame,
    roster: pd.DataFrame,
    specs: dict[str, CountySpec],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Add every resource, teacher and class column to the yearly sections."""
    s = sections.reset_index(drop=True)
    school = s["school"].to_numpy()
    junior = (s["stage"] == "初中").to_numpy()
    years = s["year"].to_numpy()
    # groups (county, stage, year) numbered in order of first appearance, from integers
    county_ix = pd.factorize(roster["county_code"])[0][school]
    group = pd.factorize((county_ix * 2 + junior) * len(YEARS) + (years - YEARS[0]))[0]
    first_rows = np.unique(group, return_index=True)[1]  # one row per group, in group order
    firsts = pd.DataFrame(
        {
            "county_code": per_row(s, roster, "county_code")[first_rows],
            "stage": s["stage"].to_numpy()[first_rows],
            "year": years[first_rows],
        }
    )
    n_groups = len(firsts)
    students = s["students"].to_numpy(float)
    progress = (years - YEARS[0]) / (YEARS[-1] - YEARS[0])
    lag = 1.4 - 1.25 * progress  # rural schools catch up over the years
    offset = per_row(s, roster, "group", GROUP_OFFSET) * lag

    # each row's school, numbered in code order (as np.unique of the rows' codes would)
    present = np.unique(school)
    code_rank = np.empty(len(roster), dtype=np.int64)
    code_rank[present[roster["school_code"].to_numpy()[present].argsort()]] = np.arange(
        len(present)
    )
    school_index = code_rank[school]
    general = rng.normal(0, 1, len(present))[school_index]
    county_specs = [specs[c] for c in firsts["county_code"].tolist()]
    curve = np.array(
        [
            interpolate(sp.cv_curve[st], y)
            for sp, st, y in zip(
                county_specs, firsts["stage"].tolist(), firsts["year"].tolist(), strict=True
            )
        ]
    )[group]
    level = np.array(
        [
            sp.level_start
            + (sp.level_end - sp.level_start) * (y - YEARS[0]) / (YEARS[-1] - YEARS[0])
            for sp, y in zip(county_specs, firsts["year"].tolist(), strict=True)
        ]
    )[group]
    compliant = np.array(
        [
            sp.compliant_from is not None and y >= sp.compliant_from
            for sp, y in zip(county_specs, firsts["year"].tolist(), strict=True)
        ]
    )[group]
    teacher_total = teacher_targets(students, group, firsts, specs)
    teacher_ratio = (
        group_sum(teacher_total, group, n_groups) * 100 / group_sum(students, group, n_groups)
    )
    outliers = outlier_shocks(school, county_ix, rng, compliant)
    blocks = county_blocks(county_ix, group)

    for indicator, decimals in AMOUNT_DECIMALS.items():
        column, per = INDICATORS[indicator]
        own = rng.normal(0, 1, len(present))[school_index]
        raw = offset + 0.6 * general + 0.8 * own + rng.normal(0, 0.25, len(s))
        score = standardised(np.exp(0.45 * raw), students, group, n_groups)
        score = np.clip(score, -1.3, 4.0) + outliers.get(indicator, 0.0)
        if indicator in QUALITY_STANDARDS:
            standard = np.where(
                junior, QUALITY_STANDARDS[indicator]["初中"], QUALITY_STANDARDS[indicator]["小学"]
            )
            bias = np.array([sp.level_bias.get(indicator, 1.0) for sp in county_specs])[group]
            mean = standard * level * bias
            factor = QUALITY_CV_FACTORS[indicator]
            floor = np.where(compliant, 1.03, 0.0)
            if column == "teachers_above_degree":
                # Above-degree teachers stay within the teachers a compliant county has: no
                # lift, a narrower lower tail instead; a school may sit just under this one
                # standard (6 of 7 met, above the floor).
                floor = np.zeros(len(s))
                score = np.where(compliant, np.maximum(score, -0.7), score)
        else:
            start, end, factor = BASIC_MEANS[indicator]
            mean = np.where(
                junior,
                start[1] + (end[1] - start[1]) * progress,
                start[0] + (end[0] - start[0]) * progress,
            )
            floor = np.zeros(len(s))
        if column == "teachers_above_degree":  # cannot exceed the teachers a county has
            mean = np.minimum(mean, 0.85 * teacher_ratio[group])
        target = group_first(curve * factor, group, n_groups)
        floor_by_group = group_first(floor, group, n_groups)
        amounts = np.empty(len(s))
        for rows, groups in blocks:  # counties calibrate independently: a block at a time
            floors = floor_by_group[groups]  # all 0 (none must comply): no floor, same values
            amounts[rows] = calibrated_amounts(
                mean[rows],
                score[rows],
                target[groups],
                students[rows],
                group[rows] - groups.start,
                len(groups),
                per,
                decimals,
                floors if floors.any() else None,
            )
        s[column] = amounts

    s["teachers"] = teachers_column(s, teacher_total, group, n_groups, rng)
    share = np.clip(0.45 + 0.08 * general - 0.05 * offset + rng.normal(0, 0.05, len(s)), 0.15, 0.85)
    s["teachers_senior_title"] = np.round(s["teachers"] * share).astype(int)
    s["classes"] = classes_column(s, roster, county_specs, group, progress, compliant, rng)
    s["achievement_score"] = np.where(
        years >= 2018, np.round(72 + 5 * general + 3 * offset + rng.normal(0, 3, len(s)), 1), np.nan
    )
    for column in (
        "teachers_above_degree",
        "key_teachers",
        "pe_art_teachers",
        "multimedia_rooms",
        "computers",
        "books",
    ):
        s[column] = s[column].astype(int)
    return s


def county_blocks(
    counties: np.ndarray, group: np.ndarray, size: int = 65_536
) -> list[tuple[slice, range]]:
    """Runs of whole counties of about `size` rows (rows are in county order, and a county's
    groups numbered consecutively): (rows, groups) of each run, small enough for the CPU cache."""
    starts = np.flatnonzero(np.r_[True, counties[1:] != counties[:-1]])
    blocks, lo = [], 0
    for start in [*starts[1:], len(counties)]:
        if start - lo >= size or start == len(counties):
            ids = group[lo:start]
            blocks.append((slice(lo, start), range(ids.min(), ids.max() + 1)))
            lo = start
    return blocks


def group_sum(values: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    return np.bincount(group, values, n_groups)


def group_first(values: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    """The value of each group's first row (the value is constant within a group)."""
    first = np.zeros(n_groups)
    first[group[::-1]] = values[::-1]
    return first


def teacher_targets(
    students: np.ndarray, group: np.ndarray, firsts: pd.DataFrame, specs: dict[str, CountySpec]
) -> np.ndarray:
    """Each row's county-stage-year teacher total: exact in the reference year, scaled with
    enrolment (elasticity 0.8) in the other years. `firsts`: county, stage, year per group."""
    totals = np.bincount(group, students, len(firsts))
    county_specs = [specs[c] for c in firsts["county_code"].tolist()]
    ref_year = np.array([sp.reference_year for sp in county_specs])
    ref_teachers = np.array(
        [sp.teachers[st] for sp, st in zip(county_specs, firsts["stage"].tolist(), strict=True)]
    )
    in_ref = firsts["year"].to_numpy() == ref_year
    county_stage = list(zip(firsts["county_code"].tolist(), firsts["stage"].tolist(), strict=True))
    ref_students = {key: totals[g] for g, key in enumerate(county_stage) if in_ref[g]}
    of_county_stage = np.array([ref_students.get(key, np.nan) for key in county_stage])
    scaled = np.round(ref_teachers * (totals / of_county_stage) ** 0.8)
    return np.where(in_ref, ref_teachers, scaled)[group]


def grouped_largest_remainder(
    weights: np.ndarray, totals: np.ndarray, group: np.ndarray, n_groups: int
) -> np.ndarray:
    """largest_remainder within every group at once: integers ∝ weights adding to totals[g]."""
    raw = weights / np.bincount(group, weights, n_groups)[group] * totals[group]
    base = np.floor(raw).astype(int)
    short = totals - np.bincount(group, base, n_groups)
    order = np.lexsort((-(raw - base), group))
    starts = np.searchsorted(group[order], np.arange(n_groups))
    rank = np.empty(len(group), dtype=int)
    rank[order] = np.arange(len(group)) - starts[group[order]]
    return base + (rank < short[group])


def teachers_column(
    s: pd.DataFrame,
    teacher_total: np.ndarray,
    group: np.ndarray,
    n_groups: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Teachers = above-degree teachers + others, adding up to the county's total."""
    above = s["teachers_above_degree"].to_numpy(int)
    floor = np.maximum(above, np.maximum(s["key_teachers"], s["pe_art_teachers"]))
    weight = s["students"].to_numpy(float) * rng.uniform(0.6, 1.4, len(s))
    extra = (
        np.maximum(
            group_first(teacher_total, group, n_groups) - np.bincount(group, floor, n_groups), 0
        )
        .round()
        .astype(int)
    )
    return floor + grouped_largest_remainder(weight, extra, group, n_groups)


def classes_column(
    s: pd.DataFrame,
    roster: pd.DataFrame,
    county_specs: list[CountySpec],
    group: np.ndarray,
    progress: np.ndarray,
    compliant: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    start = np.array([sp.class_size[0] for sp in county_specs])[group]
    end = np.array([sp.class_size[1] for sp in county_specs])[group]
    size = start + (end - start) * progress
    size *= per_row(s, roster, "group", {"urban": 1.08, "town": 1.0, "rural": 0.8})
    size *= rng.uniform(0.9, 1.1, len(s))
    limit = np.where(s["stage"] == "初中", 50, 45)
    size = np.where(compliant, np.minimum(size, limit - 2), size)
    size = np.where(per_row(s, roster, "school_type") == "教学点", 12.0, size)
    return np.maximum(1, np.ceil(s["students"] / size)).astype(int)


def outlier_shocks(
    school: np.ndarray, county: np.ndarray, rng: np.random.Generator, compliant: np.ndarray
) -> dict[str, np.ndarray]:
    """A few schools per county stand far from the rest on one indicator (the 异常值 an
    inspector is sent): crowded schools short of grounds, a school with donated equipment.
    `school`, `county`: each row's school (roster row; rows come school after school) and
    county number."""
    choices = [
        ("sports_area_per_student", -2.0),
        ("equipment_value_per_student", 3.5),
        ("teaching_area_per_student", -1.8),
        ("key_teachers_per_100", 3.0),
    ]
    schools, first_row = np.unique(school, return_index=True)
    draw = rng.random(len(schools))
    choice = rng.integers(len(choices), size=len(schools))
    # the three lowest draws of each county (on a tie, the first school)
    of_county = county[first_row]
    order = np.lexsort((draw, of_county))
    starts = np.searchsorted(of_county[order], of_county[order], side="left")
    lowest = order[np.arange(len(order)) - starts < 3]
    chosen = np.full(school.max() + 1, -1)
    chosen[schools[lowest]] = choice[lowest]
    row_choice = chosen[school]
    shocks: dict[str, np.ndarray] = {}
    for i, (indicator, shock) in enumerate(choices):
        hit = row_choice == i
        if shock < 0:
            hit = hit & ~compliant
        shocks[indicator] = np.where(hit, shock, 0.0)
    return shocks


# --------------------------------------------------------------------------- whole-school, gaps


def report_whole_school(
    s: pd.DataFrame, specs: dict[str, CountySpec], rng: np.random.Generator
) -> pd.DataFrame:
    """Some nine-year schools report resources only for the whole school: the totals then
    stand on each section row (the views split them by weighted students)."""
    nine = s.loc[s["school_type"] == "九年一贯制", ["county_code", "school_code"]]
    nine = nine.drop_duplicates("school_code")
    nine = nine.assign(draw=rng.random(len(nine)))
    share = nine["county_code"].map({code: spec.whole_school_share for code, spec in specs.items()})
    quota = (nine.groupby("county_code")["school_code"].transform("size") * share).round()
    chosen = nine.loc[
        nine.groupby("county_code")["draw"].rank(method="first") <= quota, "school_code"
    ]
    rows = s["school_code"].isin(chosen)
    totals = s[rows].groupby(["school_code", "year"])[list(WHOLE_SCHOOL_RESOURCES)].transform("sum")
    s.loc[rows, list(WHOLE_SCHOOL_RESOURCES)] = totals
    s["resources_whole_school"] = rows
    return s


def inject_gaps(s: pd.DataFrame) -> pd.DataFrame:
    """What real returns contain and the views must list, not drop: in 蒲城县 a village
    school with no pupils left in 2024 and a junior school that did not report computers."""
    pucheng = s["county_code"] == "610526"
    rural = s[
        pucheng & (s["year"] == 2024) & (s["school_type"] == "小学") & (s["group"] == "rural")
    ]
    if len(rural):
        emptied = rural["students"].idxmin()
        s.loc[emptied, ["students", "classes"]] = 0
    junior = s[pucheng & (s["year"] == 2019) & (s["school_type"] == "初中")]
    if len(junior):
        s["computers"] = s["computers"].astype("Int64")
        s.loc[junior.index[0], "computers"] = pd.NA
    return s


# --------------------------------------------------------------------------- county checklist


def checklist_rows(
    specs: dict[str, CountySpec], s: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """The county items a bureau enters, per county-year (items 4 and 5 are computed by the
    views from the school sections); they improve towards the county's ready year (all met
    from then on). Per county, the year each catalogue item is met (one draw per item), then
    the uniform draws of its rows, year by year and item by item, in one call."""
    every = catalogue_items()
    entered = [i for i, item in enumerate(every) if not item.computed]
    items = [every[i] for i in entered]
    year = np.repeat(np.array(YEARS), len(items))  # one county's rows: year, item
    item = np.tile(np.arange(len(items)), len(YEARS))
    met_bounds = np.array([draw_bounds(it, met=True) for it in items])[item]
    short_bounds = np.array([draw_bounds(it, met=False) for it in items])[item]
    retention = np.array([it.key == "junior_retention" for it in items])[item] & (year >= 2020)
    codes, mets, shorts, owns, extras = [], [], [], [], []
    for code, spec in specs.items():
        met_year = spec.checklist_ready - rng.integers(0, 5, size=len(every))[entered][item]
        met = year >= met_year
        # each row's own draw, then for 昌邑市's junior retention from 2020 a second one
        bounds = np.full((len(year), 2, 2), np.nan)
        bounds[:, 0] = np.where(met[:, None], met_bounds, short_bounds)
        if code == "370786":
            bounds[retention, 1] = (99.7, 99.95)
        drawn = np.full(2 * len(year), np.nan)
        todo = ~np.isnan(bounds[:, :, 0].ravel())
        drawn[todo] = rng.uniform(*bounds.reshape(-1, 2)[todo].T)
        codes.append(code)
        mets.append(met)
        shorts.append(met_year - year)
        owns.append(drawn[0::2])
        extras.append(drawn[1::2])
    n = len(codes)
    rows = pd.DataFrame(
        {
            "county_code": np.repeat(np.array(codes, dtype=object), len(year)),
            "year": np.tile(year, n),
        }
    )
    item_all = np.tile(item, n)
    value = item_values(items, item_all, np.concatenate(mets), np.concatenate(shorts), owns)
    key = np.array([it.key for it in items])[item_all]
    reported_gap = (
        (rows["county_code"] == "610102") & (key == "monitoring_gap") & (rows["year"] == 2018)
    )
    value[reported_gap.to_numpy()] = 0.12  # reported: between-school CV 0.12 in 2018
    extra = np.concatenate(extras)
    retained = ~np.isnan(extra)
    value[retained] = [round(v, 2) for v in extra[retained].tolist()]  # reported: ≥ 99.7 %
    met = np.zeros(len(value), dtype=bool)
    for i, it in enumerate(items):
        rows_of = item_all == i
        met[rows_of] = meets(value[rows_of], it.target, it.comparison)
    return rows.assign(
        item_group=np.array([it.group for it in items], dtype=object)[item_all],
        item_no=np.array([it.no for it in items])[item_all],
        value=value,
        met=met,
        note="示例数据",
        entered_by=None,
        entered_at=None,
    )


def draw_bounds(item, met: bool) -> tuple[float, float]:
    """The bounds of the uniform draw item_values uses for an item's row (NaN: none)."""
    if item.unit == "yes/no" or (met and item.comparison != "<" and item.target == 100):
        return (np.nan, np.nan)
    if item.comparison == "<":
        return (0.01, 0.05) if met else (0.01, 0.02)
    return (1.0, 1.25) if met else (0.01, 0.04)


def item_values(
    items: list, item: np.ndarray, met: np.ndarray, short: np.ndarray, drawn: list[np.ndarray]
) -> np.ndarray:
    """Each row's value from its draw: at or above the target once met, short of it by a few
    percent a year before (below the line for a '<' item); rounded as Python's round."""
    u = np.concatenate(drawn)
    target = np.array([it.target for it in items])[item]
    yes_no = np.array([it.unit == "yes/no" for it in items])[item]
    below = np.array([it.comparison == "<" for it in items])[item]
    percent = np.array([it.unit == "%" for it in items])[item]
    with np.errstate(invalid="ignore"):
        reached = np.where(target == 100, target, target * u)
        reached = np.where(percent, np.minimum(reached, 100.0), reached)
        value = np.where(
            below,
            np.where(met, target - u, target + u * short),
            np.where(met, reached, target * (1 - u * short)),
        )
    decimals = np.where(below, 3, np.array([0 if it.unit == "元" else 2 for it in items])[item])
    value = np.array([round(v, d) for v, d in zip(value.tolist(), decimals.tolist(), strict=True)])
    return np.where(yes_no, met.astype(float), value)


# --------------------------------------------------------------------------- national scale


def synthetic_spec(code: str, rng: np.random.Generator) -> CountySpec:
    """A plausible county: ~68 school sections a year."""
    n_primary = int(rng.integers(30, 71))
    urban = float(rng.uniform(0.1, 0.5))
    start_p, start_j = rng.uniform(0.35, 0.75), rng.uniform(0.3, 0.65)
    students_p = int(rng.integers(8_000, 60_000))
    students_j = int(students_p * rng.uniform(0.4, 0.55))
    towns = tuple(rng.choice(SYNTHETIC_TOWNS, size=int(rng.integers(4, 10)), replace=False))
    return CountySpec(
        code=code,
        reference_year=2024,
        primary_schools=n_primary,
        teaching_points=int(rng.integers(0, 13)),
        nine_year=int(rng.integers(0, 9)),
        junior_schools=int(rng.integers(6, 19)),
        students={"小学": students_p, "初中": students_j},
        teachers={
            "小学": int(students_p * rng.uniform(0.055, 0.08)),
            "初中": int(students_j * rng.uniform(0.08, 0.12)),
        },
        school_mix=(urban, (1 - urban) * 0.4, (1 - urban) * 0.6),
        streets=("城关街道", "城东街道"),
        towns=towns,
        cv_curve={
            "小学": {2015: start_p, 2024: start_p * rng.uniform(0.4, 0.8)},
            "初中": {2015: start_j, 2024: start_j * rng.uniform(0.4, 0.8)},
        },
        level_start=float(rng.uniform(0.75, 1.1)),
        level_end=float(rng.uniform(1.1, 1.7)),
        checklist_ready=int(rng.integers(2017, 2031)),
        whole_school_share=0.2,
    )


# --------------------------------------------------------------------------- assembly

# National scale: the counties are made in this many parts at once, in code order, one process
# each (the machine's cores); each part draws from its own random stream ([seed, part]), so the
# national data depends on this number. The county scale is one part, drawn from the seed.
NATIONAL_PARTS = 2


def generate(
    scale: str = "county", seed: int = 2024
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, CountySpec]]:
    """(school_sections, county_checklist, specs) for the chosen scale; deterministic."""
    rng = np.random.default_rng(seed)
    specs = {spec.code: spec for spec in REAL_COUNTIES}
    if scale == "county":
        return (*county_rows(specs, rng), specs)
    for code in sorted(boundaries.divisions("county")):
        if code not in specs:
            specs[code] = synthetic_spec(code, rng)
    parts = [
        {code: specs[code] for code in codes}
        for codes in np.array_split(np.array(sorted(specs)), NATIONAL_PARTS)
    ]
    streams = [np.random.default_rng([seed, part]) for part in range(NATIONAL_PARTS)]
    with ProcessPoolExecutor(NATIONAL_PARTS) as pool:
        made = list(pool.map(county_rows, parts, streams))
    sections = pd.concat([part[0] for part in made], ignore_index=True)
    checklist = pd.concat([part[1] for part in made], ignore_index=True)
    return sections, checklist, specs


def county_rows(
    specs: dict[str, CountySpec], rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(school_sections, county_checklist) of these counties, sections in stored order."""
    roster = roster_frame([school_roster(spec, rng) for spec in specs.values()])
    sections = yearly_sections(list(specs.values()), roster, rng)
    sections = indicator_columns(sections, roster, specs, rng)
    sections = report_whole_school(sections, specs, rng)
    sections = inject_gaps(sections)
    checklist = checklist_rows(specs, sections, rng)
    # every demo school is public, county-run and without senior pupils (NULL = 公办, 县级)
    sections = sections.assign(senior_students=None, ownership=None, run_by=None)
    ordered = sections.take(stored_order(sections, roster)).reset_index(drop=True)
    places = [c for c in STORED_KEYS if c in roster and c not in ordered]  # name, township ...
    ordered[places] = roster[places].take(ordered["school"]).reset_index(drop=True)
    return ordered[STORED_KEYS], checklist


def stored_order(sections: pd.DataFrame, roster: pd.DataFrame) -> np.ndarray:
    """The rows in the order they are stored: county, year, stage, school code (as sorting
    by those columns would), from integer ranks."""
    school = sections["school"].to_numpy()
    county_rank = pd.factorize(roster["county_code"], sort=True)[0][school]
    code_rank = roster["school_code"].rank(method="dense").to_numpy()[school]
    stage_rank = pd.factorize(sections["stage"], sort=True)[0]
    return np.lexsort((code_rank, stage_rank, sections["year"].to_numpy(), county_rank))


def write_database(
    path: Path, sections: pd.DataFrame, checklist: pd.DataFrame, specs: dict[str, CountySpec]
) -> None:
    con = new_database(path)
    write_tables(con, sections, checklist, specs)
    close_written(con)  # the views' stored results, checkpoint


def write_tables(
    con: duckdb.DuckDBPyConnection,
    sections: pd.DataFrame,
    checklist: pd.DataFrame,
    specs: dict[str, CountySpec],
) -> None:
    """The demo's rows into a new database: counties, sections, checklist, outlines and
    inspectors (bench/demo_bench.py times this without the stored results)."""
    places = pd.DataFrame([boundaries.county_place(code) for code in specs])
    places["is_demo"] = True
    con.register("places", places)
    con.execute("INSERT INTO counties SELECT * FROM places")
    con.register("sections", sections)
    # columns no demo row fills (senior pupils, ownership, run_by) stay NULL by themselves:
    # not scanning millions of Python None objects for them
    filled = ", ".join(c for c in STORED_KEYS if sections[c].notna().any())
    con.execute(f"INSERT INTO school_sections ({filled}) SELECT {filled} FROM sections")
    con.register("checklist", checklist)
    con.execute("INSERT INTO county_checklist BY NAME SELECT * FROM checklist")
    outlines = pd.DataFrame(
        boundaries.boundary_rows(list(specs)),
        columns=["code", "level", "name", "parent_code", "geojson"],
    )
    con.register("outlines", outlines)
    con.execute("INSERT INTO boundaries SELECT * FROM outlines")
    demo_inspectors(con)


def build_demo(path: Path, scale: str = "county", seed: int = 2024) -> dict[str, float]:
    """Generate and write the demo database; returns timings and sizes for reports."""
    started = time.perf_counter()
    sections, checklist, specs = generate(scale, seed)
    generated = time.perf_counter()
    write_database(Path(path), sections, checklist, specs)
    if scale == "county":
        from store.demo import seed as seed_follow_up  # (the store's modules: county demo only)

        seed_follow_up(Path(path))  # demo follow-up of flags in the store beside the file
    return {
        "rows": len(sections),
        "counties": len(specs),
        "generate_s": generated - started,
        "write_s": time.perf_counter() - generated,
        "size_mb": Path(path).stat().st_size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="database file to create")
    parser.add_argument("--scale", choices=["county", "national"], default="county")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    print(json.dumps(build_demo(args.out, args.scale, args.seed), ensure_ascii=False))


if __name__ == "__main__":
    main()
