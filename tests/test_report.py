"""Presenter exports: PNG with real Chinese glyphs, SVG, and the county report as .pptx/PDF."""

import io
import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from components import charts
from components.report import (
    cv_rows,
    figure_image,
    pdf_report,
    pptx_report,
    report_slides,
    school_report_pdf,
    weakest_schools,
)
from queries.loader import run

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
        {"学校": ["甲小学", "乙小学"], "达标项": ["4 / 7", "5 / 7"], "比例": [0.61, 0.8]}
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
    assert table.cell(1, 1).text == "4 / 7"
    pdf = pdf_report("新城区监测报告", "优质均衡", slides)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 4  # title page + 3 slides


@pytest.fixture(scope="module")
def county_report(demo_con):
    """新城区 2017, 小学, quality 2017: the slides the overview builds, from the demo DB."""
    cvs = run(
        demo_con, "county_indicator_cv", county="610102", stage="小学", standard_set="quality2017"
    )
    now = cvs[cvs["year"] == 2017]
    compliance = run(demo_con, "school_compliance", county="610102", year=2017, stage="小学")
    trend = charts.cv_trend(
        cvs,
        name_column="name_zh",
        title="小学各指标差异系数",
        note="数据来源：示例数据库",
        axis_cv="差异系数",
        axis_year="年份",
        threshold_label="标准线",
    )
    gauge = charts.cv_gauge(float(now["cv"].max()), 0.5, None, "小学：最高差异系数", "注")
    slides = report_slides(
        [("小学：最高差异系数", gauge), ("小学各指标差异系数", trend)],
        ["小学：尚未达到优质均衡 (2017)要求", "44 所学校未达到"],
        weakest_schools(compliance, "zh"),
        "评估结论",
        "最需关注的学校",
        cv_rows(now, "name_zh", "zh"),
    )
    return slides, now, compliance


def text_sizes(deck) -> list[float]:
    """Every run's font size in points (a run without its own size takes its paragraph's)."""
    sizes = []
    for slide in deck.slides:
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if shape.has_table:
                frames += [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for piece in paragraph.runs:
                        if piece.text.strip():
                            size = piece.font.size or paragraph.font.size
                            assert size is not None, piece.text
                            sizes.append(size.pt)
    return sizes


def test_county_deck_text_at_least_18pt_real_tables_filled_slides(county_report):
    slides, now, compliance = county_report
    deck = Presentation(
        io.BytesIO(pptx_report("新城区义务教育均衡发展监测（2017年）", "优质均衡", slides))
    )
    assert deck.slide_width * 9 == deck.slide_height * 16  # 16:9
    sizes = text_sizes(deck)
    assert sizes and min(sizes) >= 18
    verdict = deck.slides[1]
    table = next(sh for sh in verdict.shapes if sh.has_table).table
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["指标", "差异系数", "标准线", "是否在线内"]
    assert {r[0]: r[1] for r in rows[1:]} == {
        name: f"{cv:.3f}" for name, cv in zip(now["name_zh"], now["cv"], strict=True)
    }
    assert len(rows) == 8 and "综合" not in " ".join(" ".join(r) for r in rows)  # no composite
    for slide in list(deck.slides)[2:4]:  # charts fill the body: ≥ 80 % of the slide's width
        picture = next(sh for sh in slide.shapes if sh.shape_type == 13)
        assert picture.width >= 0.8 * deck.slide_width or picture.height >= 0.7 * deck.slide_height
    worst = next(sh for sh in deck.slides[4].shapes if sh.has_table).table
    first = compliance.nsmallest(1, "min_ratio").iloc[0]
    assert [c.text for c in worst.rows[1].cells][:3] == [
        first["school_name"],
        f"{int(first['n_met'])} / 7",
        f"{first['min_ratio'] * 100:.1f}%",
    ]


def pdf_text(pdf: bytes, folder: Path) -> str:
    """The PDF's text as poppler's pdftotext extracts it (what a reader copies)."""
    if not Path("/usr/bin/pdftotext").exists() and os.environ.get("CI") != "true":
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_county_pdf_has_real_text_with_the_cvs(county_report, demo_con, tmp_path):
    slides, now, _ = county_report
    pdf = pdf_report("新城区义务教育均衡发展监测（2017年）", "优质均衡", slides)
    text = pdf_text(pdf, tmp_path)
    assert "新城区" in text and "最需关注的学校" in text
    stored = demo_con.execute(
        "SELECT cv FROM county_indicator_cv WHERE county_code = '610102' AND year = 2017 "
        "AND stage = '小学' AND standard_set = 'quality2017'"
    ).fetchall()
    assert len(stored) == 7
    for (cv,) in stored:
        assert f"{cv:.3f}" in text


def test_school_report_is_one_page_of_text_with_the_schools_numbers(demo_con, tmp_path):
    history = run(demo_con, "school_history", county="610102", school="2610102001", stage="小学")
    facts = run(
        demo_con, "school_facts", county="610102", school="2610102001", year=2021, stage="小学"
    )
    compliance = run(demo_con, "school_compliance", county="610102", year=2021, stage="小学")
    pdf = school_report_pdf(
        facts, history[history["year"] == 2021], compliance, "新城区", 2021, "小学", "zh", "注"
    )
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
    text = pdf_text(pdf, tmp_path)
    assert "西一路第一小学" in text and "2610102001" in text
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.split()}
    area = demo_con.execute(
        "SELECT value, county_mean FROM school_position WHERE school_code = '2610102001' "
        "AND year = 2021 AND stage = '小学' AND indicator = 'teaching_area_per_student'"
    ).fetchone()
    # 生均教学及辅助用房面积 | m²/生 | school | county mean | standard 4.50 | share | 是
    assert rows["生均教学及辅助用房面积"][1:4] == [f"{area[0]:.2f}", f"{area[1]:.2f}", "4.50"]
    assert rows["生均教学及辅助用房面积"][4] == f"{area[0] / 4.5:.0%}"
    mine = compliance[compliance["school_code"] == "2610102001"].iloc[0]
    assert f"{int(mine['n_met'])} / 7 项达标" in text
