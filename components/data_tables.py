"""The data table behind each chart (the "数据表 / data table" toggle of chart_notes): one
small function per chart, from the chart's query result to the table a reader sees.

Each takes the chart's DataFrame and, keyword-only, the texts it needs: `headers` maps a
source column to its header (its order is the order of the table's columns), `labels` maps
an urban–rural group to its name. Nothing here reads a query or a translation."""

import pandas as pd


def picked(frame: pd.DataFrame, headers: dict[str, str]) -> pd.DataFrame:
    """The columns of `headers`, in its order, under its names."""
    return frame[list(headers)].rename(columns=headers)


def _by_year(
    frame: pd.DataFrame, columns: pd.Series, values: str, year_header: str
) -> pd.DataFrame:
    """One row per year (in the order of `frame`), one column per value of `columns` (in
    order of first appearance) holding the `values` of that year."""
    wide = frame.assign(_column=columns).pivot_table(
        index="year", columns="_column", values=values, sort=False
    )
    wide.columns.name = None
    return wide.reset_index().rename(columns={"year": year_header})


def cv_trend_table(cvs: pd.DataFrame, *, name_column: str, year_header: str) -> pd.DataFrame:
    """The CV trend (queries/county_indicator_cv.sql): a row per year, a column per indicator
    (named by `name_column`) holding its CV."""
    return _by_year(cvs, cvs[name_column], "cv", year_header)


def group_trend_table(
    means: pd.DataFrame, *, labels: dict[str, str], year_header: str
) -> pd.DataFrame:
    """The urban–rural means by year (queries/county_group_means.sql): a row per year, a
    column per group holding its student-weighted mean."""
    return _by_year(means, means["urban_rural_group"].map(labels), "mean_value", year_header)


def school_gaps_table(
    schools: pd.DataFrame, *, labels: dict[str, str], headers: dict[str, str]
) -> pd.DataFrame:
    """The schools of an indicator (queries/school_position.sql), as the school bars show
    them: group name, share of the CV in % (2 decimals), ✓ / ✗ / — for the standard, ! for an
    outlier. `headers` names school_name, group, students, value, share, meets, outlier."""
    return picked(
        schools.assign(
            group=schools["urban_rural_group"].map(labels),
            share=(schools["cv_share"] * 100).round(2),
            meets=schools["meets_standard"].map({True: "✓", False: "✗"}).fillna("—"),
            outlier=schools["is_outlier"].map({True: "!", False: ""}),
        ),
        headers,
    )


def contribution_table(
    schools: pd.DataFrame, *, labels: dict[str, str], headers: dict[str, str], n: int = 15
) -> pd.DataFrame:
    """The contribution bars' table: the `n` schools with the largest shares of the CV,
    largest first, as school_gaps_table shows them."""
    return school_gaps_table(schools.nlargest(n, "cv_share"), labels=labels, headers=headers)


def ratio_table(ratios: pd.DataFrame, *, headers: dict[str, str]) -> pd.DataFrame:
    """The urban–rural ratios per indicator (queries/wide_gaps.sql): `headers` names the
    indicator-name column, urban_rural_ratio and town_rural_ratio."""
    return picked(ratios, headers)


def theil_table(theil: pd.DataFrame, *, headers: dict[str, str]) -> pd.DataFrame:
    """Theil T by year (queries/county_theil.sql), the between-group share in % to 1
    decimal: `headers` names year, theil, theil_between, theil_within, between_share."""
    return picked(theil.assign(between_share=(theil["between_share"] * 100).round(1)), headers)


def group_boxes_table(
    schools: pd.DataFrame, *, labels: dict[str, str], headers: dict[str, str]
) -> pd.DataFrame:
    """The schools behind the urban–rural boxes (queries/school_position.sql): `headers`
    names school_name, group, students, value."""
    return picked(schools.assign(group=schools["urban_rural_group"].map(labels)), headers)


def school_trend_table(history: pd.DataFrame, *, headers: dict[str, str]) -> pd.DataFrame:
    """A school's value beside the county mean by year (queries/school_history.sql, one
    indicator): `headers` names year, value, county_mean."""
    return picked(history, headers)


def percent_of_standard(now: pd.DataFrame) -> pd.Series:
    """Each value as a percentage of its standard (the profile bars' lengths)."""
    return now["value"] / now["standard_value"] * 100


def profile_table(now: pd.DataFrame, *, headers: dict[str, str]) -> pd.DataFrame:
    """A school's indicators against their standards (queries/school_history.sql, one year):
    the value as a % of the standard to 1 decimal; `headers` names the indicator-name
    column, value, standard_value, percent, county_mean."""
    return picked(now.assign(percent=percent_of_standard(now).round(1)), headers)


def location_table(
    places: pd.DataFrame, *, labels: dict[str, str], headers: dict[str, str]
) -> pd.DataFrame:
    """The schools on the location map (queries/school_places.sql): `headers` names
    school_name, group, longitude, latitude."""
    return picked(places.assign(group=places["urban_rural_group"].map(labels)), headers)
