"""Map components: offline assets, colour bins against the standard, one marker per school,
uploaded township outlines checked and joined by name."""

import json

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from components import charts, geometry, leaflet, maps
from components.text import html
from components.zones import check_zones
from queries.loader import run


def schools_frame() -> pd.DataFrame:
    # Ratios to the standard: 1.2 meets; 0.9 is below the standard but above 85 %;
    # 0.8 is below the 85 % floor; a school with no value is grey.
    return pd.DataFrame(
        {
            "school_code": ["A", "B", "C", "D"],
            "school_name": ["甲", "乙", "丙", "丁"],
            "urban_rural_group": ["urban", "town", "rural", "rural"],
            "longitude": [109.6, 109.7, 109.8, 109.65],
            "latitude": [34.9, 35.0, 35.1, 34.95],
            "students": [900, 400, 100, 0],
            "value": [5.4, 4.05, 3.6, None],
            "ratio": [1.2, 0.9, 0.8, None],
            "compliant": [True, False, False, None],
            "n_met": [7, 5, 4, None],
            "floor_ratio": [0.85] * 4,  # settings school_floor_ratio
        }
    )


def test_value_bins_follow_the_standard_and_its_85_percent_floor():
    assert [maps.value_bin(r, 0.85) for r in (1.0, 0.9999, 0.85, 0.8499, None)] == [
        "meets",
        "below_standard",
        "below_standard",
        "below_floor",
        "no_value",
    ]


def test_features_colour_and_size():
    groups = maps.school_features(schools_frame(), "indicator")
    props = {f["properties"]["c"]: f["properties"] for fs in groups.values() for f in fs}
    fills = {code: p["f"] for code, p in props.items()}
    assert fills == {"A": "#009E73", "B": "#E69F00", "C": "#D55E00", "D": "#999999"}
    # 3 + 6 · sqrt(students / 900): 900 → 9, 400 → 7, 100 → 5, 0 → 3.
    radius = {code: p["r"] for code, p in props.items()}
    assert radius == {"A": 9.0, "B": 7.0, "C": 5.0, "D": 3.0}
    by_compliance = maps.school_features(schools_frame(), "compliance")
    assert by_compliance["urban"][0]["properties"]["f"] == "#009E73"
    assert by_compliance["town"][0]["properties"]["f"] == "#D55E00"


def test_map_loads_nothing_from_the_internet():
    m = maps.school_map(
        schools_frame(),
        None,
        "indicator",
        {"urban": "城区", "town": "镇区", "rural": "乡村"},
        {"name": "学校"},
    )
    urls = maps.asset_urls(m)
    assert urls and all(u.startswith("/app/static/vendor/") for u in urls)
    html = m.get_root().render()
    assert "tile.openstreetmap" not in html and "cdn." not in html.replace("/app/static", "")
    assert html.count('"type": "Feature"') == 4


def feature(name: str, ring: list[list[float]]) -> dict:
    return {
        "type": "Feature",
        "properties": {"name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


SQUARE = [[109.6, 34.9], [109.7, 34.9], [109.7, 35.0], [109.6, 35.0], [109.6, 34.9]]


def upload(*features: dict) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def test_zones_join_by_name_with_or_without_suffix():
    check = check_zones(
        upload(feature("龙阳", SQUARE), feature("孙镇", SQUARE)),
        "z.geojson",
        ["龙阳镇", "孙镇"],
        "zh",
    )
    assert check.errors == [] and check.warnings == []
    assert [f["properties"]["township"] for f in check.features] == ["龙阳镇", "孙镇"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "文件 z.geojson 不是有效的 JSON：第 1 行第 2 列"),
        (b'{"type": "Feature"}', "不是 GeoJSON FeatureCollection"),
        (
            upload(
                {
                    "type": "Feature",
                    "properties": {"name": "孙镇"},
                    "geometry": {"type": "Point", "coordinates": [109.6, 34.9]},
                }
            ),
            "第 1 个要素的几何类型是 Point",
        ),
        (
            upload(
                feature(
                    "孙镇",
                    [[500000, 3800000], [500100, 3800000], [500100, 3800100], [500000, 3800000]],
                )
            ),
            "第 1 个要素的坐标 (500000, 3800000) 不在中国经纬度范围内",
        ),
        (
            upload(
                {
                    "type": "Feature",
                    "properties": {"id": 3},
                    "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
                }
            ),
            "第 1 个要素没有名称属性",
        ),
        (upload(feature("火星镇", SQUARE)), "没有要素与本县的乡镇(街道)匹配"),
    ],
)
def test_bad_zone_files_are_refused_with_file_feature_and_reason(data, expected):
    check = check_zones(data, "z.geojson", ["龙阳镇", "孙镇"], "zh")
    assert check.features == []
    assert any(expected in message for message in check.errors), check.errors


def test_unmatched_zone_is_a_warning_when_others_match():
    check = check_zones(
        upload(feature("孙镇", SQUARE), feature("火星镇", SQUARE)),
        "z.geojson",
        ["龙阳镇", "孙镇"],
        "en",
    )
    assert len(check.features) == 1 and check.errors == []
    assert check.warnings == [
        "z.geojson, feature 2: name = “火星镇” matches no township of this county; not shown."
    ]


def test_tiles_only_when_a_bureau_configures_them():
    labels = {"urban": "城区", "town": "镇区", "rural": "乡村"}
    plain = maps.school_map(schools_frame(), None, "indicator", labels, {"name": "学校"})
    assert "tileLayer" not in plain.get_root().render()
    url = "http://tiles.intranet.gov.cn/vec_w/{z}/{x}/{y}.png?tk=KEY"
    tiled = maps.school_map(
        schools_frame(),
        None,
        "indicator",
        labels,
        {"name": "学校"},
        tile_url=url,
        attribution="天地图",
    )
    html = tiled.get_root().render()
    assert url in html and json.dumps("天地图") in html


def test_province_layer_shows_no_composite_under_2017(demo_con):
    """2017 has no composite criterion: the province layer shows the highest indicator CV
    (every CV must be within its line); 2012 shows the composite it is judged by."""
    for standard_set, expected in (
        ("quality2017", "SELECT max(cv) FROM county_indicator_cv"),
        ("basic2012", "SELECT composite_cv FROM county_verdict"),
    ):
        shown = run(
            demo_con,
            "province_counties",
            county="610102",
            year=2021,
            stage="小学",
            standard_set=standard_set,
        ).set_index("county_code")
        for code in ("610102", "610526"):
            value = demo_con.execute(
                f"{expected} WHERE county_code = ? AND year = 2021 AND stage = '小学' "
                "AND standard_set = ?",
                [code, standard_set],
            ).fetchone()[0]
            assert shown.loc[code, "headline_cv"] == pytest.approx(value, abs=1e-12)
            assert shown.loc[code, "status"] in ("pass", "fail", "cannot_judge")


# --- one GeoJSON walker (components/geometry.py) ---------------------------------------


def test_one_walker_for_every_geometry_and_its_users():
    ring = [[0, 0], [2, 0], [2, 1], [0, 0]]
    hole = [[0.5, 0.2], [1, 0.2], [1, 0.4], [0.5, 0.2]]
    polygon = {"type": "Polygon", "coordinates": [ring, hole]}
    multi = {"type": "MultiPolygon", "coordinates": [[ring], [[[5, 5], [6, 5], [6, 7], [5, 5]]]]}
    collection = {
        "type": "GeometryCollection",
        "geometries": [polygon, {"type": "Point", "coordinates": [9, -1]}],
    }
    assert list(geometry.paths(polygon)) == [
        [(0, 0), (2, 0), (2, 1), (0, 0)],
        [(0.5, 0.2), (1, 0.2), (1, 0.4), (0.5, 0.2)],
    ]
    assert len(geometry.positions(multi)) == 8
    assert geometry.bounds([multi]) == [[0, 0], [7, 6]]  # [[south, west], [north, east]]
    assert geometry.bounds([collection]) == [[-1, 0], [1, 9]]
    # plotly's outline: rings separated by None
    assert charts.outline_xy(polygon) == (
        [0, 2, 2, 0, None, 0.5, 1, 1, 0.5, None],
        [0, 0, 1, 0, None, 0.2, 0.2, 0.4, 0.2, None],
    )
    for bad in ([[0, 0], [1, "x"], [0, 0]], [[0, 0], [1], [0, 0]], [[0, 0], [True, 1], [0, 0]]):
        with pytest.raises(ValueError):
            geometry.positions({"type": "Polygon", "coordinates": [bad]})


# --- around the county, the province layer, the demo's places ---------------------------


def test_neighbours_are_the_counties_around_and_the_province_outline(demo_con):
    outline = json.loads(run(demo_con, "county_boundary", county="610102")["geojson"].iloc[0])
    near, province = maps.neighbourhood(outline, run(demo_con, "map_surroundings", county="610102"))
    names = {f["properties"]["name"] for f in near}
    # 新城区 (Xi'an) touches 未央区, 灞桥区, 雁塔区, 碑林区 and 莲湖区; 蒲城县 is 100 km away
    assert {"未央区", "灞桥区", "雁塔区", "碑林区", "莲湖区"} <= names
    assert "新城区" not in names and "蒲城县" not in names
    assert province is not None and shape(province).contains(shape(outline).representative_point())
    for f in near:  # each name is written inside its own county, outside 新城区
        lat, lon = f["properties"]["label"]
        point = shapely.Point(lon, lat)
        assert shape(f["geometry"]).intersects(point) and not shape(outline).contains(point)


def test_province_layer_draws_every_county_grey_without_data(demo_con):
    rows = run(
        demo_con,
        "province_counties",
        county="610102",
        year=2021,
        stage="小学",
        standard_set="quality2017",
    )
    (n_shaanxi,) = demo_con.execute(
        "SELECT count(*) FROM boundaries WHERE level = 'county' AND code LIKE '61%'"
    ).fetchone()
    assert len(rows) == n_shaanxi == 107
    assert sorted(rows.loc[rows["has_data"], "county_code"]) == ["610102", "610526"]
    assert rows.loc[~rows["has_data"], "status"].isna().all()


def test_demo_schools_lie_inside_their_county_away_from_its_edge(demo_con):
    schools = demo_con.execute(
        "SELECT DISTINCT county_code, longitude, latitude FROM school_sections"
    ).df()
    for code, part in schools.groupby("county_code"):
        (text,) = demo_con.execute(
            "SELECT geojson FROM boundaries WHERE level = 'county' AND code = ?", [code]
        ).fetchone()
        county = shape(json.loads(text))
        west, south, east, north = county.bounds
        margin = 0.02 * max(east - west, north - south)  # data/demo.py EDGE_MARGIN
        inner = county.buffer(-margin * 0.999)  # rounding to 6 decimals (0.1 m)
        assert shapely.contains_xy(inner, part["longitude"], part["latitude"]).all(), code


# --- what the school map carries to the browser -----------------------------------------


def test_popup_names_the_indicator_and_links_to_the_profile_by_code():
    link = "/school-profile?lang=zh&county=610526&year=2021&stage=%E5%B0%8F%E5%AD%A6&school="
    m = maps.school_map(
        schools_frame().assign(school_code=["A&B", "B", "C", "D"]),
        None,
        "indicator",
        {"urban": "城区", "town": "镇区", "rural": "乡村"},
        {"name": "学校", "value": "生均教学及辅助用房面积（m²/生，标准 4.5）"},
        link=link,
        link_text="打开学校档案 →",
    )
    page = m.get_root().render()
    assert '"生均教学及辅助用房面积（m²/生，标准 4.5）"' in page
    assert json.dumps(html(link), ensure_ascii=False) in page  # & as &amp; in the attribute
    assert '"q": "A%26B"' in page  # the code, URL-encoded, appended in the browser
    assert 'setPrefix("Leaflet")' in page  # plain text, no flag
    focused = leaflet.preceded(leaflet.prepare(m), maps.focus_script("A&B"))
    assert focused.script.startswith('window.junhengFocus = "A%26B";')


def test_legend_names_colours_groups_and_sizes_in_words():
    assert maps.size_examples(1234) == [1000, 250]
    assert maps.size_examples(358) == [200, 50]
    assert maps.size_examples(0) == []
    legend = maps.legend_html(
        "图例",
        [("#009E73", "达到标准"), ("#D55E00", "<b>低于</b>")],
        groups={"urban": "城区", "rural": "乡村"},
        sizes=[("1,000 人", 9.0)],
    )
    assert "达到标准" in legend and "&lt;b&gt;低于&lt;/b&gt;" in legend and "<b>" not in legend
    assert legend.count("<svg") == 5  # 2 colours, 2 outlines, 1 size
    assert "stroke-dasharray" not in legend  # urban and rural outlines are solid (town dashed)


def test_township_labels_sit_inside_their_largest_outline():
    small = [[109.6, 34.9], [109.61, 34.9], [109.61, 34.91], [109.6, 34.9]]
    zones = [
        {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
            "properties": {"township": "孙镇"},
        },
        {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [small]},
            "properties": {"township": "孙镇"},
        },
    ]
    ((name, (lat, lon)),) = maps.zone_labels(zones)
    assert name == "孙镇" and shape(zones[0]["geometry"]).contains(shapely.Point(lon, lat))
