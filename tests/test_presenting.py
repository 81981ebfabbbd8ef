"""Presentation helpers: chart text scaling (presentation mode, report pictures) and file
names of saved charts."""

import plotly.graph_objects as go

from components.presenting import chart_config, safe_filename, scaled_spec


def figure_dict() -> dict:
    fig = go.Figure(go.Bar(x=["甲"], y=[1.0], textfont={"size": 12}))
    fig.add_trace(go.Indicator(mode="gauge+number+delta", value=0.3, delta={"reference": 0.4}))
    fig.update_layout(
        height=460,
        margin={"l": 70, "t": 130},
        title={
            "text": "标题",
            "font": {"size": 22},
            "subtitle": {"text": "注", "font": {"size": 13}},
        },
        font={"size": 16},
        xaxis={"tickfont": {"size": 12}},
        yaxis={"title": {"text": "差异系数"}},
        annotations=[{"text": "标准线 0.50", "font": {"size": 15}}],
    )
    return fig.to_dict()


def test_presentation_scale_makes_every_text_at_least_18px_and_titles_grow_less():
    spec = figure_dict()
    big = scaled_spec(spec, 1.25)
    layout = big["layout"]
    assert layout["title"]["font"]["size"] == 24.6  # 22 × 1.12: two titles side by side fit
    assert layout["title"]["subtitle"]["font"]["size"] == 18  # 13 × 1.25 = 16.25 → 18
    assert layout["font"]["size"] == 20  # 16 × 1.25
    assert layout["xaxis"]["tickfont"]["size"] == 18  # 12 → 18
    assert layout["yaxis"]["tickfont"]["size"] == 20  # inherited: set, so no theme shrinks it
    assert layout["yaxis"]["title"]["font"]["size"] == 20
    assert layout["legend"]["font"]["size"] == 20
    assert layout["annotations"][0]["font"]["size"] == 18.8  # 15 × 1.25 = 18.75
    assert big["data"][0]["textfont"]["size"] == 18
    assert big["data"][1]["delta"]["font"]["size"] == 18
    assert layout["height"] == 575 and layout["margin"] == {"l": 88, "t": 162}
    # the cached figure is untouched, its data arrays shared
    assert spec["layout"]["font"]["size"] == 16 and spec["layout"]["height"] == 460
    assert spec["layout"]["xaxis"]["tickfont"]["size"] == 12
    assert big["data"][0]["x"] is spec["data"][0]["x"]


def test_scale_one_is_the_same_figure():
    spec = figure_dict()
    assert scaled_spec(spec, 1) is spec


def test_chart_camera_file_is_named_after_the_chart_and_keeps_other_options():
    base = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 3}}
    config = chart_config(base, "gauge-小学")
    options = config["toImageButtonOptions"]
    assert options["format"] == "png" and options["scale"] == 3
    assert options["filename"] == "junheng-gauge-小学"  # no filters outside a run
    assert base["toImageButtonOptions"] == {"format": "png", "scale": 3}


def test_file_names_keep_letters_and_drop_what_a_file_system_reads():
    assert safe_filename("junheng-610102-新城区-2021-trend") == "junheng-610102-新城区-2021-trend"
    assert safe_filename('a/b\\c:"d"<e>') == "a_b_c_d_e"
    assert safe_filename("../..") == "junheng"
