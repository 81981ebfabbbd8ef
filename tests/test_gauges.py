"""The overview's gauges drawn as SVG (components/gauges.py): what each gauge shows, where its
threshold sits, and names shown as text."""

import math
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from components.charts import StageGauge
from components.gauges import overview_gauges_svg
from tests.drawings import SVG, gauges, hover_texts, texts

HOSTILE = '<script>alert(1)</script>\n\n**粗体** [链接](http://evil.example) & "引号"'


def drawn(cvs: pd.DataFrame, stages: tuple[StageGauge, ...] = ()) -> str:
    return overview_gauges_svg(
        cvs,
        stages=stages,
        name_column="name_zh",
        section_title="小学各项指标差异系数（2021年）",
        change_label="较上年",
        title="2021年差异系数",
        note="数据来源：示例数据库",
        max_px=1120,
    )


def indicators(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator", "name_zh", "cv", "threshold", "previous_cv"])


def test_each_gauge_shows_its_cv_its_line_and_last_years_change():
    svg = drawn(
        indicators(
            ("a", "生均教学仪器设备值", 0.3, 0.5, 0.31),
            ("b", "生均体育运动场馆面积", 0.6, 0.5, None),
        )
    )
    drawing = ET.fromstring(svg)
    first, second = gauges(drawing)
    assert (first.get("data-name"), float(first.get("data-cv"))) == ("a", 0.3)
    words = texts(first)
    # the number, the line's tick and the change: −0.010 with a falling arrow (a fall is good)
    assert "0.300" in words and "0.50" in words and "较上年 ▼ −0.010" in words
    assert "较上年" not in " ".join(texts(second))  # no last year: no change written
    bar = {g.get("data-name"): g.find(f"{SVG}path[@class='bar']") for g in (first, second)}
    assert bar["a"].get("fill") == "#56B4E9" and bar["b"].get("fill") == "#D55E00"  # over
    # The gauge runs from 0 (left) to its top, 0.9 for these: max(1.6 × 0.5, 1.15 × CV) + 0.05
    # rounded to 0.1; the line at 0.5 is 0.5 / 0.9 of the half turn from the left: 80°.
    line = first.find(f"{SVG}line")
    x1, y1, x2, y2 = (float(line.get(k)) for k in ("x1", "y1", "x2", "y2"))
    assert math.degrees(math.atan2(y1 - y2, x2 - x1)) == pytest.approx(
        80, abs=0.01
    )  # 2-decimal coordinates
    assert "生均教学仪器设备值" in texts(drawing)


def test_a_stage_that_cannot_be_judged_shows_why_and_an_unknown_cv_a_dash():
    svg = drawn(
        indicators(("a", "生均教学仪器设备值", None, 0.5, None)),
        stages=(StageGauge("初中", None, None, None, "初中：学校不足，无法评估"),),
    )
    drawing = ET.fromstring(svg)
    (gauge,) = gauges(drawing)  # the stage has a message, not a gauge
    assert gauge.get("data-cv") == "" and "—" in texts(gauge)
    assert gauge.find(f"{SVG}path[@class='bar']") is None
    assert "初中：学校不足，无法评估" in texts(drawing)


def test_names_are_text_on_one_line():
    svg = drawn(indicators(("a", HOSTILE, 0.3, 0.5, None)))
    assert "<script" not in svg and "\n" not in svg  # a blank line would end the HTML block
    drawing = ET.fromstring(svg)  # well formed: every name escaped
    shown = " ".join(hover_texts(drawing))
    assert "<script>alert(1)</script>" in shown and "**粗体** [链接](http://evil.example)" in shown
    assert not list(drawing.iter(f"{SVG}a")) and not list(drawing.iter("script"))
