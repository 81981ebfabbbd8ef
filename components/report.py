"""Static images and county reports for presenters: PNG/SVG of any chart (kaleido with the
system Chromium, so Chinese renders with the installed CJK fonts), and a county report as
.pptx or PDF built from the same figures as the pages."""

import io
from dataclasses import dataclass

import kaleido
import pandas as pd
import plotly.graph_objects as go
from fpdf import FPDF, FontFace
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from components.i18n import localised, t
from components.presenting import scaled_spec
from components.text import clean

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
CJK_SC = 2  # Noto Sans CJK SC in the collection (JP, KR, SC, TC, HK, …)
SLIDE_W, SLIDE_H = Emu(12_192_000), Emu(6_858_000)  # 16:9
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# kaleido's page loads MathJax from a public CDN by default, in a Chromium started with web
# security off: on an intranet that stalls, and a tampered response could read local files.
# Nothing here uses LaTeX, so the page carries plotly.js (a local file) and nothing else; and
# every request Chromium would still make (its own update and time checks) goes to a proxy
# address on this machine that refuses it, so no request leaves the server.
NO_NETWORK_PROXY = "http://127.0.0.1:9"
KALEIDO_OPTIONS = {"mathjax": False, "proxy_server": NO_NETWORK_PROXY}
_server_started = False


def figure_image(
    fig: go.Figure | dict,
    fmt: str = "png",
    scale: float = 3,
    width: int = 1280,
    height: int | None = None,
) -> bytes:
    """A chart as PNG (scale × pixels) or SVG; one Chromium is kept for the process."""
    global _server_started
    if not _server_started:
        kaleido.start_sync_server(silence_warnings=True, **KALEIDO_OPTIONS)
        _server_started = True
    fig = go.Figure(fig)
    return fig.to_image(
        format=fmt, scale=scale, width=width, height=height or fig.layout.height or 520
    )


@dataclass
class Slide:
    title: str
    image: bytes | None = None  # PNG
    lines: tuple[str, ...] = ()
    table: pd.DataFrame | None = None
    note: str = ""  # a source line under a chart


# A 16:9 slide is 13.33 × 7.5 in; every text on it is at least MIN_PT (readable from the back
# of a meeting room), a table holds at most TABLE_ROWS rows a slide (more go on the next one).
INCH = 914_400
MARGIN = Emu(INCH // 2)
TITLE_PT, HEADLINE_PT, LINE_PT, MIN_PT = 30, 26, 22, 18
TITLE_TOP, TITLE_H = Emu(INCH * 3 // 10), Emu(INCH * 9 // 10)
BODY_TOP = TITLE_TOP + TITLE_H + Emu(INCH // 10)
NOTE_H = Emu(INCH * 45 // 100)
ROW_H = Emu(INCH * 46 // 100)
TABLE_ROWS = 10
# Charts are drawn at this size (CSS px) and placed on the slide's body (about 89 px an inch):
# text × 1.15 and at least 16 px, about 13–18 pt on the slide. A grid of small gauges keeps
# its sizes (its titles sit side by side).
CHART_W, CHART_H = 1100, 480
CHART_SCALE, CHART_MIN_PX = 1.15, 16


def pptx_report(title: str, subtitle: str, slides: list[Slide]) -> bytes:
    """A 16:9 deck: a title slide, then per item a slide whose body the item fills (a chart
    picture, lines of text, a real table, or lines above a table); text ≥ 18 pt; a table too
    long for one slide continues on the next."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = clean(title)
    _font(first.shapes.title.text_frame, 40, bold=True)
    first.placeholders[1].text = clean(subtitle)
    _font(first.placeholders[1].text_frame, 22)
    for item in slides:
        for part in _parts(item):
            _add_slide(deck, part)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _parts(item: Slide) -> list[Slide]:
    """A slide, or several when its table has more rows than fit (the title says 续 / cont.)."""
    if item.table is None or len(item.table) <= _rows_that_fit(item.lines):
        return [item]
    first = _rows_that_fit(item.lines)
    parts = [Slide(item.title, lines=item.lines, table=item.table.iloc[:first], note=item.note)]
    rest = item.table.iloc[first:]
    for start in range(0, len(rest), TABLE_ROWS):
        parts.append(Slide(f"{item.title} (…)", table=rest.iloc[start : start + TABLE_ROWS]))
    return parts


def _rows_that_fit(lines: tuple[str, ...]) -> int:
    """Data rows that fit under the lines (and a header row) on one slide."""
    room = SLIDE_H - Emu(INCH // 4) - BODY_TOP - (_lines_height(lines) if lines else 0)
    return max(3, min(TABLE_ROWS, int(room // ROW_H) - 1))


def _lines_height(lines: tuple[str, ...]) -> int:
    return Emu(INCH * 55 // 100) * len(lines) + Emu(INCH // 5)


def _add_slide(deck, item: Slide) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    heading = slide.shapes.title
    heading.left, heading.top, heading.width, heading.height = (
        MARGIN,
        TITLE_TOP,
        SLIDE_W - 2 * MARGIN,
        TITLE_H,
    )
    heading.text = clean(item.title)
    heading.text_frame.word_wrap = True
    _font(heading.text_frame, TITLE_PT, bold=True)
    heading.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    top = BODY_TOP
    bottom = SLIDE_H - Emu(INCH // 4) - (NOTE_H if item.note else 0)
    width = SLIDE_W - 2 * MARGIN
    if item.lines:
        height = _lines_height(item.lines)
        if item.table is None and item.image is None:
            height = bottom - top
        frame = slide.shapes.add_textbox(MARGIN, top, width, height).text_frame
        frame.word_wrap = True
        for i, line in enumerate(item.lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = clean(line)
            paragraph.font.size = Pt(HEADLINE_PT if i == 0 else LINE_PT)
            paragraph.font.bold = i == 0
            paragraph.space_after = Pt(6)
        top += height
    if item.image is not None:
        picture = Image.open(io.BytesIO(item.image))
        room_w, room_h = width, bottom - top
        pic_w = room_w
        pic_h = int(pic_w * picture.height / picture.width)
        if pic_h > room_h:
            pic_h = room_h
            pic_w = int(pic_h * picture.width / picture.height)
        slide.shapes.add_picture(
            io.BytesIO(item.image), MARGIN + (room_w - pic_w) // 2, top, pic_w, pic_h
        )
        top += pic_h
    if item.table is not None:
        add_table(slide, item.table, top)
    if item.note:
        frame = slide.shapes.add_textbox(
            MARGIN, SLIDE_H - Emu(INCH // 4) - NOTE_H, width, NOTE_H
        ).text_frame
        frame.word_wrap = True
        frame.text = clean(item.note)
        _font(frame, MIN_PT, colour=RGBColor(0x55, 0x55, 0x55))


def _font(frame, size: int, bold: bool = False, colour: RGBColor | None = None) -> None:
    for paragraph in frame.paragraphs:
        for run in paragraph.runs or []:
            run.font.size = Pt(size)
            run.font.bold = bold
            if colour is not None:
                run.font.color.rgb = colour
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold


def cell_text(value: object) -> str:
    """A table cell as text: floats to 3 decimals (CVs), the rest as given (already formatted:
    "4 / 7", "61.0%")."""
    if isinstance(value, float):
        return "" if pd.isna(value) else f"{value:.3f}"
    return clean(value)


def add_table(slide, table: pd.DataFrame, top: int) -> None:
    """A real pptx table: header row bold, every cell at least 18 pt, widths by content."""
    rows, cols = len(table) + 1, len(table.columns)
    width = SLIDE_W - 2 * MARGIN
    shape = slide.shapes.add_table(rows, cols, MARGIN, top, width, ROW_H * rows)
    texts = [[clean(c) for c in table.columns]] + [
        [cell_text(v) for v in row] for row in table.itertuples(index=False)
    ]
    lengths = [max(_text_width(r[j]) for r in texts) + 2 for j in range(cols)]
    for j, column in enumerate(shape.table.columns):
        column.width = int(width * lengths[j] / sum(lengths))
    for i, row in enumerate(texts):
        shape.table.rows[i].height = ROW_H
        for j, text in enumerate(row):
            cell = shape.table.cell(i, j)
            cell.text = text
            cell.margin_top = cell.margin_bottom = Emu(INCH // 30)
            _font(cell.text_frame, MIN_PT, bold=i == 0)
            if j > 0 and i > 0 and _is_number(text):
                cell.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT


def _text_width(text: str) -> int:
    """Rough width in half-em: CJK characters count two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _is_number(text: str) -> bool:
    return bool(text) and text.replace(".", "").replace("%", "").replace(" / ", "").isdigit()


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("cjk", "", 9)
        self.set_text_color(120, 120, 120)
        self.cell(0, 6, str(self.page_no()), align="R")


def pdf_report(title: str, subtitle: str, slides: list[Slide]) -> bytes:
    """The same report as an A4 landscape PDF with real text (copyable, searchable): headings,
    lines and tables are drawn as text in the embedded CJK font, charts as pictures. Needs no
    office software and no network."""
    pdf = _Pdf(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font("cjk", "", CJK_FONT, collection_font_number=CJK_SC)
    pdf.add_font("cjk", "B", CJK_BOLD, collection_font_number=CJK_SC)
    pdf.set_title(clean(title))
    pdf.add_page()
    pdf.set_y(80)
    pdf.set_font("cjk", "B", 28)
    pdf.multi_cell(0, 14, clean(title), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(4)
    pdf.set_font("cjk", "", 14)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(0, 8, clean(subtitle), new_x="LMARGIN", new_y="NEXT", align="L")
    for item in slides:
        pdf.add_page()
        pdf.set_text_color(20, 20, 20)
        pdf.set_font("cjk", "B", 20)
        pdf.multi_cell(0, 10, clean(item.title), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(2)
        for i, line in enumerate(item.lines):
            pdf.set_font("cjk", "B" if i == 0 else "", 15 if i == 0 else 13)
            pdf.multi_cell(0, 8, clean(line), new_x="LMARGIN", new_y="NEXT", align="L")
        if item.lines:
            pdf.ln(3)
        if item.image is not None:
            room = pdf.h - pdf.get_y() - 16 - (8 if item.note else 0)
            picture = Image.open(io.BytesIO(item.image))
            w = pdf.epw
            h = w * picture.height / picture.width
            if h > room:
                h, w = room, room * picture.width / picture.height
            pdf.image(io.BytesIO(item.image), x=pdf.l_margin + (pdf.epw - w) / 2, w=w, h=h)
        if item.table is not None:
            _pdf_table(pdf, item.table)
        if item.note:
            pdf.set_font("cjk", "", 10)
            pdf.set_text_color(90, 90, 90)
            pdf.multi_cell(0, 6, clean(item.note), new_x="LMARGIN", new_y="NEXT", align="L")
    return bytes(pdf.output())


def _pdf_table(pdf: FPDF, table: pd.DataFrame, size: int = 12) -> None:
    texts = [[cell_text(v) for v in row] for row in table.itertuples(index=False)]
    header = [clean(c) for c in table.columns]
    every = [header, *texts]
    lengths = [  # by the longest text, never narrower than its longest word
        max(
            min(max(_text_width(r[j]) for r in every), 40),
            max(_text_width(w) for r in texts for w in r[j].split() or [""]),
            round(max(_text_width(w) for w in header[j].split() or [""]) * 1.3),  # bold
        )
        + 2
        for j in range(len(header))
    ]
    pdf.set_font("cjk", "", size)
    pdf.set_draw_color(180, 180, 180)
    with pdf.table(
        col_widths=tuple(lengths),
        text_align="LEFT",
        line_height=size * 0.6,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
    ) as drawn:
        for row in [header, *texts]:
            cells = drawn.row()
            for text in row:
                cells.cell(text)


def without_title(fig: go.Figure) -> tuple[go.Figure, str]:
    """The figure without its title and subtitle (the slide's title says it; the source goes
    under the chart as text), and that subtitle."""
    fig = go.Figure(fig)
    subtitle = fig.layout.title.subtitle.text or ""
    fig.update_layout(title={"text": "", "subtitle": {"text": ""}})
    top = 70 if fig.layout.legend.orientation == "h" and fig.layout.showlegend else 30
    fig.update_layout(margin={"t": top})
    return fig, subtitle


def chart_picture(fig: go.Figure) -> tuple[bytes, str]:
    """A chart as a slide picture: no title of its own, text scaled for the room (≥ 18 px at
    CHART_W, about 18 pt on the slide), drawn at 2× for sharpness; and its source line."""
    bare, note = without_title(fig)
    spec = bare.to_dict()
    gauges = sum(trace.get("type") == "indicator" for trace in spec["data"])
    spec = scaled_spec(spec, 1 if gauges > 2 else CHART_SCALE, CHART_MIN_PX)
    spec["layout"]["height"] = CHART_H
    return figure_image(spec, "png", scale=2, width=CHART_W, height=CHART_H), note


def cv_rows(cvs: pd.DataFrame, name_column: str, lang: str) -> pd.DataFrame:
    """The CV of each indicator as the report shows it (county_cv rows of one year and
    stage): indicator, CV to 3 decimals, the line, within or over."""
    within, over = t("report_cv_within", lang), t("report_cv_over", lang)
    return pd.DataFrame(
        {
            t("report_col_indicator", lang): cvs[name_column].to_numpy(),
            t("report_col_cv", lang): [f"{v:.3f}" for v in cvs["cv"].astype(float)],
            t("report_col_line", lang): [f"{v:.2f}" for v in cvs["threshold"].astype(float)],
            t("report_col_within", lang): [
                "—" if pd.isna(p) else (within if p else over) for p in cvs["passes"]
            ],
        }
    )


def weakest_schools(compliance: pd.DataFrame, lang: str, n: int = 10) -> pd.DataFrame:
    """The n schools furthest from the standards (school_compliance rows): standards met as
    "n / 7", the lowest value as a share of its standard ("61.0%"), and that indicator."""
    rows = compliance.nsmallest(n, "min_ratio")
    weakest = localised("weakest", lang)
    return pd.DataFrame(
        {
            t("col_school", lang): rows["school_name"].to_numpy(),
            t("popup_met", lang): [
                f"{int(m)} / {int(k)}"
                for m, k in zip(rows["n_met"], rows["n_indicators"], strict=True)
            ],
            t("report_min_ratio", lang): [
                "" if pd.isna(r) else f"{float(r):.1%}" for r in rows["min_ratio"]
            ],
            t("report_weakest", lang): rows[weakest].fillna("").to_numpy(),
        }
    )


def report_slides(
    figures: list[tuple[str, go.Figure]],
    verdict_lines: list[str],
    worst: pd.DataFrame,
    verdict_title: str,
    worst_title: str,
    cvs: pd.DataFrame | None = None,
) -> list[Slide]:
    """The county report: the verdict with the CV of each indicator (a table), each chart
    filling its slide under its title (the chart's own title left out), the weakest schools
    (a table)."""
    slides = [Slide(verdict_title, lines=tuple(verdict_lines), table=cvs)]
    for title, fig in figures:
        image, note = chart_picture(fig)
        slides.append(Slide(title, image=image, note=note))
    slides.append(Slide(worst_title, table=worst))
    return slides


def school_report_pdf(
    facts: pd.DataFrame,
    indicators: pd.DataFrame,
    compliance: pd.DataFrame,
    county: str,
    year: int,
    stage: str,
    lang: str,
    note: str,
) -> bytes:
    """学校档案 as one A4 page with real text: the school's facts, whether it meets the 2017
    school rule (n / 7 and its lowest share of a standard, from school_compliance), and each
    indicator against its standard and the county mean (school_history rows of one year),
    values rounded to their unit's precision as the export does."""
    from components.export import decimals  # a leaf module; imported here to keep the order

    fact = facts.iloc[0]
    school, code = str(fact["school_name"]), str(fact["school_code"])
    name, unit = localised("name", lang), localised("unit", lang)
    pdf = _Pdf(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_font("cjk", "", CJK_FONT, collection_font_number=CJK_SC)
    pdf.add_font("cjk", "B", CJK_BOLD, collection_font_number=CJK_SC)
    pdf.set_title(clean(f"{school} {year}"))
    pdf.add_page()
    pdf.set_font("cjk", "B", 18)
    heading = t("school_report_title", lang, school=school, year=year, stage=t(stage, lang))
    pdf.multi_cell(0, 9, clean(heading), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font("cjk", "", 11)
    pdf.set_text_color(70, 70, 70)
    facts_line = t(
        "school_report_facts",
        lang,
        code=code,
        county=county,
        type=fact["school_type"],
        group=t(fact["urban_rural_group"], lang),
        township=fact["township"] or "—",
        students=int(fact["students"]),
        teachers=int(fact["teachers"]),
        classes=int(fact["classes"]),
    )
    pdf.multi_cell(0, 6, clean(facts_line), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(3)
    pdf.set_text_color(20, 20, 20)
    mine = compliance[compliance["school_code"] == code]
    if not mine.empty:
        row = mine.iloc[0]
        verdict = t(
            "school_report_meets" if bool(row["compliant"]) else "school_report_not_meets",
            lang,
            n=int(row["n_met"]),
            total=int(row["n_indicators"]),
            share=f"{float(row['min_ratio']):.1%}",
            weakest=row[localised("weakest", lang)] or "—",
        )
        pdf.set_font("cjk", "B", 13)
        pdf.multi_cell(0, 7, clean(verdict), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(2)
    yes, no = t("export_yes", lang), t("export_no", lang)
    rows = []
    for item in indicators.sort_values("sort_order").itertuples():
        places = decimals(item.unit_zh)
        standard = item.standard_value
        has_standard = not pd.isna(standard)
        rows.append(
            (
                getattr(item, name),
                getattr(item, unit),
                f"{item.value:.{places}f}",
                f"{item.county_mean:.{places}f}",
                f"{standard:.{places}f}" if has_standard else "—",
                f"{item.value / standard:.0%}" if has_standard and standard else "—",
                (yes if item.meets_standard else no) if has_standard else "—",
            )
        )
    header = [t(key, lang) for key in SCHOOL_COLUMNS.values()]
    table = pd.DataFrame(rows, columns=header)
    _pdf_table(pdf, table, size=10)
    pdf.ln(3)
    pdf.set_font("cjk", "", 9)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(
        0, 5, clean(t("school_report_note", lang) + " " + note), new_x="LMARGIN", align="L"
    )
    return bytes(pdf.output())


# The school report's columns → their headings (components/i18n.py).
SCHOOL_COLUMNS = {
    "indicator": "school_report_col_indicator",
    "unit": "school_report_col_unit",
    "value": "school_report_col_value",
    "mean": "school_report_col_mean",
    "standard": "school_report_col_standard",
    "share": "school_report_col_share",
    "met": "school_report_col_met",
}
