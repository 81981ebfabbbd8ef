"""The counties of a province (or a city) side by side: one row per county with data, its
verdicts under both methods, each CV against its line, compliant schools, the 32-item count
and the trend of its distance to the line. Pure functions from DataFrames."""

import io

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts import draw_standard, styled
from components.i18n import t
from components.numbers import over_line
from components.text import html
from data.catalogue import STAGES, STANDARD_SETS_BY_YEAR

SETS = STANDARD_SETS_BY_YEAR  # the 2012 method first
PASS_COLOUR, FAIL_COLOUR, NO_DATA_COLOUR = "#009E73", "#D55E00", "#BBBBBB"
NEAR_COLOUR = "#F0C060"  # does not pass, but within NEAR of the line (or only schools short)
NEAR = 0.1
VERDICTS = {"pass": True, "fail": False}  # county_verdict.status; cannot_judge (or none): None

# A standard set → its short name (components/i18n.py).
SET_SHORT = {"basic2012": "province_basic2012_short", "quality2017": "province_quality2017_short"}


def distance_to_line(verdicts: pd.DataFrame, cvs: pd.DataFrame, standard_set: str) -> pd.Series:
    """How far each county-year stands from the line of `standard_set` (positive = over it),
    indexed by (county_code, year).

    basic2012 judges the composite, so the distance is composite CV − threshold (verdict rows of
    one stage). quality2017 judges every CV, so it is the largest CV − its threshold (`cvs` of
    one stage). A CV that cannot be computed makes the distance unknown (NaN), never 0."""
    if standard_set == "basic2012":
        rows = verdicts[verdicts["standard_set"] == "basic2012"]
        gap = rows["composite_cv"].astype(float) - rows["threshold"].astype(float)
        return pd.Series(
            gap.to_numpy(), index=pd.MultiIndex.from_frame(rows[["county_code", "year"]])
        )
    margin = cvs["cv"].astype(float) - cvs["threshold"].astype(float)
    grouped = margin.groupby([cvs["county_code"], cvs["year"]])
    return grouped.max().where(grouped.count() == grouped.size())


def county_rows(
    scope: pd.DataFrame,
    verdicts: pd.DataFrame,
    cvs: pd.DataFrame,
    resource_items: pd.DataFrame,
    checklist: pd.DataFrame,
    *,
    year: int,
    stage: str,
    standard_set: str,
    n_items: int,
) -> pd.DataFrame:
    """One row per county of `scope` with data: county_code, county_name, city_name, a verdict
    per standard set and stage (`basic2012_小学` … True / False / None when it cannot be
    judged or there is no verdict), one
    column per indicator CV of `stage` and `standard_set` (cv:<indicator>), n_compliant,
    n_schools (of `stage`), items_met (of `n_items`), gap (distance to the line this year),
    first_year, gap_first, gap_change and trend (gap per year, first year first); sorted by
    distance to the line, furthest over first, unknown last.

    `verdicts` are county_verdict rows (all years, stages and sets), `cvs` county_indicator_cv
    rows of one stage and set (all years), `resource_items` the resource items met per county
    (items_met), `checklist` the county items (county_code, met)."""
    counties = scope[scope["has_data"]][["county_code", "county_name", "city_name"]].copy()
    now = verdicts[verdicts["year"] == year]
    for standard in SETS:
        for s in STAGES:
            part = now[(now["standard_set"] == standard) & (now["stage"] == s)]
            status = dict(zip(part["county_code"], part["status"], strict=True))
            counties[f"{standard}_{s}"] = counties["county_code"].map(
                lambda c, st=status: VERDICTS.get(st.get(c))
            )
    this_year = cvs[cvs["year"] == year]
    wide = this_year.pivot_table(index="county_code", columns="indicator", values="cv")
    order = this_year.sort_values("sort_order")["indicator"].drop_duplicates()
    for indicator in order:
        counties[f"cv:{indicator}"] = counties["county_code"].map(wide[indicator])
    stage_now = now[(now["stage"] == stage) & (now["standard_set"] == standard_set)]
    schools = stage_now.set_index("county_code")
    counties["n_compliant"] = counties["county_code"].map(schools["n_compliant"])
    counties["n_schools"] = counties["county_code"].map(schools["n_schools"])
    county_met = checklist.groupby("county_code")["met"].apply(lambda m: int(m.eq(True).sum()))
    met = resource_items.set_index("county_code")["items_met"].add(county_met, fill_value=0)
    counties["items_met"] = counties["county_code"].map(met)
    counties["n_items"] = n_items

    stage_verdicts = verdicts[verdicts["stage"] == stage]
    gaps = distance_to_line(stage_verdicts, cvs, standard_set).rename("gap").reset_index()
    gaps = gaps[gaps["year"] <= year].sort_values(["county_code", "year"])
    counties["gap"] = counties["county_code"].map(
        gaps[gaps["year"] == year].set_index("county_code")["gap"]
    )
    first = gaps.dropna(subset=["gap"]).groupby("county_code").first()
    counties["first_year"] = counties["county_code"].map(first["year"])
    counties["gap_first"] = counties["county_code"].map(first["gap"])
    counties["gap_change"] = counties["gap"] - counties["gap_first"]
    trend = gaps.groupby("county_code")["gap"].apply(
        lambda g: [None if pd.isna(v) else round(float(v), 4) for v in g]
    )
    counties["trend"] = counties["county_code"].map(trend)
    counties["trend"] = counties["trend"].apply(lambda v: v if isinstance(v, list) else [])
    return counties.sort_values("gap", ascending=False, na_position="last").reset_index(drop=True)


def verdict_mark(passes: bool | None, lang: str) -> str:
    if passes is None or pd.isna(passes):
        return t("province_not_judged", lang)
    return t("province_pass" if passes else "province_fail", lang)


def cv_mark(cv: float, line: float) -> str:
    """A CV against its line, for a table cell: "0.512 ✗" over it, "0.498 ✓" within (judged at
    full precision, shown with 3 decimals)."""
    if pd.isna(cv):
        return "—"
    return f"{cv:.3f} {'✗' if over_line(cv, line) else '✓'}"


def display_table(
    rows: pd.DataFrame,
    *,
    indicator_names: dict[str, str],
    lines: dict[str, float],
    lang: str,
    marks: bool = True,
) -> pd.DataFrame:
    """`county_rows` (with open_flags, the flags not yet closed, when the page added it) with
    the user's column names and verdict marks. Each CV column is headed by its line; with
    `marks` its cells read "0.512 ✗" (the screen), without them they keep the CV at full
    precision (the spreadsheet)."""
    shown = pd.DataFrame(
        {
            t("county", lang): rows["county_name"],
            t("province_city", lang): rows["city_name"],
        }
    )
    for standard in SETS:
        for s in STAGES:
            label = f"{t(SET_SHORT[standard], lang)} {t(s, lang)}"
            shown[label] = rows[f"{standard}_{s}"].map(lambda v: verdict_mark(v, lang))
    shown[t("province_gap", lang)] = rows["gap"]
    shown[t("province_compliant", lang)] = [
        "—" if pd.isna(n) else f"{int(n)} / {int(total)}"
        for n, total in zip(rows["n_compliant"], rows["n_schools"], strict=True)
    ]
    shown[t("province_items", lang)] = [
        "—" if pd.isna(n) else f"{int(n)} / {int(total)}"
        for n, total in zip(rows["items_met"], rows["n_items"], strict=True)
    ]
    if "open_flags" in rows:  # the follow-up store's count, when it could be read
        shown[t("province_open_flags", lang)] = rows["open_flags"]
    shown[t("province_change", lang)] = rows["gap_change"]
    shown[t("province_trend", lang)] = rows["trend"]
    for column in rows.columns:  # the detail last: each CV of the chosen stage and set
        if column.startswith("cv:"):
            indicator = column[3:]
            line = lines[indicator]
            header = f"{indicator_names.get(indicator, indicator)} ≤ {line:.2f}"
            shown[header] = (
                rows[column].map(lambda v, x=line: cv_mark(v, x)) if marks else rows[column]
            )
    return shown


def map_colours(scope: pd.DataFrame, rows: pd.DataFrame, *, stage: str, standard_set: str) -> dict:
    """Fill per county: green passes; orange does not, darker when more than NEAR over the
    line; grey no data (or not judged)."""
    passes = dict(zip(rows["county_code"], rows[f"{standard_set}_{stage}"], strict=True))
    gaps = dict(zip(rows["county_code"], rows["gap"], strict=True))
    colours = {}
    for code in scope["county_code"]:
        verdict = passes.get(code)
        if verdict is None or pd.isna(verdict):
            colours[code] = NO_DATA_COLOUR
        elif verdict:
            colours[code] = PASS_COLOUR
        else:
            far = pd.notna(gaps.get(code)) and gaps[code] > NEAR
            colours[code] = FAIL_COLOUR if far else NEAR_COLOUR
    return colours


def summary_xlsx(table: pd.DataFrame, *, title: str, note: str) -> bytes:
    """The province's summary of its counties as .xlsx: a title row, a note, then the table
    (trend lists written as text)."""
    out = table.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, list)).any():
            out[column] = out[column].map(
                lambda v: " → ".join("—" if x is None else f"{x:.3f}" for x in v)
            )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        out.to_excel(writer, index=False, startrow=3, sheet_name="summary")
        sheet = writer.sheets["summary"]
        sheet["A1"] = title
        sheet["A2"] = note
        for row in sheet.iter_rows():
            for cell in row:  # text is data, never a formula
                if cell.data_type == "f":
                    cell.data_type = "s"
        for i, column in enumerate(out.columns, start=1):
            width = max(len(str(column)), *(len(str(v)) for v in out[column].head(200)), 6)
            sheet.column_dimensions[sheet.cell(row=4, column=i).column_letter].width = min(
                width * 1.6, 40
            )
    return buffer.getvalue()


PEER_FEATURES = ("students", "rural_share", "n_schools")


def nearest_peers(profiles: pd.DataFrame, county: str, *, k: int = 5) -> pd.DataFrame:
    """The `k` counties most like `county` among `profiles` (county_code, students,
    rural_share, n_schools): distance = Euclidean over log pupils, rural share and log number
    of schools, each standardised by its spread across the province's counties (a feature all
    counties share counts for nothing). Closest first, with a `distance` column."""
    features = pd.DataFrame(
        {
            "students": np.log(profiles["students"].astype(float).clip(lower=1)).to_numpy(),
            "rural_share": profiles["rural_share"].astype(float).fillna(0).to_numpy(),
            "n_schools": np.log(profiles["n_schools"].astype(float).clip(lower=1)).to_numpy(),
        },
        index=profiles["county_code"].to_numpy(),
    )
    spread = features.std(ddof=0).replace(0, np.nan)
    scaled = ((features - features.mean()) / spread).fillna(0)
    distance = np.sqrt(((scaled - scaled.loc[county]) ** 2).sum(axis=1)).drop(county)
    nearest = distance.nsmallest(k, keep="first")
    return (
        profiles.set_index("county_code").loc[nearest.index].assign(distance=nearest).reset_index()
    )


def peer_comparison(
    cvs: pd.DataFrame, county: str, peers: pd.DataFrame, *, name_column: str
) -> pd.DataFrame:
    """Per indicator (`cvs` of one year, stage and set: county_code, indicator, cv, threshold,
    mean_value, names): the county's CV and mean per pupil beside the median of its peers, and
    where it stands: ahead (a lower CV, a higher mean), behind or level."""
    own = cvs[cvs["county_code"] == county].set_index("indicator")
    others = cvs[cvs["county_code"].isin(peers["county_code"])]
    median = others.groupby("indicator")[["cv", "mean_value"]].median()
    table = pd.DataFrame(
        {
            "name": own[name_column],
            "cv": own["cv"],
            "peer_cv": median["cv"].reindex(own.index),
            "threshold": own["threshold"],
            "mean_value": own["mean_value"],
            "peer_mean": median["mean_value"].reindex(own.index),
        }
    )
    table["cv_standing"] = standing(table["peer_cv"], table["cv"])  # lower is better
    table["mean_standing"] = standing(table["mean_value"], table["peer_mean"])
    return table.reset_index()


def standing(better: pd.Series, worse: pd.Series) -> pd.Series:
    """ "ahead" where `better` exceeds `worse` by more than rounding (1e-9 relative),
    "behind" where it falls short, "level" in between or when either is unknown."""
    margin = 1e-9 * pd.concat([better.abs(), worse.abs()], axis=1).max(axis=1)
    result = pd.Series("level", index=better.index)
    result[better - worse > margin] = "ahead"
    result[worse - better > margin] = "behind"
    return result


def peer_scatter(
    points: pd.DataFrame,
    *,
    county: str,
    peers: list[str],
    threshold: float,
    line_label: str,
    title: str,
    note: str,
    x_label: str,
    y_label: str,
    labels: dict[str, str],
) -> go.Figure:
    """CV against mean resource per pupil for one indicator, one point per county of the
    province (`points`: county_code, county_name, cv, mean_value): the county highlighted,
    its peers named, the others grey; the CV line dashed. `labels` names the three groups
    (county, peers, others)."""
    fig = go.Figure()
    groups = (
        ("others", ~points["county_code"].isin([county, *peers]), "#BBBBBB", 9, "circle"),
        ("peers", points["county_code"].isin(peers), "#0072B2", 13, "circle"),
        ("county", points["county_code"] == county, "#D55E00", 20, "star"),
    )
    for key, mask, colour, size, symbol in groups:
        part = points[mask]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["mean_value"],
                y=part["cv"],
                name=labels[key],
                mode="markers",
                marker={
                    "color": colour,
                    "size": size,
                    "symbol": symbol,
                    "line": {"color": "#333", "width": 1},
                },
                customdata=part["county_name"],
                hovertemplate="%{customdata}: %{x:,.2f} · CV %{y:.3f}<extra></extra>",
            )
        )
        if key != "others":  # named clear of the marker: the county under, its peers over
            below = key == "county"
            for row in part.itertuples():
                fig.add_annotation(
                    x=row.mean_value,
                    y=row.cv,
                    text=html(row.county_name),
                    showarrow=False,
                    yanchor="top" if below else "bottom",
                    yshift=-(size * 0.6 + 4) if below else size * 0.6 + 4,
                    font={"size": 15 if key == "peers" else 18, "color": colour},
                )
    draw_standard(fig, threshold, line_label)
    fig.update_xaxes(title=x_label)
    fig.update_yaxes(title=y_label, rangemode="tozero")
    return styled(fig, title, note, height=520)
