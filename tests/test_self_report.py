"""The self-evaluation report (.docx): it opens with python-docx and its tables equal the views."""

import io
from functools import partial

import pytest
from docx import Document

from components.pace import PACE_YEARS, pace_table
from components.scorecard import MET, NOT_MET, scorecard_table
from components.self_report import gather, self_report_docx
from queries.loader import run

COUNTY, YEAR = "610526", 2021


@pytest.fixture(scope="module")
def report(demo_con):
    data = gather(
        partial(run, demo_con),
        county_code=COUNTY,
        county_name="蒲城县",
        province_code="610000",
        year=YEAR,
        lang="zh",
    )
    return data, Document(io.BytesIO(self_report_docx(data, lang="zh")))


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_sections_in_the_order_a_supervision_team_reads(report):
    _, document = report
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、自查结论",
        "二、基本情况",
        "三、32 项评估指标达成情况",
        "四、资源配置校际差异系数",
        "五、未达标学校",
        "六、存在问题",
        "七、整改措施",
    ]
    assert document.paragraphs[0].text == "蒲城县县域义务教育优质均衡发展自查报告（2021年）"


def test_facts_table_equals_the_sections(report, demo_con):
    _, document = report
    facts = cells(document.tables[0])
    assert facts[0] == ["学段", "学校数", "在校生数", "班级数", "专任教师数"]
    for row in facts[1:]:
        n, pupils, classes, teachers = demo_con.execute(
            "SELECT count(*), sum(students), sum(classes), sum(teachers) FROM section_inputs "
            "WHERE county_code = ? AND year = ? AND stage = ? AND students > 0",
            [COUNTY, YEAR, row[0]],
        ).fetchone()
        assert row[1:] == [str(n), f"{pupils:,}", f"{classes:,}", f"{teachers:,}"]
    assert [r[0] for r in facts[1:]] == ["小学", "初中"]


def test_items_table_has_the_32_items_with_met_as_stored(report, demo_con):
    _, document = report
    items = cells(document.tables[1])
    assert items[0] == ["类别", "指标", "数值", "标准", "达成", "佐证说明"]
    assert len(items) == 1 + 32
    table = scorecard_table(
        run(demo_con, "resource_scorecard", county=COUNTY, year=YEAR),
        run(demo_con, "county_scorecard", county=COUNTY, year=YEAR),
        "zh",
    )
    words = {MET: "是", NOT_MET: "否"}
    expected = [(r.item, words.get(r.status, "未填报")) for r in table.itertuples()]
    assert [(row[1], row[4]) for row in items[1:]] == expected
    assert [row[2] for row in items[1:]] == table["value"].tolist()
    stored = demo_con.execute(
        "SELECT count(*) FILTER (WHERE met) FROM county_scorecard WHERE county_code = ? "
        "AND year = ?",
        [COUNTY, YEAR],
    ).fetchone()[0]
    assert sum(row[4] == "是" for row in items[9:]) == stored


def test_cv_tables_of_both_stages_equal_county_indicator_cv(report, demo_con):
    _, document = report
    for table, stage in zip(document.tables[2:4], ("小学", "初中"), strict=True):
        rows = cells(table)
        assert rows[0] == ["指标", "差异系数", "标准线", "在标准线以内"]
        expected = demo_con.execute(
            "SELECT i.name_zh, cv.cv, cv.threshold, cv.passes FROM county_indicator_cv cv "
            "JOIN indicators i USING (indicator) WHERE county_code = ? AND year = ? "
            "AND stage = ? AND standard_set = 'quality2017' ORDER BY i.sort_order",
            [COUNTY, YEAR, stage],
        ).fetchall()
        assert rows[1:] == [
            [name, f"{cv:.3f}", f"≤ {line:.2f}", "是" if ok else "否"]
            for name, cv, line, ok in expected
        ]


def test_schools_below_standard_equal_school_compliance(report, demo_con):
    _, document = report
    rows = cells(document.tables[4])
    expected = demo_con.execute(
        "SELECT stage, school_name, n_met, min_ratio FROM school_compliance "
        "WHERE county_code = ? AND year = ? AND NOT compliant "
        "ORDER BY CASE stage WHEN '小学' THEN 1 ELSE 2 END, min_ratio, school_code",
        [COUNTY, YEAR],
    ).fetchall()
    assert len(rows) == 1 + len(expected) > 50
    assert [r[:4] for r in rows[1:]] == [
        [stage, name, f"{n} / 7", f"{ratio:.1%}"] for stage, name, n, ratio in expected
    ]


def test_problems_and_rectification_with_the_pace_estimate(report, demo_con):
    data, document = report
    problems = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    over = demo_con.execute(
        "SELECT count(*) FROM county_indicator_cv WHERE county_code = ? AND year = ? "
        "AND standard_set = 'quality2017' AND NOT passes",
        [COUNTY, YEAR],
    ).fetchone()[0]
    unmet_items = demo_con.execute(
        "SELECT count(*) FROM county_scorecard WHERE county_code = ? AND year = ? AND NOT met",
        [COUNTY, YEAR],
    ).fetchone()[0]
    assert len(problems) == over + 2 + unmet_items  # + one line per stage for the schools
    rectification = cells(document.tables[5])
    assert rectification[0] == ["问题", "按近年进度预计", "整改措施", "责任单位", "完成时限"]
    assert [r[0] for r in rectification[1:]] == problems
    cvs = run(
        demo_con, "county_indicator_cv", county=COUNTY, stage="小学", standard_set="quality2017"
    )
    pace = pace_table(cvs, last_years=PACE_YEARS, up_to=YEAR, target_year=YEAR)
    sports = pace.set_index("indicator").loc["sports_area_per_student"]
    row = next(r for r in rectification if r[0].startswith("小学生均体育运动场馆面积"))
    assert row[1] == f"约 {int(sports['crossing'])} 年达到"
    assert row[2:] == ["", "", ""]  # for the bureau to fill in


def test_english_report_and_hostile_names(tiny_db):
    con = tiny_db(
        [
            {"school_code": "S1", "school_name": "坏\x00学校=1+1\x07", "key_teachers": 0},
            {"school_code": "S2", "school_name": "乙小学"},
        ]
    )
    data = gather(
        partial(run, con),
        county_code="999999",
        county_name="Test",
        province_code="990000",
        year=2020,
        lang="en",
    )
    document = Document(io.BytesIO(self_report_docx(data, lang="en")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. Conclusion" and headings[-1] == "7. Rectification"
    schools = next(cells(t) for t in document.tables if t.rows[0].cells[1].text == "School")
    assert len(schools) == 2
    assert schools[1][:3] == ["Primary", "坏学校=1+1", "6 / 7"]  # control characters dropped
    items = cells(document.tables[1])
    assert len(items) == 1 + 32
    assert [row[4] for row in items[8:]].count("not reported") >= 23  # items 4, 5 computed
