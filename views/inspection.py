"""督导整改 Inspection: the flags of the monitoring rules for the logged-in inspector's schools
(every school for an admin), each followed from 待核实 to 已整改 with notes, deadlines and
evidence; the 督导意见书 and the open flags to download; 整改成效 from next year's data.

Who sees and changes what is decided on the server: an inspector gets only the flags of the
schools whose 责任督学 they are, and the store refuses a step on any other school."""

import datetime as dt

import duckdb
import pandas as pd
import streamlit as st

from components.filters import current, url_selectbox
from components.i18n import localised
from components.notice import flags_xlsx, notice_docx
from queries.db import query
from store import follow_up as fu
from store.accounts import schools_of
from store.db import store
from store.session import current_account

# Translation keys (components/i18n.py), literal so that a search finds every use.
RULE_TEXT = {
    "outlier": "rule_outlier",
    "below_floor": "rule_below_floor",
    "below_standard": "rule_below_standard",
    "cv_half": "rule_cv_half",
    "drop": "rule_drop",
    "class_size": "rule_class_size",
    "large_class": "rule_large_class",
    "huge_class": "rule_huge_class",
    "school_size": "rule_school_size",
}
EFFECT_TEXT = {
    "improved": "effect_improved",
    "better_still_flagged": "effect_better_still_flagged",
    "not_improved": "effect_not_improved",
    "no_data": "effect_no_data",
}

f = current()
st.title(f.text("page_inspection"))
account = current_account()
if account is None or account.role not in ("admin", "inspector"):
    st.info(f.text("insp_need_login"))
    st.stop()
st.caption(f.text("insp_intro", year=f.year))


def load_inspectors() -> pd.DataFrame:
    try:
        return query("school_inspectors")
    except duckdb.CatalogException:  # a database from before the 责任督学 sheet
        return pd.DataFrame(
            columns=["school_code", "inspector_name", "contact", "county_code", "school_name"]
        )


inspectors = load_inspectors()
allowed = schools_of(account, inspectors)
if allowed is None:
    counties = [f.county_code]
    names = sorted(inspectors.loc[inspectors["county_code"] == f.county_code, "inspector_name"])
    chosen = st.selectbox(
        f.text("insp_inspector"),
        ["", *dict.fromkeys(names)],
        format_func=lambda n: n or f.text("insp_all"),
        key="insp_inspector",
    )
    shown = (
        set(inspectors.loc[inspectors["inspector_name"] == chosen, "school_code"])
        if chosen
        else None
    )
    signer = chosen or account.name
else:
    mine = inspectors[inspectors["school_code"].isin(allowed)]
    counties = sorted(set(mine["county_code"].dropna())) or [f.county_code]
    shown = allowed
    signer = account.inspector or account.name
    st.text(f.text("insp_my_schools", inspector=signer, n=len(allowed)))

flags = pd.concat(
    [query("school_flags", county=c, year=f.year) for c in counties], ignore_index=True
)
if shown is not None:
    flags = flags[flags["school_code"].isin(shown)].reset_index(drop=True)
flags = fu.with_status(flags, store()).merge(
    inspectors[["school_code", "inspector_name", "contact"]], on="school_code", how="left"
)
if flags.empty:
    st.success(f.text("insp_no_flags"))
    st.stop()

counts = flags["status"].value_counts()
for column, status in zip(st.columns(len(fu.STATUSES)), fu.STATUSES, strict=True):
    column.metric(status, int(counts.get(status, 0)))

statuses = st.multiselect(
    f.text("insp_status_filter"),
    fu.STATUSES,
    default=[s for s in fu.STATUSES if s not in fu.CLOSED],
    key="insp_statuses",
)
listed = flags[flags["status"].isin(statuses)].reset_index(drop=True)
reason = localised("reason", f.lang)


def rule_name(rule: str) -> str:
    return f.text(RULE_TEXT[rule])


def day(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


def stage_name(stage: object) -> str:
    return f.text(stage) if isinstance(stage, str) else "—"


st.dataframe(
    pd.DataFrame(
        {
            f.text("col_school"): listed["school_name"],
            f.text("stage"): listed["stage"].map(stage_name),
            f.text("col_rule"): listed["rule"].map(rule_name),
            f.text("col_reason"): listed[reason],
            f.text("col_status"): listed["status"],
            f.text("col_deadline"): listed["deadline"].map(day),
            f.text("col_inspector"): listed["inspector_name"],
        }
    ),
    hide_index=True,
    width="stretch",
)

open_flags = fu.open_flags(flags)
left, middle = st.columns(2)
left.download_button(
    f.text("insp_notice_all"),
    lambda: notice_docx(
        open_flags, county_name=f.county_name, year=f.year, inspector=signer, addressee=""
    ),
    f"督导意见书-{f.year}.docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    disabled=open_flags.empty,
    key="notice_all",
)
middle.download_button(
    f.text("insp_open_xlsx"),
    lambda: flags_xlsx(
        open_flags[
            ["year", "school_code", "school_name", "stage", "rule", "reason_zh", "status"]
            + ["deadline", "inspector_name"]
        ]
    ),
    f"未整改问题-{f.year}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    disabled=open_flags.empty,
    key="open_xlsx",
)

if listed.empty:
    st.stop()
by_key = listed.set_index("flag_key")
key = url_selectbox(  # kept in the URL (?flag=…), so a link opens the flag
    f.text("insp_flag"),
    list(by_key.index),
    "flag",
    format_func=lambda k: (
        f"{by_key.loc[k, 'school_name']} · {stage_name(by_key.loc[k, 'stage'])} · "
        f"{rule_name(by_key.loc[k, 'rule'])} · {by_key.loc[k, 'status']}"
    ),
)
flag = by_key.loc[key]
st.subheader(f.text("insp_reason"))
st.text(f"{flag['school_name']}（{flag['school_code']}）\n{flag[reason]}")

engine = store()
history = fu.history(engine, key)
st.subheader(f.text("insp_history"))
if history.empty:
    st.caption(f.text("insp_no_history"))
else:
    step = history.iloc[-1]
    st.text(f.text("insp_last_step", status=step["status"], user=step["user_name"],
                   when=step["recorded_at"], note=step["note"]))  # fmt: skip
    st.dataframe(
        pd.DataFrame(
            {
                f.text("col_when"): history["recorded_at"],
                f.text("col_user"): history["user_name"],
                f.text("col_status"): history["status"],
                f.text("insp_col_note"): history["note"],
                f.text("col_deadline"): history["deadline"].map(day),
                f.text("col_files"): history["files"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
for file_id, name, content_type, data in fu.evidence_files(engine, key):
    st.download_button(
        f"{f.text('insp_evidence')}：{name}", data, name, content_type, key=f"evidence-{file_id}"
    )

school_open = open_flags[open_flags["school_code"] == flag["school_code"]]
st.download_button(
    f.text("insp_notice_school"),
    lambda: notice_docx(
        school_open,
        county_name=f.county_name,
        year=f.year,
        inspector=signer,
        contact=str(flag["contact"]) if isinstance(flag["contact"], str) else "",
        addressee=str(flag["school_name"]),
    ),
    f"督导意见书-{flag['school_code']}-{f.year}.docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    disabled=school_open.empty,
    key="notice_school",
)

saved = st.session_state.pop("insp_saved", None)
if saved:
    st.success(f.text("insp_saved", status=saved))
st.subheader(f.text("insp_update"))
with st.form("follow_up", clear_on_submit=True):
    status = st.radio(
        f.text("insp_new_status"),
        fu.next_statuses(flag["status"], account.role),
        horizontal=True,
        key="fu_status",
    )
    note = st.text_area(f.text("insp_note"), max_chars=fu.MAX_NOTE, key="fu_note")
    deadline = st.date_input(
        f.text("insp_deadline"), value=None, min_value=dt.date(2000, 1, 1), key="fu_deadline"
    )
    uploads = st.file_uploader(
        f.text("insp_files"),
        type=["jpg", "jpeg", "png", "pdf", "docx", "xlsx"],
        accept_multiple_files=True,
        key="fu_files",
    )
    submitted = st.form_submit_button(f.text("insp_save"), type="primary")
if submitted:
    try:
        fu.record(
            engine,
            fu.Flag(
                key, str(flag["county_code"]), str(flag["school_code"]), str(flag["reason_zh"])
            ),
            user=account.name,
            role=account.role,
            allowed_schools=allowed,
            status=status,
            note=note or "",
            deadline=deadline,
            files=[(u.name, u.getvalue()) for u in uploads or []],
        )
    except fu.FollowUpError as refused:
        st.error(f.text(refused.key, **refused.values))
    else:
        st.session_state["insp_saved"] = status
        st.rerun()

st.subheader(f.text("insp_effect"))
outcomes = pd.concat([query("flag_outcomes", county=c) for c in counties], ignore_index=True)
if shown is not None:
    outcomes = outcomes[outcomes["school_code"].isin(shown)]
last = fu.latest(engine, flag_keys=list(outcomes["flag_key"])) if not outcomes.empty else {}
rectified = outcomes[
    [k in last and last[k].status == fu.RECTIFIED for k in outcomes["flag_key"]]
].reset_index(drop=True)
if rectified.empty:
    st.caption(f.text("insp_effect_none"))
else:
    effects = [fu.effect(row) for row in rectified.itertuples()]
    tally = pd.Series(effects).value_counts()
    kinds = ("improved", "better_still_flagged", "not_improved", "no_data")
    for column, kind in zip(st.columns(len(kinds)), kinds, strict=True):
        column.metric(f.text(EFFECT_TEXT[kind]), int(tally.get(kind, 0)))
    st.dataframe(
        pd.DataFrame(
            {
                f.text("col_year"): rectified["year"],
                f.text("col_school"): rectified["school_name"],
                f.text("col_rule"): rectified["rule"].map(rule_name),
                f.text("col_reason"): rectified[reason],
                f.text("col_next"): rectified["metric_next"].round(2),
                f.text("col_effect"): [f.text(EFFECT_TEXT[e]) for e in effects],
            }
        ),
        hide_index=True,
        width="stretch",
    )
