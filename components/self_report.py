"""The county's self-evaluation report (自查报告) for the quality-balance evaluation as an
editable Word document, in the order a supervision team reads it: the conclusion, basic facts,
the 32 items, the CV tables of both stages, the schools below standard, the problems found and
the rectification (with the pace estimate and columns for the bureau to fill in)."""

import io
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from components.i18n import localised, t
from components.numbers import fmt
from components.pace import PACE_YEARS, STATUS_TEXT, pace_table
from components.scorecard import MET, NOT_MET, scorecard_table
from data.catalogue import STAGES, STANDARD_SETS_BY_YEAR

VERDICT_TEXT = {
    "pass": "report_pass",
    "fail": "report_fail",
    "cannot_judge": "report_cannot_judge",
}
FAIL_RGB = RGBColor(0xC0, 0x39, 0x00)
CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])  # not allowed in XML text


@dataclass(frozen=True)
class ReportData:
    """Everything the report says, each from one query: facts (province_report_facts), items
    (report_items), cvs (county_cv rows of this year, both stages, quality2017, with a stage
    column), composite (county_verdicts rows of this year for basic2012), verdicts (the same
    for quality2017), schools (province_report_schools) and pace (pace_table rows of both
    stages, with a stage column)."""

    county: str
    year: int
    facts: pd.DataFrame
    items: pd.DataFrame
    cvs: pd.DataFrame
    composite: pd.DataFrame
    verdicts: pd.DataFrame
    schools: pd.DataFrame
    pace: pd.DataFrame


def report_items(resources: pd.DataFrame, checklist: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The 32 items as report rows, as the overview's scorecard states them (scorecard_table):
    group, item, value, target, met (True / False; None when not yet reported or not
    judgeable) and note (the bureau's evidence note, else where the value came from)."""
    table = scorecard_table(resources, checklist, lang)
    met = table["status"].map({MET: True, NOT_MET: False})
    return pd.DataFrame(
        {
            "group": table["group"],
            "item": table["item"],
            "value": table["value"],
            "target": table["target"],
            "met": met.astype(object).where(met.notna(), None),
            "note": [
                n if n else source for n, source in zip(table["note"], table["source"], strict=True)
            ],
        }
    )


def in_stage_order(rows: pd.DataFrame) -> pd.DataFrame:
    """小学 before 初中 (a plain sort puts 初中 first)."""
    return rows.sort_values("stage", key=lambda s: s.map(STAGES.index))


def gather(
    fetch: Callable[..., pd.DataFrame],
    *,
    county_code: str,
    county_name: str,
    province_code: str,
    year: int,
    lang: str,
) -> ReportData:
    """The report's data, each part from its query; `fetch(name, **params)` runs
    queries/<name>.sql (the app's cached query, or loader.run on a connection)."""
    cvs, pace = [], []
    for stage in STAGES:
        every_year = fetch(
            "county_indicator_cv", county=county_code, stage=stage, standard_set="quality2017"
        )
        cvs.append(every_year[every_year["year"] == year].assign(stage=stage))
        fitted = pace_table(every_year, last_years=PACE_YEARS, up_to=year, target_year=year)
        pace.append(fitted.assign(stage=stage))
    verdicts = {
        standard: fetch("county_verdict", county=county_code, standard_set=standard)
        for standard in STANDARD_SETS_BY_YEAR
    }
    checklist = fetch("province_checklist", province=province_code, year=year)
    return ReportData(
        county=county_name,
        year=year,
        facts=fetch("province_report_facts", county=county_code, year=year),
        items=report_items(
            fetch("resource_scorecard", county=county_code, year=year),
            checklist[checklist["county_code"] == county_code],
            lang,
        ),
        cvs=pd.concat(cvs, ignore_index=True),
        composite=in_stage_order(verdicts["basic2012"][verdicts["basic2012"]["year"] == year]),
        verdicts=in_stage_order(verdicts["quality2017"][verdicts["quality2017"]["year"] == year]),
        schools=fetch("province_report_schools", county=county_code, year=year),
        pace=pd.concat(pace, ignore_index=True),
    )


def met_text(met: bool | None, lang: str) -> str:
    if met is None or pd.isna(met):
        return t("report_not_reported", lang)
    return t("yes" if met else "no", lang)


def problems_found(data: ReportData, lang: str) -> list[tuple[str, tuple | None]]:
    """One line per problem, with (stage, indicator) for a CV over its line: each CV over its
    line, each stage's schools below the rule, each county item not met, each 2012
    composite over its line."""
    name = localised("name", lang)
    lines: list[tuple[str, tuple | None]] = []
    for row in data.cvs[~data.cvs["passes"].fillna(False).astype(bool)].itertuples():
        text = t(
            "report_problem_cv",
            lang,
            stage=t(row.stage, lang),
            indicator=getattr(row, name),
            cv=f"{row.cv:.3f}" if not pd.isna(row.cv) else "—",
            line=f"{row.threshold:.2f}",
        )
        lines.append((text, (row.stage, row.indicator)))
    for stage in STAGES:
        n = int((data.schools["stage"] == stage).sum())
        if n:
            lines.append((t("report_problem_schools", lang, stage=t(stage, lang), n=n), None))
    for row in data.items.itertuples():
        if row.met is False and row.group != t("group_resource", lang):
            text = t("report_problem_item", lang, item=row.item, value=row.value, target=row.target)
            lines.append((text, None))
    for row in data.composite[data.composite["status"] == "fail"].itertuples():
        text = t(
            "report_problem_composite",
            lang,
            stage=t(row.stage, lang),
            cv=f"{row.composite_cv:.3f}" if not pd.isna(row.composite_cv) else "—",
            line=f"{row.threshold:.2f}",
        )
        lines.append((text, None))
    return lines


def pace_text(pace: pd.DataFrame, key: tuple | None, lang: str) -> str:
    """The pace estimate for a CV problem (stage, indicator): the year the fitted line
    crosses, or why there is none."""
    if key is None or pace.empty:
        return "—"
    found = pace[(pace["stage"] == key[0]) & (pace["indicator"] == key[1])]
    if found.empty:
        return "—"
    row = found.iloc[0]
    if row["status"] in ("too_few_years", "not_falling"):
        return t(STATUS_TEXT[row["status"]], lang)
    return t("report_pace", lang, year=int(row["crossing"]))


def _table(
    document: Document,
    header: list[str],
    rows: list[list[str]],
    widths: tuple[float, ...] = (),
    flagged: str | None = None,
) -> None:
    """A bordered table with a bold header row; `widths` in cm; cells equal to `flagged` (the
    word for "no") in red, so an unmet item stands out in print."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = not widths
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = str(text).translate(CONTROL)
            if flagged is not None and text == flagged:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
                    run.font.color.rgb = FAIL_RGB
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9.5)
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)  # the grid, which LibreOffice and WPS lay out by
    document.add_paragraph()


def _new_document() -> Document:
    document = Document()
    section = document.sections[0]  # A4, as Chinese official documents are printed
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")  # Chinese text in 宋体
    for style in ("Title", "Heading 1", "Heading 2"):
        fonts = document.styles[style].element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), "SimHei")  # headings in 黑体
    return document


def self_report_docx(data: ReportData, *, lang: str) -> bytes:
    """The self-evaluation report as .docx bytes (every table editable)."""
    name = localised("name", lang)
    document = _new_document()
    title = document.add_heading(t("report_doc_title", lang, county=data.county, year=data.year), 0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(t("report_doc_intro", lang))

    document.add_heading(t("report_h_conclusion", lang), 1)
    for row in data.verdicts.itertuples():
        document.add_paragraph(
            t(
                "report_verdict_line",
                lang,
                stage=t(row.stage, lang),
                verdict=t(VERDICT_TEXT[row.status], lang),
                within=int(row.n_cv_passing),
                n=int(row.n_indicators),
                compliant=int(row.n_compliant),
                schools=int(row.n_schools),
            ),
            style="List Bullet",
        )

    document.add_heading(t("report_h_facts", lang), 1)
    _table(
        document,
        [t(k, lang) for k in ("stage", "report_schools", "report_pupils", "report_classes")]
        + [t("report_teachers", lang)],
        [
            [
                t(r.stage, lang),
                f"{int(r.n_schools)}",
                f"{int(r.students):,}",
                f"{int(r.classes):,}",
                f"{int(r.teachers):,}",
            ]
            for r in data.facts.itertuples()
        ],
    )

    document.add_heading(t("report_h_items", lang), 1)
    n_met = int(data.items["met"].eq(True).sum())
    document.add_paragraph(t("scorecard_summary", lang, met=n_met, total=len(data.items)))
    _table(
        document,
        [t(k, lang) for k in ("col_category", "col_item", "col_value", "col_target", "col_met")]
        + [t("report_evidence", lang)],
        [
            [r.group, r.item, r.value, r.target, met_text(r.met, lang), r.note]
            for r in data.items.itertuples()
        ],
        widths=(1.9, 4.3, 5.3, 2.4, 1.2, 1.9),
        flagged=t("no", lang),
    )

    document.add_heading(t("report_h_cvs", lang), 1)
    for stage in STAGES:
        part = data.cvs[data.cvs["stage"] == stage]
        if part.empty:
            continue
        document.add_heading(t("report_cv_table", lang, stage=t(stage, lang)), 2)
        _table(
            document,
            [t(k, lang) for k in ("col_item", "report_cv", "threshold", "report_within")],
            [
                [
                    getattr(r, name),
                    fmt(r.cv),
                    f"≤ {r.threshold:.2f}",
                    t("yes" if r.passes is True else "no", lang),
                ]
                for r in part.itertuples()
            ],
            widths=(8.5, 3.0, 3.0, 2.5),
            flagged=t("no", lang),
        )
    for row in data.composite.itertuples():
        document.add_paragraph(
            t(
                "report_composite_line",
                lang,
                stage=t(row.stage, lang),
                cv=fmt(row.composite_cv),
                line=f"{row.threshold:.2f}",
            )
        )

    document.add_heading(t("report_h_schools", lang), 1)
    weakest = localised("weakest", lang)
    if data.schools.empty:
        document.add_paragraph(t("report_no_schools", lang))
    else:
        _table(
            document,
            [t(k, lang) for k in ("stage", "col_school", "popup_met", "report_min_ratio")]
            + [t("report_weakest", lang)],
            [
                [
                    t(r.stage, lang),
                    str(r.school_name),
                    f"{int(r.n_met)} / {int(r.n_indicators)}",
                    f"{r.min_ratio:.1%}",
                    str(getattr(r, weakest) or "—"),
                ]
                for r in data.schools.itertuples()
            ],
            widths=(1.6, 6.0, 2.2, 2.6, 4.6),
        )

    document.add_heading(t("report_h_problems", lang), 1)
    problems = problems_found(data, lang)
    for line, _ in problems or [(t("report_no_problems", lang), None)]:
        document.add_paragraph(line, style="List Number")

    document.add_heading(t("report_h_rectification", lang), 1)
    document.add_paragraph(t("report_rectification_intro", lang))
    _table(
        document,
        [t(k, lang) for k in ("report_problem", "report_pace_col", "report_measure")]
        + [t("report_owner", lang), t("report_deadline", lang)],
        [[line, pace_text(data.pace, key, lang), "", "", ""] for line, key in problems],
        widths=(6.0, 2.6, 4.4, 2.0, 2.0),
    )
    document.add_paragraph(t("report_footer", lang))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
