"""How a number is written on screen, in tables and in drawings: a fixed number of decimals
(three for a CV, the domain's precision), and "—" where there is none (NULL or NaN); and which
side of its line a CV is drawn on."""

import pandas as pd


def fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.{digits}f}"


# A CV is over its line only by more than the rounding of doubles: the margin of the views
# (queries/views/50_county_indicator_cv.sql, 70_county_verdict.sql), so that a CV equal to its
# line by hand (0.45 computed as 0.45000000000000007) is within it on screen as in the verdict.
LINE_TOLERANCE = 1e-9


def over_line(cv: float, threshold: float) -> bool:
    return cv > threshold + LINE_TOLERANCE
