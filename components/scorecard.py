"""The 32-indicator readiness scorecard of the quality 2017 method (domain.md §3)."""

import pandas as pd

from components.i18n import t

# Status of a row: met, not met, or no value yet ("not yet reported", shown grey, never a fail).
MET, NOT_MET, NOT_REPORTED, NOT_JUDGED = "met", "not_met", "not_reported", "not_judged"


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


def resource_rows(resources: pd.DataFrame, lang: str) -> list[dict]:
    name = "name_en" if lang == "en" else "name_zh"
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
                "source": t("source_computed", lang),
                "note": "",
            }
        )
    return rows


def scorecard_table(resources: pd.DataFrame, checklist: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per indicator: the 7 resource indicators (per stage the CV within the line and
    the schools meeting the standard, none below the floor) and the 25 county items with their
    source (computed, entered, not yet reported) and note."""
    name = "name_en" if lang == "en" else "name_zh"
    rows = resource_rows(resources, lang)
    for c in checklist.itertuples():
        reported = c.source != "not_reported"
        rows.append(
            {
                "group": t(f"group_{c.item_group}", lang),
                "item": getattr(c, name),
                "value": format_value(c.value, c.unit, lang),
                "target": format_target(c.target, c.comparison, c.unit, lang),
                "status": (MET if c.met else NOT_MET) if reported else NOT_REPORTED,
                "source": t(f"source_{c.source}", lang),
                "note": "" if c.note is None or pd.isna(c.note) else str(c.note),
            }
        )
    return pd.DataFrame(
        rows, columns=["group", "item", "value", "target", "status", "source", "note"]
    )


def scorecard_display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table with translated headers and the status as a word with its mark."""
    shown = table.assign(status=table["status"].map(lambda s: t(f"status_{s}", lang)))
    return shown.rename(
        columns={
            "group": t("col_category", lang),
            "item": t("col_item", lang),
            "value": t("col_value", lang),
            "target": t("col_target", lang),
            "status": t("col_met", lang),
            "source": t("col_source", lang),
            "note": t("col_note", lang),
        }
    )


def status_colours(table: pd.DataFrame) -> list[str]:
    """CSS per row for a Styler: not-met rows red, not-yet-reported and not-judged rows grey."""
    colours = {
        NOT_MET: "color: #b91c1c",
        NOT_REPORTED: "color: #9ca3af",
        NOT_JUDGED: "color: #6b7280",
    }
    return [colours.get(status, "") for status in table["status"]]


def _threshold(stages: pd.DataFrame, stage: str) -> str:
    row = stages[stages["stage"] == stage]
    return "—" if row.empty else f"≤ {row['threshold'].iloc[0]:.2f}"
