-- Indicator catalogue and standards (shared/domain.md §2 and §3a), and default settings.

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
CROSS JOIN (VALUES ('小学'), ('初中')) AS s(stage);

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
    ('school_min_met', '6',
     'quality 2017: a school must meet at least this many of the 7 standards'),
    ('school_floor_ratio', '0.85',
     'quality 2017: no indicator of a school may fall below this share of its standard');

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
