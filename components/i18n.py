"""Interface text in Chinese (default) and English. Numbers never depend on the language."""

LANGUAGES = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    "demo_badge": ("示例数据", "Demo data"),
    "demo_note": (
        "按四个真实区县的公开数字校准生成，学校与数值为模拟，仅供演示。",
        "generated and calibrated to the published figures of four real counties; "
        "schools and values are simulated.",
    ),
    "language": ("语言 / Language", "Language / 语言"),
    "province": ("省份", "Province"),
    "county": ("区县", "County"),
    "year": ("年份", "Year"),
    "stage": ("学段", "Stage"),
    "standard_set": ("评估标准", "Standard"),
    "basic2012": ("基本均衡 (2012)", "Basic balance (2012)"),
    "quality2017": ("优质均衡 (2017)", "Quality balance (2017)"),
    "小学": ("小学", "Primary"),
    "初中": ("初中", "Junior"),
    "urban": ("城区", "Urban"),
    "town": ("镇区", "Town"),
    "rural": ("乡村", "Rural"),
    "page_overview": ("总览", "Overview"),
    "page_trends": ("趋势", "Trends"),
    "page_gaps": ("校际差异", "School gaps"),
    "page_urban_rural": ("城乡差距", "Urban–rural"),
    "page_profile": ("学校档案", "School profile"),
    "source_note": (
        "数据来源：{source}，{year}年；差异系数按在校生数加权计算。",
        "Source: {source}, {year}; difference coefficients weighted by enrolment.",
    ),
    "source_demo": ("示例数据库", "demo database"),
    "source_bureau": ("区县教育局报表", "county bureau returns"),
    "no_data": (
        "{county} {year}年{stage}没有可计算的学校数据。请换一个年份或学段，或导入数据。",
        "No computable school data for {county}, {year}, {stage}. Choose another year or stage, "
        "or import data.",
    ),
    "bad_param": (
        "链接中的参数“{name}={value}”无效，已改用默认值。",
        "The link parameter “{name}={value}” is not valid; the default is used instead.",
    ),
    "excluded_title": ("未纳入计算的学校", "Schools not counted"),
    "excluded_note": (
        "以下学校（学段）因在校生数为0或数据缺失未纳入相应指标的计算：",
        "These school sections could not enter the computation of an indicator:",
    ),
    # Overview
    "gauge_title": (
        "{stage}综合差异系数 {cv}，{verdict}标准线 {threshold}",
        "{stage} composite CV {cv}, {verdict} the line {threshold}",
    ),
    "within": ("低于", "within"),
    "over": ("高于", "over"),
    # --- importer (issue 19): new keys go here ---
    "import_upload": (
        "上传学校数据（.xlsx、.ods 或 .csv，可多个）",
        "Upload school returns (.xlsx, .ods or .csv)",
    ),
    "import_col_file": ("文件", "File"),
    "import_views_stale": (
        "数据库中的指标视图来自另一个版本，请管理员运行下面的命令（或点击按钮）原子地刷新：",
        "The database's views come from another version: run this command (or press the "
        "button) to refresh them atomically:",
    ),
    "import_refresh": ("刷新视图和指标目录", "Refresh the views and catalogue"),
    "import_refreshed": ("已刷新。", "Refreshed."),
    "import_mapping_title": ("列对应关系", "Column mapping"),
    "import_mapping_help": (
        "这些表头不在导入模板中。请确认每一列对应的模板列（已按相似度或本区县上次的选择给出建议），"
        "然后点击“使用此对应关系”。导入成功后会为该区县记住。",
        "These headers are not the template's. Confirm the template column for each (proposed "
        "by similarity, or this county's last choice), then apply. It is remembered for the "
        "county after a successful import.",
    ),
    "import_mapping_ignore": ("（不导入此列）", "(leave this column out)"),
    "import_mapping_file_header": ("文件中的表头", "Header in the file"),
    "import_mapping_target": ("对应的模板列", "Template column"),
    "import_mapping_apply": ("使用此对应关系", "Apply this mapping"),
    "import_preview_title": ("将要发生的变化", "What will change"),
    "import_preview_counts": (
        "新增 {added} 个学校学段，替换 {replaced} 个，{unchanged} 个不变。",
        "{added} school sections added, {replaced} replaced, {unchanged} unchanged.",
    ),
    "import_preview_status": ("变化", "Change"),
    "import_preview_school": ("学校", "School"),
    "import_preview_changes": ("字段：原值 → 新值", "Field: old → new"),
    "import_status_added": ("新增", "added"),
    "import_status_replaced": ("替换", "replaced"),
    "import_status_unchanged": ("不变", "unchanged"),
    "import_absent_title": (
        "以下文件缺少部分列：这些列的已保存数值保持不变（视为“未在此填报”）。",
        "Some columns are not in these files: their stored values are kept (not reported here).",
    ),
    "import_absent_columns": ("缺少的列", "Columns not in the file"),
    "import_step_copy": ("复制数据库", "copying the database"),
    "import_step_read": ("读取 {file}", "reading {file}"),
    "import_step_check": ("检查", "checking"),
    "import_step_write": ("写入", "writing"),
    "import_step_verify": ("校验新数据库", "verifying the new database"),
    "import_step_swap": ("替换数据库", "swapping the database in"),
    "import_step_done": ("完成", "done"),
    "import_old_xls": (
        "旧版 .xls 文件请在 Excel 中“另存为” .xlsx 后再导入",
        "old .xls files: save as .xlsx in Excel, then import",
    ),
    "import_too_big_unzipped": (
        "解压后超过 {limit} MB（或成员过多），已拒绝：请按区县拆分后分别导入",
        "over {limit} MB once unzipped (or too many parts): split it by county",
    ),
    "import_too_many_columns": (
        "表格过宽：最远的单元格在 {cell}，超过 {limit} 列。请删除多余的列或清除远处单元格后另存",
        "too wide: the farthest cell is {cell}, over {limit} columns. Delete the extra columns "
        "or clear the far cells, then save",
    ),
    "import_too_many_rows": (
        "行数过多：最远的单元格在 {cell}，超过 {limit} 行。请删除末尾多余的行，或按区县拆分",
        "too many rows: the farthest cell is {cell}, over {limit} rows. Delete the extra rows at "
        "the end, or split the file by county",
    ),
    "import_too_many_cells": (
        "表格范围过大（到 {cell}，超过 {limit} 个单元格）。请删除多余的行和列后另存",
        "the sheet's range is too large (to {cell}, over {limit} cells): delete the extra rows "
        "and columns, then save",
    ),
    "import_total_row": ("合计/小计行，已跳过", "a total (合计/小计) row: skipped"),
    "import_control_chars": (
        "含控制字符或不可见字符，已删除，读作“{value}”",
        "held control or invisible characters: removed, read as “{value}”",
    ),
    "import_other_digits": (
        "含其他文字的数字，已按 0–9 读作“{value}”",
        "digits of another script: read as “{value}”",
    ),
    "import_code_scientific": (
        "代码被 Excel 存成了科学计数法，后几位已丢失。请在 Excel 中把该列设为“文本”格式，"
        "重新输入完整代码后再保存",
        "the code was saved by Excel in scientific notation and its last digits are lost: "
        "format the column as Text (文本) in Excel, type the full codes again and save",
    ),
    "import_code_length": (
        "应为 {digits} 位数字，实为 {n} 位",
        "must have {digits} digits, has {n}",
    ),
    "import_too_large": (
        "超过可能的上限 {limit}（请核实单位和数值）",
        "over the possible limit {limit} (check the unit and the value)",
    ),
    "import_per_pupil": (
        "生均 {per}，超过 {limit}，请核实",
        "{per} per pupil is over {limit}: please check",
    ),
    "import_county_name": (
        "区县名称与官方名称“{name}”不同，将保存官方名称",
        "the county's official name is “{name}”: the official name is stored",
    ),
    "import_code_county_digits": (
        "学校标识码第 2–7 位“{digits}”与区县代码 {county} 不同（区划调整后保留原代码时属正常）",
        "digits 2–7 of the school code ({digits}) differ from the county code {county} "
        "(normal when a school kept its code after a boundary change)",
    ),
    "import_other_county": (
        "该学校已保存在区县 {stored} 下，普通导入不会把学校移到区县 {county}。请核对学校标识码；"
        "若确因区划调整要转移，请由管理员用命令行加 --transfer-schools 导入",
        "this school is stored under county {stored}: an ordinary import never moves it to "
        "{county}. Check the school code; for a real transfer after a boundary change, an admin "
        "imports with the CLI flag --transfer-schools",
    ),
    "import_two_counties": (
        "同一学校在第 {line} 行属于区县 {other}",
        "the same school belongs to county {other} on row {line}",
    ),
    "import_busy": (
        "另一个导入正在进行，请稍后再试",
        "another import is running (另一个导入正在进行): try again later",
    ),
    "import_waiting": (
        "另一个导入正在进行，等待其完成……",
        "another import is running (另一个导入正在进行): waiting for it to finish…",
    ),
    "import_internal": (
        "无法处理此文件（详细原因已记入服务器日志）",
        "this file could not be processed (the details are in the server log)",
    ),
    "import_absent": (
        "本文件没有这些列，已保存的数值保持不变：{columns}",
        "the file has no column {columns}: the stored values are kept",
    ),
    "import_clear_hint": (
        "如需清空某项已保存的数值，请保留该列并让单元格留空；导入前会逐项列出将被清空的数值。",
        "To clear a stored value on purpose, keep its column and leave the cell empty; the "
        "values that would be cleared are listed before anything is written.",
    ),
    "import_cleared": (
        "将清空已保存的数值 {old}（单元格为空）",
        "clears the stored value {old} (the cell is empty)",
    ),
    "import_mapping_file": (
        '列映射文件无法读取（应为 JSON：{{"文件表头": "模板表头或英文键"}}）',
        'the mapping file cannot be read (JSON: {{"file header": "template header or key"}})',
    ),
    "import_no_file": ("找不到文件", "file not found"),
    "import_type_differs": (
        "同一学校同一年各学段的办学类型应相同（第 {other} 行为“{other_type}”）",
        "every section of a school in a year has the same school type (row {other}: {other_type})",
    ),
    "import_type_differs_stored": (
        "同一学校同一年各学段的办学类型应相同：已保存的{stage}学段为“{other_type}”"
        "（如需更正，请在同一文件中填写该校当年的各学段）",
        "every section of a school in a year has the same school type: its stored {stage}"
        " section is {other_type} (to correct it, give all the school's sections of the year"
        " in one file)",
    ),
    "import_sheet_left": (
        "此工作表未导入：只导入名为{known}的工作表，没有时导入第一个工作表"
        "（本文件导入了：{sheets}）；请把数据放入同一工作表或分别导入",
        "this sheet is not imported: only the sheets named {known} are, or the first sheet when"
        " there is none (imported here: {sheets}); put the rows on one sheet or import them"
        " separately",
    ),
    "import_not_database": (
        "不是 Junheng 数据库文件（--db 应为数据库文件或尚不存在的路径）",
        "not a Junheng database file (--db is a database file or a path that does not exist yet)",
    ),
    "import_too_big": (
        "文件超过 {limit} MB，请按区县拆分后分别导入",
        "file larger than {limit} MB: split it by county and import the parts",
    ),
    "import_bad_extension": (
        "只接受 .xlsx、.ods 或 .csv 文件",
        "only .xlsx, .ods and .csv files are accepted",
    ),
    "import_not_xlsx": (
        "不是有效的 Excel 文件（.xlsx / .ods），或文件已损坏",
        "not a valid Excel workbook (.xlsx / .ods), or the file is damaged",
    ),
    "import_not_text": (
        "无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-8、GB18030/GBK、带 BOM 的 UTF-16）",
        "unknown text encoding (UTF-8, UTF-8 with BOM, GB18030/GBK, UTF-16 with BOM are read)",
    ),
    "import_empty": ("文件没有数据行", "the file has no data rows"),
    "import_unknown_column": ("未知的列（不在导入模板中）", "unknown column (not in the template)"),
    "import_missing_column": ("缺少必需的列", "required column missing"),
    "import_duplicate_column": ("列重复出现", "column appears twice"),
    "import_merged_header": ("表头为空（可能是合并单元格）", "empty header (merged cells?)"),
    "import_formula": (
        "单元格是公式，请粘贴为数值",
        "the cell holds a formula: paste values instead",
    ),
    "import_required": ("必填项为空", "required value is empty"),
    "import_not_integer": ("应为整数", "must be a whole number"),
    "import_not_number": ("应为数字", "must be a number"),
    "import_not_code": ("应为{digits}位数字代码", "must be a {digits}-digit code"),
    "import_not_bool": ("应为“是”或“否”", "must be 是 (yes) or 否 (no)"),
    "import_negative": ("不能为负数", "cannot be negative"),
    "import_year_range": ("年份应在 {low}–{high} 之间", "year must be within {low}–{high}"),
    "import_school_type": (
        "办学类型应为 {types}",
        "school type must be {types}",
    ),
    "import_stage": ("学段应为 小学 或 初中", "stage must be 小学 or 初中"),
    "import_stage_mismatch": (
        "{school_type}不能有{stage}学段",
        "a {school_type} has no {stage} section",
    ),
    "import_urban_rural": (
        "城乡分类代码应为 {codes}",
        "urban–rural code must be {codes}",
    ),
    "import_unknown_county": (
        "未知的区县代码（不在全国行政区划中）",
        "unknown county code (not a county of China)",
    ),
    "import_duplicate_row": (
        "与第 {other} 行重复（同一学校、年份、学段）",
        "duplicates row {other} (same school, year and stage)",
    ),
    "import_duplicate_row_file": (
        "与文件 {file} 的第 {other} 行重复（同一学校、年份、学段）",
        "duplicates row {other} of {file} (same school, year and stage)",
    ),
    "import_no_parent": ("教学点缺少所属中心校标识码", "teaching point without its central school"),
    "import_parent_missing": (
        "所属中心校 {parent} 在该年该学段既不在本文件中，也未保存在数据库中",
        "central school {parent} has no row for this year and stage, in this file or stored",
    ),
    "import_parent_other_county": (
        "所属中心校 {parent} 在区县 {county}，与本教学点不同：教学点只与本区县的中心校合并计算",
        "central school {parent} is in county {county}, not this teaching point's: a teaching"
        " point is counted only with a central school of its own county",
    ),
    "import_parent_not_point": (
        "只有教学点填写所属中心校标识码（本行为{school_type}）：该值不参与计算",
        "only teaching points name a central school (this row: {school_type}): the value is not"
        " used",
    ),
    "import_teachers_exceed": (
        "专任教师数 {teachers} 多于在校生数 {students}",
        "{teachers} teachers for {students} students",
    ),
    "import_area_absurd": (
        "生均面积 {per} m² 超过 {limit} m²，请核实",
        "{per} m² per student is over {limit} m²: please check",
    ),
    "import_outside_county": (
        "坐标不在区县 {county} 边界内（常见原因：坐标取自高德/腾讯等网络地图，为 GCJ-02 而非"
        " WGS-84；请换算为 WGS-84）",
        "coordinates outside county {county} (usually GCJ-02 coordinates from a web map such as"
        " Amap or Tencent instead of WGS-84: convert them to WGS-84)",
    ),
    "import_coordinate_range": (
        "经纬度超出范围（经度 73–136，纬度 3–54，WGS-84）",
        "longitude/latitude out of range (73–136, 3–54, WGS-84)",
    ),
    "indicator_gauges": (
        "{stage}各项指标差异系数（{year}年）",
        "{stage} CV per indicator ({year})",
    ),
    "schools_meeting": (
        "达到“6项以上达标、无指标低于{floor}”的学校",
        "Schools meeting ≥ 6 of 7 standards",
    ),
    "schools_meeting_value": ("{n} / {total} 所", "{n} of {total}"),
    "urban_rural_headline": ("城乡差距最大的指标", "Widest urban–rural gap"),
    "urban_rural_value": (
        "{indicator}：城区是乡村的 {ratio} 倍",
        "{indicator}: urban is {ratio}× rural",
    ),
    "no_rural": ("本县没有乡村学校", "No rural schools in this county"),
    "verdict_pass_quality": (
        "达到优质均衡资源配置要求",
        "Meets the quality-balance resource requirements",
    ),
    "verdict_pass_basic": ("达到基本均衡要求", "Meets the basic-balance requirement"),
    "verdict_fail": ("尚未达到{standard}要求", "Does not yet meet {standard}"),
    "verdict_cv_fail": (
        "{indicator}差异系数 {cv}，超出标准 {threshold}（超 {excess}）",
        "{indicator}: CV {cv} over the line {threshold} (by {excess})",
    ),
    "verdict_composite_fail": (
        "综合差异系数 {cv}，超出标准 {threshold}（超 {excess}）",
        "Composite CV {cv} over the line {threshold} (by {excess})",
    ),
    "verdict_schools_fail": (
        "{n} 所学校未达到“6项以上达标、无指标低于{floor}”",
        "{n} schools do not meet ≥ 6 of 7 standards with none below {floor}",
    ),
    "scorecard": ("优质均衡 32 项指标达成情况", "Quality balance: the 32 indicators"),
    "scorecard_summary": ("已达成 {met} / {total} 项", "{met} of {total} met"),
    "group_resource": ("资源配置", "Resource allocation"),
    "group_government": ("政府保障程度", "Government guarantee"),
    "group_quality": ("教育质量", "Education quality"),
    "group_recognition": ("社会认可度", "Social recognition"),
    "col_category": ("类别", "Group"),
    "col_item": ("指标", "Indicator"),
    "col_value": ("数值", "Value"),
    "col_target": ("标准", "Target"),
    "col_met": ("达成", "Met"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "cv_both_stages": ("小学 {p} / 初中 {j}", "primary {p} / junior {j}"),
    # Trends
    "trend_cv_title": (
        "{stage}各指标差异系数：{year}年 {n_pass} / {n} 项在标准线以内",
        "{stage} CV per indicator: {n_pass} of {n} within the line in {year}",
    ),
    # --- engine (issue 10): new keys go here ---
    "score_cv_unknown": ("差异系数无法计算 ?", "CV cannot be computed ?"),
    "score_schools": (
        "{n} / {total} 校达标 · {below} 校低于{floor} {ok}",
        "{n} / {total} schools ≥ standard · {below} below {floor} {ok}",
    ),
    "source_computed": ("由学校数据计算", "computed"),
    "source_entered": ("县级填报", "entered"),
    "source_not_reported": ("尚未填报", "not yet reported"),
    "status_met": ("✓ 达成", "✓ met"),
    "status_not_met": ("✗ 未达成", "✗ not met"),
    "status_not_reported": ("— 尚未填报", "— not yet reported"),
    "status_not_judged": ("? 无法判断", "? cannot be judged"),
    "col_source": ("来源", "Source"),
    "col_note": ("说明", "Note"),
    "scorecard_counts": (
        "已达成 {met} / {total} 项；未达成 {not_met} 项；尚未填报 {not_reported} 项",
        "{met} of {total} met; {not_met} not met; {not_reported} not yet reported",
    ),
    "verdict_cannot_judge": ("无法判断是否达到{standard}要求", "Cannot judge {standard}"),
    "gauge_worst_title": (
        "{stage}：最高差异系数 {cv}，{n} / {total} 项在线内",
        "{stage}: highest CV {cv}, {n} / {total} within the line",
    ),
    "gauge_worst_caption": (
        "差异系数最高的指标：{indicator}（{cv}，标准线 {threshold}）。"
        "2017年办法逐项判断，不设综合差异系数标准。",
        "Highest CV: {indicator} ({cv}, line {threshold}). The 2017 method judges each CV; "
        "it has no composite criterion.",
    ),
    "gauge_cannot_judge": ("{stage}：无法判断。{reason}", "{stage}: cannot be judged. {reason}"),
    "import_ownership": ("办学性质应为 公办 或 民办", "ownership must be 公办 or 民办"),
    "import_run_by": (
        "举办者应为 县级/地市级/省级/中央",
        "run by must be 县级/地市级/省级/中央",
    ),
    "import_senior_type": (
        "只有十二年一贯制学校和完全中学填写高中在校生数（本行为{school_type}）",
        "only twelve-year schools and 完全中学 have senior pupils (this row: {school_type})",
    ),
    "import_whole_flag_mixed": (
        "同一学校同一年的各学段应一致填写“资源按全校填报”（第 {other} 行为“是”）",
        "every section of the school must say the same (row {other} says 是)",
    ),
    "import_whole_one_section": (
        "按全校填报资源的一贯制学校须在同一文件中填写各学段的行",
        "a through school reporting resources as a whole needs a row for each of its sections",
    ),
    "import_whole_totals_differ": (
        "按全校填报时各学段的全校合计应相同（第 {other} 行为“{other_value}”）",
        "whole-school totals must be the same on every section row (row {other}: {other_value})",
    ),
    "import_item_group": (
        "指标类别应为 政府保障程度/教育质量/社会认可度",
        "group must be 政府保障程度/教育质量/社会认可度",
    ),
    "import_item_no": ("“{group}”没有这个序号", "{group} has no item with this number"),
    "import_item_duplicate": (
        "同一区县、年份、指标重复填写（第 {other} 行）",
        "the same county, year and item again (row {other})",
    ),
    "import_item_not_number": (
        "应为数字（是/否类指标填1或0）",
        "must be a number (1 or 0 for yes/no items)",
    ),
    "import_item_yes_no": (
        "是/否类指标应填1（是）或0（否）",
        "a yes/no item takes 1 (yes) or 0 (no)",
    ),
    "import_item_range": ("数值应在 0–{high} 之间", "the value must be within 0–{high}"),
    "import_item_computed": (
        "本项由学校数据计算；填报值仅在该年没有学校数据时显示",
        "this item is computed from the school returns; the entered value shows only for a "
        "year without them",
    ),
    "items_editor": ("县域指标填报：{county} {year}年", "County items: {county}, {year}"),
    "items_editor_help": (
        "修改“数值”或“说明”后保存：与导入 县域指标 表相同的检查和写入方式；"
        "第4、5项由学校数据计算。",
        "Edit 数值 (value) or 说明 (note) and save: checked and written like an imported "
        "县域指标 sheet; items 4 and 5 are computed from the school returns.",
    ),
    "items_save": ("保存县域指标", "Save the county items"),
    "items_editor_file": ("县域指标（页面填报）.csv", "county-items-editor.csv"),
    "page_settings": ("设置", "Settings"),
    "settings_help": (
        "计算规则的设置（README“Computation settings”逐项说明）。保存时逐项检查，"
        "并像导入一样生成新数据库文件后原子替换，原文件备份。",
        "The computation rules (each key is described in the README). Saving checks every "
        "value and swaps in a new database file atomically, keeping a backup.",
    ),
    "settings_save": ("保存设置", "Save the settings"),
    "settings_saved": (
        "已保存；原数据库已备份为 {backup}",
        "Saved; the previous database is kept as {backup}",
    ),
    "settings_unchanged": ("没有改动", "Nothing changed"),
    "settings_key": ("设置项", "Setting"),
    "settings_value": ("值", "Value"),
    "settings_note": ("含义", "Meaning"),
    "how_computed_title": ("计算方法", "How this is computed"),
    "how_computed": (
        "- 差异系数按在校生数加权：CV = S / X̄，X̄ = ΣPᵢXᵢ / P，S = √(ΣPᵢ(Xᵢ − X̄)² / P)；"
        "按完整精度判断，显示 3 位小数。2012年办法以 8 项的算术平均（综合差异系数）判断，"
        "2017年办法逐项判断。某项无法计算（无学校有数据或均值为0）时结论为“无法判断”。\n"
        "- 按全校填报的资源按加权学生数拆分到学段：小学 : 初中 : 高中 = "
        "{w_primary} : {w_junior} : {w_senior}，按精确份额拆分（不先把生均值取整）。\n"
        "- 教学点：{teaching_points}。民办学校{private}；地市级及以上举办的学校{above}。\n"
        "- 2017年学校达标：7 项中至少 {min_met} 项达到标准，且没有一项低于标准的 {floor}。",
        "- CVs are student-weighted: CV = S / X̄, X̄ = ΣPᵢXᵢ / P, S = √(ΣPᵢ(Xᵢ − X̄)² / P); "
        "judged at full precision, shown with 3 decimals. The 2012 method judges the plain mean "
        "of the 8 CVs (composite), the 2017 method each CV. An indicator whose CV cannot be "
        "computed (no school with a value, mean 0) makes the verdict “cannot be judged”.\n"
        "- Whole-school resources are split by weighted pupils, primary : junior : senior = "
        "{w_primary} : {w_junior} : {w_senior}, with exact shares (no per-pupil rounding "
        "first).\n"
        "- Teaching points: {teaching_points}. Private schools: {private}; schools run above "
        "county level: {above}.\n"
        "- 2017 school rule: at least {min_met} of 7 standards met and none below {floor} of "
        "its standard.",
    ),
    "how_merge": ("与所属中心校合并计算", "counted with their central school"),
    "how_separate": ("单独计算", "counted on their own"),
    "how_included": ("计入", "included"),
    "how_excluded": ("不计入（列入排除名单）", "left out (listed as excluded)"),
    "measure_gini": ("基尼系数", "Gini coefficient"),
    "measure_gini_how": (
        "按学生加权：0 表示各校完全均等，越接近 1 差距越大。",
        "Student-weighted: 0 means every school is equal; the closer to 1, the wider the gap.",
    ),
    "measure_mcloone": ("麦克隆指数", "McLoone index"),
    "measure_mcloone_how": (
        "低于中位数的学校合计达到中位数的程度：1 表示下半部分学校已达到中位数。",
        "How close the schools below the median come to it: 1 means the lower half is "
        "already at the median.",
    ),
    "measure_theil": ("泰尔指数", "Theil index"),
    "measure_theil_how": (
        "0 表示完全均等；其中城区、镇区、乡村之间的差距占 {share}，其余是同类学校之间的差距。",
        "0 means complete equality; the gap between urban, town and rural schools makes up "
        "{share}, the rest is between schools of the same kind.",
    ),
    "choose_indicator": ("指标", "Indicator"),
    "choose_school": ("学校", "School"),
    "trend_school_title": (
        "{school}与全县均值：{indicator}",
        "{school} vs county mean: {indicator}",
    ),
    "county_mean": ("全县均值", "County mean"),
    "threshold": ("标准线", "Threshold"),
    "standard": ("标准值", "Standard"),
    "axis_cv": ("差异系数", "Difference coefficient (CV)"),
    "axis_year": ("年份", "Year"),
    # Gaps
    "gaps_title": (
        "{indicator}：{n_below} 所学校低于标准 {standard}{unit}",
        "{indicator}: {n_below} schools below the standard {standard} {unit}",
    ),
    "gaps_title_no_standard": (
        "{indicator}：各校数值（全县均值 {mean}{unit}）",
        "{indicator}: school values (county mean {mean} {unit})",
    ),
    "contribution_axis": ("对差异的贡献（%）", "Share of the CV's squared gaps (%)"),
    "outlier_rule": (
        "异常值规则：数值低于 Q1 − 1.5×IQR 或高于 Q3 + 1.5×IQR（Q1、Q3 为本县同学段学校该指标的"
        "四分位数，IQR = Q3 − Q1）。本年下限 {low}，上限 {high}。",
        "Outlier rule: a value below Q1 − 1.5×IQR or above Q3 + 1.5×IQR (quartiles of the "
        "county's schools of this stage on this indicator). This year: below {low} or above "
        "{high}.",
    ),
    "outliers_found": ("异常值：{n} 所学校，请转交责任督学核实", "Outliers: {n} schools to verify"),
    "no_outliers": ("本年没有异常值", "No outliers this year"),
    "col_school": ("学校", "School"),
    "col_group": ("城乡", "Group"),
    "col_students": ("在校生", "Students"),
    "col_share": ("差异贡献", "Share of gap"),
    "col_outlier": ("异常值", "Outlier"),
    "col_meets": ("达标", "Meets"),
    # Urban–rural
    "ratio_axis": ("均值比（乡村 = 1）", "Ratio of means (rural = 1)"),
    "urban_rural_ratio": ("城区 / 乡村", "Urban / rural"),
    "town_rural_ratio": ("镇区 / 乡村", "Town / rural"),
    "theil_title": (
        "{indicator}泰尔指数：城乡之间的差距占 {share}（{year}年）",
        "{indicator} Theil index: {share} of the gap is between groups ({year})",
    ),
    "theil_between": ("组间（城乡之间）", "Between groups"),
    # --- text safety (issue 19): new keys go here ---
    "unexpected_error": (
        "此页面出现意外错误，未能显示。请刷新页面或更换筛选条件；如仍出现，请联系管理员"
        "（服务器日志已记录详情，编号 {ref}）。",
        "Something went wrong and this page could not be shown. Reload it or change the "
        "filters; if it happens again, tell the administrator (the server log has the "
        "details, reference {ref}).",
    ),
    "zone_too_big": (
        "文件 {file} 有 {mb} MB，超过上限 {limit} MB：请先简化边界（如 mapshaper）再上传。",
        "{file} is {mb} MB, over the {limit} MB limit: simplify the outlines first "
        "(e.g. with mapshaper).",
    ),
    "zone_too_deep": (
        "文件 {file} 的嵌套层级超过 {limit} 层，不是正常的乡镇边界 GeoJSON，未读取。",
        "{file} nests more than {limit} levels deep: not a township outline GeoJSON; not read.",
    ),
    "zone_too_detailed": (
        "文件 {file} 约有 {n} 个坐标点，超过上限 {limit} 个：请先简化边界（如 mapshaper）再上传。",
        "{file} has about {n} positions, over the limit of {limit}: simplify the outlines "
        "first (e.g. with mapshaper).",
    ),
    "zone_too_many": (
        "文件 {file} 有 {n} 个要素，超过上限 {limit} 个：一个区县的乡镇或学区边界不会这么多。",
        "{file} has {n} features, over the limit of {limit}: a county has far fewer "
        "townships or school zones.",
    ),
    "zone_more_errors": (
        "文件 {file} 还有 {n} 个要素有同类问题，未逐一列出。",
        "{file}: {n} more features have problems like these (not listed).",
    ),
    "zone_unmatched_many": (
        "文件 {file} 有 {n} 个要素与本县任何乡镇(街道)都不匹配，未显示"
        "（序号：名称，例如 {examples}）。",
        "{file}: {n} features match no township of this county and are not shown "
        "(number: name, e.g. {examples}).",
    ),
    "zones_loaded": ("已加载的边界：{file}", "Outlines loaded: {file}"),
    "zones_remove": ("移除边界", "Remove the outlines"),
    "theil_within": ("组内（同类学校之间）", "Within groups"),
    "theil_axis": ("泰尔指数 T", "Theil T"),
    "box_title": (
        "{indicator}：城区、镇区、乡村学校分布（{year}年）",
        "{indicator}: distribution by group ({year})",
    ),
    "no_groups": (
        "本县学校全部属于同一城乡类别，无法比较城乡差距。",
        "All schools are in one urban–rural group: no urban–rural comparison.",
    ),
    # Profile
    "profile_title": (
        "{school}：{n_met} / 7 项达到优质均衡标准",
        "{school}: {n_met} of 7 standards met",
    ),
    "profile_axis": ("占标准的百分比", "% of the standard"),
    "profile_school": ("本校", "This school"),
    "profile_history": ("{school}：{indicator}历年变化", "{school}: {indicator} over the years"),
    "profile_facts": (
        "{type} · {group} · {township} · 在校生 {students} 人 · 专任教师 {teachers} 人",
        "{type} · {group} · {township} · {students} students · {teachers} teachers",
    ),
    # Map
    "page_map": ("地图", "Map"),
    "boundary": ("区县边界", "County boundary"),
    "map_colour_by": ("着色依据", "Colour by"),
    "compliance": ("是否达到“6项以上达标、无指标低于{floor}”", "Meets ≥ 6 of 7 standards"),
    "map_title": (
        "{stage}学校分布：{indicator}（{year}年，{n} 所）",
        "{stage} schools: {indicator} ({year}, {n} schools)",
    ),
    "legend_meets": ("达到标准", "meets the standard"),
    "legend_below_standard": ("低于标准，但不低于{floor}", "below the standard, at least {floor}"),
    "legend_below_floor": ("低于标准的{floor}", "below {floor} of the standard"),
    "legend_no_value": ("无数据（未纳入计算）", "no value (not counted)"),
    "legend_compliant": ("达到6项以上、无指标低于{floor}", "compliant (≥ 6 of 7, none < {floor})"),
    "legend_not_compliant": ("未达到", "not compliant"),
    "popup_code": ("学校标识码", "School ID"),
    "popup_name": ("学校", "School"),
    "popup_students": ("在校生", "Students"),
    "popup_met": ("达标项", "Standards met"),
    # --- serving (issue 20): new keys go here ---
    "map_click_hint": (
        "点击地图上的学校查看数值，弹窗中的链接打开其学校档案；滚轮或 +/− 缩放，圆点随之放大。",
        "Click a school for its figures; the link in its popup opens its profile. Zoom with "
        "the wheel or +/−: markers grow as you zoom in.",
    ),
    "choropleth_title": (
        "{province}各区县{stage}综合差异系数（{year}年）",
        "{province}: composite CV by county, {stage} ({year})",
    ),
    "choropleth_title_highest": (
        "{province}各区县{stage}最高差异系数（{year}年，优质均衡每项须在线内）",
        "{province}: highest CV by county, {stage} ({year}; every CV must be within its line)",
    ),
    "county_cannot_judge": ("无法判断", "cannot be judged"),
    "col_cv_highest": ("最高差异系数", "Highest CV"),
    "choropleth_hint": ("点击区县可切换到该区县。", "Click a county to switch to it."),
    "county_pass": ("达标", "passes"),
    "county_fail": ("未达标", "does not pass"),
    "county_no_data": ("无数据", "no data"),
    "col_cv": ("综合差异系数", "Composite CV"),
    "col_verdict": ("结论", "Verdict"),
    "zones_title": ("乡镇 / 学区边界（上传 GeoJSON）", "Township / school-zone outlines (GeoJSON)"),
    "zones_help": (
        "上传 WGS-84 经纬度的 GeoJSON（FeatureCollection，面要素），属性中用 name、乡镇 或 学区"
        " 字段写乡镇(街道)名称，按名称与本县学校的“乡镇(街道)”匹配。"
        "文件只在本次浏览中使用，不写入数据库。",
        "Upload a WGS-84 GeoJSON FeatureCollection of polygons whose name (or 乡镇 / 学区) "
        "property holds the township name; it is matched to the schools' townships. The file "
        "is used in this browser session only and never stored.",
    ),
    "zones_added": (
        "已加载 {n} 个边界，与 {m} 个乡镇(街道)匹配。",
        "{n} outlines loaded, {m} townships matched.",
    ),
    "zone_not_utf8": ("文件 {file} 不是 UTF-8 编码的文本，无法读取。", "{file} is not UTF-8 text."),
    "zone_not_json": (
        "文件 {file} 不是有效的 JSON：第 {line} 行第 {column} 列，{reason}。",
        "{file} is not valid JSON: line {line}, column {column}: {reason}.",
    ),
    "zone_not_collection": (
        '文件 {file} 不是 GeoJSON FeatureCollection（缺少 "type": "FeatureCollection"）。',
        "{file} is not a GeoJSON FeatureCollection.",
    ),
    "zone_no_geometry": (
        "文件 {file} 第 {number} 个要素没有几何图形（geometry）。",
        "{file}, feature {number}: no geometry.",
    ),
    "zone_not_polygon": (
        "文件 {file} 第 {number} 个要素的几何类型是 {kind}，需要 Polygon 或 MultiPolygon。",
        "{file}, feature {number}: geometry is {kind}, not a Polygon or MultiPolygon.",
    ),
    "zone_bad_coordinates": (
        "文件 {file} 第 {number} 个要素的坐标格式不正确。",
        "{file}, feature {number}: malformed coordinates.",
    ),
    "zone_not_wgs84": (
        "文件 {file} 第 {number} 个要素的坐标 {point} 不在中国经纬度范围内："
        "需要 WGS-84 经纬度（不是投影坐标）。",
        "{file}, feature {number}: coordinate {point} is not a longitude/latitude in China: "
        "WGS-84 degrees are needed, not projected metres.",
    ),
    # --- monitoring (issue 22): new keys go here ---
    "import_inspector_duplicate": (
        "学校标识码与第 {other} 行重复（每所学校一位责任督学）",
        "school code repeats row {other} (one responsible inspector per school)",
    ),
    "import_too_long": ("内容过长（最多 {n} 个字符）", "too long (at most {n} characters)"),
    "page_login": ("登录", "Log in"),
    "page_inspection": ("督导整改", "Inspection"),
    "login_name": ("用户名", "User name"),
    "login_password": ("密码", "Password"),
    "login_submit": ("登录", "Log in"),
    "login_wrong": ("用户名或密码不正确。", "Wrong user name or password."),
    "login_locked": (
        "失败次数过多，请 {wait} 秒后再试。",
        "Too many failed attempts: try again in {wait} seconds.",
    ),
    "login_as": ("已登录：{name}（{role}）", "Logged in: {name} ({role})"),
    "login_logout": ("退出登录", "Log out"),
    "login_expired": ("登录已过期，请重新登录。", "Your session expired: please log in again."),
    "role_admin": ("管理员", "admin"),
    "role_inspector": ("责任督学", "inspector"),
    "role_viewer": ("浏览", "viewer"),
    "insp_need_login": (
        "请先以责任督学或管理员身份登录。",
        "Log in as an inspector or an admin first.",
    ),
    "insp_intro": (
        "{year}年监测规则发现的问题（异常值、低于标准、差异贡献、逐年下降、班额、校额），"
        "由责任督学核实、跟踪整改；整改成效以下一年数据检验。",
        "What the monitoring rules found in {year} (outliers, below standard, share of the "
        "CV, drops, class and school size), checked and followed up by the responsible "
        "inspectors; next year's data show whether rectification worked.",
    ),
    "insp_my_schools": (
        "{inspector}负责的学校：{n} 所",
        "Schools of {inspector}: {n}",
    ),
    "insp_inspector": ("责任督学", "Inspector"),
    "insp_all": ("全部", "All"),
    "insp_no_flags": ("所选范围内没有问题。", "Nothing flagged here."),
    "insp_status_filter": ("状态", "Status"),
    "insp_flag": ("选择一条问题", "Choose a flag"),
    "insp_reason": ("触发原因", "Why it fired"),
    "insp_history": ("处理记录", "History"),
    "insp_last_step": (
        "当前：{status} · {user} · {when} · {note}",
        "Now: {status} · {user} · {when} · {note}",
    ),
    "insp_no_history": ("尚无处理记录（待核实）。", "No steps yet (待核实, to be checked)."),
    "insp_update": ("登记处理", "Record a step"),
    "insp_new_status": ("新状态", "New status"),
    "insp_note": ("说明", "Note"),
    "insp_deadline": ("整改期限", "Deadline"),
    "insp_files": (
        "佐证材料（照片、PDF、Word、Excel，单个不超过 10 MB，最多 5 个）",
        "Evidence (photos, PDF, Word, Excel; up to 10 MB each, at most 5)",
    ),
    "insp_save": ("保存", "Save"),
    "insp_saved": ("已保存：{status}", "Saved: {status}"),
    "insp_evidence": ("佐证材料", "Evidence"),
    "insp_notice_school": ("下载该校督导意见书（.docx）", "Notice to this school (.docx)"),
    "insp_notice_all": ("下载督导意见书（全部学校，.docx）", "Notice for all schools (.docx)"),
    "insp_open_xlsx": ("下载未整改问题清单（.xlsx）", "Open flags (.xlsx)"),
    "insp_effect": ("整改成效（以下一年数据检验）", "Did it work? (next year's data)"),
    "insp_effect_none": (
        "尚无已整改的问题可检验。",
        "No rectified flag to check yet.",
    ),
    "effect_improved": ("已改善，不再触发", "improved, no longer flagged"),
    "effect_better_still_flagged": ("有改善，仍未达标", "better, still flagged"),
    "effect_not_improved": ("未改善", "not improved"),
    "effect_no_data": ("待下一年数据", "waiting for next year's data"),
    "col_rule": ("规则", "Rule"),
    "col_reason": ("原因", "Reason"),
    "col_status": ("状态", "Status"),
    "col_deadline": ("期限", "Deadline"),
    "col_inspector": ("责任督学", "Inspector"),
    "col_when": ("时间", "When"),
    "col_user": ("登记人", "By"),
    "insp_col_note": ("说明", "Note"),
    "col_files": ("材料", "Files"),
    "col_effect": ("整改成效", "Effect"),
    "col_year": ("年份", "Year"),
    "col_next": ("下一年", "Next year"),
    "rule_outlier": ("异常值", "Outlier"),
    "rule_below_floor": ("低于标准下限", "Below the floor of a standard"),
    "rule_below_standard": ("低于标准", "Below standard"),
    "rule_cv_half": ("差异主要来源", "Half of the CV"),
    "rule_drop": ("比上年下降", "Fell since last year"),
    "rule_class_size": ("班额超标", "Class over standard"),
    "rule_large_class": ("大班额", "Large classes"),
    "rule_huge_class": ("超大班额", "Very large classes"),
    "rule_school_size": ("校额超标", "School too large"),
    "fu_not_allowed": ("当前账户不能登记处理。", "This account cannot record steps."),
    "fu_not_your_school": (
        "该校不属于您负责的学校。",
        "This school is not one of yours.",
    ),
    "fu_note_too_long": ("说明过长（最多 {n} 字）。", "Note too long (at most {n} characters)."),
    "fu_needs_deadline": ("转入“整改中”需填写整改期限。", "整改中 needs a deadline."),
    "fu_needs_note": ("“无需整改”需说明理由。", "无需整改 needs a note saying why."),
    "fu_bad_step": (
        "不能从“{current}”改为“{status}”。",
        "Cannot move from {current} to {status}.",
    ),
    "fu_nothing": ("没有需要保存的内容。", "Nothing to save."),
    "fu_too_many_files": ("最多上传 {n} 个文件。", "At most {n} files."),
    "fu_file_too_big": ("{name} 超过 {mb} MB。", "{name} is larger than {mb} MB."),
    "fu_file_type": (
        "{name} 不是 JPG、PNG、PDF、Word 或 Excel 文件。",
        "{name} is not a JPG, PNG, PDF, Word or Excel file.",
    ),
    "zone_no_name": (
        "文件 {file} 第 {number} 个要素没有名称属性（可用字段：{properties}）。",
        "{file}, feature {number}: no name property (one of {properties}).",
    ),
    "zone_unmatched": (
        "文件 {file} 第 {number} 个要素的 {prop}=“{value}” 与本县任何乡镇(街道)都不匹配，未显示。",
        "{file}, feature {number}: {prop} = “{value}” matches no township of this "
        "county; not shown.",
    ),
    "zone_none_matched": (
        "文件 {file} 中没有要素与本县的乡镇(街道)匹配。本县乡镇(街道)：{townships}。",
        "No feature of {file} matches a township of this county: {townships}.",
    ),
    # Export
    "page_export": ("数据导出", "Export"),
    "export_years": ("年份范围", "Years"),
    "export_stages": ("学段", "Stages"),
    "export_indicators": ("指标", "Indicators"),
    "export_groups": ("城乡", "Urban / town / rural"),
    "export_rows": (
        "共 {n} 行（每所学校每学段每年一行）",
        "{n} rows (one per school section and year)",
    ),
    "export_csv": ("下载 CSV（Excel 可直接打开）", "Download CSV (opens in Excel)"),
    "export_xlsx": ("下载 Excel（含字段说明）", "Download Excel (with column notes)"),
    "export_empty": ("所选条件下没有数据。", "No data for this choice."),
    "export_returns": (
        "下载本县全部原始数据（导入模板格式，xlsx）",
        "Download all of this county's returns (import template, xlsx)",
    ),
    "export_returns_help": (
        "原始数据可在另一台电脑或新数据库中用“数据导入”重新导入，得到相同的计算结果。",
        "The returns can be imported again elsewhere (数据导入) and give the same results.",
    ),
    "export_sheet_data": ("学校指标", "School indicators"),
    "export_sheet_about": ("字段说明", "About"),
    "export_col_column": ("列", "Column"),
    "export_col_meaning": ("含义", "Meaning"),
    "export_col_unit": ("单位", "Unit"),
    "export_indicator_meaning": (
        "学校的{quantity}除以该学段在校生数{per}",
        "The school's {quantity} divided by its pupils in this stage{per}",
    ),
    "per_student": ("", ""),
    "per_100": (" × 100", " × 100"),
    "export_filter": ("筛选条件", "Filter"),
    "export_source": ("数据来源", "Source"),
    "export_source_text": (
        "均衡 Junheng 数据库中各校的填报数据；教学点并入中心校，"
        "一贯制学校的全校资源按加权学生数分摊到各学段后计算",
        "The schools' returns in the Junheng database; teaching points merged into their "
        "central school, whole-school resources of through schools split by weighted pupils",
    ),
    # Import
    "page_import": ("数据导入", "Import"),
    # --- province (issue 13): new keys go here ---
    "province_near": (
        "未达标（距标准线 {near} 以内）",
        "does not pass (within {near} of the line)",
    ),
    "province_far": (
        "未达标（超出标准线 {near} 以上）",
        "does not pass (over by more than {near})",
    ),
    "peers_title": (
        "{indicator}：{county}与同类区县（{stage}，{year}年）",
        "{indicator}: {county} and its peers ({stage}, {year})",
    ),
    "peers_how": (
        "同类区县 = 本省有数据的区县中与{county}最相近的 {k} 个："
        "按在校生数（取对数）、乡村学校学生占比、学校数（取对数）三项，各自按全省区县的离散程度标准化后计算欧氏距离。",
        "Peers = the {k} counties of the province most like {county}: Euclidean distance over "
        "log pupils, share of pupils in rural schools and log number of schools, each "
        "standardised by its spread across the province's counties.",
    ),
    "peers_how_one": (
        "同类区县 = 本省有数据的区县中与{county}最相近的 1 个："
        "按在校生数（取对数）、乡村学校学生占比、学校数（取对数）三项，各自按全省区县的离散程度标准化后计算欧氏距离。",
        "Peer = the county of the province most like {county}: Euclidean distance over "
        "log pupils, share of pupils in rural schools and log number of schools, each "
        "standardised by its spread across the province's counties.",
    ),
    "peers_none": (
        "本省没有其他有数据的区县，无法比较。",
        "No other county of the province has data to compare with.",
    ),
    "peers_county": ("本县", "This county"),
    "peers_peers": ("同类区县", "Peers"),
    "peers_others": ("本省其他区县", "Other counties"),
    "peers_x": ("全县均值（{unit}）", "County mean ({unit})"),
    "peers_col_pupils": ("在校生数", "Pupils"),
    "peers_col_rural": ("乡村学生占比", "Rural share"),
    "peers_col_schools": ("学校数", "Schools"),
    "peers_col_distance": ("相似距离", "Distance"),
    "peers_col_cv": ("本县差异系数", "CV"),
    "peers_col_peer_cv": ("同类区县中位数", "Peers' median CV"),
    "peers_col_mean": ("本县均值", "Mean"),
    "peers_col_peer_mean": ("同类区县均值中位数", "Peers' median mean"),
    "peers_col_cv_ahead": ("差异系数", "On the CV"),
    "peers_col_mean_ahead": ("资源水平", "On resources"),
    "peers_ahead": ("领先", "ahead"),
    "peers_behind": ("落后", "behind"),
    "peers_level": ("持平", "level"),
    "peers_table_title": (
        "{county}与同类区县中位数相比：差异系数 {ahead} 项领先，{behind} 项落后",
        "{county} against its peers' median: ahead on {ahead} CVs, behind on {behind}",
    ),
    "report_docx": ("下载自查报告（Word，可编辑）", "Download the self-evaluation report (Word)"),
    "report_docx_help": (
        "{county} {year}年优质均衡自查报告：基本情况、32 项指标、两个学段的差异系数、未达标学校、"
        "存在问题与整改（含按近年进度的预计），可在 Word 中直接修改。",
        "{county}'s {year} self-evaluation report: facts, the 32 items, both stages' CVs, "
        "schools below standard, problems and rectification (with the pace estimate); "
        "editable in Word.",
    ),
    "report_doc_title": (
        "{county}县域义务教育优质均衡发展自查报告（{year}年）",
        "{county}: self-evaluation report on quality-balanced compulsory education ({year})",
    ),
    "report_doc_intro": (
        "本报告由均衡 Junheng 根据区县教育局报送的学校数据和县域指标自动生成，"
        "差异系数按在校生数加权、全精度判定；请核对后补充佐证材料与整改措施。",
        "Generated by Junheng from the bureau's school returns and county items; CVs are "
        "enrolment-weighted and judged at full precision. Check it, then add the evidence and "
        "the rectification measures.",
    ),
    "report_h_conclusion": ("一、自查结论", "1. Conclusion"),
    "report_verdict_line": (
        "{stage}：{verdict}优质均衡资源配置要求；{within} / {n} 项差异系数在标准线以内，"
        "{compliant} / {schools} 所学校达标。",
        "{stage}: {verdict} the quality-balance resource requirements; {within} of {n} CVs "
        "within the line, {compliant} of {schools} schools compliant.",
    ),
    "report_pass": ("达到", "meets"),
    "report_fail": ("尚未达到", "does not yet meet"),
    "report_cannot_judge": ("暂无法判定是否达到", "cannot yet be judged against"),
    "report_h_facts": ("二、基本情况", "2. Basic facts"),
    "report_schools": ("学校数", "Schools"),
    "report_pupils": ("在校生数", "Pupils"),
    "report_classes": ("班级数", "Classes"),
    "report_teachers": ("专任教师数", "Full-time teachers"),
    "report_h_items": ("三、32 项评估指标达成情况", "3. The 32 evaluation items"),
    "report_evidence": ("佐证说明", "Evidence"),
    "report_not_reported": ("未填报", "not reported"),
    "report_h_cvs": ("四、资源配置校际差异系数", "4. Resource allocation CVs"),
    "report_cv_table": ("{stage}差异系数", "{stage} CVs"),
    "report_within": ("在标准线以内", "Within the line"),
    "report_cv": ("差异系数", "CV"),
    "report_composite_line": (
        "参考：{stage}基本均衡（2012）综合差异系数 {cv}（标准 ≤ {line}）。",
        "For reference: {stage} basic-balance (2012) composite CV {cv} (line ≤ {line}).",
    ),
    "report_h_schools": ("五、未达标学校", "5. Schools below standard"),
    "report_no_schools": (
        "所有学校均达到优质均衡的学校达标要求（达标项数与最低比例见计算设置）。",
        "Every school meets the 2017 school rule (standards met and floor: see the settings).",
    ),
    "report_h_problems": ("六、存在问题", "6. Problems found"),
    "report_no_problems": ("未发现问题。", "No problems found."),
    "report_problem_cv": (
        "{stage}{indicator}差异系数 {cv}，超出标准线 {line}",
        "{stage}: {indicator} CV {cv} over the line {line}",
    ),
    "report_problem_schools": (
        "{stage} {n} 所学校未达到优质均衡的学校达标要求",
        "{stage}: {n} schools do not meet the 2017 school rule",
    ),
    "report_problem_item": (
        "{item}：{value}（标准：{target}），未达到",
        "{item}: {value} (target: {target}), not met",
    ),
    "report_problem_composite": (
        "{stage}基本均衡综合差异系数 {cv}，超出标准线 {line}",
        "{stage}: basic-balance composite CV {cv} over the line {line}",
    ),
    "report_h_rectification": ("七、整改措施", "7. Rectification"),
    "report_rectification_intro": (
        "下表列出每个问题；差异系数问题附按近年进度（最小二乘拟合）预计达到标准的年份，"
        "仅为估计。整改措施、责任单位和完成时限请填写。",
        "Each problem below; for a CV, the year its fitted pace (least squares) would cross "
        "the line, an estimate only. Fill in the measures, who is responsible and by when.",
    ),
    "report_problem": ("问题", "Problem"),
    "report_pace_col": ("按近年进度预计", "At the recent pace"),
    "report_pace": ("约 {year} 年达到", "about {year}"),
    "report_measure": ("整改措施", "Measures"),
    "report_owner": ("责任单位", "Responsible"),
    "report_deadline": ("完成时限", "By"),
    "report_footer": (
        "（本报告数据可在均衡 Junheng 中逐项复核：每个数字均可由 SQL 视图重现。）",
        "(Every figure can be checked in Junheng: each is reproduced by its SQL view.)",
    ),
    "pace_toggle": ("显示按近年进度的拟合线", "Show the fitted pace"),
    "pace_fit": ("拟合趋势（±2倍残差标准误）", "fitted pace (± 2 residual s.e.)"),
    "pace_help": (
        "对超出标准线的指标，用最近 {years} 年差异系数做最小二乘直线拟合，"
        "虚线为拟合线，阴影为 ±2 倍残差标准误。这是按过去进度的估计，不是承诺。",
        "For each CV over its line, a least-squares line through the last {years} years; the "
        "dotted line is the fit, the band ± 2 residual standard errors. An estimate from the "
        "past pace, never a promise.",
    ),
    "pace_years": ("拟合最近几年", "Fit the last years"),
    "pace_target": ("目标年份", "Target year"),
    "pace_title": (
        "{stage}：{n} 项指标超出标准线，{late} 项按近年进度在 {target} 年前达不到",
        "{stage}: {n} CVs over the line, {late} will not make it by {target} at this pace",
    ),
    "pace_none": (
        "{year}年{stage}各项差异系数均在标准线以内。",
        "Every {stage} CV is within its line in {year}.",
    ),
    "pace_col_now": ("当前差异系数", "CV now"),
    "pace_col_line": ("标准线", "Line"),
    "pace_col_slope": ("每年变化", "Change per year"),
    "pace_col_crossing": ("预计达到年份", "Estimated crossing"),
    "pace_col_range": ("区间", "Range"),
    "pace_col_status": ("到目标年份", "By the target year"),
    "pace_on_pace": ("✓ 按此进度可达到", "✓ on pace"),
    "pace_uncertain": ("△ 可能赶不上", "△ may not make it"),
    "pace_late": ("✗ 按此进度达不到", "✗ will not make it"),
    "pace_not_falling": ("✗ 未在下降", "✗ not falling"),
    "pace_too_few_years": ("— 年份太少，无法估计", "— too few years to estimate"),
    "pace_never": ("不下降", "never at this pace"),
    "page_province": ("全市 / 全省", "City / province"),
    "province_title": ("{place} {year}年：各区县均衡状况", "{place}, {year}: every county"),
    "province_scope": ("范围", "Scope"),
    "province_whole": ("全省（{province}）", "Whole province ({province})"),
    "province_tab_counties": ("区县一览", "Counties"),
    "province_tab_peers": ("同类区县", "Peers"),
    "province_tab_pace": ("进度预测", "Pace"),
    "province_tab_documents": ("自查报告与汇总表", "Reports"),
    "province_city": ("地市", "City"),
    "province_basic2012_short": ("基本均衡", "Basic"),
    "province_quality2017_short": ("优质均衡", "Quality"),
    "province_pass": ("✓ 达到", "✓ passes"),
    "province_fail": ("✗ 未达到", "✗ not yet"),
    "province_not_judged": ("— 无法判定", "— not judged"),
    "province_gap": ("距标准线", "Distance to line"),
    "province_compliant": ("达标学校", "Compliant schools"),
    "province_items": ("32项达成", "32 items met"),
    "province_change": ("较首年变化", "Change since first year"),
    "province_trend": ("距标准线走势", "Distance to line, by year"),
    "province_summary": (
        "{n} 个区县有数据：{stage}{standard}达到 {passing} 个；"
        "另有 {grey} 个区县暂无数据（地图灰色）。",
        "{n} counties with data: {passing} pass {standard} ({stage}); {grey} more have no data "
        "(grey on the map).",
    ),
    "province_gap_help": (
        "距标准线 = 超出标准线的差距（正数为超出，负数为低于标准线的余量）。"
        "基本均衡（2012）看综合差异系数 − "
        "标准线；优质均衡（2017）看各项差异系数中超出最多的一项（差异系数 − 其标准线）。"
        "表格按此由高到低排序；走势为自首个有数据年份起每年的距标准线。",
        "Distance to the line = how far over the line (positive: over; negative: margin "
        "within). Basic balance (2012): composite CV − line; quality balance (2017): the "
        "largest CV − its line. Sorted furthest over first; the trend is the distance each "
        "year since the first year with data.",
    ),
    "province_cv_help": (
        "各指标列为{stage}{standard}差异系数，列名为其标准线；✗ 为超出标准线，✓ 为在标准线以内"
        "（按全精度判定，显示 3 位小数）。",
        "Indicator columns: {stage} CVs under {standard}, each headed by its line; ✗ over the "
        "line, ✓ within (judged at full precision, shown with 3 decimals).",
    ),
    "province_click": (
        "点击表格中的一行或地图上的区县，打开该区县的总览。",
        "Click a row or a county on the map to open that county's overview.",
    ),
    "province_map_title": (
        "{place}：{stage}{standard}（{year}年）",
        "{place}: {stage}, {standard} ({year})",
    ),
    "province_no_data_list": ("暂无数据的区县（{n}）", "Counties without data ({n})"),
    "province_no_data_clicked": (
        "{county}暂无数据，无法打开。",
        "{county} has no data to open.",
    ),
    "province_xlsx": ("下载各区县汇总表（xlsx）", "Download the county summary (xlsx)"),
    "province_xlsx_title": (
        "{place}义务教育均衡发展各区县汇总（{year}年）",
        "{place}: balanced compulsory education, county summary ({year})",
    ),
    "import_password": ("管理员密码", "Admin password"),
    "import_password_help": (
        '密码在服务器的 .streamlit/secrets.toml 中设置：admin_password = "…"；'
        "未设置密码时本页不显示。",
        "The password is set on the server in .streamlit/secrets.toml: admin_password = "
        '"…"; without one this page is hidden.',
    ),
    "import_login": ("登录", "Sign in"),
    "import_wrong": ("密码不正确。", "Wrong password."),
    "import_template": ("下载空白导入模板（xlsx）", "Download the blank template (xlsx)"),
    "import_files": (
        "上传学校数据（.xlsx 或 .csv，可多个）",
        "Upload school returns (.xlsx or .csv)",
    ),
    "import_checked": (
        "已检查 {n} 行：{errors} 个错误，{warnings} 个警告。",
        "{n} rows checked: {errors} errors, {warnings} warnings.",
    ),
    "import_errors": (
        "以下错误必须在文件中改正后重新上传，数据库未做任何改动：",
        "Correct these errors in the file and upload it again; nothing was changed:",
    ),
    "import_warnings": (
        "以下情况可能有误，请核实；确认无误后可勾选接受：",
        "These look suspicious; check them, and accept them if they are right:",
    ),
    "import_accept": ("我已核实，接受以上警告", "I have checked; accept these warnings"),
    "import_run": ("导入", "Import"),
    "import_done": (
        "导入完成：新增 {added} 行，替换 {replaced} 行，{unchanged} 行未变。",
        "Imported: {added} rows added, {replaced} replaced, {unchanged} unchanged.",
    ),
    "import_same": (
        "数据与库中完全相同，未做任何改动。",
        "The data are already stored: nothing changed.",
    ),
    "import_backup": ("原数据库已备份为 {backup}", "The previous database is kept as {backup}"),
    "import_log": ("导入记录", "Import log"),
    "colon": ("：", ": "),
    # Report
    "report_title": ("汇报材料", "Report for a meeting"),
    "report_heading": (
        "{county}义务教育均衡发展监测（{year}年）",
        "{county}: balanced compulsory education ({year})",
    ),
    "report_pptx": ("下载县域汇报 PPT（.pptx）", "Download the county report (.pptx)"),
    "report_pdf": ("下载县域汇报 PDF", "Download the county report (PDF)"),
    "report_verdict": ("评估结论", "Verdict"),
    "report_worst": ("最需关注的学校（按最低达标比例）", "Schools furthest from the standards"),
    "report_min_ratio": ("最低指标/标准", "Lowest value / standard"),
    "report_weakest": ("最弱指标", "Weakest indicator"),
    # Planner
    "page_planner": ("规划模拟", "Planner"),
    # --- planner (issue 23): new keys go here ---
    "plan_tab_cheapest": ("最省达标方案", "Cheapest plan to pass"),
    "plan_tab_whatif": ("手工调整与方案对比", "Moves by hand and scenarios"),
    "plan_cheapest_note": (
        "求解器（HiGHS 混合整数规划）在所选措施中找出费用最低的方案："
        "每所学校至少达到 {min_met} 项标准、每项不低于标准的 {floor}，"
        "且每项差异系数不超过标准线（用本系统的视图核验）。教师交流只从仍能达标的学校调出。",
        "The solver (HiGHS, mixed-integer programming) finds the least-cost plan among the "
        "chosen measures after which every school meets at least {min_met} standards with none "
        "below {floor} of its standard, and every CV is within its line (checked with this "
        "dashboard's views). Teachers rotate only from schools that still meet the standard.",
    ),
    "plan_levers": ("可采用的措施", "Measures allowed"),
    "plan_lever_hire": ("招聘教师", "Hire teachers"),
    "plan_lever_rotate": ("教师交流轮岗", "Rotate teachers"),
    "plan_lever_train": ("培养认定骨干教师", "Train key teachers"),
    "plan_lever_build_teaching": ("新建教学及辅助用房", "Build teaching rooms"),
    "plan_lever_build_sports": ("新建体育运动场馆", "Build sports ground"),
    "plan_lever_buy_equipment": ("购置教学仪器设备", "Buy equipment"),
    "plan_lever_buy_rooms": ("建设网络多媒体教室", "Fit multimedia rooms"),
    "plan_lever_merge": ("撤并小规模学校", "Merge small schools"),
    "plan_costs": ("单价（元）", "Unit costs (yuan)"),
    "plan_costs_note": (
        "默认值来自设置表（plan_cost_*），可在此改动本次计算使用的单价；设备按面值计。",
        "Defaults come from the settings table (plan_cost_*); change them here for this "
        "computation. Equipment is bought at face value.",
    ),
    "plan_cost_teaching_area_m2": ("教学及辅助用房（元/m²）", "Teaching rooms (yuan/m²)"),
    "plan_cost_sports_area_m2": ("体育运动场馆（元/m²）", "Sports ground (yuan/m²)"),
    "plan_cost_multimedia_room": ("网络多媒体教室（元/间）", "Multimedia room (yuan each)"),
    "plan_cost_teacher_hire": ("招聘教师（元/人）", "Teacher hired (yuan each)"),
    "plan_cost_key_teacher_training": ("培养骨干教师（元/人）", "Key teacher trained (yuan each)"),
    "plan_cost_teacher_rotation": ("交流轮岗（元/人）", "Teacher rotated (yuan each)"),
    "plan_cost_merge_school": ("撤并一所学校（元）", "School merged (yuan each)"),
    "plan_merge_small": ("被撤并的小规模学校", "Small school to merge"),
    "plan_merge_into": ("并入邻近学校", "Into the neighbour"),
    "plan_merge_add": ("加入撤并选项", "Add the merge option"),
    "plan_merge_options": (
        "撤并选项（由求解器决定是否采用）",
        "Merge options (the solver decides)",
    ),
    "plan_merge_clear": ("清除撤并选项", "Clear the merge options"),
    "plan_pupils": ("{name}（{students} 人）", "{name} ({students} pupils)"),
    "plan_solve": ("计算最省方案", "Find the cheapest plan"),
    "plan_total_cost": ("总费用", "Total cost"),
    "plan_wan": ("{value:,.1f} 万元", "{value:,.0f} k yuan"),
    "plan_verdict_after": ("方案后县域结论", "County verdict after the plan"),
    "plan_solve_time": ("求解用时", "Solve time"),
    "plan_seconds": ("{value:.2f} 秒（{rounds} 轮）", "{value:.2f} s ({rounds} rounds)"),
    "plan_status_pass": ("达到", "passes"),
    "plan_status_fail": ("未达到", "does not pass"),
    "plan_status_cannot_judge": ("无法判断", "cannot be judged"),
    "plan_infeasible": (
        "在所选措施下没有能使每所学校达标的方案。",
        "No plan with the chosen measures makes every school comply.",
    ),
    "plan_blocked": (
        "以下学校缺少可用措施（短缺的标准没有对应措施，或低于底线）：{schools}",
        "These schools lack a measure (a standard short with no measure for it, or below "
        "the floor): {schools}",
    ),
    "plan_unreached": (
        "学校均可达标，但以下指标的差异系数在所选措施下降不到标准线：{indicators}。下表为学校达标的最省方案。",
        "Every school can comply, but these CVs cannot reach their line with the chosen "
        "measures: {indicators}. The table shows the cheapest plan for the schools.",
    ),
    "plan_nothing_needed": (
        "已经达到：每所学校达标、每项差异系数在标准线内，费用为 0。",
        "Already passing: every school complies and every CV is within its line; cost 0.",
    ),
    "plan_by_resource": ("按资源汇总", "By resource"),
    "plan_by_school": ("按学校的措施（逐条说明）", "Measures per school, each explained"),
    "plan_cvs": ("差异系数：现状与方案后", "CVs now and after the plan"),
    "plan_load": ("载入为手工方案（可继续编辑）", "Load as a scenario to edit"),
    "plan_export_plan": ("导出方案（xlsx）", "Export the plan (xlsx)"),
    "plan_export_docx": ("导出补短板经费预算表（docx）", "Budget sheet (docx)"),
    "plan_docx_title": (
        "{county}{year}年{stage}义务教育优质均衡补短板经费预算表",
        "{county} {year} {stage}: budget to close the gaps (quality balance)",
    ),
    "plan_docx_summary": (
        "按本方案实施后：{verdict}；总费用 {cost} 元。",
        "After this plan: {verdict}; total cost {cost} yuan.",
    ),
    "plan_docx_costs": ("单价来源：{notes}", "Unit costs: {notes}"),
    "plan_total": ("合计", "Total"),
    "plan_h_school": ("学校", "School"),
    "plan_h_code": ("学校标识码", "School ID"),
    "plan_h_measure": ("措施", "Measure"),
    "plan_h_amount": ("数量", "Amount"),
    "plan_h_unit": ("单位", "Unit"),
    "plan_h_cost": ("金额（元）", "Cost (yuan)"),
    "plan_h_served": ("补足的标准", "Standard it serves"),
    "plan_h_change": ("现值 → 方案后", "Now → after"),
    "plan_h_reason": ("说明", "Why"),
    "plan_h_resource": ("资源", "Resource"),
    "plan_h_unit_cost": ("单价（元）", "Unit cost (yuan)"),
    "plan_measure_hire_degree": ("招聘教师（具备规定学历）", "Hire teachers (required degree)"),
    "plan_measure_hire_pe_art": ("招聘体育艺术教师", "Hire PE/art teachers"),
    "plan_measure_train_key": ("培养认定骨干教师", "Train key teachers"),
    "plan_measure_build_teaching": ("新建教学及辅助用房", "Build teaching rooms"),
    "plan_measure_build_sports": ("新建体育运动场馆", "Build sports ground"),
    "plan_measure_buy_equipment": ("购置教学仪器设备", "Buy teaching equipment"),
    "plan_measure_buy_rooms": ("建设网络多媒体教室", "Fit multimedia rooms"),
    "plan_measure_rotate_in": (
        "交流调入{what}（来自{school}）",
        "Rotate in {what} (from {school})",
    ),
    "plan_measure_rotate_out": ("交流调出{what}（到{school}）", "Rotate out {what} (to {school})"),
    "plan_measure_merge": ("接收撤并的{school}", "Take in {school}"),
    "plan_resource_build_teaching": ("教学及辅助用房", "Teaching and auxiliary rooms"),
    "plan_resource_build_sports": ("体育运动场馆", "Sports ground"),
    "plan_resource_buy_equipment": ("教学仪器设备", "Teaching equipment"),
    "plan_resource_buy_rooms": ("网络多媒体教室", "Multimedia classrooms"),
    "plan_resource_hire_degree": ("招聘教师（具备规定学历）", "Teachers hired (required degree)"),
    "plan_resource_hire_pe_art": ("招聘体育艺术教师", "PE/art teachers hired"),
    "plan_resource_train_key": ("培养认定骨干教师", "Key teachers trained"),
    "plan_resource_rotate": ("交流轮岗教师", "Teachers rotated"),
    "plan_resource_merge": ("撤并学校", "Schools merged"),
    "plan_resource_unit_build_teaching": ("m²", "m²"),
    "plan_resource_unit_build_sports": ("m²", "m²"),
    "plan_resource_unit_buy_equipment": ("元", "yuan"),
    "plan_resource_unit_buy_rooms": ("间", "rooms"),
    "plan_resource_unit_hire_degree": ("人", "teachers"),
    "plan_resource_unit_hire_pe_art": ("人", "teachers"),
    "plan_resource_unit_train_key": ("人", "teachers"),
    "plan_resource_unit_rotate": ("人次", "teachers"),
    "plan_resource_unit_merge": ("所", "schools"),
    "plan_why_floor": (
        "{indicator}仅为标准的 {ratio}，低于 {floor} 底线：{before} → {after}（标准 {standard}）",
        "{indicator} is {ratio} of the standard, under the {floor} floor: {before} → {after} "
        "(standard {standard})",
    ),
    "plan_why_standard": (
        "{indicator}达到标准 {standard}（{before} → {after}），学校达标 {met0} → {met1} 项",
        "{indicator} reaches the standard {standard} ({before} → {after}); the school meets "
        "{met0} → {met1} standards",
    ),
    "plan_why_cv": (
        "降低{indicator}差异系数 {cv0} → {cv1}（标准线 {line}）：{before} → {after}",
        "Lowers the CV of {indicator} {cv0} → {cv1} (line {line}): {before} → {after}",
    ),
    "plan_why_donor": (
        "调出后仍达标：{indicator} {before} → {after}（标准 {standard}）",
        "Still meets its standard after giving: {indicator} {before} → {after} "
        "(standard {standard})",
    ),
    "plan_why_merge": (
        "{school}（{students} 人）并入后不再单独评估，学生和资源计入本校",
        "{school} ({students} pupils) closes: its pupils and resources count here",
    ),
    "plan_no_effect": ("差异系数不变", "no CV changes"),
    "plan_worse_warning": (
        "有调整使差异系数变大或学校不再达标，见“对结果的影响”一列。",
        "Some moves make a CV worse or a school stop complying: see the Effect column.",
    ),
    "plan_lost_compliance": ("{school}不再达标", "{school} stops complying"),
    "plan_loaded": (
        "已把方案的 {n} 项调整载入“手工调整与方案对比”，可在那里修改、保存和对比。",
        "The plan's {n} moves are loaded under “Moves by hand and scenarios”: edit, save and "
        "compare them there.",
    ),
    "plan_incomplete": (
        "以下学校有数据缺失，方案未涉及它们（数据补齐后才能判断是否达标）：{schools}",
        "These schools have missing values and are left out of the plan (their compliance "
        "can be judged once the data are complete): {schools}",
    ),
    "plan_move_bad": ("这项调整未加入方案：{reason}", "The move was not added: {reason}"),
    "plan_scenario_bad": (
        "方案“{name}”无法应用于当前数据：{reason}",
        "Scenario “{name}” cannot be applied to the current data: {reason}",
    ),
    "plan_col_teachers_above_degree": ("高于规定学历教师", "teachers above the required degree"),
    "plan_col_key_teachers": ("县级及以上骨干教师", "county-level or higher key teachers"),
    "plan_col_pe_art_teachers": ("体育艺术专任教师", "PE and art teachers"),
    "plan_col_teaching_area_m2": ("教学及辅助用房面积", "teaching and auxiliary floor area"),
    "plan_col_sports_area_m2": ("体育运动场馆面积", "sports ground area"),
    "plan_col_equipment_value_yuan": ("教学仪器设备值", "teaching equipment value"),
    "plan_col_multimedia_rooms": ("网络多媒体教室", "networked multimedia classrooms"),
    "plan_col_students": ("在校生", "students"),
    "plan_unit_teachers_above_degree": (" 名", ""),
    "plan_unit_key_teachers": (" 名", ""),
    "plan_unit_pe_art_teachers": (" 名", ""),
    "plan_unit_teaching_area_m2": (" m²", " m²"),
    "plan_unit_sports_area_m2": (" m²", " m²"),
    "plan_unit_equipment_value_yuan": (" 元", " yuan"),
    "plan_unit_multimedia_rooms": (" 间", ""),
    "plan_unit_students": (" 人", ""),
    "plan_hire": ("招聘教师", "Hire teachers"),
    "plan_train": ("培养骨干教师", "Train key teachers"),
    "plan_do_transfer": (
        "从{source}调 {amount} 名{what}到{target}",
        "Move {amount} {what} from {source} to {target}",
    ),
    "plan_do_hire": ("{target}招聘 {amount} 名{what}", "{target} hires {amount} {what}"),
    "plan_do_train": (
        "{target}培养认定 {amount} 名{what}",
        "{target} trains {amount} of its teachers as {what}",
    ),
    "plan_do_add": (
        "给{target}增加{what} {amount}{unit}",
        "Give {target} {amount}{unit} of {what}",
    ),
    "plan_do_merge": ("将{source}并入{target}", "Merge {source} into {target}"),
    "plan_change": (
        "{school}{what} {before} → {after}{unit}",
        "{school} {what} {before} → {after}{unit}",
    ),
    "plan_change_value": ("（指标值 {before} → {after}）", " (indicator {before} → {after})"),
    "plan_sep": ("；", "; "),
    "plan_cv_effect": (
        "{indicator}差异系数 {before} → {after}",
        "CV of {indicator} {before} → {after}",
    ),
    "plan_cv_worse": ("（变大，离标准线更远）", " (worse: further from the line)"),
    "plan_err_kind": ("未知的调整类型：{kind}", "Unknown kind of move: {kind}"),
    "plan_err_gone": (
        "{school}已在本方案中并入{target}，不能再调整它。",
        "{school} has been merged into {target} in this plan; it cannot be changed again.",
    ),
    "plan_err_unknown": (
        "学校“{school}”不在本县本年度本学段的学校中。",
        "School “{school}” is not among this county's schools for the year and stage.",
    ),
    "plan_err_same": ("调出和调入须为两所不同的学校。", "Choose two different schools."),
    "plan_err_column_transfer": (
        "教师交流只能调教师（高于规定学历教师、骨干教师、体育艺术教师）；资源请用“增加资源”。",
        "A transfer moves teachers only (above the degree, key, PE/art); add resources with "
        "“Add resources”.",
    ),
    "plan_err_column_hire": (
        "招聘只能是高于规定学历教师或体育艺术教师。",
        "Hires are teachers above the required degree or PE/art teachers.",
    ),
    "plan_err_column_train": ("培养的只能是骨干教师。", "Training makes key teachers only."),
    "plan_err_column_add": (
        "增加资源只能是用房面积、体育场馆面积、设备值或多媒体教室；教师请用招聘或交流。",
        "Resources are floor area, sports ground, equipment or multimedia rooms; teachers are "
        "hired or transferred.",
    ),
    "plan_err_amount": (
        "数量须为大于 0 的有限数（输入了 {amount}）。",
        "The amount must be a finite number above 0 (got {amount}).",
    ),
    "plan_err_whole": (
        "{what}须为整数（输入了 {amount}）。",
        "{what} must be a whole number (got {amount}).",
    ),
    "plan_err_limit": (
        "一次最多 {limit}{unit}{what}（输入了 {amount}）。",
        "At most {limit}{unit} of {what} in one move (got {amount}).",
    ),
    "plan_err_too_many": (
        "{school}只有 {have} 名{what}，不能调出 {amount} 名。",
        "{school} has only {have} {what}; it cannot give {amount}.",
    ),
    "plan_err_train": (
        "{school}只有 {have} 名尚未认定为骨干的教师，不能培养 {amount} 名。",
        "{school} has only {have} teachers who are not key teachers yet; it cannot train {amount}.",
    ),
    "plan_err_merge_twice": (
        "{school}被列入两次撤并：一所学校只能并入一所邻校。",
        "{school} is listed twice: a school merges into one neighbour only.",
    ),
    "plan_err_merge_chain": (
        "{school}既被撤并又接收其他学校：请只保留一种。",
        "{school} would both close and take in another school: keep one of the two.",
    ),
    "plan_intro": (
        "两种用法：由求解器算出达到 2017 年优质均衡评估的最省方案"
        "（招聘、交流、培养、新建、购置、撤并），或手工提出调整，"
        "立即看到差异系数、学校达标和县域结论的变化；计算与其他页面使用同一套 SQL。",
        "Two ways: let the solver find the cheapest plan to pass the 2017 evaluation (hire, "
        "rotate, train, build, buy, merge), or propose moves by hand and see the CVs, school "
        "compliance and verdict change at once, computed by the same SQL as every other page.",
    ),
    "plan_kind": ("调整类型", "Move"),
    "plan_transfer": ("教师交流", "Transfer teachers"),
    "plan_add": ("增加资源", "Add resources"),
    "plan_merge": ("撤并学校", "Merge a school"),
    "plan_from": ("调出学校（或被撤并学校）", "From (or merged) school"),
    "plan_to": ("调入学校（或接收学校）", "To (or receiving) school"),
    "plan_what": ("内容", "What"),
    "plan_amount": ("数量", "Amount"),
    "plan_add_move": ("加入方案", "Add to the plan"),
    "plan_clear": ("清空方案", "Clear the plan"),
    "plan_moves": ("当前方案（{n} 项调整）", "The plan ({n} moves)"),
    "plan_result": ("方案效果", "Effect of the plan"),
    "plan_now": ("现状", "Now"),
    "plan_after": ("方案后", "After"),
    "plan_compliant": ("达标学校", "Compliant schools"),
    "plan_verdict": ("县域结论", "County verdict"),
    "plan_save_name": ("方案名称", "Scenario name"),
    "plan_save": ("保存方案", "Save the scenario"),
    "plan_compare": ("方案对比", "Scenarios side by side"),
    "plan_export": ("导出方案对比（xlsx）", "Export the comparison (xlsx)"),
    "plan_export_pptx": ("导出方案对比（pptx）", "Export the comparison (pptx)"),
    "plan_schools": ("调整涉及的学校（方案后数值）", "Schools the plan touches (values after)"),
    # --- serving s3 (issues 20, 13): new keys go here ---
    "import_step_results": ("计算各区县判定与预警", "computing the verdicts and flags"),
    "province_open_flags": ("未整改预警", "Open flags"),
    "province_open_flags_help": (
        "{year}年预警中尚未关闭（已整改或无需整改）的条数，来自督导整改记录",
        "Flags of {year} not yet closed (rectified or no action needed) in the inspection "
        "follow-up",
    ),
    "province_open_flags_unavailable": (
        "督导整改记录暂时无法读取，未显示未整改预警数。",
        "The inspection follow-up store cannot be read just now: open flags are not shown.",
    ),
    # --- end of this area ---
    # --- overview s3 (issue 21): new keys go here ---
    "col_why_not_met": ("未达成原因", "Why not met"),
    "why_cv_unknown": ("差异系数无法计算（{reason}）", "CV cannot be computed ({reason})"),
    "why_cv_over": ("差异系数 {cv} 超过 {threshold}", "CV {cv} over {threshold}"),
    "why_below_floor": ("{n} 所学校低于标准的{floor}", "{n} schools below {floor} of standard"),
    "why_and": ("；", "; "),
    "why_not_reported": ("尚未填报，暂不判断", "Not yet reported: no verdict yet"),
    "why_not_yet": ("尚未做到（要求：是）", "Not yet (required: yes)"),
    "why_value_vs_target": ("实际 {value}，要求 {target}", "{value}; required {target}"),
    "why_school_misses": (
        "{indicator} {value} / {standard} {unit}（{share}）",
        "{indicator} {value} of {standard} {unit} ({share})",
    ),
    "why_school_below_floor": ("，低于{floor}", ", below {floor}"),
    "why_school_lacks": ("{n} 项无数据", "{n} without data"),
    "col_standards_met": ("达标项", "Standards met"),
    "col_missed": (
        "未达到的标准：数值 / 标准（占标准的比例）",
        "Standards missed: value of standard (share of it)",
    ),
    "shortfall_open": (
        "查看这 {n} 所学校及各自未达到的标准",
        "The {n} schools and the standards each one misses",
    ),
    "shortfall_note": (
        "学校达标：7 项中至少 {min_met} 项达到标准，且没有一项低于标准的 {floor}。"
        "按达标项从少到多排列。",
        "A school complies when it meets at least {min_met} of the 7 standards and none is "
        "below {floor} of its standard. Fewest standards met first.",
    ),
    "gauges_title": ("{year}年差异系数", "Difference coefficients, {year}"),
    "change_label": ("较上年", "vs last year"),
    "cv_help_button": (
        "什么是差异系数？标准线从何而来？",
        "What is the CV, and where do the lines come from?",
    ),
    "cv_help": (
        "**差异系数（CV）** 衡量同一学段各校之间某项办学条件的差距：把各校的数值按在校生数"
        "加权，求标准差，再除以加权平均值（CV = S / X̄）。0 表示各校完全一样，数值越大，"
        "校际差距越大。\n\n"
        "**标准线** 由国家县域义务教育均衡发展督导评估办法规定（数值取自本系统的指标目录）：\n"
        "- 2012年基本均衡：8 项指标差异系数的平均值（综合差异系数），"
        "小学不超过 {basic_p}，初中不超过 {basic_j}；\n"
        "- 2017年优质均衡：7 项资源配置指标逐项判断，小学每项不超过 {quality_p}，"
        "初中每项不超过 {quality_j}，不设综合差异系数标准；另要求每所学校至少 {min_met} 项达到"
        "标准、没有一项低于标准的 {floor}。\n\n"
        "仪表盘上红色区域在标准线以外；“较上年”为与上一年相比的变化，下降（▼）表示差距缩小。"
        "差异系数按完整精度判断：0.501 显示为两位小数是 0.50，但已超过 0.50 的线。",
        "**The difference coefficient (CV)** measures how far apart the schools of one stage "
        "are on one resource: the student-weighted standard deviation of the schools' values "
        "divided by their student-weighted mean (CV = S / X̄). 0 means every school is the "
        "same; the larger it is, the wider the gap between schools.\n\n"
        "**The lines** are set by the national methods for evaluating county balance of "
        "compulsory education (the values are read from this system's indicator catalogue):\n"
        "- Basic balance, 2012: the mean of the 8 indicator CVs (the composite CV) at most "
        "{basic_p} for primary and {basic_j} for junior schools;\n"
        "- Quality balance, 2017: each of the 7 resource CVs at most {quality_p} for primary "
        "and {quality_j} for junior schools, with no composite criterion; besides, every "
        "school meets at least {min_met} of the 7 standards with none below {floor} of its "
        "standard.\n\n"
        "On a gauge the red zone lies beyond the line; “vs last year” is the change from the "
        "year before, a fall (▼) means the gap narrowed. CVs are judged at full precision: "
        "0.501 shows as 0.50 with two decimals yet is over a 0.50 line.",
    ),
    "data_updated": (
        "数据更新于 {when}（最近一次导入：{file}）",
        "Data last updated {when} (latest import: {file})",
    ),
    "data_written": (
        "数据库生成于 {when}（没有导入记录）",
        "Database written {when} (no import recorded)",
    ),
    "basic_table": (
        "基本均衡评估：{stage}8 项指标差异系数",
        "Basic balance: {stage} CVs of the 8 indicators",
    ),
    "basic_note": (
        "2012年办法只判断综合差异系数（8 项的平均值）：小学 ≤ {p}，初中 ≤ {j}；"
        "单项差异系数不单独判断，列出供查找差距。",
        "The 2012 method judges only the composite CV (the mean of the 8): primary ≤ {p}, "
        "junior ≤ {j}; single CVs are not judged on their own and are listed to find the gaps.",
    ),
    "basic_composite": ("综合差异系数（{n} 项平均）", "Composite CV (mean of {n})"),
    "col_indicator_cv": ("差异系数", "CV"),
    "col_line": ("标准线", "Line"),
    "col_last_year": ("上年", "Last year"),
    "composite_within": ("✓ 在线内", "✓ within the line"),
    "composite_over": ("✗ 超出标准线", "✗ over the line"),
    "composite_unknown": ("? 无法计算", "? cannot be computed"),
    "composite_info": ("仅供参考", "for reference"),
    # --- end of this area ---
    # --- charts s3 (issues 21, 14): new keys go here ---
    # Chart widgets: the "how this is computed" popover, the data table and its sentence
    "chart_method": ("计算方法", "How this is computed"),
    "chart_table": ("数据表", "Data table"),
    "chart_sources": ("数据来自 {files}", "Computed by {files}"),
    "chosen_year": ("所选年份", "Chosen year"),
    # Formulas in words (domain.md)
    "method_cv": (
        "差异系数 CV = S ÷ X̄。X̄ 是按在校生数加权的全县均值 ΣPi·Xi ÷ P，S 是加权标准差 "
        "√(ΣPi·(Xi − X̄)² ÷ P)；Xi 为学校 i 的指标值，Pi 为其在校生数，P 为全县该学段在校生总数。"
        "差异系数按全精度与标准线比较，显示 3 位小数。",
        "CV = S ÷ X̄. X̄ is the county mean weighted by enrolment, ΣPi·Xi ÷ P; S is the weighted "
        "standard deviation √(ΣPi·(Xi − X̄)² ÷ P); Xi is school i's value, Pi its pupils, P the "
        "county's pupils of the stage. CVs are judged against the line at full precision and "
        "shown with 3 decimals.",
    ),
    "method_group_means": (
        "各组均值 = 组内 ΣPi·Xi ÷ ΣPi（按在校生数加权）；城乡分类按国家统计局城乡划分代码："
        "{urban} 为城区，{town} 为镇区，{rural} 为乡村。差距是否缩小：比较首末两年"
        "两组均值之比偏离 1 的程度（有城区和乡村时比较这两组）。",
        "Each group's mean = ΣPi·Xi ÷ ΣPi within the group (weighted by enrolment); groups by the "
        "statistics bureau's urban–rural code: {urban} urban; {town} town; {rural} rural."
        " Narrowing or widening: how far the ratio of the two groups' means is from 1 in "
        "the first and the last year (urban and rural when the county has both).",
    ),
    "method_school_value": (
        "学校的指标值 Xi：面积、设备值除以在校生数（生均），教师数、教室数除以在校生数再乘 100"
        "（每百名学生）；全县均值 = ΣPi·Xi ÷ P（按在校生数加权）；标准值为 2017 年优质均衡的"
        "每校标准。",
        "School value Xi: areas and equipment divided by pupils (per student); teachers and "
        "rooms divided by pupils times 100 (per 100 students). County mean = ΣPi·Xi ÷ P "
        "(weighted by enrolment); the standard is the 2017 quality-balance per-school standard.",
    ),
    "method_school_bars": (
        "每所学校的指标值 Xi（生均或每百名学生）与全县加权均值 ΣPi·Xi ÷ P、2017 年每校标准比较。"
        "异常值：低于 Q1 − 1.5×IQR 或高于 Q3 + 1.5×IQR（Q1、Q3 为本县同学段学校该指标的四分位数，"
        "不加权，IQR = Q3 − Q1），以 ※ 和黑框标出。",
        "Each school's value Xi (per student or per 100 students) against the county mean "
        "weighted by enrolment, ΣPi·Xi ÷ P, and the 2017 per-school standard. Outliers: below "
        "Q1 − 1.5×IQR or above Q3 + 1.5×IQR (unweighted quartiles of the county's schools of "
        "the stage, IQR = Q3 − Q1), marked ※ and outlined in black.",
    ),
    "method_contribution": (
        "学校 i 对差异的贡献 = Pi·(Xi − X̄)² ÷ ΣPj·(Xj − X̄)²，即它在差异系数平方项中的份额。"
        "按贡献从大到小累加，达到 {share} 所需的学校数就是标题中的学校数（与监测规则“差异占比”"
        "相同，比例为设置 flag_cv_half_share）。",
        "School i's share of the gap = Pi·(Xi − X̄)² ÷ ΣPj·(Xj − X̄)², its part of the squared "
        "deviations behind the CV. Adding shares from the largest, the number of schools needed "
        "to reach {share} is the number in the title (as the monitoring rule cv_half counts "
        "them; the share is the setting flag_cv_half_share).",
    ),
    "method_ratio": (
        "城乡均值比 = 城区（或镇区）学校按在校生数加权的均值 ÷ 乡村学校的加权均值；1 表示没有差距。"
        "城区均值超过乡村的 {wide} 倍即计为差距较大（设置 wide_gap_ratio）。",
        "Ratio = the enrolment-weighted mean of urban (or town) schools ÷ that of rural schools; "
        "1 means no gap. An urban mean over {wide} times the rural one counts as a wide gap "
        "(setting wide_gap_ratio).",
    ),
    "method_theil": (
        "泰尔指数 T = Σ(Pi/P)(xi/μ)ln(xi/μ) = T组间 + T组内；T组间 = Σg(Pg/P)(μg/μ)ln(μg/μ)，"
        "T组内 = Σg(Pg·μg/(P·μ))·Tg，g 为城区、镇区、乡村；城乡之间的占比 = T组间 ÷ T。",
        "Theil T = Σ(Pi/P)(xi/μ)ln(xi/μ) = T_between + T_within; T_between = "
        "Σg(Pg/P)(μg/μ)ln(μg/μ), T_within = Σg(Pg·μg/(P·μ))·Tg over the groups urban, town and "
        "rural; the between share = T_between ÷ T.",
    ),
    "method_boxes": (
        "每组一个箱线：箱为该组学校数值的四分位数 Q1—Q3，中线为中位数，须线延伸到 1.5×IQR 以内"
        "最远的学校；每个点是一所学校。学校的指标值 Xi 为生均或每百名学生的数值。",
        "One box per group: the box spans the quartiles Q1–Q3 of the group's school values, the "
        "line is the median, the whiskers reach the furthest school within 1.5×IQR; each dot is "
        "a school. A school's value Xi is per student or per 100 students.",
    ),
    "method_profile": (
        "每项指标：本校数值 ÷ 2017 年每校标准 × 100%，全县加权均值 ΣPi·Xi ÷ P 同样除以标准。"
        "达到标准即不低于 100%；优质均衡要求每校至少 {min_met} 项达标，"
        "且无一项低于标准的 {floor}。",
        "Each indicator: the school's value ÷ the 2017 per-school standard × 100 %; the county "
        "mean weighted by enrolment, ΣPi·Xi ÷ P, likewise. Meeting a standard is at least "
        "100 %; quality balance asks every school to meet at least {min_met} of 7 with none "
        "below {floor} of its standard.",
    ),
    "method_location": (
        "学校位置为报表中的经纬度（WGS-84），区县边界为库中保存的边界；不使用在线底图。",
        "Schools at the longitude and latitude of their returns (WGS-84) inside the stored "
        "county outline; no online map tiles.",
    ),
    # Trends
    "trend_group_gap": (
        "{indicator}：{upper}与{lower}均值差距{direction}：{first_year}年{upper}为{lower}的 "
        "{first} 倍，{last_year}年为 {last} 倍",
        "{indicator}: the gap between {upper} and {lower} means {direction}: {upper} {first}× "
        "{lower} in {first_year}, {last}× in {last_year}",
    ),
    "trend_group_one_year": (
        "{indicator}：{upper}均值为{lower}的 {last} 倍（{last_year}年）",
        "{indicator}: {upper} mean {last}× the {lower} mean ({last_year})",
    ),
    "trend_group_one": (
        "{indicator}：{group}学校均值（本县{stage}学校均为{group}学校，无城乡比较）",
        "{indicator}: mean of {group} schools (all {stage} schools of the county are {group}; "
        "no urban–rural comparison)",
    ),
    "gap_converging": ("在缩小", "is narrowing"),
    "gap_diverging": ("在扩大", "is widening"),
    "gap_steady": ("没有变化", "is unchanged"),
    "alt_cv_trend": (
        "折线图：{first}–{last}年{n}项指标的差异系数；{year}年最高为{top_name} {top:.3f}，"
        "最低为{low_name} {low:.3f}，标准线 {line:.2f}。",
        "Line chart: CVs of {n} indicators, {first}–{last}; in {year} the highest is {top_name} "
        "{top:.3f}, the lowest {low_name} {low:.3f}; the line is {line:.2f}.",
    ),
    "alt_group_trend": (
        "折线图：{first}–{last}年{groups}学校的{indicator}加权均值；{year}年{values}。",
        "Line chart: enrolment-weighted mean {indicator} of {groups} schools, {first}–{last}; "
        "in {year}: {values}.",
    ),
    "alt_school_trend": (
        "折线图：{first}–{last}年{school}与全县均值的{indicator}；{year}年本校 {value}，"
        "全县 {mean}{standard}。",
        "Line chart: {indicator} of {school} against the county mean, {first}–{last}; in "
        "{year} the school has {value}, the county {mean}{standard}.",
    ),
    "alt_standard": ("，标准 {standard}", "; the standard is {standard}"),
    "alt_school_bars": (
        "条形图：{n}所学校的{indicator}，从高到低；最高为{top_name} {top}，最低为{low_name} "
        "{low}，全县均值 {mean}{standard}；{n_outliers}所异常值。",
        "Bar chart: {indicator} of {n} schools, highest first; the highest is {top_name} {top}, "
        "the lowest {low_name} {low}; county mean {mean}{standard}; {n_outliers} outlier(s).",
    ),
    "alt_contribution": (
        "条形图：对差异贡献最大的{n}所学校；最大为{top_name} {top:.1f}%，"
        "前{k}所合计 {share:.1f}%。",
        "Bar chart: the {n} schools with the largest shares of the gap; the largest is "
        "{top_name} {top:.1f}%, the first {k} together {share:.1f}%.",
    ),
    "alt_ratio": (
        "条形图：{n}项指标的城区 / 乡村与镇区 / 乡村均值比；最大差距为{top_name}，城区为乡村的 "
        "{top} 倍。",
        "Bar chart: urban/rural and town/rural ratios of means for {n} indicators; the widest "
        "gap is {top_name}, urban {top}× rural.",
    ),
    "alt_theil": (
        "堆积柱状图：{first}–{last}年{indicator}的泰尔指数，分为城乡之间与同类学校之间两部分；"
        "{year}年 T = {theil}，城乡之间占 {share}。",
        "Stacked bar chart: the Theil index of {indicator}, {first}–{last}, split into the gap "
        "between groups and within them; in {year} T = {theil}, {share} between groups.",
    ),
    "alt_boxes": (
        "箱线图：{indicator}按城区、镇区、乡村分组的学校分布；各组中位数 {medians}。",
        "Box plot: {indicator} of schools by urban, town and rural group; medians {medians}.",
    ),
    "alt_profile": (
        "条形图：{school}的 {n} 项指标占标准的百分比，与全县均值并列；{n_met} 项达到标准，"
        "最低为{low_name} {low:.0f}%。",
        "Bar chart: {school}'s {n} indicators as % of their standards beside the county mean; "
        "{n_met} met, the lowest {low_name} at {low:.0f}%.",
    ),
    "alt_location": (
        "地图：{n}所学校在区县边界内的位置，{school}以星号标出。",
        "Map: where the county's {n} schools are, {school} marked with a star.",
    ),
    # Table headings of the data tables
    "col_indicator": ("指标", "Indicator"),
    "col_school_value": ("本校", "School"),
    "col_county_mean": ("全县均值", "County mean"),
    "col_standard": ("标准", "Standard"),
    "col_percent": ("占标准 (%)", "% of standard"),
    "col_ratio_urban": ("城区 / 乡村", "Urban / rural"),
    "col_ratio_town": ("镇区 / 乡村", "Town / rural"),
    "col_theil": ("泰尔指数 T", "Theil T"),
    "col_between_share": ("城乡之间占比 (%)", "Between share (%)"),
    "col_longitude": ("经度", "Longitude"),
    "col_latitude": ("纬度", "Latitude"),
    # School gaps
    "gaps_title_one": (
        "{indicator}：{n_below} 所学校低于标准 {standard}{unit}",
        "{indicator}: {n_below} school below the standard {standard} {unit}",
    ),
    "contribution_title_share": (
        "{top} 所学校合计贡献了差异的 {share} 以上（差异系数 {cv}）",
        "{top} schools together make up {share} or more of the gap (CV {cv})",
    ),
    "contribution_title_share_one": (
        "{top} 所学校贡献了差异的 {share} 以上（差异系数 {cv}）",
        "{top} school makes up {share} or more of the gap (CV {cv})",
    ),
    "outliers_found_one": (
        "异常值：{n} 所学校，请转交责任督学核实",
        "Outliers: {n} school to verify",
    ),
    "outlier_legend": ("异常值（需核实）", "Outlier (to verify)"),
    # Urban–rural
    "ratio_title_wide": (
        "城乡均值比：{n} 项指标城区均值超过乡村的 {ratio} 倍",
        "Urban/rural mean ratio: {n} indicators with an urban mean over {ratio}× the rural one",
    ),
    "ratio_title_wide_one": (
        "城乡均值比：{n} 项指标城区均值超过乡村的 {ratio} 倍",
        "Urban/rural mean ratio: {n} indicator with an urban mean over {ratio}× the rural one",
    ),
    "ratio_equal": ("1 = 没有差距", "1 = no gap"),
    "ratio_wide_line": ("差距较大：{ratio} 倍", "Wide gap: {ratio}×"),
    # Profile
    "profile_meets": ("本校：达到标准", "This school: meets the standard"),
    "profile_below_standard": ("本校：低于标准", "This school: below the standard"),
    "profile_below_floor": (
        "本校：低于标准的{floor}",
        "This school: below {floor} of the standard",
    ),
    "profile_standard_line": ("标准 = 100%", "Standard = 100 %"),
    "profile_floor_line": ("下限：标准的{floor}", "Floor: {floor} of the standard"),
    "profile_place_title": ("位置：{school}", "Location: {school}"),
    # --- end of this area ---
    # --- map s3 (issue 21): new keys go here ---
    "map_layer_neighbours": ("相邻区县", "Neighbouring counties"),
    "map_layer_province": ("省界", "Province boundary"),
    "map_layer_zones": ("乡镇(街道)边界", "Township outlines"),
    "popup_value_named": (
        "{indicator}（{unit}，标准 {standard}）",
        "{indicator} ({unit}; standard {standard})",
    ),
    "legend_title": ("图例", "Legend"),
    "legend_students": ("{n} 人", "{n} pupils"),
    "open_profile_link": ("打开学校档案 →", "Open the school profile →"),
    "map_search": ("查找学校", "Find a school"),
    "map_search_placeholder": ("输入校名或标识码", "Type a name or school ID"),
    # --- end of this area ---
    # --- presenting s3 (issue 21): new keys go here ---
    "copy_link": ("复制本页链接", "Copy the link to this view"),
    "copy_link_done": ("已复制", "Copied"),
    "plan_default_name": ("方案{n}", "Scenario {n}"),
    "school_report_pdf": (
        "下载学校档案（PDF，一页）",
        "Download the school report (PDF, one page)",
    ),
    "school_report_title": (
        "{school} 学校档案（{year}年 · {stage}）",
        "{school}: school report ({year}, {stage})",
    ),
    "school_report_facts": (
        "学校标识码 {code} · {county} · {type} · {group} · {township} · 在校生 {students} 人 · "
        "专任教师 {teachers} 人 · {classes} 个班",
        "School ID {code} · {county} · {type} · {group} · {township} · {students} pupils · "
        "{teachers} teachers · {classes} classes",
    ),
    "school_report_meets": (
        "达到优质均衡学校标准：{n} / {total} 项达标，最低一项为标准的 {share}（{weakest}）",
        "Meets the quality-balance school rule: {n} / {total} standards met; lowest at {share} "
        "of its standard ({weakest})",
    ),
    "school_report_not_meets": (
        "未达到优质均衡学校标准：{n} / {total} 项达标，最低一项为标准的 {share}（{weakest}）",
        "Does not meet the quality-balance school rule: {n} / {total} standards met; lowest at "
        "{share} of its standard ({weakest})",
    ),
    "school_report_col_indicator": ("指标", "Indicator"),
    "school_report_col_unit": ("单位", "Unit"),
    "school_report_col_value": ("本校", "School"),
    "school_report_col_mean": ("全县均值", "County mean"),
    "school_report_col_standard": ("标准值", "Standard"),
    "school_report_col_share": ("占标准", "% of standard"),
    "school_report_col_met": ("达标", "Met"),
    "school_report_note": (
        "学校标准：优质均衡 (2017) 规定的学校标准值；“—”表示该指标不设学校标准。",
        "Standards: the school values of the quality-balance (2017) method; “—”: no school "
        "standard for this indicator.",
    ),
    "report_cv_within": ("在线内", "within"),
    "report_cv_over": ("超出", "over"),
    "report_col_indicator": ("指标", "Indicator"),
    "report_col_cv": ("差异系数", "CV"),
    "report_col_line": ("标准线", "Line"),
    "report_col_within": ("是否在线内", "Within the line"),
    "export_yes": ("是", "yes"),
    "export_no": ("否", "no"),
    "export_flag_column": ("{indicator}达标", "{indicator}: meets standard"),
    "export_flag_meaning": (
        "该校{indicator}是否达到所选标准的学校标准值（是 / 否）",
        "Whether the school's {indicator} reaches the school standard (yes / no)",
    ),
    "export_flags": ("包含各指标“达标”列", "Include a meets-standard column per indicator"),
    "export_id_columns": ("学校信息列", "School columns"),
    "export_sheet_cvs": ("差异系数", "CVs"),
    "export_sheet_verdicts": ("县域结论", "County verdicts"),
    "export_cvs_csv": ("下载差异系数 CSV", "Download CVs (CSV)"),
    "export_verdicts_csv": ("下载县域结论 CSV", "Download county verdicts (CSV)"),
    "export_cvs_heading": ("差异系数与县域结论", "CVs and county verdicts"),
    "export_cvs_help": (
        "所选年份与学段的各指标差异系数和县域结论（两种评估标准），与总览所示一致；"
        "Excel 文件也包含这两张表。",
        "The CV of every indicator and the county verdict for the chosen years and stages "
        "(both standards), as the overview shows them; the Excel file has both sheets too.",
    ),
    "export_cv_set": ("评估标准", "Standard"),
    "export_cv_indicator": ("指标", "Indicator"),
    "export_cv_value": ("差异系数", "CV"),
    "export_cv_line": ("标准线", "Line"),
    "export_cv_within": ("在线内", "Within the line"),
    "export_cv_schools": ("学校数", "Schools"),
    "export_cv_students": ("在校生数", "Pupils"),
    "export_verdict_status": ("结论", "Verdict"),
    "export_verdict_within": ("在线内指标", "Indicators within the line"),
    "export_verdict_worst": ("最高差异系数", "Highest CV"),
    "export_verdict_worst_indicator": ("最高差异系数指标", "Indicator with the highest CV"),
    "export_verdict_composite": (
        "综合差异系数 / 标准线（仅 2012）",
        "Composite CV / line (2012 only)",
    ),
    "export_verdict_schools": ("达标学校", "Schools meeting the rule"),
    "export_verdict_reason": ("原因", "Reason"),
    "export_status_pass": ("达到", "met"),
    "export_status_fail": ("未达到", "not met"),
    "export_status_cannot_judge": ("无法判断", "cannot be judged"),
    "present_exit": ("退出演示模式", "Leave presentation mode"),
    # --- end of this area ---
    # --- cleanup s3 (issue 14): new keys go here ---
    # --- end of this area ---
    # --- national s4 (issue 20): new keys go here ---
    # --- end of this area ---
    # --- store s4 (issue 20): new keys go here ---
    # --- end of this area ---
    # --- rerun s4 (issue 20): new keys go here ---
    # --- end of this area ---
    # --- look s4 (issue 21): new keys go here ---
    "gaps_rest": (
        "⋯ 另有 {n} 所学校，{low}–{high}（见下方数据表）",
        "⋯ {n} more schools, {low}–{high} (see the data table below)",
    ),
    # --- end of this area ---
    # --- code s4 (issue 14): new keys go here ---
    # --- end of this area ---
    # --- lead s4: new keys go here ---
    "col_school_code": ("学校代码", "School code"),
    # --- end of this area ---
}


def localised(column: str, lang: str) -> str:
    """The column holding `column`'s text in `lang`: "name" → "name_en" or "name_zh"."""
    return f"{column}_en" if lang == "en" else f"{column}_zh"


def t(key: str, lang: str = "zh", **values: object) -> str:
    """The text for `key` in `lang`, with {placeholders} filled in."""
    zh, en = TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text
