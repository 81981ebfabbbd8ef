"""规划模拟 Planner: propose moves, see the CVs, compliance and verdict change, get suggestions,
save and compare scenarios."""

import threading
from functools import partial

import pandas as pd
import streamlit as st

from components.export import to_xlsx
from components.filters import current
from components.planner import PER, RESOURCES, TEACHER_KINDS, Engine, Move, apply_moves, suggest
from components.report import PPTX_MIME, Slide, pptx_report
from components.text import md
from components.widgets import name_column, no_data, page_header
from queries.db import query

f = current()
page_header(f, "page_planner")
st.caption(f.text("plan_intro"))


@st.cache_resource(show_spinner=False)
def engine() -> Engine:
    return Engine()


units = query("planner_units", county=f.county_code, year=f.year, stage=f.stage)
if units.empty:
    no_data(f)
    st.stop()
catalogue = query("indicator_catalogue").set_index("numerator")
what = {c: catalogue.loc[c, name_column(f)] for c in TEACHER_KINDS + RESOURCES}
names = dict(zip(units["school_code"], units["school_name"], strict=True))
plan_key = f"plan-{f.county_code}-{f.year}-{f.stage}"
moves: list[Move] = st.session_state.setdefault(plan_key, [])
standards = dict(
    query("set_indicators", standard_set="quality2017", stage=f.stage)[
        ["indicator", "standard_value"]
    ].itertuples(index=False)
)


def explain(move: Move, excess: float | None = None) -> str:
    values = {
        "source": names.get(move.source, move.source),
        "target": names[move.target],
        "what": what.get(move.column, ""),
        "amount": move.amount,
        "excess": excess if excess is not None else float("nan"),
    }
    return f.text(f"plan_explain_{move.kind}", **values)


@st.cache_resource(show_spinner=False)
def _lock() -> threading.Lock:
    """One planner engine per process: its in-memory database takes one scenario set at a
    time."""
    return threading.Lock()


def outcome(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, bool]:
    """CV per indicator, each school's compliance, and the quality-2017 verdict."""
    with _lock():
        cvs, compliance = engine().evaluate([rows])
    passes = bool(cvs["passes"].all()) and bool(compliance["compliant"].all())
    return cvs.set_index("indicator"), compliance.set_index("school_code"), passes


with st.form("move"):
    left, middle, right = st.columns(3)
    kind = left.selectbox(
        f.text("plan_kind"),
        ["transfer", "add", "merge"],
        format_func=lambda k: f.text(f"plan_{k}"),
        key="plan_kind",
    )
    column = left.selectbox(
        f.text("plan_what"),
        list(TEACHER_KINDS + RESOURCES),
        format_func=what.get,
        key="plan_column",
    )
    source = middle.selectbox(
        f.text("plan_from"), list(names), format_func=names.get, key="plan_source"
    )
    target = right.selectbox(
        f.text("plan_to"),
        list(names),
        index=min(1, len(names) - 1),
        format_func=names.get,
        key="plan_target",
    )
    amount = middle.number_input(f.text("plan_amount"), min_value=0.0, value=1.0, step=1.0)
    submitted = st.form_submit_button(f.text("plan_add_move"))
    if submitted and (kind == "add" or source != target):
        if kind == "transfer" and column not in TEACHER_KINDS:
            column = "key_teachers"
        moves.append(
            Move(
                kind,
                target=target,
                source=None if kind == "add" else source,
                column="" if kind == "merge" else column,
                amount=amount,
            )
        )

st.subheader(f.text("plan_moves", n=len(moves)))
for move in moves:
    st.markdown(f"- {md(explain(move))}")
if moves and st.button(f.text("plan_clear")):
    moves.clear()
    st.rerun()

now, now_schools, now_pass = outcome(units)
after_rows = apply_moves(units, moves)
after, after_schools, after_pass = outcome(after_rows)
now_ok, after_ok = int(now_schools["compliant"].sum()), int(after_schools["compliant"].sum())
st.subheader(f.text("plan_result"))
indicator_names = query("set_indicators", standard_set="quality2017", stage=f.stage).set_index(
    "indicator"
)[name_column(f)]
table = pd.DataFrame(
    {
        f.text("col_item"): indicator_names.reindex(now.index),
        f.text("plan_now"): now["cv"].round(4),
        f.text("plan_after"): after["cv"].reindex(now.index).round(4),
        f.text("threshold"): now["threshold"],
    }
)
st.dataframe(table, hide_index=True, width="stretch")
a, b = st.columns(2)
a.metric(f.text("plan_compliant"), f"{after_ok} / {len(after_rows)}", after_ok - now_ok)
b.metric(
    f.text("plan_verdict"),
    f.text("plan_pass" if after_pass else "plan_fail"),
    help=f"{f.text('plan_now')}: {f.text('plan_pass' if now_pass else 'plan_fail')}",
)

touched = sorted({m.target for m in moves} | {m.source for m in moves if m.source})
if touched:
    st.markdown(f"**{f.text('plan_schools')}**")
    changed = after_rows.set_index("school_code").reindex(touched)
    per_school = pd.DataFrame({f.text("col_school"): [names[c] for c in touched]}, index=touched)
    for column in TEACHER_KINDS + RESOURCES:
        value = changed[column] * PER[column] / changed["students"]
        per_school[f"{what[column]}"] = value.round(3)
    per_school[f"{f.text('plan_compliant')} ({f.text('plan_now')})"] = now_schools[
        "compliant"
    ].reindex(touched)
    per_school[f"{f.text('plan_compliant')} ({f.text('plan_after')})"] = after_schools[
        "compliant"
    ].reindex(touched)
    st.dataframe(per_school, hide_index=True, width="stretch")

with st.expander(f.text("plan_suggest")):
    a, b, c = st.columns(3)
    transfers = a.number_input(f.text("plan_budget_transfers"), 0, 200, 10)
    yuan = b.number_input(f.text("plan_budget_yuan"), 0, 100_000_000, 0, step=100_000)
    m2 = c.number_input(f.text("plan_budget_m2"), 0, 1_000_000, 0, step=500)
    if st.button(f.text("plan_run_suggest"), type="primary"):
        budget = {k: v for k, v in (("equipment_value_yuan", yuan), ("sports_area_m2", m2)) if v}
        with _lock(), st.spinner("…"):
            st.session_state["suggested"] = suggest(
                engine(), after_rows, standards, int(transfers), budget
            )
    suggested = st.session_state.get("suggested")
    if suggested is not None:
        if not suggested:
            st.info(f.text("plan_nothing"))
        else:
            st.markdown(f.text("plan_suggested"))
            for move, excess, _ in suggested:
                st.markdown(f"- {md(explain(move, excess))}")
            if st.button(f.text("plan_use")):
                moves.extend(m for m, *_ in suggested)
                st.session_state["suggested"] = None
                st.rerun()

saved: dict[str, list[Move]] = st.session_state.setdefault(f"{plan_key}-saved", {})
a, b = st.columns([3, 1])
name = a.text_input(f.text("plan_save_name"), value=f"方案{len(saved) + 1}")
if b.button(f.text("plan_save"), disabled=not moves):
    saved[name] = list(moves)
if saved:
    st.subheader(f.text("plan_compare"))
    columns = {f.text("plan_now"): now["cv"]}
    for scenario, scenario_moves in saved.items():
        columns[scenario] = outcome(apply_moves(units, scenario_moves))[0]["cv"]
    comparison = pd.DataFrame(columns).round(4)
    comparison.insert(0, f.text("col_item"), indicator_names.reindex(comparison.index))
    st.dataframe(comparison, hide_index=True, width="stretch")
    notes = pd.DataFrame(
        [(s, explain(m)) for s, ms in saved.items() for m in ms],
        columns=[f.text("plan_save_name"), f.text("plan_kind")],
    )
    left, right = st.columns(2)
    left.download_button(
        f.text("plan_export"),
        partial(to_xlsx, comparison, notes, f.lang),
        f"junheng-plan-{f.county_code}-{f.year}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    slides = [Slide(f.text("plan_compare"), table=comparison)] + [
        Slide(scenario, lines=tuple(explain(m) for m in scenario_moves))
        for scenario, scenario_moves in saved.items()
    ]
    right.download_button(
        f.text("plan_export_pptx"),
        partial(
            pptx_report,
            f"{f.county_name} {f.year} {f.text('page_planner')}",
            f.text(f.stage),
            slides,
        ),
        f"junheng-plan-{f.county_code}-{f.year}.pptx",
        PPTX_MIME,
    )
