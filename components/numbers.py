"""How a number is written on screen, in tables and in drawings: a fixed number of decimals
(three for a CV, the domain's precision), and "—" where there is none (NULL or NaN)."""

import pandas as pd


def fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.{digits}f}"
