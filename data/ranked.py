"""The stored results that need values in order, computed for data.build.store_results from
indicator_values sorted with numpy.

Two views order each county's schools within a year, stage and indicator: county_inequality
(Gini and McLoone run over the schools in value order; Theil joined) and ranked_flags (the
outlier rule on school_position's quartiles; cv_half, which ranks the schools by their share of
the CV; drop, which compares a school's value with its value the year before). In DuckDB their
windows over ~600,000 small partitions and the self-join of every value cost most of storing a
national file; here one sort by group and value serves the first two, one sort of integer keys
the third. The views stay the definition (the pages and the tests read them): store_results
computes these rows into temporary tables of the views' names, which the stored tables are then
made from, and the tests check that both give the same rows. Sums are added in another order
than DuckDB's, so doubles may differ in the last bits; every comparison keeps the views'
margins, and the quartiles are DuckDB's own.
"""

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

FENCE = 1.5  # Tukey fences: 1.5 interquartile ranges beyond the quartiles (school_position)
CV_HALF_MARGIN = 1e-12  # ranked_flags: a share before the school under half_share − this
CANDIDATE_MARGIN = 1e-9  # ranked_flags: which schools can be among the top shares


@dataclass
class Sorted:
    """indicator_values' numbers sorted by group (county, year, stage, indicator) and value."""

    group: np.ndarray  # index into the groups table value_groups
    row: np.ndarray  # rowid in indicator_values
    value: np.ndarray
    students: np.ndarray
    urban_rural: np.ndarray  # index of the urban–rural group (NULL one of them)
    school: np.ndarray  # rank of the school code
    quartiles: tuple[np.ndarray, np.ndarray]  # q1, q3 of each group (school_position's)
    year: np.ndarray  # of each group
    series: np.ndarray  # of each group: its stage and indicator, numbered
    starts: np.ndarray  # first position of each group
    sizes: np.ndarray  # rows of each group


def store_ranked(con: duckdb.DuckDBPyConnection) -> None:
    """Temporary tables county_inequality and ranked_flags (the views' rows) from the temporary
    table indicator_values."""
    values = sorted_values(con)
    stats = county_stats(values)
    groups = np.arange(len(values.sizes))
    con.register(
        "ranked_inequality",
        pd.DataFrame({"gid": groups, **inequality_columns(values, stats)}),
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE county_inequality AS "
        "SELECT * FROM main.county_inequality LIMIT 0"
    )
    con.execute(
        "INSERT INTO temp.county_inequality BY NAME SELECT g.county_code, g.year, g.stage, "
        "g.indicator, r.* EXCLUDE (gid) "
        "FROM ranked_inequality AS r JOIN value_groups AS g USING (gid)"
    )
    con.unregister("ranked_inequality")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ranked_flags AS SELECT * FROM main.ranked_flags LIMIT 0"
    )
    # one rule at a time: its rows together (columns only one rule fills compress when stored)
    for flags in (
        outlier_flags(values, stats),
        cv_half_flags(con, values, stats),
        drop_flags(con, values),
    ):
        con.register("ranked_rows", flags)
        con.execute(
            "INSERT INTO temp.ranked_flags BY NAME SELECT v.county_code, v.year, v.school_code, "
            "v.school_name, v.stage, f.rule, f.rule AS family, v.indicator AS measure, "
            "v.value AS metric, f.* EXCLUDE (row_id, rule) "
            "FROM ranked_rows AS f JOIN indicator_values AS v ON v.rowid = f.row_id"
        )
        con.unregister("ranked_rows")
    con.execute("DROP TABLE value_groups")


def sorted_values(con: duckdb.DuckDBPyConnection) -> Sorted:
    """Number the groups (temporary table value_groups), fetch the numbers and sort them."""
    # the quartiles as school_position computes them: DuckDB's interpolation, to the last bit
    con.execute(
        "CREATE OR REPLACE TEMP TABLE value_groups AS SELECT row_number() OVER () - 1 AS gid, *, "
        "dense_rank() OVER (ORDER BY stage, indicator) - 1 AS series "
        "FROM (SELECT county_code, year, stage, indicator, quantile_cont(value, 0.25) AS q1, "
        "quantile_cont(value, 0.75) AS q3 FROM indicator_values GROUP BY ALL)"
    )
    groups = con.execute("SELECT q1, q3, year, series FROM value_groups ORDER BY gid").fetchnumpy()
    found = con.execute(
        """
        WITH schools AS (
            SELECT school_code, row_number() OVER (ORDER BY school_code) AS school
            FROM (SELECT DISTINCT school_code FROM indicator_values)
        ),
        places AS (
            SELECT urban_rural_group, row_number() OVER () - 1 AS urban_rural
            FROM (SELECT DISTINCT urban_rural_group FROM indicator_values)
        )
        SELECT g.gid, v.rowid AS row_id, v.value, v.students, p.urban_rural, s.school
        FROM indicator_values AS v
        JOIN value_groups AS g USING (county_code, year, stage, indicator)
        JOIN schools AS s USING (school_code)
        JOIN places AS p ON p.urban_rural_group IS NOT DISTINCT FROM v.urban_rural_group
        """
    ).fetchnumpy()
    order = grouped_order(found["gid"].astype(np.int64), np.argsort(found["value"]))
    group = found["gid"][order].astype(np.int64)
    sizes = np.bincount(group, minlength=len(groups["q1"]))
    return Sorted(
        group=group,
        row=found["row_id"][order],
        value=found["value"][order].astype(np.float64),
        students=found["students"][order].astype(np.int64),
        urban_rural=found["urban_rural"][order].astype(np.int64),
        school=found["school"][order].astype(np.int64),
        quartiles=(groups["q1"], groups["q3"]),
        year=groups["year"].astype(np.int64),
        series=groups["series"].astype(np.int64),
        starts=np.cumsum(sizes) - sizes,
        sizes=sizes,
    )


def grouped_order(group: np.ndarray, order: np.ndarray) -> np.ndarray:
    """`order` (positions in some order) stably sorted by group: one sort of integers (a
    lexsort sorts once per key)."""
    return order[np.argsort(group[order] * len(order) + np.arange(len(order)))]


def running_before(x: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """For each element, the sum of the elements before it in its run (runs of `sizes`
    elements from `starts`), added left to right within the run: no cancellation between runs,
    as a cumulative sum over all of them would give. One step per position, over the runs
    that long."""
    out = np.zeros_like(x)
    order = np.argsort(-sizes, kind="stable")
    run_starts, descending = starts[order], -sizes[order]
    for position in range(1, int(-descending[0]) if len(sizes) else 0):
        at = run_starts[: np.searchsorted(descending, -position)] + position
        out[at] = out[at - 1] + x[at - 1]
    return out


@dataclass
class CountyStats:
    """Per group: pupils, Σ pupils·value, the mean; per row: pupils·value."""

    p: np.ndarray
    px: np.ndarray
    mean: np.ndarray
    weighted: np.ndarray


def county_stats(v: Sorted) -> CountyStats:
    weighted = v.students * v.value
    groups = len(v.sizes)
    p = np.bincount(v.group, weights=v.students, minlength=groups)
    px = np.bincount(v.group, weights=weighted, minlength=groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        return CountyStats(p=p, px=px, mean=px / p, weighted=weighted)


def inequality_columns(v: Sorted, s: CountyStats) -> dict[str, np.ndarray]:
    """Gini, McLoone and the median of county_inequality, with county_theil's columns."""
    groups = len(v.sizes)
    through = np.cumsum(v.students)
    p_before = through - v.students - (through - v.students)[v.starts][v.group]
    px_before = running_before(s.weighted, v.starts, v.sizes)
    pair_gaps = np.bincount(
        v.group, weights=v.students * (v.value * p_before - px_before), minlength=groups
    )
    # the median: the first value at which the running pupil count reaches half the pupils
    reached = (p_before + v.students) >= s.p[v.group] / 2.0
    median = v.value[np.searchsorted(v.group * 2 + reached, np.arange(groups) * 2 + 1)]
    low = v.value < median[v.group]
    px_low = np.bincount(v.group[low], weights=s.weighted[low], minlength=groups)
    p_low = np.bincount(v.group[low], weights=v.students[low], minlength=groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        gini = pair_gaps / nonzero(s.p * s.px)
        mcloone = np.where(p_low == 0, 1.0, px_low / nonzero(median * p_low))
    return {"gini": gini, "mcloone": mcloone, "median_value": median, **theil_columns(v, s)}


def nonzero(x: np.ndarray) -> np.ndarray:
    """SQL's NULLIF(x, 0): NaN (stored as NULL) where x is 0."""
    return np.where(x == 0, np.nan, x)


def theil_columns(v: Sorted, s: CountyStats) -> dict[str, np.ndarray]:
    """county_theil's Theil T, its between- and within-group parts and the between share
    (NULL where the county mean is not positive)."""
    groups, places = len(v.sizes), int(v.urban_rural.max(initial=0)) + 1
    cell = v.group * places + v.urban_rural
    px_g = np.bincount(cell, weights=s.weighted, minlength=groups * places)
    p_g = np.bincount(cell, weights=v.students, minlength=groups * places)
    present = np.bincount(cell, minlength=groups * places).reshape(groups, places) > 0
    p = p_g.reshape(groups, places).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mu = px_g.reshape(groups, places).sum(axis=1) / p
        mu_g = px_g / p_g
        rows_mu, rows_mu_g = mu[v.group], mu_g[cell]
        positive = v.value > 0
        t_term = np.where(
            positive,
            (v.students / p[v.group]) * (v.value / rows_mu) * np.log(v.value / rows_mu),
            0.0,
        )
        t_g_term = np.where(
            positive,
            (v.students / p_g[cell]) * (v.value / rows_mu_g) * np.log(v.value / rows_mu_g),
            0.0,
        )
        t_part = np.bincount(cell, weights=t_term, minlength=groups * places)
        t_g = np.bincount(cell, weights=t_g_term, minlength=groups * places)
        mu_cells, p_cells = np.repeat(mu, places), np.repeat(p, places)
        between = np.where(
            mu_g > 0, (p_g / p_cells) * (mu_g / mu_cells) * np.log(mu_g / mu_cells), 0.0
        )
        within = (p_g * mu_g) / (p_cells * mu_cells) * t_g
        theil, t_between, t_within = (
            np.where(present, part.reshape(groups, places), 0.0).sum(axis=1)
            for part in (t_part, between, within)
        )
        judged = mu > 0
        return {
            "theil": np.where(judged, theil, np.nan),
            "theil_between": np.where(judged, t_between, np.nan),
            "theil_within": np.where(judged, t_within, np.nan),
            "between_share": np.where(judged, t_between / nonzero(theil), np.nan),
        }


def outlier_flags(v: Sorted, s: CountyStats) -> pd.DataFrame:
    """ranked_flags' outlier rows: values outside the Tukey fences of the county's schools."""
    q1, q3 = (q[v.group] for q in v.quartiles)
    low, high = q1 - FENCE * (q3 - q1), q3 + FENCE * (q3 - q1)
    out = (v.value < low) | (v.value > high)
    under = v.value[out] < low[out]
    return pd.DataFrame(
        {
            "row_id": v.row[out],
            "rule": "outlier",
            "threshold": np.where(under, low[out], high[out]),
            "better": np.where(under, "higher", "lower"),
            "q1": q1[out],
            "q3": q3[out],
        }
    )


def cv_half_flags(con: duckdb.DuckDBPyConnection, v: Sorted, s: CountyStats) -> pd.DataFrame:
    """ranked_flags' cv_half rows: the schools with the largest shares of the CV (ties in
    school-code order) until they hold flag_cv_half_share of it, every group."""
    [(half,)] = con.execute(
        "SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'flag_cv_half_share'"
    ).fetchall()
    groups = len(v.sizes)
    mean = s.mean[v.group]
    squared_gap = v.students * (v.value - mean) ** 2
    total = np.bincount(v.group, weights=squared_gap, minlength=groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = squared_gap / nonzero(total)[v.group]
    positive = np.bincount(v.group, weights=share > 0, minlength=groups)
    candidate = np.flatnonzero(
        (share > 0) & (share * positive[v.group] > (1 - half) * (1 - CANDIDATE_MARGIN))
    )
    by_share = candidate[np.lexsort((v.school[candidate], -share[candidate]))]
    ranked = grouped_order(v.group, by_share)
    group = v.group[ranked]
    sizes = np.bincount(group, minlength=groups)
    before = running_before(share[ranked], np.cumsum(sizes) - sizes, sizes)
    chosen = ranked[before < half - CV_HALF_MARGIN]
    n_top = np.bincount(v.group[chosen], minlength=groups)
    top_share = np.bincount(v.group[chosen], weights=share[chosen], minlength=groups)
    return pd.DataFrame(
        {
            "row_id": v.row[chosen],
            "rule": "cv_half",
            "threshold": mean[chosen],
            "better": np.where(v.value[chosen] < mean[chosen], "higher", "lower"),
            "cv_share": share[chosen],
            "n_top": n_top[v.group[chosen]],
            "top_share": top_share[v.group[chosen]],
        }
    )


def drop_flags(con: duckdb.DuckDBPyConnection, v: Sorted) -> pd.DataFrame:
    """ranked_flags' drop rows: a value more than flag_drop_share below the same school's,
    stage's and indicator's value the year before."""
    [(drop_share,)] = con.execute(
        "SELECT CAST(value AS DOUBLE) FROM settings WHERE key = 'flag_drop_share'"
    ).fetchall()
    year = v.year[v.group]
    first = int(year.min(initial=0))
    years = int(year.max(initial=0)) - first + 2  # a gap of a year between two series
    key = (v.school * (int(v.series.max(initial=0)) + 1) + v.series[v.group]) * years
    key += year - first
    now, before = pairs_one_before(key)
    prev, value = v.value[before], v.value[now]
    with np.errstate(divide="ignore", invalid="ignore"):
        fell = (prev > 0) & ((prev - value) / prev > drop_share + 1e-9)
    return pd.DataFrame(
        {
            "row_id": v.row[now[fell]],
            "rule": "drop",
            "threshold": prev[fell] * (1 - drop_share),
            "better": "higher",
            "previous": prev[fell],
        }
    )


def pairs_one_before(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of positions (i, j) with key[j] = key[i] − 1, as two arrays. Keys are
    unique: a school code has one section a year and stage (school_sections' primary key)."""
    order = np.argsort(key)
    step = np.diff(key[order])
    if (step == 0).any():
        raise ValueError("a school, stage, indicator and year found twice")
    follows = np.flatnonzero(step == 1) + 1
    return order[follows], order[follows - 1]
