"""The pace of a county's CVs: a least-squares line through each indicator's CV over the last
years, the year it would cross its line at that pace, and the spread of the fit. An estimate
from the past, never a promise."""

import math

import numpy as np
import pandas as pd

from components.i18n import t
from components.numbers import over_line

# Each status's text (components/i18n.py), literal so that a search finds every use.
STATUS_TEXT = {
    "on_pace": "pace_on_pace",
    "uncertain": "pace_uncertain",
    "late": "pace_late",
    "not_falling": "pace_not_falling",
    "too_few_years": "pace_too_few_years",
}

BAND = 2.0  # the band drawn around a fitted line: ± 2 residual standard errors
MIN_YEARS = 3  # a line through fewer points has no spread to show
PACE_YEARS = 5  # the last years whose pace is projected, unless the user chooses


def fit_line(years: np.ndarray, cvs: np.ndarray) -> tuple[float, float, float]:
    """(slope per year, value at the last year, residual standard error) of the least-squares
    line through the points; the spread is sqrt(Σ residual² / (n − 2))."""
    x = years - years.max()
    slope, at_last = np.polyfit(x, cvs, 1)
    residuals = cvs - (slope * x + at_last)
    spread = math.sqrt(float(residuals @ residuals) / (len(x) - 2))
    return float(slope), float(at_last), spread


def crossing_year(at_last: float, slope: float, last_year: int, line: float) -> int | None:
    """The first whole year from `last_year` on in which the fitted CV is within `line`;
    None when the line does not fall (it never crosses at this pace)."""
    if at_last <= line + 1e-12:
        return last_year
    if slope >= 0:
        return None
    return last_year + math.ceil((line - at_last) / slope - 1e-9)


def pace_table(cvs: pd.DataFrame, *, last_years: int, up_to: int, target_year: int) -> pd.DataFrame:
    """For each indicator whose CV in `up_to` is above its line: the line fitted through its CVs
    of the last `last_years` years up to `up_to`, and when it would cross.

    `cvs` has year, indicator, cv, threshold (one stage and standard set; extra columns such as
    names are carried over). One row per indicator over the line, in the order of `cvs`:
    cv_now, threshold, n_years, first_year, last_year, slope, at_last, spread, crossing (a year,
    or None when the fitted line does not fall), earliest / latest (where the lower / upper
    edge of the band crosses) and status:
    - on_pace: crossing and latest both by target_year;
    - uncertain: crossing by target_year, latest after it (or never);
    - late: crossing after target_year;
    - not_falling: no crossing at this pace;
    - too_few_years: fewer than MIN_YEARS years to fit."""
    rows = []
    window = cvs[(cvs["year"] <= up_to) & (cvs["year"] > up_to - last_years)].dropna(subset=["cv"])
    for _, part in window.groupby("indicator", sort=False):
        part = part.sort_values("year")
        now = part[part["year"] == up_to]
        if now.empty or not over_line(now["cv"].iloc[0], now["threshold"].iloc[0]):
            continue
        row = now.iloc[0].to_dict()
        line = float(row["threshold"])
        row |= {
            "cv_now": float(row["cv"]),
            "n_years": len(part),
            "first_year": int(part["year"].min()),
            "last_year": up_to,
        }
        if len(part) < MIN_YEARS:
            rows.append(row | {"status": "too_few_years"})
            continue
        slope, at_last, spread = fit_line(part["year"].to_numpy(float), part["cv"].to_numpy(float))
        crossing = crossing_year(at_last, slope, up_to, line)
        earliest = crossing_year(at_last - BAND * spread, slope, up_to, line)
        latest = crossing_year(at_last + BAND * spread, slope, up_to, line)
        if crossing is None:
            status = "not_falling"
        elif crossing > target_year:
            status = "late"
        elif latest is None or latest > target_year:
            status = "uncertain"
        else:
            status = "on_pace"
        rows.append(
            row
            | {
                "slope": slope,
                "at_last": at_last,
                "spread": spread,
                "crossing": crossing,
                "earliest": earliest,
                "latest": latest,
                "status": status,
            }
        )
    columns = ["slope", "at_last", "spread", "crossing", "earliest", "latest", "status"]
    table = pd.DataFrame(rows)
    for column in [
        "indicator",
        "cv_now",
        "threshold",
        "n_years",
        "first_year",
        "last_year",
        *columns,
    ]:
        if column not in table:
            table[column] = None
    return table.drop(columns=["cv"], errors="ignore")


def fitted_points(pace: pd.DataFrame, *, until: int) -> pd.DataFrame:
    """Points of each fitted line from its first year to `until` (at least one year past the
    last data year): indicator, year, fit, low, high (the band ± BAND residual errors)."""
    points = []
    for row in pace.dropna(subset=["slope"]).itertuples():
        last = int(row.last_year)
        for year in range(int(row.first_year), max(until, last + 1) + 1):
            fit = row.at_last + row.slope * (year - last)
            points.append(
                {
                    "indicator": row.indicator,
                    "year": year,
                    "fit": fit,
                    "low": fit - BAND * row.spread,
                    "high": fit + BAND * row.spread,
                }
            )
    return pd.DataFrame(points, columns=["indicator", "year", "fit", "low", "high"])


def horizon(pace: pd.DataFrame, *, up_to: int, at_most: int = 10) -> int:
    """The last year to draw fitted lines to: the latest crossing, at least one year past
    `up_to` and at most `at_most` years past it."""
    crossings = pd.to_numeric(pace["crossing"], errors="coerce").dropna() if len(pace) else []
    latest = int(max(crossings)) if len(crossings) else up_to + at_most
    return min(max(latest, up_to + 1), up_to + at_most)


def year_range(first: str, last: str) -> str:
    return first if first == last else f"{first}–{last}"


def pace_display(pace: pd.DataFrame, *, name_column: str, lang: str) -> pd.DataFrame:
    """The pace table in the user's words: indicator, CV now, line, change per year, estimated
    crossing, the range the band gives, and where it stands by the target year."""

    def year_text(value: object) -> str:
        return t("pace_never", lang) if value is None or pd.isna(value) else str(int(value))

    return pd.DataFrame(
        {
            t("col_item", lang): pace[name_column],
            t("pace_col_now", lang): pace["cv_now"].astype(float),
            t("pace_col_line", lang): pace["threshold"].astype(float),
            t("pace_col_slope", lang): pd.to_numeric(pace["slope"], errors="coerce"),
            t("pace_col_crossing", lang): [
                "—" if s == "too_few_years" else year_text(c)
                for c, s in zip(pace["crossing"], pace["status"], strict=True)
            ],
            t("pace_col_range", lang): [
                "—" if s == "too_few_years" else year_range(year_text(e), year_text(la))
                for e, la, s in zip(pace["earliest"], pace["latest"], pace["status"], strict=True)
            ],
            t("pace_col_status", lang): [t(STATUS_TEXT[s], lang) for s in pace["status"]],
        }
    )
