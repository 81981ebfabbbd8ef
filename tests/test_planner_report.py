"""The cheapest plan explained: per school and measure with a one-line reason, per resource,
and exported as .xlsx and as a .docx budget sheet (text cells never formulas)."""

import io

import openpyxl
import pandas as pd
from docx import Document

from components.plan_report import Explainer, labelled, plan_docx, plan_xlsx
from components.plan_solver import with_additions
from components.planner import Engine, apply_moves
from tests.test_planner import hand_county
from tests.test_planner_solver import STANDARDS, costs, solve

NAMES_ZH = {
    "teaching_area_per_student": "生均教学及辅助用房面积",
    "sports_area_per_student": "生均体育运动场馆面积",
    "equipment_value_per_student": "生均教学仪器设备值",
    "multimedia_rooms_per_100": "每百名学生拥有网络多媒体教室数",
    "above_degree_per_100": "每百名学生拥有高于规定学历教师数",
    "key_teachers_per_100": "每百名学生拥有县级及以上骨干教师数",
    "pe_art_teachers_per_100": "每百名学生拥有体育、艺术专任教师数",
}


def explained(county: pd.DataFrame, lang: str = "zh", **solve_args) -> tuple:
    engine = Engine()
    plan = solve(engine, county, **solve_args)
    base = apply_moves(county, [m for m in plan.moves if m.kind == "merge"])
    after = with_additions(base, plan.additions)
    cvs, compliance = engine.evaluate([county, after])
    names = dict(zip(county["school_code"], county["school_name"], strict=True))
    explainer = Explainer(
        plan,
        county,
        after,
        STANDARDS,
        NAMES_ZH,
        names,
        (cvs[cvs.scenario == 0], cvs[cvs.scenario == 1]),
        (compliance[compliance.scenario == 0], compliance[compliance.scenario == 1]),
        engine.values([county, after]),
        costs(),
        0.85,
        lang,
    )
    return plan, explainer


def test_each_measure_says_what_it_fixes():
    county = hand_county(B={"teaching_area_m2": 4200.0, "equipment_value_yuan": 1_900_000.0})
    _, explainer = explained(county)
    items = explainer.items()
    assert items[
        ["school", "measure", "amount", "unit", "cost", "served", "change"]
    ].values.tolist() == [
        [
            "乙小学",
            "购置教学仪器设备",
            100_000.0,
            "元",
            100_000.0,
            "生均教学仪器设备值",
            "1,900 → 2,000",
        ]
    ]
    assert (
        items["reason"].iloc[0]
        == "生均教学仪器设备值达到标准 2,000（1,900 → 2,000），学校达标 5 → 6 项"
    )
    summary = explainer.summary().set_index("resource")
    assert summary.loc["教学仪器设备", "amount"] == 100_000
    assert summary.loc["合计", "cost"] == 100_000
    assert summary["cost"].iloc[:-1].sum() == 100_000


def test_floor_rotation_and_cv_reasons():
    county = hand_county(A={"key_teachers": 30}, B={"key_teachers": 2}, C={"key_teachers": 10})
    _, explainer = explained(county, levers={"rotate"})
    items = explainer.items().set_index("school")
    assert items.loc["乙小学", "measure"] == "交流调入县级及以上骨干教师（来自甲小学）"
    assert items.loc["乙小学", "reason"] == (
        "每百名学生拥有县级及以上骨干教师数仅为标准的 20%，低于 85% 底线：0.20 → 0.90（标准 1.00）"
    )
    assert items.loc["甲小学", "reason"] == (
        "调出后仍达标：每百名学生拥有县级及以上骨干教师数 3.00 → 2.30（标准 1.00）"
    )
    assert items.loc["甲小学", "cost"] == 0 and items.loc["乙小学", "cost"] == 42_000
    county = hand_county(
        A={"equipment_value_yuan": 10_000_000.0},
        B={"equipment_value_yuan": 2_000_000.0},
        C={"equipment_value_yuan": 2_000_000.0},
    )
    _, explainer = explained(county)
    reasons = explainer.items()["reason"].tolist()
    assert len(reasons) == 2
    assert all(r.startswith("降低生均教学仪器设备值差异系数 0.8081 → 0.") for r in reasons)


def test_exports_keep_the_figures_and_never_write_formulas():
    county = hand_county(B={"teaching_area_m2": 4200.0, "equipment_value_yuan": 1_900_000.0})
    county.loc[county["school_code"] == "B", "school_name"] = '=HYPERLINK("http://evil.example")'
    _, explainer = explained(county)
    items = labelled(explainer.items().drop(columns="code"), "zh")
    summary = labelled(explainer.summary(), "zh")
    workbook = openpyxl.load_workbook(
        io.BytesIO(plan_xlsx({"按资源汇总": summary, "按学校的措施": items}))
    )
    assert workbook.sheetnames == ["按资源汇总", "按学校的措施"]
    rows = list(workbook["按学校的措施"].iter_rows(values_only=True))
    assert rows[0][:3] == ("学校", "措施", "数量")
    assert rows[1][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1][2] == 100_000
    total = [r for r in workbook["按资源汇总"].iter_rows(values_only=True) if r[0] == "合计"]
    assert total[0][-1] == 100_000
    document = Document(
        io.BytesIO(
            plan_docx(
                "示例县2023年小学义务教育优质均衡补短板经费预算表",
                ["按本方案实施后：县域结论 达到；总费用 100,000 元。"],
                [("按资源汇总", summary), ("按学校的措施", items)],
                ["单价来源：…\x07"],
            )
        )
    )
    text = [p.text for p in document.paragraphs]
    assert text[0] == "示例县2023年小学义务教育优质均衡补短板经费预算表"
    assert "按本方案实施后：县域结论 达到；总费用 100,000 元。" in text
    assert "单价来源：…" in text  # control characters removed
    by_school = document.tables[1]
    assert [c.text for c in by_school.rows[1].cells][:4] == [
        '=HYPERLINK("http://evil.example")',
        "购置教学仪器设备",
        "100,000",
        "元",
    ]
    assert [c.text for c in document.tables[0].rows[-1].cells][-1] == "100,000"


def test_measures_and_resources_come_in_the_catalogues_order():
    # B: teaching rooms 3.0 m² and no PE/art teacher, both below 85 % of the standard. The
    # cheapest way: 9 PE/art teachers (0.9 per 100, the standard) and 825 m² (3.825 m², the
    # floor): teaching rooms come first in the catalogue, PE/art teachers tenth.
    county = hand_county(B={"teaching_area_m2": 3000.0, "pe_art_teachers": 0})
    _, explainer = explained(county, levers={"hire", "build_teaching"})
    items = explainer.items()
    assert items[["school", "measure", "amount"]].values.tolist() == [
        ["乙小学", "新建教学及辅助用房", 825.0],
        ["乙小学", "招聘体育艺术教师", 9.0],
    ]
    assert explainer.summary()["resource"].tolist() == [
        "教学及辅助用房",
        "体育运动场馆",
        "教学仪器设备",
        "招聘教师（具备规定学历）",
        "培养认定骨干教师",
        "招聘体育艺术教师",
        "网络多媒体教室",
        "交流轮岗教师",
        "撤并学校",
        "合计",
    ]
