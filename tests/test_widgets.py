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


def test_a_shared_result_passed_on_is_keyed_by_what_made_it(monkeypatch):
    monkeypatch.setattr(widgets, "_derived", {})
    monkeypatch.setattr(widgets, "_shared_origin", {})
    frame = pd.DataFrame({"year": [2020, 2021, 2021], "cv": [0.42, 0.31, 0.24]})
    this_year = widgets.shared(widgets.rows_equal, frame, "year", 2021)
    pickled = []
    monkeypatch.setattr(widgets.pickle, "dumps", lambda *a, **k: pickled.append(a) or b"")

    def parts(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        return rows[rows["cv"] > 0.3], rows[rows["cv"] <= 0.3]

    high, low = widgets.shared(parts, this_year)
    again = widgets.shared(parts, this_year)
    assert again[0] is high and again[1] is low
    # items of a tuple are told apart; a dict result is keyed by identity too
    assert widgets.frame_fingerprint(high) != widgets.frame_fingerprint(low)
    labels = widgets.shared(dict, urban="城区")
    assert widgets._memo_part(labels) == widgets._memo_part(labels)
    assert pickled == []  # nothing was pickled to key them
    assert high["cv"].tolist() == [0.31] and low["cv"].tolist() == [0.24]


def test_the_oldest_shared_results_go_first(monkeypatch):
    monkeypatch.setattr(widgets, "_derived", {})
    monkeypatch.setattr(widgets, "_shared_origin", {})
    monkeypatch.setattr(widgets, "SHARED_ENTRIES", 2)
    frames = [widgets.shared(pd.DataFrame, {"n": [n]}) for n in (1, 2, 3)]
    assert [f["n"].iloc[0] for f in widgets._derived.values()] == [2, 3]
    # the first is no longer known by identity (its id may be reused): keyed by contents
    assert widgets._origin_key(frames[0]) is None
    assert widgets._origin_key(frames[2]) is not None


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
