"""The cheapest plan explained: one row per school and measure (what, how much, cost, which
standard it fixes, the value before and after, a one-line reason), the totals per resource,
and the same as an .xlsx workbook and a 补短板 budget sheet in .docx."""

import io

import numpy as np
import pandas as pd
from docx import Document
from docx.shared import Pt

from components.i18n import t
from components.plan_solver import ROTATED, Costs, Plan
from components.planner import COLUMN_LABEL, COLUMN_UNIT, INDICATOR_OF
from components.text import clean, safe_cells
from data.catalogue import CATALOGUE_RANK

# measure → (template column, unit-cost field of Costs or None for face value), in the
# catalogue's order of the indicators they serve (data/catalogue.sql sort_order)
MEASURES = dict(
    sorted(
        {
            "hire_degree": ("teachers_above_degree", "hire"),
            "hire_pe_art": ("pe_art_teachers", "hire"),
            "train_key": ("key_teachers", "train"),
            "build_teaching": ("teaching_area_m2", "teaching_m2"),
            "build_sports": ("sports_area_m2", "sports_m2"),
            "buy_equipment": ("equipment_value_yuan", None),
            "buy_rooms": ("multimedia_rooms", "room"),
        }.items(),
        key=lambda measure: CATALOGUE_RANK[INDICATOR_OF[measure[1][0]]],
    )
)
ROTATE_IN, ROTATE_OUT, MERGE = "rotate_in", "rotate_out", "merge"
# Translation keys (components/i18n.py), literal so that a search finds every use.
MEASURE_LABEL = {
    "hire_degree": "plan_measure_hire_degree",
    "hire_pe_art": "plan_measure_hire_pe_art",
    "train_key": "plan_measure_train_key",
    "build_teaching": "plan_measure_build_teaching",
    "build_sports": "plan_measure_build_sports",
    "buy_equipment": "plan_measure_buy_equipment",
    "buy_rooms": "plan_measure_buy_rooms",
}
# resource → (its name, its unit)
RESOURCE_LABEL = {
    "build_teaching": ("plan_resource_build_teaching", "plan_resource_unit_build_teaching"),
    "build_sports": ("plan_resource_build_sports", "plan_resource_unit_build_sports"),
    "buy_equipment": ("plan_resource_buy_equipment", "plan_resource_unit_buy_equipment"),
    "buy_rooms": ("plan_resource_buy_rooms", "plan_resource_unit_buy_rooms"),
    "hire_degree": ("plan_resource_hire_degree", "plan_resource_unit_hire_degree"),
    "hire_pe_art": ("plan_resource_hire_pe_art", "plan_resource_unit_hire_pe_art"),
    "train_key": ("plan_resource_train_key", "plan_resource_unit_train_key"),
    "rotate": ("plan_resource_rotate", "plan_resource_unit_rotate"),
    "merge": ("plan_resource_merge", "plan_resource_unit_merge"),
}
HEADER = {
    "school": "plan_h_school",
    "code": "plan_h_code",
    "measure": "plan_h_measure",
    "amount": "plan_h_amount",
    "unit": "plan_h_unit",
    "cost": "plan_h_cost",
    "served": "plan_h_served",
    "change": "plan_h_change",
    "reason": "plan_h_reason",
    "resource": "plan_h_resource",
    "unit_cost": "plan_h_unit_cost",
}


def _fmt(value: float, column: str) -> str:
    if pd.isna(value):
        return "—"
    return f"{value:,.0f}" if column == "equipment_value_yuan" else f"{value:.2f}"


class Explainer:
    """Builds the explained tables of one plan: the units before (`sections`) and after the
    whole plan (`after`), with the views' CVs, compliance and per-pupil values (Engine.values
    of [sections, after]) before and after."""

    def __init__(
        self,
        plan: Plan,
        sections: pd.DataFrame,
        after: pd.DataFrame,
        standards: dict[str, float],
        indicator_names: dict[str, str],
        names: dict[str, str],
        cvs: tuple[pd.DataFrame, pd.DataFrame],
        compliance: tuple[pd.DataFrame, pd.DataFrame],
        values: pd.DataFrame,
        costs: Costs,
        floor: float,
        lang: str,
    ) -> None:
        self.plan = plan
        self.before = sections.set_index("school_code")
        self.after = after.set_index("school_code")
        self.standards = standards
        self.indicator_names = indicator_names
        self.names = names
        self.cv_before = cvs[0].set_index("indicator")
        self.cv_after = cvs[1].set_index("indicator")
        self.met_before = compliance[0].set_index("school_code")["n_met"]
        self.met_after = compliance[1].set_index("school_code")["n_met"]
        self.values = values.set_index(["scenario", "school_code", "indicator"])["value"].to_dict()
        self.costs = costs
        self.floor = floor
        self.lang = lang

    def _name(self, code: str) -> str:
        return self.names.get(code, code)

    def _reason(self, code: str, column: str, rotate_out: bool = False) -> tuple[str, str, str]:
        """(standard it serves, value before → after, one-line reason)."""
        indicator = INDICATOR_OF[column]
        standard = self.standards[indicator]
        v0 = self.values.get((0, code, indicator), float("nan"))
        v1 = self.values.get((1, code, indicator), float("nan"))
        change = f"{_fmt(v0, column)} → {_fmt(v1, column)}"
        values = {
            "indicator": self.indicator_names[indicator],
            "before": _fmt(v0, column),
            "after": _fmt(v1, column),
            "standard": _fmt(standard, column),
            "floor": f"{self.floor:.0%}",
            "ratio": f"{v0 / standard:.0%}",
            "met0": int(self.met_before.get(code, 0)),
            "met1": int(self.met_after.get(code, 0)),
        }
        if rotate_out:
            key = "plan_why_donor"
        elif v0 < self.floor * standard - 1e-9:
            key = "plan_why_floor"
        elif v0 < standard - 1e-9 <= v1:
            key = "plan_why_standard"
        else:
            key = "plan_why_cv"
            cv = self.cv_before.loc[indicator]
            values |= {
                "cv0": f"{cv['cv']:.4f}",
                "cv1": f"{self.cv_after.loc[indicator, 'cv']:.4f}",
                "line": f"{cv['threshold']:.2f}",
            }
        return self.indicator_names[indicator], change, t(key, self.lang, **values)

    def items(self) -> pd.DataFrame:
        """One row per school and measure, costliest school first; a school's measures in the
        catalogue's order of the indicators they serve."""
        lang, rows = self.lang, []
        for source, target in self.plan.merges:
            students = self.before.loc[source, "students"]
            rows.append(
                (
                    target,
                    t("plan_measure_merge", lang, school=self._name(source)),
                    students,
                    t("plan_unit_students", lang).strip(),
                    self.costs.merge,
                    "",
                    f"{self.before.loc[target, 'students']:,.0f} → "
                    f"{self.after.loc[target, 'students']:,.0f}",
                    t(
                        "plan_why_merge",
                        lang,
                        school=self._name(source),
                        students=f"{students:,.0f}",
                    ),
                    -1,  # a school's merge comes before its measures
                )
            )
        for move in self.plan.moves:
            if move.kind != "transfer":
                continue
            unit = t(COLUMN_UNIT[move.column], lang).strip()
            what = t(COLUMN_LABEL[move.column], lang)
            rank = CATALOGUE_RANK[INDICATOR_OF[move.column]]
            served, change, why = self._reason(move.target, move.column)
            rows.append(
                (
                    move.target,
                    t("plan_measure_rotate_in", lang, what=what, school=self._name(move.source)),
                    move.amount,
                    unit,
                    move.amount * self.costs.rotate,
                    served,
                    change,
                    why,
                    rank,
                )
            )
            served, change, why = self._reason(move.source, move.column, rotate_out=True)
            rows.append(
                (
                    move.source,
                    t("plan_measure_rotate_out", lang, what=what, school=self._name(move.target)),
                    move.amount,
                    unit,
                    0.0,
                    served,
                    change,
                    why,
                    rank,
                )
            )
        for code, row in self.plan.additions.iterrows():
            for measure, (column, cost_field) in MEASURES.items():
                amount = row[measure]
                if amount <= 0:
                    continue
                served, change, why = self._reason(code, column)
                rows.append(
                    (
                        code,
                        t(MEASURE_LABEL[measure], lang),
                        amount,
                        t(COLUMN_UNIT[column], lang).strip(),
                        amount * self._unit_cost(cost_field),
                        served,
                        change,
                        why,
                        CATALOGUE_RANK[INDICATOR_OF[column]],
                    )
                )
        table = pd.DataFrame(
            rows,
            columns=[
                *("code", "measure", "amount", "unit", "cost", "served", "change", "reason"),
                "rank",
            ],
        )
        school_cost = table.groupby("code")["cost"].transform("sum")
        table = table.assign(order=-school_cost).sort_values(
            ["order", "code", "rank"], kind="stable"
        )
        table.insert(0, "school", table["code"].map(self._name))
        return table.drop(columns=["order", "rank"]).reset_index(drop=True)

    def _unit_cost(self, cost_field: str | None) -> float:
        """The unit cost of a measure (MEASURES): a field of Costs, or 1 (face value)."""
        return 1.0 if cost_field is None else getattr(self.costs, cost_field)

    def summary(self) -> pd.DataFrame:
        """Totals per resource (in the catalogue's order of the indicators they serve, then
        rotation and merges): amount, unit, unit cost and cost; the last row is the total."""
        lang, a = self.lang, self.plan.additions
        total = a.sum() if len(a) else pd.Series(0.0, index=a.columns)
        rotated = sum(total.get(f"in_{c}", 0.0) for c in ROTATED)
        rows = [
            *(
                (measure, total.get(measure, 0.0), self._unit_cost(cost_field))
                for measure, (_, cost_field) in MEASURES.items()
            ),
            ("rotate", rotated, self.costs.rotate),
            ("merge", float(len(self.plan.merges)), self.costs.merge),
        ]
        table = pd.DataFrame(
            [
                (
                    t(RESOURCE_LABEL[key][0], lang),
                    amount,
                    t(RESOURCE_LABEL[key][1], lang),
                    price,
                    amount * price,
                )
                for key, amount, price in rows
            ],
            columns=["resource", "amount", "unit", "unit_cost", "cost"],
        )
        total_row = pd.DataFrame(
            [(t("plan_total", lang), np.nan, "", np.nan, table["cost"].sum())],
            columns=table.columns,
        )
        return pd.concat([table, total_row], ignore_index=True)


def labelled(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`table` with its columns named for people (HEADER); columns of whole
    numbers shown as such."""
    shown = table.copy()
    for column in shown.select_dtypes("number").columns:
        values = shown[column].dropna()
        if (values == values.round()).all():
            shown[column] = shown[column].round().astype("Int64")
    return shown.rename(columns={c: t(HEADER[c], lang) for c in shown.columns})


def plan_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per table (names cut to Excel's 31 characters), text cells made safe."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in sheets.items():
            safe = safe_cells(table)
            safe.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            for column in sheet.columns:
                width = max(len(str(cell.value or "")) for cell in column[:200])
                sheet.column_dimensions[column[0].column_letter].width = min(60, width * 1.6 + 2)
            sheet.freeze_panes = "A2"
    return buffer.getvalue()


def _docx_table(document, table: pd.DataFrame) -> None:
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, name in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = clean(str(name))
    for row in table.itertuples(index=False):
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            if value is None or (isinstance(value, float) and pd.isna(value)):
                text = ""
            elif isinstance(value, int | np.integer):
                text = f"{value:,}"
            elif isinstance(value, float):
                text = (
                    f"{value:,.0f}" if abs(value) >= 100 or value.is_integer() else f"{value:,.2f}"
                )
            else:
                text = str(value)
            cell.text = clean(text)
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def plan_docx(
    title: str, lines: list[str], sections: list[tuple[str, pd.DataFrame]], notes: list[str]
) -> bytes:
    """The 补短板 budget sheet: title, the verdict lines, one table per section, notes."""
    document = Document()
    document.add_heading(clean(title), level=1)
    for line in lines:
        document.add_paragraph(clean(line))
    for heading, table in sections:
        document.add_heading(clean(heading), level=2)
        _docx_table(document, table)
    for note in notes:
        document.add_paragraph(clean(note)).runs[0].font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
