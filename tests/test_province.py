"""全市 / 全省 page: every county with data listed with the verdicts of county_verdict, the
counties without data drawn grey, the distance to the line and the 32-item count."""

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components import maps
from components.province import (
    NEAR_COLOUR,
    NO_DATA_COLOUR,
    county_rows,
    distance_to_line,
    map_colours,
    nearest_peers,
    peer_comparison,
    summary_xlsx,
)
from components.scorecard import MET, resource_rows
from queries.loader import run

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
MARK = {"pass": "✓ 达到", "fail": "✗ 未达到", "cannot_judge": "— 无法判定"}


@pytest.fixture(autouse=True)
def use_demo_db(demo_db, monkeypatch):
    monkeypatch.setenv("JUNHENG_DB", str(demo_db))


def province_page(county: str, year: int, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"county": county, "year": str(year), **params})
    at.run()
    at.switch_page(str(ROOT / "views" / "province.py"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(("county", "year"), [("610102", 2021), ("340602", 2018)])
def test_page_lists_every_county_with_data_and_its_verdicts(demo_con, county, year):
    at = province_page(county, year)
    shown = at.dataframe[0].value.set_index("区县")
    expected = demo_con.execute(
        "SELECT c.county_name, v.standard_set, v.stage, v.status FROM county_verdict v "
        "JOIN counties c USING (county_code) WHERE c.province_code = "
        "(SELECT province_code FROM counties WHERE county_code = ?) AND v.year = ?",
        [county, year],
    ).df()
    assert set(shown.index) == set(expected["county_name"])
    labels = {"basic2012": "基本均衡", "quality2017": "优质均衡"}
    for row in expected.itertuples():
        assert (
            shown.loc[row.county_name, f"{labels[row.standard_set]} {row.stage}"]
            == MARK[row.status]
        )
    # counties of the province without data: named, and counted in the summary line
    grey = demo_con.execute(
        "SELECT name FROM boundaries WHERE level = 'county' AND left(code, 2) = left(?, 2) "
        "AND code NOT IN (SELECT county_code FROM school_sections) ORDER BY code",
        [county],
    ).df()["name"]
    assert len(grey) > 50
    assert at.expander[0].label == f"暂无数据的区县（{len(grey)}）"
    assert at.text[0].value == "、".join(grey)
    assert f"另有 {len(grey)} 个区县暂无数据" in at.markdown[0].value


def test_page_in_english_and_for_one_city(demo_con):
    at = province_page("610102", 2021, lang="en", scope="610100")
    table = at.dataframe[0].value
    assert table["County"].tolist() == ["新城区"]
    # The demo's 新城区 meets the quality-balance requirements from 2021 (domain.md §6).
    status = demo_con.execute(
        "SELECT status FROM county_verdict WHERE county_code = '610102' AND year = 2021 "
        "AND stage = '小学' AND standard_set = 'quality2017'"
    ).fetchone()[0]
    assert status == "pass"
    assert table["Quality Primary"].tolist() == ["✓ passes"]
    xian = demo_con.execute(
        "SELECT count(*) FROM boundaries WHERE level = 'county' AND parent_code = '610100'"
    ).fetchone()[0]
    assert at.expander[0].label == f"Counties without data ({xian - 1})"


def test_opening_a_county_from_the_page_switches_to_its_overview():
    at = province_page("610102", 2021)
    at.session_state["county_choice"] = "610526"
    at.session_state["province_open"] = "610526"
    at.run()
    assert not at.exception
    assert at.query_params["county"] == "610526" and at.query_params["year"] == "2021"
    assert "总览" in at.title[0].value and "蒲城县" in at.title[0].value


def test_resource_items_match_the_overview_scorecard(demo_con):
    counts = run(demo_con, "province_resource_items", province="610000", year=2021)
    assert len(counts) == 2
    for row in counts.itertuples():
        card = resource_rows(
            run(demo_con, "resource_scorecard", county=row.county_code, year=2021), "zh"
        )
        assert row.items_met == sum(r["status"] == MET for r in card)
        assert row.items == len(card) == 7


def test_checklist_items_are_the_scorecard_items(demo_con):
    items = run(demo_con, "province_checklist", province="610000", year=2021)
    stored = demo_con.execute(
        "SELECT county_code, item_group, item_no, value, met FROM county_scorecard "
        "WHERE county_code LIKE '61%' AND year = 2021"
    ).df()
    assert len(items) == len(stored) == 2 * 25
    merged = items.merge(stored, on=["county_code", "item_group", "item_no"])
    assert (merged["met_x"].fillna(-1) == merged["met_y"].fillna(-1)).all()


def verdict(county, year, stage, standard_set, cv, threshold, passes):
    return {
        "county_code": county,
        "year": year,
        "stage": stage,
        "standard_set": standard_set,
        "composite_cv": cv,
        "threshold": threshold,
        "passes": passes,
        "status": "pass" if passes else "fail",
        "n_schools": 10,
        "n_compliant": 4,
    }


def cv_row(county, year, indicator, cv, threshold):
    return {
        "county_code": county,
        "year": year,
        "indicator": indicator,
        "name_zh": indicator,
        "name_en": indicator,
        "sort_order": {"a": 1, "b": 2}[indicator],
        "cv": cv,
        "threshold": threshold,
    }


def test_distance_to_the_line_by_method():
    verdicts = pd.DataFrame([verdict("A", 2020, "小学", "basic2012", 0.70, 0.65, False)])
    cvs = pd.DataFrame(
        [
            cv_row("A", 2020, "a", 0.40, 0.50),
            cv_row("A", 2020, "b", 0.62, 0.50),
            cv_row("B", 2020, "a", 0.30, 0.50),
            cv_row("B", 2020, "b", None, 0.50),
        ]
    )
    assert distance_to_line(verdicts, cvs, "basic2012")[("A", 2020)] == pytest.approx(0.05)
    quality = distance_to_line(verdicts, cvs, "quality2017")
    assert quality[("A", 2020)] == pytest.approx(0.12)  # the worst CV, not the mean
    assert pd.isna(quality[("B", 2020)])  # a CV that cannot be computed: unknown, never 0


def test_county_rows_sorted_by_distance_with_trend_and_items():
    scope = pd.DataFrame(
        {
            "county_code": ["A", "B", "C"],
            "county_name": ["甲县", "乙县", "丙县"],
            "city_name": ["X市", "X市", "X市"],
            "geojson": [None, None, None],
            "has_data": [True, True, False],
        }
    )
    verdicts = pd.DataFrame(
        [
            verdict(c, y, s, std, 0.5, 0.5, ok)
            for c, ok in (("A", False), ("B", True))
            for y in (2019, 2020)
            for s in ("小学", "初中")
            for std in ("basic2012", "quality2017")
        ]
    )
    cvs = pd.DataFrame(
        [
            cv_row("A", 2019, "a", 0.60, 0.50),
            cv_row("A", 2019, "b", 0.40, 0.50),
            cv_row("A", 2020, "a", 0.55, 0.50),
            cv_row("A", 2020, "b", 0.45, 0.50),
            cv_row("B", 2019, "a", 0.30, 0.50),
            cv_row("B", 2019, "b", 0.45, 0.50),
            cv_row("B", 2020, "a", 0.30, 0.50),
            cv_row("B", 2020, "b", 0.35, 0.50),
        ]
    )
    rows = county_rows(
        scope,
        verdicts,
        cvs,
        pd.DataFrame({"county_code": ["A", "B"], "items_met": [3, 7]}),
        pd.DataFrame({"county_code": ["A"] * 21, "met": [True] * 20 + [False]}),
        year=2020,
        stage="小学",
        standard_set="quality2017",
        n_items=32,
    )
    assert rows["county_code"].tolist() == ["A", "B"]  # C has no data; A is over the line
    assert rows["gap"].tolist() == pytest.approx([0.05, -0.15])
    assert rows["trend"].tolist() == [[0.1, 0.05], [-0.05, -0.15]]
    assert rows["gap_change"].tolist() == pytest.approx([-0.05, -0.10])
    assert rows["items_met"].tolist() == [23, 7]
    assert rows["cv:a"].tolist() == [0.55, 0.30]
    assert rows["quality2017_小学"].tolist() == [False, True]
    colours = map_colours(scope, rows, stage="小学", standard_set="quality2017")
    assert colours == {"A": NEAR_COLOUR, "B": "#009E73", "C": NO_DATA_COLOUR}  # A: 0.05 over
    far = rows.assign(gap=[0.15, -0.15])
    assert map_colours(scope, far, stage="小学", standard_set="quality2017")["A"] == "#D55E00"


def test_map_draws_every_county_of_the_province_grey_when_without_data(demo_con):
    scope = run(demo_con, "province_scope", province="610000", city="")
    assert (
        len(scope)
        == demo_con.execute(
            "SELECT count(*) FROM boundaries WHERE level = 'county' AND code LIKE '61%'"
        ).fetchone()[0]
    )
    rows = scope[scope["has_data"]].assign(quality2017_小学=False, gap=0.2)
    colours = map_colours(scope, rows, stage="小学", standard_set="quality2017")
    m = maps.county_choropleth(scope.assign(verdict=""), colours, {"county_name": "区县"})
    html = m.get_root().render()
    assert html.count('"code": "61') == len(scope)
    assert sum(c == NO_DATA_COLOUR for c in colours.values()) == (~scope["has_data"]).sum()


def test_summary_xlsx_keeps_text_as_text():
    table = pd.DataFrame({"区县": ["=1+1", "乙县"], "走势": [[0.1, None], [-0.2]]})
    book = openpyxl.load_workbook(io.BytesIO(summary_xlsx(table, title="T", note="N")))
    sheet = book.active
    assert sheet["A1"].value == "T"
    assert sheet["A5"].value == "=1+1" and sheet["A5"].data_type == "s"
    assert sheet["B5"].value == "0.100 → —"
    assert sheet["B6"].value == "-0.200"


def test_nearest_peers_by_standardised_distance():
    # log pupils: L·[1, 1, 2, 1] → z = [−1, −1, 3, −1]/√3; rural share [0, .5, .5, 1] →
    # z = [−√2, 0, 0, √2]; schools equal everywhere (no spread: counts for nothing).
    profiles = pd.DataFrame(
        {
            "county_code": ["A", "B", "C", "D"],
            "county_name": ["甲", "乙", "丙", "丁"],
            "students": [100, 100, 10000, 100],
            "rural_share": [0.0, 0.5, 0.5, 1.0],
            "n_schools": [20, 20, 20, 20],
        }
    )
    peers = nearest_peers(profiles, "A", k=3)
    assert peers["county_code"].tolist() == ["B", "C", "D"]
    assert peers["distance"].tolist() == pytest.approx([2**0.5, (16 / 3 + 2) ** 0.5, 8**0.5])
    assert nearest_peers(profiles, "C", k=1)["county_code"].tolist() == ["B"]


def test_peer_comparison_against_the_peers_median():
    cvs = pd.DataFrame(
        {
            "county_code": ["A", "B", "C", "A", "B", "C"],
            "indicator": ["x", "x", "x", "y", "y", "y"],
            "name_zh": ["X", "X", "X", "Y", "Y", "Y"],
            "cv": [0.30, 0.20, 0.40, 0.10, 0.20, 0.40],
            "threshold": [0.5] * 6,
            "mean_value": [5.0, 4.0, 8.0, 1.0, 2.0, 3.0],
        }
    )
    peers = pd.DataFrame({"county_code": ["B", "C"]})
    table = peer_comparison(cvs, "A", peers, name_column="name_zh").set_index("indicator")
    assert table.loc["x", "peer_cv"] == pytest.approx(0.30)
    assert table.loc["y", "peer_cv"] == pytest.approx(0.30)
    assert table.loc["x", "peer_mean"] == pytest.approx(6.0)
    # x: 0.30 against a median of (0.20 + 0.40) / 2 — equal but for rounding: level
    assert table["cv_standing"].tolist() == ["level", "ahead"]
    assert table["mean_standing"].tolist() == ["behind", "behind"]


def test_peers_tab_names_the_peer_and_compares_with_the_views(demo_con):
    at = province_page("610526", 2021)
    peers = at.dataframe[1].value
    assert peers["区县"].tolist() == ["新城区"]  # the only other county of 陕西 with data
    pupils = demo_con.execute(
        "SELECT sum(students) FROM section_inputs WHERE county_code = '610102' "
        "AND year = 2021 AND students > 0"
    ).fetchone()[0]
    assert peers["在校生数"].tolist() == [pupils]
    compared = at.dataframe[2].value
    expected = demo_con.execute(
        "SELECT i.name_zh, a.cv, b.cv FROM county_indicator_cv a "
        "JOIN county_indicator_cv b USING (year, stage, standard_set, indicator) "
        "JOIN indicators i USING (indicator) WHERE a.county_code = '610526' "
        "AND b.county_code = '610102' AND year = 2021 AND stage = '小学' "
        "AND standard_set = 'quality2017' ORDER BY i.sort_order"
    ).fetchall()
    assert compared["指标"].tolist() == [name for name, _, _ in expected]
    assert compared["本县差异系数"].tolist() == pytest.approx([a for _, a, _ in expected])
    assert compared["同类区县中位数"].tolist() == pytest.approx([b for _, _, b in expected])
    assert compared["差异系数"].tolist() == ["领先" if a < b else "落后" for _, a, b in expected]
    scatter = [c for c in at.get("plotly_chart") if "同类区县" in c.proto.spec]
    assert len(scatter) == 1


def test_one_peer_is_named_in_the_singular():
    captions = " ".join(c.value for c in province_page("610526", 2021, lang="en").caption)
    assert "Peer = the county of the province most like 蒲城县" in captions
    assert "the 1 counties" not in captions


def test_open_flags_per_county_count_the_flags_not_yet_closed(tmp_path, monkeypatch):
    """Hand-made flags (the huge-class rule only: 70 pupils a class) and follow-up events:
    a flag closed (已整改, 无需整改) is not open; one only checked (已核实) still is; an event
    of a flag that no longer fires changes nothing."""
    from data.build import new_database
    from data.writing import add_counties, close_written
    from store import follow_up as fu
    from store.db import STORE_FILE, create_engine
    from tests.conftest import insert_sections

    path = tmp_path / "flags.duckdb"
    con = new_database(path)
    add_counties(con, ["610102", "610526"])
    huge = {"year": 2021, "students": 700, "classes": 10}
    normal = {"year": 2021, "students": 100, "classes": 3}
    insert_sections(
        con,
        [
            {"county_code": "610102", "school_code": "A"} | huge,
            {"county_code": "610102", "school_code": "B"} | huge,
            {"county_code": "610102", "school_code": "C"} | huge,
            {"county_code": "610102", "school_code": "D"} | normal,
            {"county_code": "610526", "school_code": "E"} | huge,
            {"county_code": "610526", "school_code": "F"} | normal,
        ],
    )
    con.execute("UPDATE settings SET value = 'huge_class' WHERE key = 'flag_rules'")
    close_written(con)
    engine = create_engine(f"sqlite:///{tmp_path / STORE_FILE}")

    def step(county: str, school: str, status: str, note: str = "") -> None:
        flag = fu.Flag(f"2021:{school}:小学:class:class_size", county, school, "班额")
        fu.record(engine, flag, user="admin", role="admin", allowed_schools=None,
                  status=status, note=note)  # fmt: skip

    step("610102", "A", fu.CHECKED)
    step("610102", "A", fu.RECTIFIED)  # closed
    step("610102", "B", fu.CHECKED)  # still open
    step("610526", "E", fu.NOT_NEEDED, "学校已调整招生计划")  # closed
    step("610102", "D", fu.NOT_NEEDED, "不再触发")  # D has no flag: no effect
    engine.dispose()

    monkeypatch.setenv("JUNHENG_DB", str(path))
    at = province_page("610102", 2021)
    shown = at.dataframe[0].value.set_index("区县")
    assert shown["未整改预警"].to_dict() == {"新城区": 2, "蒲城县": 0}
    english = province_page("610102", 2021, lang="en").dataframe[0].value.set_index("County")
    assert english["Open flags"].to_dict() == {"新城区": 2, "蒲城县": 0}
