"""AppTest of the planner page on the demo: moves by hand (checked, described in numbers,
recomputed by the views) and the cheapest plan (the solver's figures, loadable as a scenario)."""

import pytest

from components.plan_solver import LEVERS, Costs, cheapest_plan
from components.planner import Engine, Move, apply_moves
from queries.loader import run
from tests.test_pages import open_page


@pytest.fixture(autouse=True)
def use_demo_db(demo_db, monkeypatch):
    monkeypatch.setenv("JUNHENG_DB", str(demo_db))


def planner(year: str = "2024"):
    return open_page(None, "planner", county="610526", year=year)


def add_move(at, kind, column=None, source=None, target=None, amount=None):
    at.selectbox(key="plan_kind").set_value(kind).run()
    if column:
        at.selectbox(key=f"plan_column-{kind}").set_value(column)
    if source:
        at.selectbox(key="plan_source").set_value(source)
    if target:
        at.selectbox(key="plan_target").set_value(target)
    if amount is not None:
        at.number_input(key="plan_amount").set_value(amount)
    next(b for b in at.button if b.label in ("加入方案", "Add to the plan")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_transfer_offers_teachers_only_and_shows_its_effect(demo_con):
    at = planner()
    units = run(demo_con, "planner_units", county="610526", year=2024, stage="小学")
    source, target = units["school_code"].iloc[0], units["school_code"].iloc[1]
    at.selectbox(key="plan_kind").set_value("transfer").run()
    assert at.selectbox(key="plan_column-transfer").options == [
        "高于规定学历教师",
        "县级及以上骨干教师",
        "体育艺术专任教师",
    ]
    add_move(at, "transfer", "key_teachers", source, target, 1)
    move = Move("transfer", target=target, source=source, column="key_teachers", amount=1)
    cvs, _ = Engine().evaluate([apply_moves(units, [move])])
    expected = cvs.set_index("indicator").loc["key_teachers_per_100", "cv"]
    described = next(m.value for m in at.markdown if m.value.startswith("1. ")).replace("\\", "")
    effect = next(c.value for c in at.caption if "→" in c.value).replace("\\", "")
    row = units.set_index("school_code").loc[source]
    assert described.startswith(f"1. 从{row['school_name']}调 1 名县级及以上骨干教师到")
    assert f"{row['key_teachers']:.0f} → {row['key_teachers'] - 1:.0f} 名" in effect
    assert f"{expected:.4f}" in effect  # the CV it moves, in numbers
    shown = at.dataframe[0].value.set_index("指标")
    assert shown.loc["每百名学生拥有县级及以上骨干教师数", "方案后"] == pytest.approx(
        round(expected, 4)
    )
    # each changed school's values, from the views, in the catalogue's order of indicators
    per_school = at.dataframe[1].value
    assert list(per_school.columns[1:8]) == [
        "生均教学及辅助用房面积",
        "生均体育运动场馆面积",
        "生均教学仪器设备值",
        "每百名学生拥有高于规定学历教师数",
        "每百名学生拥有县级及以上骨干教师数",
        "每百名学生拥有体育、艺术专任教师数",
        "每百名学生拥有网络多媒体教室数",
    ]
    donor = per_school.set_index(per_school.columns[0]).loc[row["school_name"]]
    key_after = (row["key_teachers"] - 1) * 100 / row["students"]
    assert donor["每百名学生拥有县级及以上骨干教师数"] == pytest.approx(round(key_after, 3))
    assert donor["生均教学及辅助用房面积"] == pytest.approx(
        round(row["teaching_area_m2"] / row["students"], 3)
    )


@pytest.mark.parametrize(
    ("kind", "column", "amount", "message"),
    [
        ("transfer", "key_teachers", 500, "不能调出 500 名"),
        ("transfer", "key_teachers", 0.5, "须为整数"),
        ("hire", "pe_art_teachers", 1e40, "一次最多"),
        ("add", "equipment_value_yuan", 1e33, "一次最多"),
    ],
)
def test_bad_amounts_get_a_message_not_a_traceback(demo_con, kind, column, amount, message):
    at = planner()
    units = run(demo_con, "planner_units", county="610526", year=2024, stage="小学")
    source, target = units["school_code"].iloc[0], units["school_code"].iloc[1]
    add_move(at, kind, column, source if kind == "transfer" else None, target, amount)
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert at.session_state["plan-610526-2024-小学"] == []


def test_the_same_school_merged_twice_gets_a_message(demo_con):
    at = planner()
    units = run(demo_con, "planner_units", county="610526", year=2024, stage="小学")
    a, b, c = units["school_code"].iloc[:3]
    add_move(at, "merge", source=a, target=b)
    add_move(at, "merge", source=a, target=c)
    assert any("已在本方案中并入" in e.value for e in at.error)
    assert len(at.session_state["plan-610526-2024-小学"]) == 1


def test_the_cheapest_plan_is_shown_and_can_be_loaded(demo_con):
    at = planner(year="2023")
    at.button(key="plan_solve").click().run()
    assert not at.exception, [e.value for e in at.exception]
    units = run(demo_con, "planner_units", county="610526", year=2023, stage="小学")
    engine = Engine()
    costs = Costs.from_settings(engine.settings())
    plan = cheapest_plan(
        engine,
        units,
        dict(
            demo_con.execute(
                "SELECT indicator, standard_value FROM indicator_standards "
                "WHERE standard_set = 'quality2017' AND stage = '小学'"
            ).fetchall()
        ),
        costs,
        frozenset(LEVERS) - {"merge"},
        [],
        6,
        0.85,
    )
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["总费用"] == f"{plan.total_cost / 1e4:,.1f} 万元"
    assert metrics["方案后县域结论"] == "达到"
    summary = at.dataframe[0].value.set_index("资源")
    assert "合计" not in summary.index  # the total is the metric
    assert summary["金额（元）"].sum() == round(plan.total_cost)
    assert summary.loc["教学仪器设备", "数量"] == round(plan.additions["buy_equipment"].sum())
    at.button(key="plan_load").click().run()
    assert not at.exception
    assert at.session_state["plan-610526-2023-小学"] == plan.moves
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["达标学校"] == f"{len(units)} / {len(units)}"
    assert metrics["县域结论"] == "达到"


def test_in_english_with_a_merge_option(demo_con):
    at = open_page(None, "planner", county="610526", year="2023", lang="en")
    at.multiselect(key="plan_levers").select("merge").run()
    units = run(demo_con, "planner_units", county="610526", year=2023, stage="小学")
    smallest = units.sort_values("students")["school_code"].iloc[0]
    at.selectbox(key="merge_small").set_value(smallest).run()
    at.button(key="merge_add").click().run()
    assert at.session_state["plan-610526-2023-小学-merges"][0][0] == smallest
    at.button(key="plan_solve").click().run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Total cost"].endswith("k yuan")
    assert metrics["County verdict after the plan"] == "passes"
    assert "Measure" in at.dataframe[2].value.columns
    at.button(key="plan_load").click().run()
    add_move(at, "add", "sports_area_m2", target=units["school_code"].iloc[5], amount=1e7)
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("At most 1,000,000 m² of sports ground area" in e for e in errors), [
        e.value for e in at.error
    ]
