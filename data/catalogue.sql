-- The domain's catalogue: stages, urban–rural codes, indicators and their standards
-- (shared/domain.md §2–§4), the county items, and default settings. Python code reads these
-- facts through data/catalogue.py, never from a copy.

INSERT OR REPLACE INTO stages VALUES ('小学', 1), ('初中', 2);

-- 办学类型 (domain.md §7): stages, 一贯制, senior pupils.
INSERT OR REPLACE INTO school_types VALUES
    ('小学', 1, ['小学'], FALSE, FALSE),
    ('初中', 2, ['初中'], FALSE, FALSE),
    ('九年一贯制', 3, ['小学', '初中'], TRUE, FALSE),
    ('十二年一贯制', 4, ['小学', '初中'], TRUE, TRUE),
    ('完全中学', 5, ['初中'], FALSE, TRUE),
    ('教学点', 6, ['小学'], FALSE, FALSE);

-- 评估办法: quality balance (2017) first, basic balance (2012) second.
INSERT OR REPLACE INTO standard_sets VALUES ('quality2017', 1, 2017), ('basic2012', 2, 2012);

-- 国家统计局 城乡划分代码 (domain.md §4).
INSERT OR REPLACE INTO urban_rural_codes VALUES
    (111, '主城区', 'urban'),
    (112, '城乡结合区', 'urban'),
    (121, '镇中心区', 'town'),
    (122, '镇乡结合区', 'town'),
    (123, '特殊区域', 'town'),
    (210, '乡中心区', 'rural'),
    (220, '村庄', 'rural');

INSERT OR REPLACE INTO indicators VALUES
    ('teaching_area_per_student', '生均教学及辅助用房面积', 'Teaching and auxiliary floor area per student', 'm²/生', 'm² per student', 'teaching_area_m2', 1, 1),
    ('sports_area_per_student', '生均体育运动场馆面积', 'Sports ground area per student', 'm²/生', 'm² per student', 'sports_area_m2', 1, 2),
    ('equipment_value_per_student', '生均教学仪器设备值', 'Teaching equipment value per student', '元/生', 'yuan per student', 'equipment_value_yuan', 1, 3),
    ('computers_per_100', '每百名学生拥有计算机台数', 'Computers per 100 students', '台/百生', 'per 100 students', 'computers', 100, 4),
    ('books_per_student', '生均图书册数', 'Library books per student', '册/生', 'volumes per student', 'books', 1, 5),
    ('teacher_student_ratio', '师生比(每百名学生专任教师数)', 'Teachers per 100 students', '人/百生', 'per 100 students', 'teachers', 100, 6),
    ('above_degree_per_100', '每百名学生拥有高于规定学历教师数', 'Teachers above the required degree per 100 students', '人/百生', 'per 100 students', 'teachers_above_degree', 100, 7),
    ('senior_title_per_100', '每百名学生拥有中级及以上职称教师数', 'Teachers with intermediate or senior title per 100 students', '人/百生', 'per 100 students', 'teachers_senior_title', 100, 8),
    ('key_teachers_per_100', '每百名学生拥有县级及以上骨干教师数', 'County-level or higher key teachers per 100 students', '人/百生', 'per 100 students', 'key_teachers', 100, 9),
    ('pe_art_teachers_per_100', '每百名学生拥有体育、艺术专任教师数', 'PE and art (music, fine art) teachers per 100 students', '人/百生', 'per 100 students', 'pe_art_teachers', 100, 10),
    ('multimedia_rooms_per_100', '每百名学生拥有网络多媒体教室数', 'Networked multimedia classrooms per 100 students', '间/百生', 'per 100 students', 'multimedia_rooms', 100, 11);

-- Basic balance, 2012 method: 8 indicators, CV thresholds 小学 0.65, 初中 0.55.
INSERT OR REPLACE INTO indicator_standards
SELECT 'basic2012', indicator, stage, NULL, CASE stage WHEN '小学' THEN 0.65 ELSE 0.55 END
FROM (VALUES ('teaching_area_per_student'), ('sports_area_per_student'),
             ('equipment_value_per_student'), ('computers_per_100'), ('books_per_student'),
             ('teacher_student_ratio'), ('above_degree_per_100'), ('senior_title_per_100'))
     AS i(indicator)
CROSS JOIN stages;

-- Quality balance, 2017 method: 7 resource indicators with per-school standards,
-- CV thresholds 小学 0.50, 初中 0.45.
INSERT OR REPLACE INTO indicator_standards VALUES
    ('quality2017', 'above_degree_per_100', '小学', 4.2, 0.50),
    ('quality2017', 'above_degree_per_100', '初中', 5.3, 0.45),
    ('quality2017', 'key_teachers_per_100', '小学', 1.0, 0.50),
    ('quality2017', 'key_teachers_per_100', '初中', 1.0, 0.45),
    ('quality2017', 'pe_art_teachers_per_100', '小学', 0.9, 0.50),
    ('quality2017', 'pe_art_teachers_per_100', '初中', 0.9, 0.45),
    ('quality2017', 'teaching_area_per_student', '小学', 4.5, 0.50),
    ('quality2017', 'teaching_area_per_student', '初中', 5.8, 0.45),
    ('quality2017', 'sports_area_per_student', '小学', 7.5, 0.50),
    ('quality2017', 'sports_area_per_student', '初中', 10.2, 0.45),
    ('quality2017', 'equipment_value_per_student', '小学', 2000, 0.50),
    ('quality2017', 'equipment_value_per_student', '初中', 2500, 0.45),
    ('quality2017', 'multimedia_rooms_per_100', '小学', 2.3, 0.50),
    ('quality2017', 'multimedia_rooms_per_100', '初中', 2.4, 0.45);

-- The 25 county-level items of the quality 2017 method (domain.md §3b–3d): group, number,
-- names, unit ('%', '元', 'ratio', or 'yes/no' with 1 = yes), target, how a value meets it,
-- the largest value that makes sense (NULL: none) and whether the views compute the item from
-- the school returns (items 4 and 5) rather than the bureau entering it.
INSERT OR REPLACE INTO checklist_items
    (item_group, item_no, item_key, name_zh, name_en, unit, target, comparison, max_value,
     computed)
VALUES
    ('government', 1, 'schools_to_standard', '学校规划布局合理，符合国家规定要求，办学条件达到省定标准', 'Schools built to the provincial standard', '%', 100, '>=', 100, FALSE),
    ('government', 2, 'equipment_books_grounds', '教学仪器设备、图书、体育运动场馆达到省定标准', 'Equipment, books and sports grounds to the provincial standard', '%', 100, '>=', 100, FALSE),
    ('government', 3, 'music_art_rooms', '每12个班级配备音乐、美术专用教室1间以上', 'One music room and one art room per 12 classes', '%', 100, '>=', 100, FALSE),
    ('government', 4, 'school_size', '学校规模不超过2000人(九年一贯制、十二年一贯制不超过2500人)', 'Schools within 2,000 students (nine/twelve-year 2,500)', '%', 100, '>=', 100, TRUE),
    ('government', 5, 'class_size', '小学、初中班额分别不超过45人、50人', 'Class size within 45 (primary) and 50 (junior)', '%', 100, '>=', 100, TRUE),
    ('government', 6, 'small_school_funding', '不足100名学生的村小学和教学点按100名学生核定公用经费', 'Village schools under 100 pupils funded as 100', 'yes/no', 1, '>=', 1, FALSE),
    ('government', 7, 'special_ed_funding', '特殊教育学校生均公用经费不低于6000元', 'Special-education per-pupil public funding', '元', 6000, '>=', NULL, FALSE),
    ('government', 8, 'teacher_pay', '教师平均工资收入水平不低于当地公务员平均工资收入水平', 'Teachers'' pay relative to local civil servants', '%', 100, '>=', NULL, FALSE),
    ('government', 9, 'teacher_training', '教师5年360学时培训完成率', 'Teachers completing 360 hours of training in 5 years', '%', 100, '>=', 100, FALSE),
    ('government', 10, 'staffing_quota', '县级教育行政部门统筹分配各校教职工编制和岗位数量', 'Staffing quotas allocated by the county', 'yes/no', 1, '>=', 1, FALSE),
    ('government', 11, 'teacher_rotation', '教师交流轮岗比例(其中骨干教师不低于20%)', 'Eligible teachers rotating each year (≥ 20 % of them key teachers)', '%', 10, '>=', 100, FALSE),
    ('government', 12, 'teacher_certificate', '专任教师持有教师资格证上岗率', 'Teachers holding a teaching certificate', '%', 100, '>=', 100, FALSE),
    ('government', 13, 'nearby_enrolment', '城区和镇区公办初中就近划片入学比例(小学100%)', 'Nearby-zone enrolment in urban and town junior schools (primary 100 %)', '%', 95, '>=', 100, FALSE),
    ('government', 14, 'quality_places_allocated', '优质普通高中招生名额分配到初中比例', 'Quality senior-high places allocated to junior schools', '%', 50, '>=', 100, FALSE),
    ('government', 15, 'migrant_children', '随迁子女在公办学校和政府购买学位学校就读比例', 'Migrant children in public or funded schools', '%', 85, '>=', 100, FALSE),
    ('quality', 1, 'junior_retention', '初中三年巩固率', 'Junior-school three-year retention', '%', 95, '>=', 100, FALSE),
    ('quality', 2, 'disabled_enrolment', '残疾儿童少年入学率', 'Enrolment of children with disabilities', '%', 95, '>=', 100, FALSE),
    ('quality', 3, 'charter_digital', '所有学校制定章程，实现学校管理与教学信息化', 'Every school has a charter; management and teaching digitised', 'yes/no', 1, '>=', 1, FALSE),
    ('quality', 4, 'training_budget', '学校按照不低于学校年度公用经费预算总额的5%安排教师培训经费', 'Share of public budget spent on teacher training', '%', 5, '>=', 100, FALSE),
    ('quality', 5, 'digital_teaching', '教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平', 'Teachers use digital teaching well; equipment well used', 'yes/no', 1, '>=', 1, FALSE),
    ('quality', 6, 'moral_education', '德育工作、校园文化建设水平达到良好以上', 'Moral education and campus culture good or better', 'yes/no', 1, '>=', 1, FALSE),
    ('quality', 7, 'full_curriculum', '课程开齐开足，教学秩序规范，综合实践活动有效开展', 'Full curriculum, orderly teaching, practical activities', 'yes/no', 1, '>=', 1, FALSE),
    ('quality', 8, 'homework_burden', '无过重课业负担', 'No excessive homework burden', 'yes/no', 1, '>=', 1, FALSE),
    ('quality', 9, 'monitoring_gap', '国家义务教育质量监测校际差异率(学业水平III级以上)', 'National quality monitoring between-school difference (level III+)', 'ratio', 0.15, '<', 1, FALSE),
    ('recognition', 1, 'satisfaction', '社会认可度调查满意度', 'Public satisfaction in the survey', '%', 85, '>=', 100, FALSE);

INSERT OR IGNORE INTO settings VALUES
    ('teaching_points', 'merge',
     'merge: a 教学点 is counted with its central school; separate: counted on its own'),
    ('stage_weight_primary', '1.0',
     'weight of one primary pupil when whole-school resources are split across sections'),
    ('stage_weight_junior', '1.1',
     'weight of one junior pupil when whole-school resources are split across sections'),
    ('stage_weight_senior', '1.32',
     'weight of one senior-high pupil of a twelve-year school or 完全中学 in that split '
     '(1 : 1.1 : 1.32; a 完全中学''s junior : senior is 1.1 : 1.32 = 1 : 1.2)'),
    ('include_private', 'false',
     'true: private (民办) schools enter the county computation (domain.md §1 leaves them out)'),
    ('include_above_county', 'false',
     'true: schools run by the city, province or centre enter the county computation'),
    ('small_teaching_point_min', '0',
     'quality 2017: a teaching point counted on its own with fewer pupils is left out of the '
     'resource indicators (Hebei: 50; 0 = rule off)'),
    ('school_size_max', '2000',
     'county item 4: most pupils a school may have'),
    ('school_size_max_through', '2500',
     'county item 4: most pupils in the compulsory part of a nine/twelve-year school'),
    ('class_size_max_primary', '45',
     'county item 5: most pupils per class in a primary section'),
    ('class_size_max_junior', '50',
     'county item 5: most pupils per class in a junior section'),
    ('school_min_met', '6',
     'quality 2017: a school must meet at least this many of the 7 standards'),
    ('school_floor_ratio', '0.85',
     'quality 2017: no indicator of a school may fall below this share of its standard'),
    ('wide_gap_ratio', '1.2',
     'urban–rural: an urban mean above this many times the rural mean is a wide gap '
     '(counted in the 城乡均值比 headline, drawn as a line on its chart)');

-- Monitoring (issue 22): the rules that flag a school, and their thresholds (view school_flags).
INSERT OR IGNORE INTO settings VALUES
    ('flag_rules',
     'outlier,below_floor,below_standard,cv_half,drop,class_size,large_class,huge_class,school_size',
     'monitoring: the flag rules in use (comma-separated; remove one to switch it off)'),
    ('flag_cv_half_share', '0.5',
     'monitoring: flag the schools that together make up this share of an indicator''s CV'),
    ('flag_cv_half_scope', 'all',
     'monitoring: all = every indicator; failing = only indicators whose CV is over its line'),
    ('flag_drop_share', '0.1',
     'monitoring: flag an indicator that fell by more than this share since the year before'),
    ('class_size_large_min', '56',
     'monitoring: 大班额 from this many pupils per class on average'),
    ('class_size_huge_min', '66',
     'monitoring: 超大班额 from this many pupils per class on average');
-- The class_size rule uses class_size_max_primary / _junior and the school_size rule
-- school_size_max / _through: the same settings as county items 4 and 5.

-- Planner (issue 23): unit costs of the cheapest plan to pass the 2017 evaluation, in yuan.
-- Planning defaults of the order of 2023 county figures; a bureau sets its own local prices.
INSERT OR IGNORE INTO settings VALUES
    ('plan_cost_teaching_area_m2', '3000',
     'yuan per m² of teaching and auxiliary rooms built: order of 2022–2023 construction costs '
     'of school teaching buildings in county cost indices (当地建设工程造价信息); set the local figure'),
    ('plan_cost_sports_area_m2', '300',
     'yuan per m² of sports ground built (plastic track, artificial turf, hard courts): order of '
     'county tenders 2022–2023; set the local figure'),
    ('plan_cost_multimedia_room', '50000',
     'yuan per networked multimedia classroom fitted (interactive panel or projector, computer, '
     'network, sound): order of county procurement 2022–2023'),
    ('plan_cost_teacher_hire', '100000',
     'yuan per teacher hired: one year of pay and contributions of a new county teacher '
     '(the plan budgets the first year)'),
    ('plan_cost_key_teacher_training', '20000',
     'yuan per teacher trained and recognised as a county-level key teacher (骨干教师培养)'),
    ('plan_cost_teacher_rotation', '6000',
     'yuan per teacher rotated to another school for a year (交流轮岗补助: about 500 yuan a month)'),
    ('plan_cost_merge_school', '0',
     'yuan per small school merged into a neighbour (transport, boarding); 0 = not costed');
