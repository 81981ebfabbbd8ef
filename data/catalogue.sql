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
    ('school_min_met', '6',
     'quality 2017: a school must meet at least this many of the 7 standards'),
    ('school_floor_ratio', '0.85',
     'quality 2017: no indicator of a school may fall below this share of its standard');

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
    ('class_size_primary_max', '45',
     'monitoring: 小学 standard class size; flag when the average class is larger'),
    ('class_size_junior_max', '50',
     'monitoring: 初中 standard class size; flag when the average class is larger'),
    ('class_size_large_min', '56',
     'monitoring: 大班额 from this many pupils per class on average'),
    ('class_size_huge_min', '66',
     'monitoring: 超大班额 from this many pupils per class on average'),
    ('school_size_max', '2000',
     'monitoring: flag a school with more pupils (compulsory sections together)'),
    ('school_size_max_through', '2500',
     'monitoring: the same for 九年一贯制 / 十二年一贯制 schools');
