"""规划模拟 Planner: the cheapest plan to pass the 2017 evaluation (solver), explained and
exported; moves by hand with their effect in numbers; saved scenarios compared."""

from functools import partial

import pandas as pd
import streamlit as st

from components.export import to_xlsx
from components.filters import current
from components.plan_report import Explainer, labelled, plan_docx, plan_xlsx
from components.plan_solver import (
    COST_KEYS,
    LEVER_LABEL,
    LEVERS,
    Costs,
    cheapest_plan,
    with_additions,
)
from components.planner import (
    COLUMN_LABEL,
    COLUMNS_OF,
    KIND_LABEL,
    MOVE_KINDS,
    Change,
    Engine,
    Move,
    PlanError,
    apply_moves,
    describe,
    describe_parts,
    error_text,
    steps_of,
    with_values,
)
from components.report import PPTX_MIME, Slide, pptx_report
from components.text import md
from components.widgets import column_by_key, name_column, no_data, page_header, rows_equal, shared
from queries.db import query

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STEPS = 40  # moves up to which each move's own effect on the CVs is shown
STATUS_TEXT = {
    "pass": "plan_status_pass",
    "fail": "plan_status_fail",
    "cannot_judge": "plan_status_cannot_judge",
}


f = current()
page_header(f, "page_planner")
st.caption(f.text("plan_intro"))

units = query("planner_units", county=f.county_code, year=f.year, stage=f.stage)
if units.empty:
    no_data(f)
    st.stop()
settings_table = query("planner_settings")


@st.cache_resource(show_spinner=False, max_entries=4)
def engine(settings: tuple[tuple[str, str], ...]) -> Engine:
    """One engine per set of live settings (a new database may bring new ones)."""
    return Engine(dict(settings))


def settings_pairs(settings_table: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    return tuple(settings_table[["key", "value"]].itertuples(index=False, name=None))


SETTINGS_KEY = shared(settings_pairs, settings_table)
ENGINE = shared(engine, SETTINGS_KEY)  # a dict lookup in front of the resource cache
SETTINGS = ENGINE.settings()
MIN_MET, FLOOR = ENGINE.school_rules()
indicators = query("set_indicators", standard_set="quality2017", stage=f.stage)
standards = shared(column_by_key, indicators, "indicator", "standard_value")
indicator_names = shared(column_by_key, indicators, "indicator", name_column(f))
names = dict(zip(units["school_code"], units["school_name"], strict=True))
plan_key = f"plan-{f.county_code}-{f.year}-{f.stage}"
moves: list[Move] = st.session_state.setdefault(plan_key, [])


def evaluate(scenarios: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """CVs, school compliance and the county verdict of each scenario, in one query; once per
    distinct set of scenarios and settings, shared by every session and rerun: read-only."""
    return shared(_evaluate, SETTINGS_KEY, *scenarios)


def _evaluate(
    settings: tuple, *scenarios: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    engine_of_settings = engine(settings)
    with engine_of_settings.lock:  # the verdicts of this scenario set, not of another session's
        cvs, compliance = engine_of_settings.evaluate(list(scenarios))
        return cvs, compliance, engine_of_settings.verdicts()


def values_of(scenarios: list[pd.DataFrame]) -> pd.DataFrame:
    """Each school's indicator values in each scenario, by the views (Engine.values); shared
    like `evaluate`."""
    return shared(_values, SETTINGS_KEY, *scenarios)


def _values(settings: tuple, *scenarios: pd.DataFrame) -> pd.DataFrame:
    return engine(settings).values(list(scenarios))


def step_values(moves: tuple[Move, ...]) -> pd.DataFrame:
    """The indicator values after 0, 1, …, n of `moves` (scenario n: after move n)."""
    return shared(_step_values, SETTINGS_KEY, units, moves)


def _step_values(settings: tuple, sections: pd.DataFrame, moves: tuple[Move, ...]) -> pd.DataFrame:
    return engine(settings).values(steps_of(sections, list(moves)))


def steps_after(sections: pd.DataFrame, moves: tuple[Move, ...]) -> tuple[pd.DataFrame, ...]:
    """The units after 0, 1, …, n of `moves` (with shared(): once per plan, each step keyed
    by identity when evaluated)."""
    return tuple(steps_of(sections, list(moves)))


def by_school(compliance: pd.DataFrame) -> pd.DataFrame:
    return compliance.set_index("school_code")


def status_text(status: str) -> str:
    return f.text(STATUS_TEXT[status])


def cv_table(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    now, later = before.set_index("indicator"), after.set_index("indicator")
    return pd.DataFrame(
        {
            f.text("col_item"): [indicator_names[k] for k in now.index],
            f.text("plan_now"): now["cv"].round(4).to_numpy(),
            f.text("plan_after"): later["cv"].reindex(now.index).round(4).to_numpy(),
            f.text("threshold"): now["threshold"].to_numpy(),
        }
    )


def merged_units(plan_moves: list[Move]) -> pd.DataFrame | None:
    """The units after a plan's merges, or None (with a message) when the data have changed
    since the plan was made and it no longer applies."""
    try:
        return apply_moves(units, [m for m in plan_moves if m.kind == "merge"])
    except PlanError as error:
        st.error(md(error_text(error, names, f.lang)))
        return None


def listed(items) -> str:
    return (", " if f.lang == "en" else "、").join(items)


def fixed(table: pd.DataFrame, digits: int = 3, lines: tuple[str, ...] = ()) -> dict:
    """Display formats (presenting, #21): every number to `digits` places (CVs to 3, as on
    every page), the columns in `lines` (standard lines) to 2; the values are unchanged."""
    return {
        column: st.column_config.NumberColumn(format=f"%.{2 if column in lines else digits}f")
        for column in table.select_dtypes("number").columns
    }


def localized(table: pd.DataFrame) -> dict:
    """Numbers with thousands separators in st.dataframe."""
    return {
        column: st.column_config.NumberColumn(format="localized")
        for column in table.select_dtypes("number").columns
    }


def move_effect(cvs: pd.DataFrame, compliance: pd.DataFrame, number: int) -> tuple[list[str], bool]:
    """What move `number` changed: each CV that moved (marked when it got worse), and each
    school that stopped complying; and whether anything got worse."""
    cv0 = cvs[cvs.scenario == number - 1].set_index("indicator")["cv"]
    cv1 = cvs[cvs.scenario == number].set_index("indicator")["cv"]
    parts, worse = [], False
    for k in cv0.index:
        if abs(cv1[k] - cv0[k]) > 5e-5:
            text = f.text(
                "plan_cv_effect",
                indicator=indicator_names[k],
                before=f"{cv0[k]:.4f}",
                after=f"{cv1[k]:.4f}",
            )
            worse = worse or cv1[k] > cv0[k]
            parts.append(text + (f.text("plan_cv_worse") if cv1[k] > cv0[k] else ""))
    ok0 = compliance[compliance.scenario == number - 1].set_index("school_code")["compliant"]
    ok1 = compliance[compliance.scenario == number].set_index("school_code")["compliant"]
    for code in ok1.index.intersection(ok0.index):
        if ok0[code] and not ok1[code]:
            parts.append(f.text("plan_lost_compliance", school=names[code]))
            worse = True
    return parts, worse


tab_plan, tab_moves = st.tabs([f.text("plan_tab_cheapest"), f.text("plan_tab_whatif")])

# --- The cheapest plan -------------------------------------------------------------------
with tab_plan:
    st.caption(f.text("plan_cheapest_note", min_met=MIN_MET, floor=f"{FLOOR:.0%}"))
    levers = st.multiselect(
        f.text("plan_levers"),
        list(LEVERS),
        default=[lever for lever in LEVERS if lever != "merge"],
        format_func=lambda lever: f.text(LEVER_LABEL[lever]),
        key="plan_levers",
    )
    notes = settings_table.set_index("key")["note"].to_dict()
    with st.expander(f.text("plan_costs")):
        st.caption(f.text("plan_costs_note"))
        columns = st.columns(4)
        prices = {}
        for number, (field, key) in enumerate(COST_KEYS.items()):
            prices[field] = columns[number % 4].number_input(
                f.text(key),
                min_value=0.0,
                max_value=1e9,
                value=float(SETTINGS[key]),
                step=100.0,
                help=notes.get(key),
                key=f"cost-{key}",
            )
    costs = Costs(**prices)
    merges: list[tuple[str, str]] = st.session_state.setdefault(f"{plan_key}-merges", [])
    if "merge" in levers:
        by_size = units.sort_values("students")
        pupils = {
            code: f.text("plan_pupils", name=name, students=f"{students:,.0f}")
            for code, name, students in by_size[
                ["school_code", "school_name", "students"]
            ].itertuples(index=False)
        }
        a, b, c = st.columns([2, 2, 1])
        small = a.selectbox(
            f.text("plan_merge_small"), list(pupils), format_func=pupils.get, key="merge_small"
        )
        place = units.set_index("school_code")[["longitude", "latitude"]].astype(float)
        distance = ((place - place.loc[small]) ** 2).sum(axis=1).drop(small).sort_values()
        neighbour = b.selectbox(
            f.text("plan_merge_into"),
            list(distance.index),
            format_func=pupils.get,
            key=f"merge_into-{small}",
        )
        added = c.button(f.text("plan_merge_add"), key="merge_add")
        if added and neighbour and all(s != small for s, _ in merges):
            merges.append((small, neighbour))
        if merges:
            st.caption(f.text("plan_merge_options"))
            st.dataframe(
                pd.DataFrame(
                    [(names[s], names[t]) for s, t in merges],
                    columns=[f.text("plan_merge_small"), f.text("plan_merge_into")],
                ),
                hide_index=True,
            )
            if st.button(f.text("plan_merge_clear"), key="merge_clear"):
                merges.clear()
                st.rerun()

    if st.button(f.text("plan_solve"), type="primary", key="plan_solve"):
        try:
            with ENGINE.lock, st.spinner("…"):
                found = cheapest_plan(
                    ENGINE, units, standards, costs, frozenset(levers), merges, MIN_MET, FLOOR
                )
            st.session_state[f"{plan_key}-cheapest"] = (found, costs)
        except PlanError as error:
            st.error(md(error_text(error, names, f.lang)))

    solved = st.session_state.get(f"{plan_key}-cheapest")
    if solved is not None:
        plan, plan_costs = solved
        if plan.incomplete:
            schools = listed(names.get(c, c) for c in plan.incomplete)
            st.warning(md(f.text("plan_incomplete", schools=schools)))
        if plan.status == "infeasible":
            st.error(f.text("plan_infeasible"))
            if plan.blocked:
                st.caption(
                    md(
                        f.text(
                            "plan_blocked", schools=listed(names.get(c, c) for c in plan.blocked)
                        )
                    )
                )
        elif (base := merged_units(plan.moves)) is not None:
            after = with_additions(base, plan.additions)
            plan_cvs, plan_ok, verdicts = evaluate([units, after])
            cv_now, cv_after = (plan_cvs[plan_cvs.scenario == n] for n in (0, 1))
            ok_now, ok_after = (plan_ok[plan_ok.scenario == n] for n in (0, 1))
            if plan.status == "cv_unreached":
                st.warning(
                    f.text(
                        "plan_unreached",
                        indicators=listed(indicator_names[k] for k in plan.unreached),
                    )
                )
            elif plan.total_cost == 0:
                st.success(f.text("plan_nothing_needed"))
            verdict_after = status_text(verdicts["status"].iloc[1])
            a, b, c = st.columns(3)
            a.metric(f.text("plan_total_cost"), f.text("plan_wan", value=plan.total_cost / 1e4))
            b.metric(
                f.text("plan_verdict_after"),
                verdict_after,
                help=f"{f.text('plan_now')}: {status_text(verdicts['status'].iloc[0])}",
            )
            c.metric(
                f.text("plan_solve_time"),
                f.text("plan_seconds", value=plan.seconds, rounds=plan.rounds),
            )
            explainer = Explainer(
                plan,
                units,
                after,
                standards,
                indicator_names,
                names,
                (cv_now, cv_after),
                (ok_now, ok_after),
                values_of([units, after]),
                plan_costs,
                FLOOR,
                f.lang,
            )
            summary = labelled(explainer.summary(), f.lang)
            items = labelled(explainer.items().drop(columns="code"), f.lang)
            cvs_shown = cv_table(cv_now, cv_after)
            st.subheader(f.text("plan_by_resource"))
            st.dataframe(  # the total is the metric above; the exports carry it as a row
                summary.iloc[:-1],
                hide_index=True,
                width="stretch",
                column_config=localized(summary),
            )
            st.subheader(f.text("plan_by_school"))
            shown = items.drop(columns=f.text("plan_h_change"))  # the reason gives before → after
            st.dataframe(shown, hide_index=True, width="stretch", column_config=localized(shown))
            st.subheader(f.text("plan_cvs"))
            st.dataframe(
                cvs_shown,
                hide_index=True,
                width="stretch",
                column_config=fixed(cvs_shown, lines=(f.text("threshold"),)),
            )
            title = f.text(
                "plan_docx_title", county=f.county_name, year=f.year, stage=f.text(f.stage)
            )
            lines = [
                f.text(
                    "plan_docx_summary",
                    verdict=f"{f.text('plan_verdict')} {verdict_after}",
                    cost=f"{plan.total_cost:,.0f}",
                )
            ]
            cost_notes = [f"{f.text(key)}: {notes.get(key) or ''}" for key in COST_KEYS.values()]
            a, b, c = st.columns(3)
            a.download_button(
                f.text("plan_export_plan"),
                partial(
                    plan_xlsx,
                    {
                        f.text("plan_by_resource"): summary,
                        f.text("plan_by_school"): items,
                        f.text("plan_cvs"): cvs_shown,
                    },
                ),
                f"junheng-cheapest-plan-{f.county_code}-{f.year}.xlsx",
                XLSX_MIME,
            )
            b.download_button(
                f.text("plan_export_docx"),
                partial(
                    plan_docx,
                    title,
                    lines,
                    [
                        (f.text("plan_by_resource"), summary),
                        (f.text("plan_by_school"), items),
                        (f.text("plan_cvs"), cvs_shown),
                    ],
                    [f.text("plan_docx_costs", notes="; ".join(cost_notes))],
                ),
                f"junheng-budget-{f.county_code}-{f.year}.docx",
                DOCX_MIME,
            )
            if c.button(f.text("plan_load"), disabled=not plan.moves, key="plan_load"):
                moves[:] = list(plan.moves)
                st.session_state[f"{plan_key}-loaded"] = len(plan.moves)
                st.rerun()
            if st.session_state.get(f"{plan_key}-loaded"):
                st.success(f.text("plan_loaded", n=st.session_state[f"{plan_key}-loaded"]))

# --- Moves by hand -------------------------------------------------------------------------
with tab_moves:
    kind = st.selectbox(
        f.text("plan_kind"),
        list(MOVE_KINDS),
        format_func=lambda k: f.text(KIND_LABEL[k]),
        key="plan_kind",
    )
    with st.form("move"):
        left, middle, right = st.columns(3)
        column = ""
        if COLUMNS_OF[kind]:
            column = left.selectbox(
                f.text("plan_what"),
                list(COLUMNS_OF[kind]),
                format_func=lambda c: f.text(COLUMN_LABEL[c]),
                key=f"plan_column-{kind}",
            )
        source = None
        if kind in ("transfer", "merge"):
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
        amount = 0.0
        if kind != "merge":
            amount = middle.number_input(
                f.text("plan_amount"),
                min_value=0.0,
                value=1.0,
                step=1.0,
                format="%g",
                key="plan_amount",
            )
        if st.form_submit_button(f.text("plan_add_move")):
            move = Move(kind, target=target, source=source, column=column, amount=amount)
            try:
                apply_moves(units, moves + [move])
                moves.append(move)
            except PlanError as error:
                reason = error_text(error, names, f.lang)
                st.error(md(f.text("plan_move_bad", reason=reason)))

    changes: list[list[Change]] = []
    try:
        after_rows = apply_moves(units, moves, changes) if moves else shared(apply_moves, units, [])
    except PlanError as error:  # the data changed under the moves: keep those that still apply
        st.error(md(error_text(error, names, f.lang)))
        del moves[len(changes) :]
        after_rows = apply_moves(units, moves, changes := [])
    values = step_values(tuple(moves))
    changes = with_values(changes, values)
    # Each move's own effect needs a scenario per step: shown for plans of up to STEPS moves.
    stepwise = len(moves) <= STEPS
    steps = list(shared(steps_after, units, tuple(moves))) if stepwise else [units, after_rows]
    cvs, compliance, verdicts = evaluate(steps)
    last = len(steps) - 1
    st.subheader(f.text("plan_moves", n=len(moves)))
    if stepwise and moves:
        worse = False
        for number, move in enumerate(moves, start=1):
            parts, got_worse = move_effect(cvs, compliance, number)
            worse = worse or got_worse
            head, details = describe_parts(move, changes[number - 1], names, f.lang)
            st.markdown(f"{number}. {md(head)}")
            effect = f.text("plan_sep").join(parts) or f.text("plan_no_effect")
            st.caption(md(f"{details}{f.text('plan_sep')}{effect}" if details else effect))
    elif moves:  # a long plan (loaded from the solver): one table, no per-move recomputation
        worse = False
        table = pd.DataFrame(
            [
                (n, describe(m, c, names, f.lang))
                for n, (m, c) in enumerate(zip(moves, changes, strict=True), 1)
            ],
            columns=["#", f.text("plan_kind")],
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={"#": st.column_config.NumberColumn(width="small")},
        )
    if moves:
        if worse:
            st.warning(f.text("plan_worse_warning"))
        if st.button(f.text("plan_clear"), key="plan_clear"):
            moves.clear()
            st.rerun()

    now = shared(rows_equal, cvs, "scenario", 0)
    after = shared(rows_equal, cvs, "scenario", last)
    now_schools = shared(by_school, shared(rows_equal, compliance, "scenario", 0))
    after_schools = shared(by_school, shared(rows_equal, compliance, "scenario", last))
    st.subheader(f.text("plan_result"))
    result = cv_table(now, after)
    st.dataframe(
        result,
        hide_index=True,
        width="stretch",
        column_config=fixed(result, lines=(f.text("threshold"),)),
    )
    now_ok, after_ok = int(now_schools["compliant"].sum()), int(after_schools["compliant"].sum())
    a, b = st.columns(2)
    a.metric(f.text("plan_compliant"), f"{after_ok} / {len(after_rows)}", after_ok - now_ok)
    b.metric(
        f.text("plan_verdict"),
        status_text(verdicts["status"].iloc[-1]),
        help=f"{f.text('plan_now')}: {status_text(verdicts['status'].iloc[0])}",
    )

    touched = sorted({m.target for m in moves} | {m.source for m in moves if m.source})
    present = [c for c in touched if c in set(after_rows["school_code"])]
    if present:
        st.markdown(f"**{f.text('plan_schools')}**")
        per_school = pd.DataFrame({f.text("col_school"): [names[c] for c in present]})
        value = values[values.scenario == len(moves)].set_index(["school_code", "indicator"])
        for indicator in standards:  # the 2017 indicators in the catalogue's order
            shown = value["value"].reindex([(c, indicator) for c in present])
            per_school[indicator_names[indicator]] = shown.round(3).to_numpy()
        per_school[f"{f.text('plan_compliant')} ({f.text('plan_now')})"] = (
            now_schools["compliant"].reindex(present).to_numpy()
        )
        per_school[f"{f.text('plan_compliant')} ({f.text('plan_after')})"] = (
            after_schools["compliant"].reindex(present).to_numpy()
        )
        st.dataframe(
            per_school, hide_index=True, width="stretch", column_config=fixed(per_school, 2)
        )

    saved: dict[str, list[Move]] = st.session_state.setdefault(f"{plan_key}-saved", {})
    a, b = st.columns([3, 1])
    name = a.text_input(
        f.text("plan_save_name"), value=f.text("plan_default_name", n=len(saved) + 1), max_chars=60
    )
    if b.button(f.text("plan_save"), disabled=not moves, key="plan_save"):
        saved[name] = list(moves)
    if saved:
        st.subheader(f.text("plan_compare"))
        usable: dict[str, pd.DataFrame] = {}
        for scenario, scenario_moves in saved.items():
            try:
                usable[scenario] = apply_moves(units, scenario_moves)
            except PlanError as error:
                reason = error_text(error, names, f.lang)
                st.error(md(f.text("plan_scenario_bad", name=scenario, reason=reason)))
        compared, _, _ = evaluate([units, *usable.values()])
        columns = {}
        for number, scenario in enumerate([f.text("plan_now"), *usable], start=0):
            columns[scenario] = compared[compared.scenario == number].set_index("indicator")["cv"]
        comparison = pd.DataFrame(columns).round(4)
        comparison.insert(0, f.text("col_item"), [indicator_names[k] for k in comparison.index])
        st.dataframe(comparison, hide_index=True, width="stretch", column_config=fixed(comparison))
        notes_table = pd.DataFrame(
            [(s, describe(m, [], names, f.lang)) for s, ms in saved.items() for m in ms],
            columns=[f.text("plan_save_name"), f.text("plan_kind")],
        )
        left, right = st.columns(2)
        left.download_button(
            f.text("plan_export"),
            partial(to_xlsx, comparison, notes_table, f.lang),
            f"junheng-plan-{f.county_code}-{f.year}.xlsx",
            XLSX_MIME,
        )
        slides = [Slide(f.text("plan_compare"), table=comparison)] + [
            Slide(scenario, lines=tuple(describe(m, [], names, f.lang) for m in scenario_moves))
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
