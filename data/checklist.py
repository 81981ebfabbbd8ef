"""The county-level indicators of the quality 2017 method (shared/domain.md §3b–3d)."""

from typing import NamedTuple


class ChecklistItem(NamedTuple):
    group: str  # government | quality | recognition
    no: int
    key: str
    name_zh: str
    name_en: str
    unit: str  # '%', '元', 'ratio' or 'yes/no' (value 1 = yes)
    target: float
    comparison: str  # ">=", "<=" or "<"


ITEMS: tuple[ChecklistItem, ...] = (
    ChecklistItem("government", 1, "schools_to_standard", "学校规划布局合理，符合国家规定要求，办学条件达到省定标准",
                  "Schools built to the provincial standard", "%", 100, ">="),
    ChecklistItem("government", 2, "equipment_books_grounds", "教学仪器设备、图书、体育运动场馆达到省定标准",
                  "Equipment, books and sports grounds to the provincial standard", "%", 100, ">="),
    ChecklistItem("government", 3, "music_art_rooms", "每12个班级配备音乐、美术专用教室1间以上",
                  "One music room and one art room per 12 classes", "%", 100, ">="),
    ChecklistItem("government", 4, "school_size", "学校规模不超过2000人(九年一贯制、十二年一贯制不超过2500人)",
                  "Schools within 2,000 students (nine/twelve-year 2,500)", "%", 100, ">="),
    ChecklistItem("government", 5, "class_size", "小学、初中班额分别不超过45人、50人",
                  "Class size within 45 (primary) and 50 (junior)", "%", 100, ">="),
    ChecklistItem("government", 6, "small_school_funding", "不足100名学生的村小学和教学点按100名学生核定公用经费",
                  "Village schools under 100 pupils funded as 100", "yes/no", 1, ">="),
    ChecklistItem("government", 7, "special_ed_funding", "特殊教育学校生均公用经费不低于6000元",
                  "Special-education per-pupil public funding", "元", 6000, ">="),
    ChecklistItem("government", 8, "teacher_pay", "教师平均工资收入水平不低于当地公务员平均工资收入水平",
                  "Teachers' pay relative to local civil servants", "%", 100, ">="),
    ChecklistItem("government", 9, "teacher_training", "教师5年360学时培训完成率",
                  "Teachers completing 360 hours of training in 5 years", "%", 100, ">="),
    ChecklistItem("government", 10, "staffing_quota", "县级教育行政部门统筹分配各校教职工编制和岗位数量",
                  "Staffing quotas allocated by the county", "yes/no", 1, ">="),
    ChecklistItem("government", 11, "teacher_rotation", "教师交流轮岗比例(其中骨干教师不低于20%)",
                  "Eligible teachers rotating each year (≥ 20 % of them key teachers)", "%", 10, ">="),
    ChecklistItem("government", 12, "teacher_certificate", "专任教师持有教师资格证上岗率",
                  "Teachers holding a teaching certificate", "%", 100, ">="),
    ChecklistItem("government", 13, "nearby_enrolment", "城区和镇区公办初中就近划片入学比例(小学100%)",
                  "Nearby-zone enrolment in urban and town junior schools (primary 100 %)", "%", 95, ">="),
    ChecklistItem("government", 14, "quality_places_allocated", "优质普通高中招生名额分配到初中比例",
                  "Quality senior-high places allocated to junior schools", "%", 50, ">="),
    ChecklistItem("government", 15, "migrant_children", "随迁子女在公办学校和政府购买学位学校就读比例",
                  "Migrant children in public or funded schools", "%", 85, ">="),
    ChecklistItem("quality", 1, "junior_retention", "初中三年巩固率",
                  "Junior-school three-year retention", "%", 95, ">="),
    ChecklistItem("quality", 2, "disabled_enrolment", "残疾儿童少年入学率",
                  "Enrolment of children with disabilities", "%", 95, ">="),
    ChecklistItem("quality", 3, "charter_digital", "所有学校制定章程，实现学校管理与教学信息化",
                  "Every school has a charter; management and teaching digitised", "yes/no", 1, ">="),
    ChecklistItem("quality", 4, "training_budget", "学校按照不低于学校年度公用经费预算总额的5%安排教师培训经费",
                  "Share of public budget spent on teacher training", "%", 5, ">="),
    ChecklistItem("quality", 5, "digital_teaching", "教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平",
                  "Teachers use digital teaching well; equipment well used", "yes/no", 1, ">="),
    ChecklistItem("quality", 6, "moral_education", "德育工作、校园文化建设水平达到良好以上",
                  "Moral education and campus culture good or better", "yes/no", 1, ">="),
    ChecklistItem("quality", 7, "full_curriculum", "课程开齐开足，教学秩序规范，综合实践活动有效开展",
                  "Full curriculum, orderly teaching, practical activities", "yes/no", 1, ">="),
    ChecklistItem("quality", 8, "homework_burden", "无过重课业负担",
                  "No excessive homework burden", "yes/no", 1, ">="),
    ChecklistItem("quality", 9, "monitoring_gap", "国家义务教育质量监测校际差异率(学业水平III级以上)",
                  "National quality monitoring between-school difference (level III+)", "ratio", 0.15, "<"),
    ChecklistItem("recognition", 1, "satisfaction", "社会认可度调查满意度",
                  "Public satisfaction in the survey", "%", 85, ">="),
)
