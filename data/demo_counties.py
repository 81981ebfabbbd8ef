"""The four real counties of the seed documents (shared/domain.md §6), as demo-data specs.

Reported facts are reproduced exactly in each county's reference year; everything else
(the other years, school names, the split between schools) is invented but plausible.
"""

from dataclasses import dataclass, field

YEARS = tuple(range(2015, 2025))

# Relative spread of the 7 quality-2017 indicators around a county's mean CV; they average 1,
# so the county's mean indicator CV equals its curve. Teacher indicators spread least.
QUALITY_CV_FACTORS = {
    "above_degree_per_100": 0.75,
    "key_teachers_per_100": 1.25,
    "pe_art_teachers_per_100": 1.10,
    "teaching_area_per_student": 0.85,
    "sports_area_per_student": 1.15,
    "equipment_value_per_student": 1.05,
    "multimedia_rooms_per_100": 0.85,
}


@dataclass(frozen=True)
class CountySpec:
    code: str
    reference_year: int  # the year whose reported totals are matched exactly
    primary_schools: int  # 小学 including teaching points
    teaching_points: int
    nine_year: int
    junior_schools: int
    students: dict[str, int]  # per stage, reference year
    teachers: dict[str, int]  # per stage, reference year
    school_mix: tuple[float, float, float]  # share of schools urban, town, rural
    streets: tuple[str, ...]  # 街道 (urban townships)
    towns: tuple[str, ...]  # 镇/乡
    cv_curve: dict[str, dict[int, float]]  # stage -> {year: mean quality CV}, interpolated
    level_start: float  # resources relative to the 2017 standard in 2015 ...
    level_end: float  # ... and in 2024
    level_bias: dict[str, float] = field(default_factory=dict)  # per indicator multiplier
    compliant_from: int | None = None  # every school and CV meets quality 2017 from this year
    checklist_ready: int = 2030  # all county-level items met from this year
    closed_small_schools: tuple[int, int] | None = None  # (year closed, how many)
    whole_school_share: float = 0.0  # share of nine-year schools reporting resources as a whole
    class_size: tuple[float, float] = (48.0, 40.0)  # mean class size 2015 → 2024


XINCHENG = CountySpec(
    code="610102",  # 西安市新城区: all urban; CVs published for 2017 and 2021
    reference_year=2021,
    primary_schools=42,
    teaching_points=0,
    nine_year=8,
    junior_schools=14,
    students={"小学": 40_000, "初中": 17_500},
    teachers={"小学": 2_250, "初中": 1_150},  # 3,400 full-time teachers in all
    school_mix=(1.0, 0.0, 0.0),
    streets=(
        "西一路街道",
        "长乐中路街道",
        "中山门街道",
        "韩森寨街道",
        "解放门街道",
        "自强路街道",
        "太华路街道",
        "长乐西路街道",
        "胡家庙街道",
    ),
    towns=(),
    cv_curve={
        "小学": {2015: 0.47, 2017: 0.42, 2021: 0.24, 2024: 0.21},
        "初中": {2015: 0.53, 2017: 0.46, 2021: 0.17, 2024: 0.15},
    },
    level_start=0.95,
    level_end=1.35,
    level_bias={"sports_area_per_student": 0.8, "teaching_area_per_student": 0.9},
    compliant_from=2021,  # reported: met the quality-balance requirements in 2021
    checklist_ready=2021,
    class_size=(52.0, 43.0),
)

DUJI = CountySpec(
    code="340602",  # 淮北市杜集区: 39 public schools; 13 small schools closed in 2020
    reference_year=2021,
    primary_schools=23,
    teaching_points=3,
    nine_year=10,
    junior_schools=6,
    students={"小学": 15_526, "初中": 5_451},
    teachers={"小学": 1_126, "初中": 735},
    school_mix=(0.3, 0.3, 0.4),
    streets=("高岳街道", "矿山集街道"),
    towns=("段园镇", "石台镇", "朔里镇"),
    cv_curve={
        "小学": {2015: 0.58, 2019: 0.45, 2024: 0.30},
        "初中": {2015: 0.52, 2019: 0.40, 2024: 0.26},
    },
    level_start=0.9,
    level_end=1.45,
    checklist_ready=2024,
    closed_small_schools=(2020, 13),
    whole_school_share=0.3,
    class_size=(46.0, 40.0),
)

CHANGYI = CountySpec(
    code="370786",  # 潍坊市昌邑市: all 32 quality indicators met by 2020
    reference_year=2020,
    primary_schools=48,
    teaching_points=6,
    nine_year=6,
    junior_schools=14,
    students={"小学": 36_000, "初中": 17_500},
    teachers={"小学": 2_900, "初中": 1_750},
    school_mix=(0.25, 0.35, 0.40),
    streets=("奎聚街道", "都昌街道", "围子街道"),
    towns=("柳疃镇", "龙池镇", "卜庄镇", "饮马镇", "北孟镇", "下营镇"),
    cv_curve={
        "小学": {2015: 0.45, 2019: 0.30, 2020: 0.24, 2024: 0.19},
        "初中": {2015: 0.40, 2019: 0.27, 2020: 0.22, 2024: 0.17},
    },
    level_start=1.0,
    level_end=1.6,
    compliant_from=2020,
    checklist_ready=2020,
    class_size=(47.0, 38.0),
)

PUCHENG = CountySpec(
    code="610526",  # 渭南市蒲城县: quality plan 2021–2023, rural and still behind
    reference_year=2023,
    primary_schools=95,
    teaching_points=20,
    nine_year=8,
    junior_schools=22,
    students={"小学": 48_000, "初中": 24_000},
    teachers={"小学": 3_300, "初中": 2_100},
    school_mix=(0.15, 0.30, 0.55),
    streets=("城关街道", "紫荆街道"),
    towns=(
        "龙阳镇",
        "罕井镇",
        "孙镇",
        "兴镇",
        "党睦镇",
        "高阳镇",
        "永丰镇",
        "荆姚镇",
        "苏坊镇",
        "龙池镇",
        "陈庄镇",
        "桥陵镇",
        "尧山镇",
        "椿林镇",
        "洛滨镇",
    ),
    cv_curve={
        "小学": {2015: 0.68, 2020: 0.55, 2024: 0.44},
        "初中": {2015: 0.60, 2020: 0.48, 2024: 0.38},
    },
    level_start=0.8,
    level_end=1.3,
    level_bias={"equipment_value_per_student": 0.9, "key_teachers_per_100": 0.9},
    whole_school_share=0.25,
    class_size=(44.0, 39.0),
)

REAL_COUNTIES = (XINCHENG, DUJI, CHANGYI, PUCHENG)


def interpolate(curve: dict[int, float], year: int) -> float:
    """Piecewise-linear value of a {year: value} curve, flat beyond its ends."""
    years = sorted(curve)
    if year <= years[0]:
        return curve[years[0]]
    if year >= years[-1]:
        return curve[years[-1]]
    for left, right in zip(years, years[1:], strict=False):
        if left <= year <= right:
            return curve[left] + (curve[right] - curve[left]) * (year - left) / (right - left)
    raise AssertionError("unreachable")
