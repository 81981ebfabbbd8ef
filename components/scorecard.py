"""The 32-indicator readiness scorecard of the quality 2017 method (domain.md §3)."""

import pandas as pd

from components.i18n import localised, t
from components.text import html

COLUMNS = ["group", "item", "status", "reason", "value", "target", "source", "note"]
# Status of a row: met, not met, or no value yet ("not yet reported", shown grey, never a fail).
MET, NOT_MET, NOT_REPORTED, NOT_JUDGED = "met", "not_met", "not_reported", "not_judged"

# Catalogue groups, value sources and statuses → their words (components/i18n.py).
GROUP_TEXT = {
    "resource": "group_resource",
    "government": "group_government",
    "quality": "group_quality",
    "recognition": "group_recognition",
}
SOURCE_TEXT = {
    "computed": "source_computed",
    "entered": "source_entered",
    "not_reported": "source_not_reported",
}
STATUS_TEXT = {
    "met": "status_met",
    "not_met": "status_not_met",
    "not_reported": "status_not_reported",
    "not_judged": "status_not_judged",
}


def format_value(value: float | None, unit: str, lang: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    if unit == "yes/no":
        return t("yes" if value >= 1 else "no", lang)
    if unit == "%":
        return f"{value:.2f}%"
    if unit == "元":
        return f"{value:,.0f} {'元' if lang == 'zh' else 'yuan'}"
    return f"{value:g}"


def format_target(target: float, comparison: str, unit: str, lang: str) -> str:
    if unit == "yes/no":
        return t("yes", lang)
    return f"{comparison.replace('>=', '≥').replace('<=', '≤')} {format_value(target, unit, lang)}"


def mark(ok: bool | None) -> str:
    return "?" if ok is None or pd.isna(ok) else ("✓" if ok else "✗")


def resource_half(r, lang: str) -> str:
    """One stage of a resource indicator, both halves of the rule:
    "小学 CV 0.204 ✓ · 34 / 50 校达标 · 0 校低于{floor} ✓"."""
    cv = t("score_cv_unknown", lang) if not r.judgeable else f"CV {r.cv:.3f} {mark(r.passes)}"
    schools = t(
        "score_schools",
        lang,
        n=int(r.n_meeting),
        total=int(r.n_schools),
        below=int(r.n_below_floor),
        floor=f"{r.floor_ratio * 100:g}%",
        ok=mark(r.n_below_floor == 0),
    )
    return f"{t(r.stage, lang)} {cv} · {schools}"


def resource_reason(stages: pd.DataFrame, lang: str) -> str:
    """Why a resource indicator is not met, in words, one clause per stage that fails a half
    of the rule: its CV over the line, schools below the floor, a CV that cannot be computed."""
    clauses = []
    for r in stages.itertuples():
        parts = []
        if not r.judgeable:
            parts.append(t("why_cv_unknown", lang, reason=getattr(r, localised("reason", lang))))
        elif not r.passes:
            parts.append(t("why_cv_over", lang, cv=f"{r.cv:.3f}", threshold=f"{r.threshold:.2f}"))
        if r.n_below_floor > 0:
            parts.append(
                t(
                    "why_below_floor",
                    lang,
                    n=int(r.n_below_floor),
                    floor=f"{r.floor_ratio * 100:g}%",
                )
            )
        if parts:
            clauses.append(f"{t(r.stage, lang)}{t('colon', lang)}{t('why_and', lang).join(parts)}")
    return "\n".join(clauses)


def resource_rows(resources: pd.DataFrame, lang: str) -> list[dict]:
    name = localised("name", lang)
    rows = []
    for _, stages in resources.groupby("indicator", sort=False):
        first = stages.iloc[0]
        judgeable = bool(stages["judgeable"].all())
        certain_fail = bool(stages["passes"].eq(False).any() or stages["n_below_floor"].gt(0).any())
        if certain_fail:
            status = NOT_MET
        elif not judgeable:
            status = NOT_JUDGED
        else:
            status = MET
        rows.append(
            {
                "group": t("group_resource", lang),
                "item": first[name],
                "value": "；".join(resource_half(r, lang) for r in stages.itertuples())
                if lang == "zh"
                else "; ".join(resource_half(r, lang) for r in stages.itertuples()),
                "target": t(
                    "cv_both_stages",
                    lang,
                    p=_threshold(stages, "小学"),
                    j=_threshold(stages, "初中"),
                ),
                "status": status,
                "reason": "" if status == MET else resource_reason(stages, lang),
                "source": t("source_computed", lang),
                "note": "",
            }
        )
    return rows


def scorecard_table(resources: pd.DataFrame, checklist: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per indicator: the 7 resource indicators (per stage the CV within the line and
    the schools meeting the standard, none below the floor) and the 25 county items with their
    source (computed, entered, not yet reported) and note."""
    name = localised("name", lang)
    rows = resource_rows(resources, lang)
    for c in checklist.itertuples():
        reported = c.source != "not_reported"
        status = (MET if c.met else NOT_MET) if reported else NOT_REPORTED
        rows.append(
            {
                "group": t(GROUP_TEXT[c.item_group], lang),
                "item": getattr(c, name),
                "value": format_value(c.value, c.unit, lang),
                "target": format_target(c.target, c.comparison, c.unit, lang),
                "status": status,
                "reason": item_reason(c, status, lang),
                "source": t(SOURCE_TEXT[c.source], lang),
                "note": "" if c.note is None or pd.isna(c.note) else str(c.note),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def item_reason(c, status: str, lang: str) -> str:
    """Why a county item is not met (or has no verdict), in words."""
    if status == NOT_REPORTED:
        return t("why_not_reported", lang)
    if status != NOT_MET:
        return ""
    if c.unit == "yes/no":
        return t("why_not_yet", lang)
    return t(
        "why_value_vs_target",
        lang,
        value=format_value(c.value, c.unit, lang),
        target=format_target(c.target, c.comparison, c.unit, lang),
    )


def scorecard_display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table with translated headers and the status as a word with its mark."""
    shown = table.assign(status=table["status"].map(lambda s: t(STATUS_TEXT[s], lang)))
    return shown.rename(
        columns={
            "item": t("col_item", lang),
            "value": t("col_value", lang),
            "target": t("col_target", lang),
            "status": t("col_met", lang),
            "reason": t("col_why_not_met", lang),
            "source": t("col_source", lang),
            "note": t("col_note", lang),
        }
    )


# How a row of each status looks: not-met rows stand out (a red bar and a pale red ground) and
# every status is written as a mark and a word, so nothing is said by colour alone.
ROW_STYLES = {
    MET: "",
    NOT_MET: "background:#fef2f2;box-shadow:inset 5px 0 0 #b91c1c",
    NOT_REPORTED: "color:#4b5563",
    NOT_JUDGED: "background:#f3f4f6",
}
STATUS_STYLES = {
    MET: "color:#047857;font-weight:700",
    NOT_MET: "color:#b91c1c;font-weight:700",
    NOT_REPORTED: "color:#4b5563",
    NOT_JUDGED: "color:#374151;font-weight:700",
}
CELL = "padding:6px 10px;border-bottom:1px solid #e5e7eb;vertical-align:top;text-align:left"


def html_table(
    frame: pd.DataFrame,
    *,
    row_styles: list[str] | None = None,
    cell_styles: dict[str, list[str]] | None = None,
    groups: list[str] | None = None,
    widths: dict[str, str] | None = None,
) -> str:
    """`frame` as an HTML table whose cells wrap (a projector shows every word; a data grid
    cuts long text), every value escaped: a header row, then one row per line, styled per row
    and per cell, with a full-width heading row wherever `groups` changes value."""
    cell_styles, widths = cell_styles or {}, widths or {}
    head = "".join(
        f'<th style="{CELL};background:#f9fafb;width:{widths.get(c, "auto")}">{html(c)}</th>'
        for c in frame.columns
    )
    body, group = [], None
    for i, values in enumerate(frame.itertuples(index=False)):
        if groups is not None and groups[i] != group:
            group = groups[i]
            body.append(
                f'<tr><th colspan="{len(frame.columns)}" style="{CELL};background:#eef2f7;'
                f'font-size:1.05em">{html(group)}</th></tr>'
            )
        cells = "".join(
            f'<td style="{CELL};{cell_styles.get(c, [""] * len(frame))[i]}">{html(v)}</td>'
            for c, v in zip(frame.columns, values, strict=True)
        )
        style = row_styles[i] if row_styles else ""
        body.append(f'<tr style="{style}">{cells}</tr>')
    return (
        '<table style="width:100%;border-collapse:collapse;font-size:15px;line-height:1.45">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def scorecard_html(table: pd.DataFrame, lang: str) -> str:
    """The scorecard as an HTML table: a heading row per group, the status (mark and word)
    beside the indicator, then why it is not met, the value, the target, source and note."""
    shown = scorecard_display(table.drop(columns="group"), lang)
    nowrap = ["white-space:nowrap"] * len(table)
    return html_table(
        shown,
        row_styles=[ROW_STYLES[s] for s in table["status"]],
        cell_styles={
            t("col_met", lang): [f"{STATUS_STYLES[s]};white-space:nowrap" for s in table["status"]],
            t("col_why_not_met", lang): ["white-space:pre-line"] * len(table),
            t("col_source", lang): nowrap,
        },
        groups=list(table["group"]),
        widths={
            t("col_item", lang): "21%",
            t("col_why_not_met", lang): "25%",
            t("col_value", lang): "25%",
            t("col_note", lang): "7%",
        },
    )


def shortfall_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The schools that do not comply with the 2017 per-school rule (rows of the query
    school_shortfalls), one line each: how many standards met, and every standard missed with
    its value against the standard, flagged when below the floor."""
    name, unit = localised("name", lang), localised("unit", lang)
    lines = []
    for _, school in rows.groupby("school_code", sort=False):
        first = school.iloc[0]
        missed = [
            missed_standard(r, name, unit, lang)
            for r in school.dropna(subset=["ratio"]).itertuples()
        ]
        lacking = int(first["n_required"] - first["n_indicators"])
        if lacking:
            missed.append(t("why_school_lacks", lang, n=lacking))
        lines.append(
            {
                t("col_school", lang): first["school_name"],
                t("col_standards_met", lang): f"{int(first['n_met'])} / {int(first['n_required'])}",
                t("col_missed", lang): "\n".join(missed),
            }
        )
    columns = [t(k, lang) for k in ("col_school", "col_standards_met", "col_missed")]
    return pd.DataFrame(lines, columns=columns)


def shortfall_html(rows: pd.DataFrame, lang: str) -> str:
    """The non-complying schools as an HTML table, one missed standard a line."""
    table = shortfall_table(rows, lang)
    return html_table(
        table,
        cell_styles={
            t("col_missed", lang): ["white-space:pre-line"] * len(table),
            t("col_standards_met", lang): ["white-space:nowrap"] * len(table),
        },
        widths={t("col_school", lang): "22%"},
    )


def missed_standard(r, name: str, unit: str, lang: str) -> str:
    """One standard a school misses: name, value / standard, its share and whether it is
    below the floor (setting school_floor_ratio)."""
    share = f"{r.ratio * 100:.1f}%"
    if r.below_floor:
        share += t("why_school_below_floor", lang, floor=f"{r.floor_ratio * 100:g}%")
    return t(
        "why_school_misses",
        lang,
        indicator=getattr(r, name),
        value=f"{r.value:.2f}",
        standard=f"{r.standard_value:g}",
        unit=getattr(r, unit),
        share=share,
    )


def _threshold(stages: pd.DataFrame, stage: str) -> str:
    row = stages[stages["stage"] == stage]
    return "—" if row.empty else f"≤ {row['threshold'].iloc[0]:.2f}"
