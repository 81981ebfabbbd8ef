"""Static images and county reports for presenters: PNG/SVG of any chart (kaleido with the
system Chromium, so Chinese renders with the installed CJK fonts), and a county report as
.pptx or PDF built from the same figures as the pages."""

import io
from dataclasses import dataclass

import kaleido
import pandas as pd
import plotly.graph_objects as go
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.util import Emu, Pt

from components.text import clean

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
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


def pptx_report(title: str, subtitle: str, slides: list[Slide]) -> bytes:
    """A 16:9 deck: title slide, then one slide per item (picture, bullet lines or table)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = clean(title)
    first.placeholders[1].text = clean(subtitle)
    for item in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        slide.shapes.title.text = clean(item.title)
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
        top = Emu(1_300_000)
        if item.image is not None:
            picture = Image.open(io.BytesIO(item.image))
            width = SLIDE_W - Emu(800_000)
            height = int(width * picture.height / picture.width)
            if height > SLIDE_H - top - Emu(200_000):
                height = SLIDE_H - top - Emu(200_000)
                width = int(height * picture.width / picture.height)
            slide.shapes.add_picture(
                io.BytesIO(item.image), (SLIDE_W - width) // 2, top, width, height
            )
        if item.lines:
            box = slide.shapes.add_textbox(
                Emu(600_000), top, SLIDE_W - Emu(1_200_000), SLIDE_H - top - Emu(400_000)
            ).text_frame
            box.word_wrap = True
            for i, line in enumerate(item.lines):
                paragraph = box.paragraphs[0] if i == 0 else box.add_paragraph()
                paragraph.text = clean(line)
                paragraph.font.size = Pt(24 if i == 0 else 20)
                paragraph.font.bold = i == 0
        if item.table is not None:
            add_table(slide, item.table, top)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def add_table(slide, table: pd.DataFrame, top: int) -> None:
    rows, cols = len(table) + 1, len(table.columns)
    shape = slide.shapes.add_table(
        rows, cols, Emu(500_000), top, SLIDE_W - Emu(1_000_000), Emu(400_000) * rows
    )
    for j, column in enumerate(table.columns):
        shape.table.cell(0, j).text = clean(column)
    for i, row in enumerate(table.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            cell = shape.table.cell(i, j)
            cell.text = f"{value:.3f}" if isinstance(value, float) else clean(value)
            cell.text_frame.paragraphs[0].font.size = Pt(14)


def pdf_report(title: str, subtitle: str, slides: list[Slide]) -> bytes:
    """The same report as a PDF of landscape pages (drawn with the CJK font, so it needs no
    office software and no network)."""
    pages = [text_page(title, [subtitle], big=True)]
    for item in slides:
        lines = list(item.lines)
        if item.table is not None:
            lines += ["  ·  ".join(str(c) for c in item.table.columns)] + [
                "  ·  ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row)
                for row in item.table.itertuples(index=False)
            ]
        page = text_page(item.title, lines)
        if item.image is not None:
            picture = Image.open(io.BytesIO(item.image)).convert("RGB")
            picture.thumbnail((page.width - 120, page.height - 200))
            page.paste(picture, ((page.width - picture.width) // 2, 160))
        pages.append(page)
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=150)
    return buffer.getvalue()


def text_page(title: str, lines: list[str], big: bool = False) -> Image.Image:
    page = Image.new("RGB", (1754, 1240), "white")  # A4 landscape at 150 dpi
    draw = ImageDraw.Draw(page)
    heading = ImageFont.truetype(CJK_BOLD, 64 if big else 44)
    body = ImageFont.truetype(CJK_FONT, 30)
    y = 480 if big else 60
    draw.text((80, y), clean(title), font=heading, fill="#111")
    y += 120 if big else 90
    for line in lines:
        draw.text((80, y), clean(line), font=body, fill="#333")
        y += 46
    return page


def report_slides(
    figures: list[tuple[str, go.Figure]],
    verdict_lines: list[str],
    worst: pd.DataFrame,
    verdict_title: str,
    worst_title: str,
) -> list[Slide]:
    """The county report: verdict, then each chart as a picture, then the weakest schools."""
    slides = [Slide(verdict_title, lines=tuple(verdict_lines))]
    slides += [Slide(title, image=figure_image(fig, "png", scale=2)) for title, fig in figures]
    slides.append(Slide(worst_title, table=worst))
    return slides
