"""Notices of the monitoring loop: the 督导意见书 (a Word document, as bureaus circulate them)
for one school or for all of an inspector's schools, and the open flags as a workbook.
Pure functions from the flag rows to bytes; every text goes in as text, never as markup."""

import datetime as dt
import io

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

# Columns the notices read from a flag row (school_flags + follow-up status).
NOTICE_COLUMNS = ["school_name", "school_code", "stage", "reason_zh", "status", "deadline"]
FONT = "宋体"


def _font(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def notice_docx(
    flags: pd.DataFrame,
    *,
    county_name: str,
    year: int,
    inspector: str,
    contact: str = "",
    addressee: str = "",
    issued: dt.date | None = None,
) -> bytes:
    """督导意见书: the open problems found by the monitoring rules, school by school, with the
    status and deadline of each, and what the school must do. `addressee` is the school (or
    "各相关学校" for an inspector's notice)."""
    issued = issued or dt.date.today()
    document = Document()
    _font(document)
    title = document.add_heading(f"{county_name}义务教育均衡发展责任督学督导意见书", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"{addressee or '各相关学校'}：")
    n_schools = flags["school_code"].nunique()
    document.add_paragraph(
        f"根据{year}年义务教育均衡发展监测数据，经责任督学核查，{n_schools} 所学校共有 "
        f"{len(flags)} 项问题需要关注，具体如下："
    )
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["序号", "学校", "学段", "问题及依据", "状态", "整改期限"], strict=True
    ):
        cell.text = text
    for i, row in enumerate(flags[NOTICE_COLUMNS].itertuples(index=False), start=1):
        deadline = row.deadline if isinstance(row.deadline, dt.date) else None
        values = [
            str(i),
            f"{row.school_name}（{row.school_code}）",
            row.stage if isinstance(row.stage, str) else "全校",
            str(row.reason_zh),
            str(row.status),
            deadline.isoformat() if deadline else "",
        ]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.add_heading("督导意见", level=2)
    for text in (
        "一、对照上表逐项核实数据，属实的制定整改方案，明确责任人和完成时限；",
        "二、涉及资源配置的问题，报请教育、财政部门统筹项目和经费，优先向薄弱学校倾斜；",
        "三、班额、校额超标的，结合招生划片和学位调配逐步消除；",
        "四、整改完成后将佐证材料（照片、文件）报送责任督学，下一年度监测数据将检验整改成效。",
    ):
        document.add_paragraph(text)
    signature = document.add_paragraph(
        f"责任督学：{inspector}" + (f"（{contact}）" if contact else "")
    )
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date = document.add_paragraph(f"{issued.year}年{issued.month}月{issued.day}日")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def flags_xlsx(table: pd.DataFrame, sheet: str = "问题清单") -> bytes:
    """The flags as a workbook; text cells that look like formulas are kept as text."""
    safe = table.copy()
    for column in safe.columns:
        safe[column] = safe[column].map(
            lambda v: (
                "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
            )
        )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=sheet, index=False)
        for column in writer.sheets[sheet].columns:
            writer.sheets[sheet].column_dimensions[column[0].column_letter].width = 18
    return buffer.getvalue()
