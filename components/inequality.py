"""Gap measures beyond the CV (domain.md §5) as metrics, each with one sentence on how to read
it: Gini, McLoone and (on the urban–rural page) the Theil index with its between-group share."""

import pandas as pd
import streamlit as st

from components.filters import Filters
from components.numbers import fmt


def inequality_metrics(f: Filters, measures: pd.DataFrame, *, with_theil: bool) -> None:
    """One column per measure: the figure (3 decimals) and what it means."""
    if measures.empty:
        return
    row = measures.iloc[0]
    shown = [
        ("measure_gini", "measure_gini_how", row["gini"]),
        ("measure_mcloone", "measure_mcloone_how", row["mcloone"]),
    ]
    if with_theil:
        shown.append(("measure_theil", "measure_theil_how", row["theil"]))
    for column, (name, how, value) in zip(st.columns(len(shown)), shown, strict=True):
        column.metric(f.text(name), fmt(value))
        share = row["between_share"]
        column.caption(
            f.text(
                how,
                share="—" if pd.isna(share) else f"{share * 100:.1f}%",
            )
        )
