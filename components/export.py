"""Exports for analysts: a wide table of school indicator values, as CSV (UTF-8 with BOM, so
Excel on a Chinese desktop opens it) and as .xlsx with a sheet describing every column."""

import io
import re

import pandas as pd

from components.i18n import localised, t
from components.text import safe_cells
from data.catalogue import STAGES

ID_COLUMNS = (
    "county_code",
    "county_name",
    "year",
    "stage",
    "school_code",
    "school_name",
    "urban_rural_code",
    "urban_rural_group",
    "students",
)
DEFAULT_DECIMALS = 2
UNIT_DECIMALS = {"册/生": 1}  # books per student: one decimal; every other unit two
CV_DECIMALS = 3  # as the pages show a CV

# What each identifying column holds, in words (zh, en).
ID_LABELS = {
    "county_code": ("区县代码", "County code"),
    "county_name": ("区县名称", "County"),
    "year": ("年份", "Year"),
    "stage": ("学段", "Stage"),
    "school_code": ("学校标识码", "School ID"),
    "school_name": ("学校名称", "School"),
    "urban_rural_code": ("城乡分类代码", "Urban–rural code"),
    "urban_rural_group": ("城乡", "Urban/town/rural"),
    "students": ("在校生数", "Students"),
}
ID_MEANINGS = {
    "county_code": ("6 位行政区划代码", "6-digit administrative division code"),
    "county_name": ("区县的规范名称", "Official name of the county"),
    "year": ("统计年度", "Statistical year"),
    "stage": (
        "小学或初中（一贯制学校按学段分列）",
        "Primary or junior (through schools per stage)",
    ),
    "school_code": (
        "教育部 10 位学校标识码（以文本保存，保留开头的 0）",
        "10-digit school identification code (kept as text)",
    ),
    "school_name": ("学校名称", "Name of the school"),
    "urban_rural_code": (
        "国家统计局城乡分类代码（111–123 城区、镇区，2xx 乡村）",
        "Statistics bureau urban–rural code (111–123 urban and town, 2xx rural)",
    ),
    "urban_rural_group": (
        "按城乡分类代码归为城区、镇区或乡村",
        "Urban, town or rural, from the urban–rural code",
    ),
    "students": ("该学段在校生数（人）", "Pupils enrolled in this stage"),
}

# A county verdict's status (county_verdict.status) → its words (components/i18n.py).
STATUS_TEXT = {
    "pass": "export_status_pass",
    "fail": "export_status_fail",
    "cannot_judge": "export_status_cannot_judge",
}


def id_label(column: str, lang: str) -> str:
    zh, en = ID_LABELS[column]
    return en if lang == "en" else zh


def decimals(unit_zh: str) -> int:
    """Digits after the point for an indicator's values, by its unit."""
    return UNIT_DECIMALS.get(unit_zh, DEFAULT_DECIMALS)


def short_unit_en(unit_en: str) -> str:
    """The English unit without what the indicator's name already says ("m² per student" →
    "m²"; "per 100 students" → "")."""
    for tail in ("per 100 students", "per student"):
        if unit_en.endswith(tail):
            return unit_en[: -len(tail)].strip()
    return unit_en


def indicator_label(row: pd.Series, lang: str) -> str:
    if lang == "en":
        unit = short_unit_en(row["unit_en"])
        return f"{row['name_en']} ({unit})" if unit else row["name_en"]
    return f"{row['name_zh']}({row['unit_zh']})"


def flag_label(row: pd.Series, lang: str) -> str:
    return t("export_flag_column", lang, indicator=row[localised("name", lang)])


def stage_rank(stage: pd.Series) -> pd.Series:
    return stage.map({s: i for i, s in enumerate(STAGES)}).fillna(len(STAGES))


def wide_table(
    values: pd.DataFrame, catalogue: pd.DataFrame, lang: str, flags: bool = True
) -> pd.DataFrame:
    """One row per school section and year, one column per indicator (rounded to its unit's
    precision) and, with `flags`, one 达标 column after each (是 / 否); rows by year, stage in
    its official order, school code; columns in the catalogue's order."""
    index = list(ID_COLUMNS)
    wide = values.pivot_table(
        index=index, columns="indicator", values="value", aggfunc="first", sort=False
    )
    met = values.pivot_table(
        index=index, columns="indicator", values="meets_standard", aggfunc="first", sort=False
    )
    rows = catalogue[catalogue["indicator"].isin(wide.columns)]
    out = wide.index.to_frame(index=False)
    yes, no = t("export_yes", lang), t("export_no", lang)
    for _, row in rows.iterrows():
        column = wide[row["indicator"]].astype(float).round(decimals(row["unit_zh"]))
        out[indicator_label(row, lang)] = column.to_numpy()
        if flags and row["indicator"] in met.columns:
            flag = met[row["indicator"]].reindex(wide.index)
            out[flag_label(row, lang)] = [
                "" if pd.isna(v) else (yes if v else no) for v in flag.to_numpy()
            ]
    out = (
        out.assign(_stage=stage_rank(out["stage"]))
        .sort_values(["year", "_stage", "school_code"])
        .drop(columns="_stage")
        .reset_index(drop=True)
    )
    out["urban_rural_group"] = out["urban_rural_group"].map(lambda g: t(g, lang))
    out["stage"] = out["stage"].map(lambda s: t(s, lang))
    out.columns = [id_label(c, lang) if c in ID_COLUMNS else c for c in out.columns]
    out.columns.name = None
    return out


def indicator_meaning(row: pd.Series, lang: str) -> str:
    """How an indicator is computed, in words: the school's amount ÷ its pupils (× 100)."""
    per = t("per_student", lang) if row["per"] == 1 else t("per_100", lang)
    if lang == "en":
        quantity = row["name_en"]
        for tail in (" per 100 students", " per student"):
            quantity = quantity.removesuffix(tail)
    else:
        quantity = row["name_zh"]
        inner = re.search(r"[(（]每百名学生(.+?)[)）]", quantity)
        if inner:
            quantity = inner.group(1)
        for head in ("每百名学生拥有", "生均"):
            quantity = quantity.removeprefix(head)
    return t("export_indicator_meaning", lang, quantity=quantity, per=per)


def description(
    columns: list[str], catalogue: pd.DataFrame, filters: dict[str, str], lang: str
) -> pd.DataFrame:
    """The notes sheet: every column with its meaning in words and unit, then the filters."""
    known: dict[str, tuple[str, str]] = {
        id_label(c, lang): (ID_MEANINGS[c][1 if lang == "en" else 0], "") for c in ID_COLUMNS
    }
    for _, row in catalogue.iterrows():
        unit = row[localised("unit", lang)]
        known[indicator_label(row, lang)] = (indicator_meaning(row, lang), unit)
        name = row[localised("name", lang)]
        known[flag_label(row, lang)] = (t("export_flag_meaning", lang, indicator=name), "")
    rows = [(column, *known.get(column, ("", ""))) for column in columns]
    rows.append(("", "", ""))
    rows += [(t("export_filter", lang), f"{key}: {value}", "") for key, value in filters.items()]
    rows.append((t("export_source", lang), t("export_source_text", lang), ""))
    return pd.DataFrame(
        rows,
        columns=[
            t("export_col_column", lang),
            t("export_col_meaning", lang),
            t("export_col_unit", lang),
        ],
    )


def cv_table(cvs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """county_indicator_cv for the chosen county-years, as the pages show it: one row per
    year, stage, standard set and indicator; CV and mean to 3 digits, the line, within or not."""
    name = localised("name", lang)
    ordered = cvs.assign(_stage=stage_rank(cvs["stage"])).sort_values(
        ["standard_set", "year", "_stage", "sort_order"]
    )
    yes, no = t("export_yes", lang), t("export_no", lang)
    return pd.DataFrame(
        {
            t("export_cv_set", lang): [t(s, lang) for s in ordered["standard_set"]],
            id_label("year", lang): ordered["year"].to_numpy(),
            id_label("stage", lang): [t(s, lang) for s in ordered["stage"]],
            t("export_cv_indicator", lang): ordered[name].to_numpy(),
            t("export_cv_value", lang): ordered["cv"].astype(float).round(CV_DECIMALS).to_numpy(),
            t("export_cv_line", lang): ordered["threshold"].astype(float).round(2).to_numpy(),
            t("export_cv_within", lang): [
                "" if pd.isna(v) else (yes if v else no) for v in ordered["passes"]
            ],
            t("export_cv_schools", lang): ordered["n_schools"].to_numpy(),
            t("export_cv_students", lang): ordered["students"].to_numpy(),
        }
    ).reset_index(drop=True)


def verdict_table(verdicts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """county_verdict for the chosen county-years: status in words, n / total indicators
    within their lines and the highest CV (2017: there is no composite criterion; 2012: the
    composite CV against its line), schools meeting the school rule, and the reason."""
    ordered = verdicts.assign(_stage=stage_rank(verdicts["stage"])).sort_values(
        ["standard_set", "year", "_stage"]
    )
    worst = localised("worst", lang)
    rows = []
    for row in ordered.itertuples():
        composite = ""
        if row.standard_set == "basic2012" and not pd.isna(row.composite_cv):
            composite = f"{row.composite_cv:.{CV_DECIMALS}f} / {row.threshold:.2f}"
        rows.append(
            {
                t("export_cv_set", lang): t(row.standard_set, lang),
                id_label("year", lang): row.year,
                id_label("stage", lang): t(row.stage, lang),
                t("export_verdict_status", lang): t(STATUS_TEXT[row.status], lang),
                t("export_verdict_within", lang): f"{row.n_cv_passing} / {row.n_indicators}",
                t("export_verdict_worst", lang): None
                if pd.isna(row.worst_cv)
                else round(float(row.worst_cv), CV_DECIMALS),
                t("export_verdict_worst_indicator", lang): getattr(row, worst) or "",
                t("export_verdict_composite", lang): composite,
                t("export_verdict_schools", lang): f"{row.n_compliant} / {row.n_schools}"
                if row.standard_set == "quality2017"  # the school rule is the 2017 method's
                else "",
                t("export_verdict_reason", lang): getattr(row, localised("reason", lang)) or "",
            }
        )
    return pd.DataFrame(rows)


def to_csv(table: pd.DataFrame) -> bytes:
    """UTF-8 with BOM; text that a spreadsheet would run as a formula is neutralised."""
    return safe_cells(table).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(
    table: pd.DataFrame,
    about: pd.DataFrame,
    lang: str,
    more: tuple[tuple[str, pd.DataFrame], ...] = (),
) -> bytes:
    """The data sheet, its notes, then any `more` (sheet name, table); text cells are never
    formulas and carry no control characters (which openpyxl refuses)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_cells(table).to_excel(writer, sheet_name=t("export_sheet_data", lang), index=False)
        safe_cells(about).to_excel(writer, sheet_name=t("export_sheet_about", lang), index=False)
        for name, frame in more:
            safe_cells(frame).to_excel(writer, sheet_name=name[:31], index=False)
        for sheet in writer.sheets.values():
            for column in sheet.columns:
                width = max(len(str(cell.value or "")) for cell in column[:200])
                sheet.column_dimensions[column[0].column_letter].width = min(48, width * 1.6 + 2)
            sheet.freeze_panes = "A2"
    return buffer.getvalue()
