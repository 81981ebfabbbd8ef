"""AppTest of every page on the demo database: the figures shown equal the SQL views."""

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from components import charts
from components.i18n import t
from components.text import md
from tests.conftest import insert_sections
from tests.drawings import gauge_drawing, gauge_values, hover_texts, texts

APP = str(Path(__file__).resolve().parent.parent / "app.py")
UNEXPECTED = t("unexpected_error", "zh", ref="")[:12]
CASES = [("610102", 2017), ("610102", 2021), ("610526", 2019), ("340602", 2024)]


def open_page(db, page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(str(Path(APP).parent / "views" / f"{page}.py"))
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    # app.py turns an unexpected exception into a plain message (the log keeps the traceback)
    assert not [e.value for e in at.error if UNEXPECTED in e.value], [e.value for e in at.error]
    return at


def decoded(node):
    """Plotly writes numpy arrays as {"dtype", "bdata"} (base64): turn them back into lists."""
    if isinstance(node, dict):
        if "bdata" in node and "dtype" in node:
            return np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"]).tolist()
        return {k: decoded(v) for k, v in node.items()}
    if isinstance(node, list):
        return [decoded(v) for v in node]
    return node


def figures(at: AppTest) -> list[dict]:
    return [decoded(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


def title_of(fig: dict) -> str:
    """A figure's title as read: its lines joined (a space between Latin words)."""
    lines = fig["layout"]["title"]["text"].split("<br>")
    joined = lines[0]
    for line in lines[1:]:
        joined += (" " if joined[-1:].isascii() and line[:1].isascii() else "") + line
    return joined


def figure(at: AppTest, title_part: str) -> dict:
    found = [f for f in figures(at) if title_part in title_of(f)]
    assert len(found) == 1, [f["layout"]["title"]["text"] for f in figures(at)]
    return found[0]


@pytest.fixture(autouse=True)
def use_demo_db(demo_db, monkeypatch):
    monkeypatch.setenv("JUNHENG_DB", str(demo_db))


@pytest.mark.parametrize(("county", "year"), CASES)
def test_overview_gauges_equal_views(demo_con, county, year):
    at = open_page(None, county=county, year=str(year))
    # Every gauge of the page is one drawing: the stages' headline gauges, then the indicators.
    assert gauge_drawing(at).get("aria-label").startswith(f"{year}年差异系数")
    shown = gauge_values(at)
    for stage in ("小学", "初中"):
        # 2017 has no composite criterion: each stage's gauge shows its highest CV.
        expected = demo_con.execute(
            "SELECT max(cv) FROM county_indicator_cv WHERE county_code = ? AND year = ? "
            "AND stage = ? AND standard_set = 'quality2017'",
            [county, year, stage],
        ).fetchone()[0]
        (title,) = [name for name in shown if name.startswith(f"{stage}：最高差异系数")]
        assert shown.pop(title) == pytest.approx(expected, abs=1e-12)
    expected = dict(
        demo_con.execute(
            "SELECT indicator, cv FROM county_indicator_cv WHERE county_code = ? AND year = ? "
            "AND stage = '小学' AND standard_set = 'quality2017'",
            [county, year],
        ).fetchall()
    )
    assert shown == pytest.approx(expected, abs=1e-12)
    compliant, total = demo_con.execute(
        "SELECT count(*) FILTER (WHERE compliant), count(*) FROM school_compliance "
        "WHERE county_code = ? AND year = ? AND stage = '小学'",
        [county, year],
    ).fetchone()
    assert at.metric[0].value == f"{compliant} / {total} 所"


@pytest.mark.parametrize(("county", "year"), [("610102", 2017), ("610526", 2021)])
def test_trends_lines_equal_views(demo_con, county, year):
    at = open_page(None, "trends", county=county, year=str(year), stage="初中")
    chart = figure(at, "各指标差异系数")
    rows = demo_con.execute(
        "SELECT i.name_zh, cv.year, cv.cv FROM county_indicator_cv cv JOIN indicators i "
        "USING (indicator) WHERE county_code = ? AND stage = '初中' "
        "AND standard_set = 'quality2017'",
        [county],
    ).fetchall()
    expected = {(name, y): cv for name, y, cv in rows}
    shown = {
        (trace["name"], x): y
        for trace in chart["data"]
        if trace.get("legendgroup")  # the indicators' lines (not the legend entries)
        for x, y in zip(trace["x"], trace["y"], strict=True)
    }
    assert shown == pytest.approx(expected, abs=1e-12)
    legend = [trace["name"] for trace in chart["data"] if not trace.get("legendgroup")]
    assert legend == [f"标准线 {0.45:.2f}", f"所选年份 {year}"]
    ticks = chart["layout"]["xaxis"]["ticktext"]
    assert f"<b>{year}</b>" in ticks and len(ticks) == 10


@pytest.mark.parametrize(("county", "year"), CASES[1:3])
def test_school_gaps_bars_and_shares_equal_views(demo_con, county, year):
    at = open_page(
        None, "school_gaps", county=county, year=str(year), indicator="sports_area_per_student"
    )
    rows = demo_con.execute(
        "SELECT school_code, value, cv_share, school_name, is_outlier FROM school_position "
        "WHERE county_code = ? AND year = ? AND stage = '小学' "
        "AND indicator = 'sports_area_per_student'",
        [county, year],
    ).fetchall()
    bars = figure(at, "生均体育运动场馆面积")
    schools = [trace for trace in bars["data"] if trace.get("customdata")]
    shown = {y: x for trace in schools for x, y in zip(trace["x"], trace["y"], strict=True)}
    values = {code: value for code, value, *_ in rows}
    assert shown == pytest.approx({code: values[code] for code in shown}, abs=1e-12)
    # the highest and the lowest schools named on the axis, highest first, every outlier
    # among them; one row between them counts the others (in the data table)
    ranked = sorted(rows, key=lambda r: r[1], reverse=True)
    ticks = bars["layout"]["yaxis"]["tickvals"]
    gap = ticks.index(charts.REST_ROW)
    low = len(ticks) - gap - 1
    assert gap >= charts.SCHOOL_ENDS and low >= charts.SCHOOL_ENDS
    assert ticks[:gap] + ticks[gap + 1 :] == [c for c, *_ in ranked[:gap] + ranked[-low:]]
    assert {c for c, *_, outlier in rows if outlier} <= set(shown) == set(ticks) - {ticks[gap]}
    names = [t.removeprefix("※ ") for t in bars["layout"]["yaxis"]["ticktext"]]
    assert names[:gap] + names[gap + 1 :] == [r[3] for r in ranked[:gap] + ranked[-low:]]
    rest = ranked[gap:-low]
    (note,) = [a["text"] for a in bars["layout"]["annotations"] if a["y"] == charts.REST_ROW]
    assert note == (
        f"⋯ 另有 {len(rest)} 所学校，{min(r[1] for r in rest):.2f}–"
        f"{max(r[1] for r in rest):.2f}（见下方数据表）"
    )
    chart = figure(at, "贡献了差异的 50% 以上")
    shares = {
        y: x
        for trace in chart["data"]
        if trace.get("customdata")
        for x, y in zip(trace["x"], trace["y"], strict=True)
    }
    top = sorted(rows, key=lambda r: r[2], reverse=True)[: len(shares)]
    assert shares == pytest.approx({code: share * 100 for code, _, share, *_ in top}, abs=1e-9)
    # the title's count: the fewest schools, largest shares first, making up half the gap
    running, needed = 0.0, 0
    for _, _, share, *_ in sorted(rows, key=lambda r: r[2], reverse=True):
        if running >= 0.5:
            break
        running, needed = running + share, needed + 1
    assert chart["layout"]["title"]["text"].startswith(f"{needed} 所学校")


@pytest.mark.parametrize(("county", "year"), [("610526", 2016), ("340602", 2022)])
def test_urban_rural_ratios_and_theil_equal_views(demo_con, county, year):
    at = open_page(
        None, "urban_rural", county=county, year=str(year), indicator="equipment_value_per_student"
    )
    ratios = figure(at, "城乡均值比")
    expected = dict(
        demo_con.execute(
            "SELECT i.name_zh, r.urban_rural_ratio FROM county_group_ratios r JOIN indicators i "
            "USING (indicator) JOIN indicator_standards s ON s.indicator = r.indicator "
            "AND s.stage = r.stage AND s.standard_set = 'quality2017' WHERE r.county_code = ? "
            "AND r.year = ? AND r.stage = '小学'",
            [county, year],
        ).fetchall()
    )
    urban = ratios["data"][0]
    assert dict(zip(urban["y"], urban["x"], strict=True)) == pytest.approx(expected, abs=1e-12)
    theil = figure(at, "泰尔指数")
    rows = demo_con.execute(
        "SELECT year, theil_between, theil_within FROM county_theil WHERE county_code = ? "
        "AND stage = '小学' AND indicator = 'equipment_value_per_student' ORDER BY year",
        [county],
    ).fetchall()
    assert theil["data"][0]["y"] == pytest.approx([r[1] for r in rows], abs=1e-12)
    assert theil["data"][1]["y"] == pytest.approx([r[2] for r in rows], abs=1e-12)


@pytest.mark.parametrize(("county", "year"), [("610526", 2021), ("370786", 2018)])
def test_school_profile_equals_views(demo_con, county, year):
    school = demo_con.execute(
        "SELECT school_code FROM school_compliance WHERE county_code = ? "
        "AND year = ? AND stage = '小学' ORDER BY school_code LIMIT 1",
        [county, year],
    ).fetchone()[0]
    at = open_page(None, "school_profile", county=county, year=str(year), school=school)
    n_met = demo_con.execute(
        "SELECT n_met FROM school_compliance WHERE school_code = ? AND year = ? AND stage = '小学'",
        [school, year],
    ).fetchone()[0]
    chart = figure(at, f"{n_met} / 7 项达到优质均衡标准")
    expected = dict(
        demo_con.execute(
            "SELECT i.name_zh, v.value / q.standard_value * 100 FROM indicator_values v "
            "JOIN indicators i USING (indicator) JOIN indicator_standards q "
            "ON q.indicator = v.indicator AND q.stage = v.stage AND q.standard_set = 'quality2017' "
            "WHERE v.school_code = ? AND v.year = ? AND v.stage = '小学'",
            [school, year],
        ).fetchall()
    )
    school = [trace for trace in chart["data"] if trace.get("offsetgroup") == "school"]
    shown = {y: x for trace in school for x, y in zip(trace["x"], trace["y"], strict=True)}
    assert shown == pytest.approx(expected, abs=1e-9)
    # one legend entry per status, named: the swatch is never "whichever bar came first"
    order = [
        r[0]
        for r in demo_con.execute(
            "SELECT i.name_zh FROM indicator_standards q JOIN indicators i USING (indicator) "
            "WHERE q.standard_set = 'quality2017' AND q.stage = '小学' ORDER BY i.sort_order"
        ).fetchall()
    ]
    assert chart["layout"]["yaxis"]["categoryarray"] == order  # catalogue order, not by status
    met = [t for t in school if t["name"] == "本校：达到标准"]
    assert sum(len(t["x"]) for t in met) == n_met


def test_language_switch_changes_labels_not_numbers():
    zh = open_page(None, county="370786", year="2020")
    en = open_page(None, county="370786", year="2020", lang="en")
    zh_values, en_values = list(gauge_values(zh).values()), list(gauge_values(en).values())
    assert len(zh_values) == 2 + 7 and zh_values == en_values
    assert en.title[0].value.startswith("Overview")
    assert zh.title[0].value.startswith("总览")
    drawing = gauge_drawing(en)
    assert texts(drawing)[0] == "Difference coefficients, 2020"
    assert any(name.startswith("Primary: highest CV") for name in gauge_values(en))
    assert hover_texts(drawing)[0].startswith("Primary: highest CV")


def test_url_restores_the_view(demo_con):
    at = open_page(None, county="340602", year="2018", stage="初中", set="basic2012")
    assert at.selectbox(key="county_choice").value == "340602"
    assert at.selectbox(key="year_choice").value == "2018"
    assert at.radio(key="stage_choice").value == "初中"
    assert at.radio(key="set_choice").value == "basic2012"
    expected = demo_con.execute(
        "SELECT cv FROM county_indicator_cv WHERE county_code = '340602' AND year = 2018 "
        "AND stage = '初中' AND standard_set = 'basic2012' AND indicator = 'books_per_student'"
    ).fetchone()[0]
    shown = gauge_values(at)
    assert shown["books_per_student"] == pytest.approx(expected, abs=1e-12)
    assert len(shown) == 2 + 8  # each stage's composite, then the 8 indicators


def test_hostile_url_params_fall_back_with_notice():
    at = open_page(None, county="'; DROP TABLE counties; --", year="1999", stage="高中", lang="xx")
    notices = " ".join(w.value for w in at.sidebar.warning)
    assert "DROP TABLE" in notices and "1999" in notices and "高中" in notices
    # The default is the first county in province/city order: 杜集区 (安徽 34…).
    assert at.selectbox(key="county_choice").value == "340602"
    assert at.query_params["county"] == "340602"


def test_empty_states_give_messages_not_tracebacks(tmp_path, monkeypatch):
    from data.build import new_database

    path = tmp_path / "primary_only.duckdb"
    con = new_database(path)
    con.execute(
        "INSERT INTO counties VALUES ('999999', '测试县', NULL, '测试市', NULL, '测试省', FALSE)"
    )
    insert_sections(
        con,
        [
            {"school_code": "A"},
            {"school_code": "B", "students": 50},
            {"school_code": "Z", "year": 2021, "students": 0},
        ],
    )
    con.close()
    monkeypatch.setenv("JUNHENG_DB", str(path))
    for page in (None, "trends", "school_gaps", "urban_rural", "school_profile"):
        junior = open_page(None, page, stage="初中")
        assert junior.info, page  # a stage with no schools
        excluded = open_page(None, page, year="2021")
        assert excluded.info, page  # every school excluded (no pupils)


def test_import_page_only_with_a_password_and_only_after_sign_in():
    hidden = AppTest.from_file(APP, default_timeout=60)
    hidden.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        hidden.switch_page(str(Path(APP).parent / "views" / "data_import.py"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["admin_password"] = "s3cret-密码"
    at.run()
    at.switch_page(str(Path(APP).parent / "views" / "data_import.py"))
    at.run()
    assert not at.exception
    assert at.text_input[0].label == "管理员密码"
    at.text_input[0].input("wrong")
    at.button[0].click().run()
    assert at.error[0].value == "密码不正确。"
    shown = [e.value for e in (*at.markdown, *at.caption, *at.error, *at.title)]
    assert not any("s3cret" in str(v) for v in shown)
    at.text_input[0].input("s3cret-密码")
    at.button[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.session_state["admin"] is True


def test_admin_password_guessing_is_slowed_down(tmp_path, monkeypatch):
    """The admin form counts failures in the shared store like the login page: after five
    wrong passwords even the right one waits (so guessing is slowed across replicas)."""
    monkeypatch.setenv("JUNHENG_STORE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["admin_password"] = "s3cret-密码"
    at.run()
    at.switch_page(str(Path(APP).parent / "views" / "data_import.py"))
    at.run()
    for _ in range(5):
        at.text_input[0].input("guess")
        at.button[0].click().run()
        assert at.error[0].value == "密码不正确。"
    at.text_input[0].input("s3cret-密码")
    at.button[0].click().run()
    assert at.error[0].value.startswith("失败次数过多")
    assert "admin" not in at.session_state


def test_chart_notes_name_the_sql_and_show_the_data(demo_con):
    at = open_page(None, "trends", county="610102", year="2021")
    notes = " ".join(m.value for m in at.markdown)
    assert "`queries/county_indicator_cv.sql` · `queries/views/50_county_indicator_cv.sql`" in notes
    assert "差异系数 CV = S ÷ X̄" in notes  # the formula in words
    assert "`queries/county_group_means.sql`" in notes and "`queries/school_history.sql`" in notes
    at.toggle(key="cv-trend-table").set_value(True).run()
    table = at.dataframe[0].value
    rows = demo_con.execute(
        "SELECT i.name_zh, cv.year, cv.cv FROM county_indicator_cv cv JOIN indicators i "
        "USING (indicator) WHERE county_code = '610102' AND stage = '小学' "
        "AND standard_set = 'quality2017'"
    ).fetchall()
    shown = {(name, y): table.loc[table["年份"] == y, name].iloc[0] for name, y, _ in rows}
    assert shown == pytest.approx({(name, y): cv for name, y, cv in rows}, abs=1e-12)
    top_name, top = max(((n, cv) for n, y, cv in rows if y == 2021), key=lambda r: r[1])
    sentence = " ".join(c.value for c in at.caption)
    assert md(f"2021年最高为{top_name} {top:.3f}") in sentence  # escaped: names are data


def test_trend_titles_say_what_the_groups_show(demo_con):
    urban_only = open_page(None, "trends", county="610102", year="2021")
    assert figure(urban_only, "城区学校均值（本县小学学校均为城区学校，无城乡比较）")
    at = open_page(None, "trends", county="610526", year="2021")
    means = dict(
        demo_con.execute(
            "SELECT year || urban_rural_group, mean_value FROM county_group_means "
            "WHERE county_code = '610526' AND stage = '小学' "
            "AND indicator = 'teaching_area_per_student'"
        ).fetchall()
    )
    first = means["2015urban"] / means["2015rural"]
    last = means["2024urban"] / means["2024rural"]
    direction = "在缩小" if abs(last - 1) < abs(first - 1) else "在扩大"
    title = title_of(figure(at, "城区与乡村均值差距"))
    assert f"差距{direction}：2015年城区为乡村的 {first:.2f} 倍，2024年为 {last:.2f} 倍" in title


def test_headlines_count_from_sql_in_both_languages(demo_con):
    wide = demo_con.execute(
        "SELECT count(*) FROM county_group_ratios r JOIN indicator_standards s "
        "ON s.indicator = r.indicator AND s.stage = r.stage AND s.standard_set = 'quality2017' "
        "WHERE r.county_code = '610526' AND r.year = 2021 AND r.stage = '小学' "
        "AND r.urban_rural_ratio > 1.2"
    ).fetchone()[0]
    at = open_page(None, "urban_rural", county="610526", year="2021")
    assert figure(at, f"城乡均值比：{wide} 项指标城区均值超过乡村的 1.2 倍")
    en = open_page(None, "school_gaps", county="610526", year="2021", lang="en")
    shares = sorted(
        (
            r[0]
            for r in demo_con.execute(
                "SELECT cv_share FROM school_position WHERE county_code = '610526' "
                "AND year = 2021 AND stage = '小学' AND indicator = 'teaching_area_per_student'"
            ).fetchall()
        ),
        reverse=True,
    )
    needed = next(k for k in range(1, len(shares) + 1) if sum(shares[:k]) >= 0.5)
    noun = "school makes" if needed == 1 else "schools together make"
    assert figure(en, f"{needed} {noun} up 50% or more of the gap")
