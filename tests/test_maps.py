"""Map components: offline assets, colour bins against the standard, one marker per school,
uploaded township outlines checked and joined by name."""

import json

import pandas as pd
import pytest

from components import maps
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
