"""The 32-indicator readiness scorecard of the quality 2017 method (domain.md §3)."""

import pandas as pd

from components.i18n import t


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


def scorecard_table(resources: pd.DataFrame, checklist: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per indicator: 7 resource indicators (CV in both stages within the line and no
    school below 85 % of the standard) and the 25 county-level items."""
    name = "name_en" if lang == "en" else "name_zh"
    rows = []
    for r in resources.itertuples():
        rows.append(
            {
                "group": t("group_resource", lang),
                "item": getattr(r, name),
                "value": t("cv_both_stages", lang, p=_cv(r.cv_primary), j=_cv(r.cv_junior)),
                "target": t(
                    "cv_both_stages",
                    lang,
                    p=f"≤ {r.threshold_primary:.2f}",
                    j=f"≤ {r.threshold_junior:.2f}",
                ),
                "met": bool(r.met),
            }
        )
    for c in checklist.itertuples():
        rows.append(
            {
                "group": t(f"group_{c.item_group}", lang),
                "item": getattr(c, name),
                "value": format_value(c.value, c.unit, lang),
                "target": format_target(c.target, c.comparison, c.unit, lang),
                "met": bool(c.met),
            }
        )
    table = pd.DataFrame(rows, columns=["group", "item", "value", "target", "met"])
    return table.rename(
        columns={
            "group": t("col_category", lang),
            "item": t("col_item", lang),
            "value": t("col_value", lang),
            "target": t("col_target", lang),
            "met": t("col_met", lang),
        }
    )


def _cv(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.3f}"
