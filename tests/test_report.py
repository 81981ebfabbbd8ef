"""Presenter exports: PNG with real Chinese glyphs, SVG, and the county report as .pptx/PDF."""

import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from components import charts
from components.report import figure_image, pdf_report, pptx_report, report_slides

if not Path("/usr/bin/chromium").exists() and os.environ.get("CI") != "true":
    pytest.skip("kaleido needs Chromium", allow_module_level=True)


def title_pixels(title: str) -> np.ndarray:
    fig = charts.cv_gauge(0.3, 0.5, 0.35, title, "")
    png = figure_image(fig, "png", scale=1, width=900, height=320)
    image = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    return image[5:45, 0:500]  # where the title is drawn


def test_png_title_has_real_chinese_glyphs():
    chinese = title_pixels("小学综合差异系数")
    tofu = title_pixels("\ue000" * 8)  # a private-use character: always a missing-glyph box
    assert (chinese < 128).sum() > 200  # ink where the title is
    assert not np.array_equal(chinese, tofu)


def test_svg_export():
    svg = figure_image(charts.cv_gauge(0.3, 0.5, None, "标题", "注"), "svg")
    assert svg.startswith(b"<svg") and "标题".encode() in svg


def test_county_report_pptx_and_pdf():
    gauge = charts.cv_gauge(0.42, 0.5, 0.47, "小学综合差异系数 0.420", "数据来源：示例数据库")
    worst = pd.DataFrame(
        {"学校": ["甲小学", "乙小学"], "达标项": [4, 5], "最低指标/标准": [0.61, 0.8]}
    )
    slides = report_slides(
        [("综合差异系数", gauge)],
        ["小学：尚未达到要求", "- 原因"],
        worst,
        "评估结论",
        "最需关注的学校",
    )
    deck = Presentation(io.BytesIO(pptx_report("新城区监测报告", "优质均衡", slides)))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles == ["新城区监测报告", "评估结论", "综合差异系数", "最需关注的学校"]
    pictures = [sh for s in deck.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pictures) == 1
    table = next(sh for sh in deck.slides[3].shapes if sh.has_table).table
    assert table.cell(1, 0).text == "甲小学" and table.cell(2, 2).text == "0.800"
    pdf = pdf_report("新城区监测报告", "优质均衡", slides)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 4  # title page + 3 slides
