"""The import template (shared/domain.md §7): one row per school section per year.

Either the Chinese headers or the English keys are accepted. `resources_whole_school` is this
product's addition for nine/twelve-year schools that report resources for the whole school."""

import io
from typing import NamedTuple

import pandas as pd

from data.catalogue import SCHOOL_TYPES, STAGES


class Column(NamedTuple):
    key: str
    header: str  # Chinese header (表头)
    kind: str  # "year" | "text" | "code" | "int" | "float" | "bool"
    required: bool  # the cell may not be empty
    unit: str
    example: object


COLUMNS: tuple[Column, ...] = (
    Column("year", "年份", "year", True, "", 2024),
    Column("county_code", "区县代码", "code", True, "6位行政区划代码", "610526"),
    Column("county_name", "区县名称", "text", True, "", "蒲城县"),
    Column("school_code", "学校标识码", "code", True, "10位", "2161052601"),
    Column("school_name", "学校名称", "text", True, "", "城关第一小学"),
    Column(
        "school_type",
        "办学类型",
        "text",
        True,
        "/".join(SCHOOL_TYPES),
        "小学",
    ),
    Column("stage", "学段", "text", True, "/".join(STAGES), "小学"),
    Column("parent_school_code", "所属中心校标识码", "code", False, "仅教学点填写", ""),
    Column("urban_rural_code", "城乡分类代码", "int", True, "111…220", 111),
    Column("township", "乡镇(街道)", "text", False, "", "城关街道"),
    Column("longitude", "经度", "float", False, "WGS-84", 109.58),
    Column("latitude", "纬度", "float", False, "WGS-84", 34.95),
    Column("students", "在校生数", "int", True, "人", 1200),
    Column("classes", "班级数", "int", False, "个", 27),
    Column("teachers", "专任教师数", "int", False, "人", 68),
    Column("teachers_above_degree", "高于规定学历教师数", "int", False, "人", 60),
    Column("teachers_senior_title", "中级及以上职称教师数", "int", False, "人", 31),
    Column("key_teachers", "县级及以上骨干教师数", "int", False, "人", 14),
    Column("pe_art_teachers", "体育艺术专任教师数", "int", False, "人", 12),
    Column("teaching_area_m2", "教学及辅助用房面积(m²)", "float", False, "m²", 5600.0),
    Column("sports_area_m2", "体育运动场馆面积(m²)", "float", False, "m²", 9100.0),
    Column("equipment_value_yuan", "教学仪器设备值(元)", "float", False, "元", 2650000.0),
    Column("multimedia_rooms", "网络多媒体教室数", "int", False, "间", 30),
    Column("computers", "计算机台数", "int", False, "台", 180),
    Column("books", "图书册数", "int", False, "册", 36000),
    Column("achievement_score", "学业质量监测得分", "float", False, "可不填", None),
    Column(
        "resources_whole_school",
        "资源按全校填报",
        "bool",
        False,
        "九年一贯制学校的校舍、设备、图书只按全校填报时填“是”",
        "否",
    ),
    Column("senior_students", "高中在校生数", "int", False, "十二年一贯制/完全中学填写", None),
    Column("ownership", "办学性质", "text", False, "公办/民办（空白为公办）", "公办"),
    Column("run_by", "举办者", "text", False, "县级/地市级/省级/中央（空白为县级）", "县级"),
)
BY_KEY = {c.key: c for c in COLUMNS}
# The columns of the school_sections table: the template without county_name, which is kept
# once per county in `counties`.
STORED_KEYS = [c.key for c in COLUMNS if c.key != "county_name"]
BY_HEADER = {c.header: c for c in COLUMNS} | BY_KEY

# Digits of each code column, after full-width and other-script digits are read as 0–9.
# Buildings, grounds, equipment, rooms, computers and books: what a school may report for the
# whole school (资源按全校填报), to be split across its sections by weighted pupils.
WHOLE_SCHOOL_RESOURCES = (
    "teaching_area_m2",
    "sports_area_m2",
    "equipment_value_yuan",
    "multimedia_rooms",
    "computers",
    "books",
)
CODE_DIGITS = {"county_code": 6, "school_code": 10, "parent_school_code": 10}
# Hard upper bounds of one school section's values: above them a value cannot be real (or
# would overflow the stored INTEGER), and the cell is refused. Whole numbers are also capped
# by the INTEGER type (2,147,483,647).
HARD_LIMITS = {
    "students": 50_000,
    "classes": 1_000,
    "teachers": 10_000,
    "teachers_above_degree": 10_000,
    "teachers_senior_title": 10_000,
    "key_teachers": 10_000,
    "pe_art_teachers": 10_000,
    "teaching_area_m2": 5_000_000.0,
    "sports_area_m2": 5_000_000.0,
    "equipment_value_yuan": 10_000_000_000.0,
    "multimedia_rooms": 10_000,
    "computers": 200_000,
    "books": 50_000_000,
    "achievement_score": 1_000.0,
}
# Per-pupil values above these are possible but suspicious: a warning to confirm. Areas keep
# the m² limit; the others are per pupil (computers, rooms: per pupil, not per 100).
PER_PUPIL_WARNINGS = {
    "teaching_area_m2": 100.0,
    "sports_area_m2": 100.0,
    "equipment_value_yuan": 100_000.0,
    "books": 1_000.0,
    "computers": 5.0,
    "multimedia_rooms": 0.5,
}


SHEET = "学校数据"
NOTES_SHEET = "填表说明"


def blank_template() -> bytes:
    """The downloadable template: the data sheet with its headers, and a sheet that gives
    every column's English key, unit or allowed values, whether it is required and an
    example."""
    notes = pd.DataFrame(
        [(c.header, c.key, c.unit, "是" if c.required else "否", c.example) for c in COLUMNS],
        columns=["表头", "英文键", "单位/取值", "必填", "示例"],
    )
    return template_bytes(pd.DataFrame(columns=[c.header for c in COLUMNS]), notes)


def template_bytes(frame: pd.DataFrame, notes: pd.DataFrame | None = None) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=SHEET, index=False)
        writer.sheets[SHEET].freeze_panes = "A2"
        for column in writer.sheets[SHEET].columns:
            writer.sheets[SHEET].column_dimensions[column[0].column_letter].width = 16
        if notes is not None:
            notes.to_excel(writer, sheet_name=NOTES_SHEET, index=False)
    return buffer.getvalue()


def sections_as_template(sections: pd.DataFrame) -> pd.DataFrame:
    """school_sections rows under the Chinese headers, ready to be imported again."""
    frame = sections[[c.key for c in COLUMNS]].copy()
    frame["resources_whole_school"] = frame["resources_whole_school"].map({True: "是", False: "否"})
    return frame.rename(columns={c.key: c.header for c in COLUMNS})


def returns_workbook(sections: pd.DataFrame) -> bytes:
    """Stored returns (school_sections rows plus county_name) as an importable workbook."""
    return template_bytes(sections_as_template(sections))
