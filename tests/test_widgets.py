"""components/widgets.py: figures and derived tables shared by every session, built once per
distinct input; a chart's data table built only when it is asked for."""

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from components import widgets


def labelled_bars(frame: pd.DataFrame, *, labels: dict, outline: list) -> go.Figure:
    """A chart builder as components.charts has them: its frame, then keyword arguments."""
    return go.Figure(go.Bar(x=[labels[g] for g in frame["group"]], y=frame["n"], name=str(outline)))


@pytest.fixture
def builds(monkeypatch):
    """How many figures were built (or looked up in Streamlit's own cache)."""
    calls = []
    original = widgets._figure

    def counted(*args, **kwargs):
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(widgets, "_figure", counted)
    monkeypatch.setattr(widgets, "_recent", {})
    return calls


def test_a_figure_with_dict_and_list_arguments_is_built_once_per_input(builds):
    frame = pd.DataFrame({"group": ["urban", "rural"], "n": [3, 5]})
    zh = {"urban": "城区", "rural": "乡村"}
    first = widgets.figure(labelled_bars, frame, labels=zh, outline=[[109.9, 34.9]])
    # equal copies of every input: the one shared figure, without asking Streamlit's cache
    again = widgets.figure(labelled_bars, frame.copy(), labels=dict(zh), outline=[[109.9, 34.9]])
    assert again is first and len(builds) == 1
    en = widgets.figure(
        labelled_bars, frame, labels={"urban": "Urban", "rural": "Rural"}, outline=[[109.9, 34.9]]
    )
    moved = widgets.figure(labelled_bars, frame, labels=zh, outline=[[109.9, 35.0]])
    fewer = widgets.figure(
        labelled_bars, frame.assign(n=[3, 4]), labels=zh, outline=[[109.9, 34.9]]
    )
    assert len(builds) == 4
    assert list(first.data[0].x) == ["城区", "乡村"] and list(en.data[0].x) == ["Urban", "Rural"]
    assert moved.data[0].name == "[[109.9, 35.0]]" and list(fewer.data[0].y) == [3, 4]


def test_shared_computes_once_per_distinct_input(monkeypatch):
    monkeypatch.setattr(widgets, "_derived", {})
    calls = []

    def total(frame: pd.DataFrame, column: str) -> int:
        calls.append(column)
        return int(frame[column].sum())

    frame = pd.DataFrame({"students": [120, 45], "teachers": [9, 4]})
    assert widgets.shared(total, frame, "students") == 165
    assert widgets.shared(total, frame.copy(), "students") == 165  # equal contents
    assert widgets.shared(total, frame, "teachers") == 13
    assert widgets.shared(total, frame.assign(students=[120, 46]), "students") == 166
    assert calls == ["students", "teachers", "students"]


def notes_page() -> None:
    import pandas as pd
    import plotly.graph_objects as go
    import streamlit as st

    from components.widgets import ChartNotes, plot

    def bars(frame: pd.DataFrame, *, title: str) -> go.Figure:
        return go.Figure(go.Bar(x=frame["school"], y=frame["students"]), {"title": title})

    def table() -> pd.DataFrame:
        st.session_state["tables_built"] = st.session_state.get("tables_built", 0) + 1
        return frame.rename(columns={"school": "学校", "students": "在校生数"})

    frame = pd.DataFrame({"school": ["甲小学", "乙小学"], "students": [120, 45]})
    notes = ChartNotes(
        "zh", ("queries/school_list.sql",), "在校生数", table, lambda: "甲小学 120 人"
    )
    plot(bars, frame, title="在校生数", key="pupils", notes=notes)


def test_a_charts_data_table_is_built_only_when_shown():
    at = AppTest.from_function(notes_page, default_timeout=60)
    at.run()
    at.run()
    assert not at.exception and "tables_built" not in at.session_state
    assert not at.dataframe
    at.toggle(key="pupils-table").set_value(True).run()
    assert not at.exception and at.session_state["tables_built"] == 1
    shown = at.dataframe[0].value
    assert shown.to_dict("list") == {"学校": ["甲小学", "乙小学"], "在校生数": [120, 45]}
    assert "甲小学 120 人" in [c.value for c in at.caption]
