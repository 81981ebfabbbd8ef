"""Text stays text: the escaping helpers, the maps built with hostile names, exports that never
carry a formula or a control character, and uploaded outlines that cannot exhaust the server."""

import csv
import io
import json

import openpyxl
import pandas as pd
import pytest

from components import charts, maps
from components.export import to_csv, to_xlsx
from components.report import Slide, pptx_report
from components.text import cell, clean, html, md, safe_cells
from components.zones import MAX_BYTES, MAX_FEATURES, check_zones, shape_of

SCRIPT_NAME = '<img src=x onerror="top.__pwned=1">甲小学'
TEMPLATE_NAME = "`${top.__pwned=2}`乙小学\\"


# --- the helpers ------------------------------------------------------------------------


def test_markdown_escape_shows_images_links_icons_and_maths_as_written():
    joiner = "\u2060"  # after ://, www and @: GFM would link a bare address in the text
    assert md("![x](http://evil.example/b.png)") == (
        r"\!\[x\]\(http\:\/\/" + joiner + r"evil\.example\/b\.png\)"
    )
    assert md("[登录已过期，点此](http://e.x)") == (
        r"\[登录已过期，点此\]\(http\:\/\/" + joiner + r"e\.x\)"
    )
    assert md("WWW.e.cn a@b.cn") == "WWW" + joiner + r"\.e\.cn a\@" + joiner + r"b\.cn"
    assert md(":material/home: :red[x] $x^2$") == r"\:material\/home\: \:red\[x\] \$x\^2\$"
    # one line: a name cannot open a heading, a list or a quote on the next line
    assert md("甲\n# 乙\r\n> 丙") == r"甲 \# 乙 \> 丙"
    assert md("城关镇 100") == "城关镇 100"  # letters, digits, CJK and spaces untouched
    assert md(None) == ""


def test_html_escape_covers_inner_html_template_literals_and_attributes():
    assert html(SCRIPT_NAME) == "&lt;img src=x onerror=&#34;top.__pwned=1&#34;&gt;甲小学"
    assert html(TEMPLATE_NAME) == "&#96;&#36;{top.__pwned=2}&#96;乙小学&#92;"
    assert html("'&") == "&#39;&amp;"
    assert html(3.5) == "3.5"


def test_control_characters_are_removed_tab_and_newline_kept():
    assert clean("甲\x0b小\x00学\x7f\u202e\x85") == "甲小学"
    assert clean("a\tb\nc") == "a\tb\nc"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://e.x","点此")', '\'=HYPERLINK("http://e.x","点此")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("＝1+1", "'＝1+1"),
        ("甲\x0b小学", "甲小学"),
        ("\x0b=1", "'=1"),  # the control character goes first, then the formula is seen
        ("城关镇中心小学", "城关镇中心小学"),
        ("a=b", "a=b"),
        (-3.5, -3.5),
        (0, 0),
        (None, None),
    ],
)
def test_cells_that_would_be_formulas_become_text(value, expected):
    assert cell(value) == expected


# --- exports ----------------------------------------------------------------------------


def hostile_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "学校名称": ['=HYPERLINK("http://evil.example","点此")', "甲\x0b小学", "-1", "@x"],
            "乡镇": ["+cmd|' /C calc'!A0", "城关镇", "城关镇", "城关镇"],
            "生均图书": [-1.5, 20.0, 0.0, 31.25],
        }
    )


def test_xlsx_export_writes_text_not_formulas_and_keeps_negative_numbers():
    about = pd.DataFrame({"列": ["=1+1"], "说明": ["\x1b注"]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(hostile_table(), about, "zh")))
    data, notes = book.worksheets
    cells = [c for row in data.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [data.cell(r, 1).value for r in range(2, 6)] == [
        '\'=HYPERLINK("http://evil.example","点此")',
        "甲小学",
        "'-1",
        "'@x",
    ]
    assert data.cell(2, 2).value == "'+cmd|' /C calc'!A0"
    assert [data.cell(r, 3).value for r in range(2, 6)] == [-1.5, 20, 0, 31.25]
    assert data.cell(2, 3).data_type == "n"
    assert (notes.cell(2, 1).value, notes.cell(2, 2).value) == ("'=1+1", "注")


def test_csv_export_neutralises_formulas_and_keeps_numbers():
    text = to_csv(hostile_table()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["学校名称", "乡镇", "生均图书"]
    assert [r[0] for r in rows[1:]] == [
        '\'=HYPERLINK("http://evil.example","点此")',
        "甲小学",
        "'-1",
        "'@x",
    ]
    assert rows[1][1] == "'+cmd|' /C calc'!A0"
    assert [float(r[2]) for r in rows[1:]] == [-1.5, 20.0, 0.0, 31.25]


def test_safe_cells_leaves_the_input_and_numeric_columns_alone():
    table = hostile_table()
    out = safe_cells(table)
    assert table.iloc[0, 0].startswith("=")  # a copy, not an edit in place
    assert out["生均图书"].tolist() == [-1.5, 20.0, 0.0, 31.25]


def test_pptx_takes_names_with_control_characters():
    slides = [Slide("甲\x0b小学", lines=("乙\x1b小学",), table=pd.DataFrame({"学校": ["丙\x00"]}))]
    deck = pptx_report("报告\x0c", "副\x07标题", slides)
    from pptx import Presentation

    shown = Presentation(io.BytesIO(deck))
    assert [s.shapes.title.text for s in shown.slides] == ["报告", "甲小学"]
    table = next(sh for sh in shown.slides[1].shapes if sh.has_table).table
    assert table.cell(1, 0).text == "丙"


# --- maps -------------------------------------------------------------------------------


def hostile_schools() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "school_code": ["1234567890", "1234567891"],
            "school_name": [SCRIPT_NAME, TEMPLATE_NAME],
            "urban_rural_group": ["urban", "rural"],
            "longitude": [109.6, 109.7],
            "latitude": [34.9, 35.0],
            "students": [900, 400],
            "value": [5.4, 4.05],
            "ratio": [1.2, 0.9],
            "compliant": [True, False],
            "n_met": [7, 5],
            "floor_ratio": [0.85, 0.85],
        }
    )


def test_school_map_properties_are_escaped_for_inner_html():
    groups = maps.school_features(hostile_schools(), "indicator")
    names = [f["properties"]["n"] for fs in groups.values() for f in fs]
    assert names == [html(SCRIPT_NAME), html(TEMPLATE_NAME)]
    page = (
        maps.school_map(
            hostile_schools(),
            None,
            "indicator",
            {"urban": "城区", "town": "镇区", "rural": "乡村"},
            {"name": "<b>学校</b>"},
        )
        .get_root()
        .render()
    )
    assert "<img" not in page and 'onerror="' not in page and "${top" not in page
    # the popup's labels are escaped too (in each group's marker script)
    assert page.count('"&lt;b&gt;学校&lt;/b&gt;"') == 2


def test_zone_map_tooltips_cannot_break_out_of_their_template_literal():
    zones = [
        {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
            "properties": {"township": SCRIPT_NAME},
        }
    ]
    labels = {"urban": "城区", "town": "镇区", "rural": "乡村"}
    page = maps.school_map(hostile_schools(), None, "indicator", labels, {}, zones=zones)
    rendered = page.get_root().render()
    assert "${top" not in rendered and "<img src=x" not in rendered
    assert zones[0]["properties"]["township"] == SCRIPT_NAME  # the input is not edited


def test_choropleth_tooltips_are_escaped():
    counties = pd.DataFrame(
        {
            "county_code": ["610102"],
            "county_name": [SCRIPT_NAME],
            "geojson": [json.dumps({"type": "Polygon", "coordinates": [SQUARE]})],
            "verdict": ["未达标"],
        }
    )
    m = maps.county_choropleth(counties, {"610102": "#999"}, {"county_name": "区县"})
    assert "<img src=x" not in m.get_root().render()


# --- uploaded outlines ------------------------------------------------------------------

SQUARE = [[109.6, 34.9], [109.7, 34.9], [109.7, 35.0], [109.6, 35.0], [109.6, 34.9]]


def outline(name: object, ring: list | None = None, **extra: object) -> dict:
    return {
        "type": "Feature",
        "properties": {"name": name, **extra},
        "geometry": {"type": "Polygon", "coordinates": [ring or SQUARE]},
    }


def collection(*features: object) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def test_depth_and_arrays_are_counted_without_brackets_inside_strings():
    assert shape_of(b'{"a": [[1, 2], [3]], "b": "[[[[{{{{\\"]]"}') == (3, 3)
    assert shape_of(b"[" * 5000 + b"]" * 5000) == (5000, 5000)


def test_too_detailed_outlines_are_refused_before_parsing():
    ring = [[109.6 + i * 1e-6, 34.9] for i in range(200_001)]
    check = check_zones(collection(outline("孙镇", ring)), "fine.geojson", ["孙镇"], "en")
    assert check.errors == [
        "fine.geojson has about 200004 positions, over the limit of 200000: simplify the "
        "outlines first (e.g. with mapshaper)."
    ]


def test_deeply_nested_file_is_refused_before_parsing():
    check = check_zones(b"[" * 200_000 + b"]" * 200_000, "deep.geojson", ["孙镇"], "en")
    assert check.errors == [
        "deep.geojson nests more than 16 levels deep: not a township outline GeoJSON; not read."
    ]


def test_file_over_the_size_limit_is_refused_unread():
    check = check_zones(b" " * (MAX_BYTES + 1), "big.geojson", ["孙镇"], "zh")
    assert check.errors == [
        "文件 big.geojson 有 20.0 MB，超过上限 20 MB：请先简化边界（如 mapshaper）再上传。"
    ]


def test_too_many_features_are_refused():
    check = check_zones(
        collection(*[outline("孙镇")] * (MAX_FEATURES + 1)), "many.geojson", ["孙镇"], "en"
    )
    assert check.features == []
    assert check.errors == [
        "many.geojson has 5001 features, over the limit of 5000: a county has far fewer "
        "townships or school zones."
    ]


def test_many_unmatched_features_give_one_summary_line():
    data = collection(outline("孙镇"), *[outline(f"火星{i}镇") for i in range(3000)])
    check = check_zones(data, "z.geojson", ["孙镇"], "en")
    assert len(check.features) == 1 and check.errors == []
    assert check.warnings == [
        "z.geojson: 3000 features match no township of this county and are not shown "
        "(number: name, e.g. 2: 火星0镇; 3: 火星1镇; 4: 火星2镇; 5: 火星3镇; 6: 火星4镇)."
    ]


def test_many_broken_features_list_five_then_count_the_rest():
    check = check_zones(collection(*[7] * 12), "z.geojson", ["孙镇"], "en")
    assert check.errors == [f"z.geojson, feature {n}: no geometry." for n in range(1, 6)] + [
        "z.geojson: 7 more features have problems like these (not listed)."
    ]


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Polygon", "coordinates": [["ab", "cd"]]},
        {"type": "Polygon", "coordinates": 5},
        {"type": "MultiPolygon", "coordinates": {"a": 1}},
        {"type": "Polygon", "coordinates": [[[True, False], [1, 2], [1, 3]]]},
        {"type": "Polygon", "coordinates": [[[109.6]]]},
    ],
)
def test_malformed_coordinates_are_a_message_not_a_traceback(geometry):
    feature = {"type": "Feature", "properties": {"name": "孙镇"}, "geometry": geometry}
    check = check_zones(collection(feature), "z.geojson", ["孙镇"], "en")
    assert check.errors == ["z.geojson, feature 1: malformed coordinates."]


def test_odd_properties_and_features_are_messages():
    odd = {"type": "Feature", "properties": [1, 2], "geometry": outline("x")["geometry"]}
    check = check_zones(collection(odd), "z.geojson", ["孙镇"], "en")
    assert check.errors == [
        "z.geojson, feature 1: no name property (one of name、NAME、Name、乡镇、乡镇名称、街道)."
    ]
    not_list = json.dumps({"type": "FeatureCollection", "features": {"a": 1}}).encode()
    assert check_zones(not_list, "z.geojson", [], "en").errors == [
        "z.geojson is not a GeoJSON FeatureCollection."
    ]


def test_kept_outlines_are_simplified_and_carry_only_the_township():
    # 2,001 positions along the edges of the square: the kept outline needs its 5 corners.
    edge = [[109.6 + 0.1 * i / 500, 34.9] for i in range(500)]
    edge += [[109.7, 34.9 + 0.1 * i / 500] for i in range(500)]
    edge += [[109.7 - 0.1 * i / 500, 35.0] for i in range(500)]
    edge += [[109.6, 35.0 - 0.1 * i / 500] for i in range(500)]
    ring = [*edge, edge[0]]
    hostile = "</script><script>top.__pwned=3</script>"
    check = check_zones(
        collection(outline("孙镇", ring, note=hostile)), "z.geojson", ["孙镇"], "zh"
    )
    (kept,) = check.features
    assert kept["properties"] == {"township": "孙镇"}
    assert len(kept["geometry"]["coordinates"][0]) == 5
    corners = {tuple(p) for p in kept["geometry"]["coordinates"][0]}
    assert corners == {(109.6, 34.9), (109.7, 34.9), (109.7, 35.0), (109.6, 35.0)}
    assert hostile not in json.dumps(check.features)


# --- charts -----------------------------------------------------------------------------


def test_chart_names_and_titles_are_plotly_text_not_its_html_subset():
    link = "<a href='http://evil.example/a'>点此</a>"
    schools = pd.DataFrame(
        {
            "school_code": ["A&1", "B"],
            "school_name": [link + "甲小学", "乙小学"],
            "value": [2.0, 3.0],
            "urban_rural_group": ["urban", "urban"],
            "is_outlier": [False, True],
        }
    )
    fig = charts.school_bars(
        schools,
        labels={"urban": "城区"},
        standard=2.5,
        standard_label="标准",
        county_mean=2.4,
        mean_label="均值",
        outlier_label="异常值",
        title=f"{link}：差异",
        note="注",
        axis_value="值",
    )
    escaped_link = "&lt;a href=&#39;http://evil.example/a&#39;&gt;点此&lt;/a&gt;"
    assert fig.data[0].y == ("B", "A&amp;1")
    assert fig.data[0].customdata == ("乙小学", escaped_link + "甲小学")
    axis = fig.layout.yaxis
    assert axis.categoryarray == fig.data[0].y == axis.tickvals  # the order still matches
    assert axis.ticktext[0] == "※ 乙小学"  # the outlier, marked in text
    assert axis.ticktext[1].startswith("&lt;a href=&#39;") and axis.ticktext[1].endswith("…")
    assert fig.layout.title.text == escaped_link + "：差异"
    assert list(fig.data[0].x) == [3.0, 2.0]  # numbers untouched


def test_returns_workbook_of_stored_names_with_control_characters(demo_con):
    from data.template import returns_workbook
    from queries.loader import run

    sections = run(demo_con, "county_sections", county="340602")
    sections.loc[0, "school_name"] = "甲\x0b小学"
    sections.loc[1, "school_name"] = '=HYPERLINK("http://evil.example")'
    book = openpyxl.load_workbook(io.BytesIO(returns_workbook(safe_cells(sections))))
    names = {c.value for row in book.worksheets[0].iter_rows() for c in row}
    assert "甲小学" in names and '\'=HYPERLINK("http://evil.example")' in names
    assert not [c for row in book.worksheets[0].iter_rows() for c in row if c.data_type == "f"]
