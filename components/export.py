"""Exports for analysts: a wide table of school indicator values, as CSV (UTF-8 with BOM, so
Excel on a Chinese desktop opens it) and as .xlsx with a sheet describing every column."""

import io

import pandas as pd

from components.i18n import t
from components.text import safe_cells

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


def id_label(column: str, lang: str) -> str:
    labels = {
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
    zh, en = labels[column]
    return en if lang == "en" else zh


def indicator_label(row: pd.Series, lang: str) -> str:
    if lang == "en":
        return f"{row['name_en']} ({row['unit_en']})"
    return f"{row['name_zh']}({row['unit_zh']})"


def wide_table(values: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per school section and year, one column per indicator; values untouched."""
    wide = values.pivot_table(
        index=list(ID_COLUMNS), columns="indicator", values="value", aggfunc="first", sort=False
    ).reset_index()
    order = [i for i in catalogue["indicator"] if i in wide.columns]
    wide = wide[list(ID_COLUMNS) + order]
    wide["urban_rural_group"] = wide["urban_rural_group"].map(lambda g: t(g, lang))
    wide["stage"] = wide["stage"].map(lambda s: t(s, lang))
    names = {row["indicator"]: indicator_label(row, lang) for _, row in catalogue.iterrows()}
    wide.columns = [id_label(c, lang) if c in ID_COLUMNS else names[c] for c in wide.columns]
    wide.columns.name = None
    return wide.sort_values(list(wide.columns[[2, 3, 4]])).reset_index(drop=True)


def description(
    columns: list[str], catalogue: pd.DataFrame, filters: dict[str, str], lang: str
) -> pd.DataFrame:
    """The second sheet: every column with its meaning and unit, then the filters used."""
    names = {indicator_label(row, lang): row for _, row in catalogue.iterrows()}
    rows = []
    for column in columns:
        if column in names:
            row = names[column]
            per = t("per_student", lang) if row["per"] == 1 else t("per_100", lang)
            rows.append(
                (
                    column,
                    t("export_indicator_meaning", lang, numerator=row["numerator"], per=per),
                    row["unit_en" if lang == "en" else "unit_zh"],
                )
            )
        else:
            rows.append((column, "", ""))
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


def to_csv(table: pd.DataFrame) -> bytes:
    """UTF-8 with BOM; text that a spreadsheet would run as a formula is neutralised."""
    return safe_cells(table).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(table: pd.DataFrame, about: pd.DataFrame, lang: str) -> bytes:
    """The data sheet and its notes; text cells are never formulas and carry no control
    characters (which openpyxl refuses)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_cells(table).to_excel(writer, sheet_name=t("export_sheet_data", lang), index=False)
        safe_cells(about).to_excel(writer, sheet_name=t("export_sheet_about", lang), index=False)
        for sheet in writer.sheets.values():
            for column in sheet.columns:
                width = max(len(str(cell.value or "")) for cell in column[:200])
                sheet.column_dimensions[column[0].column_letter].width = min(48, width * 1.6 + 2)
            sheet.freeze_panes = "A2"
    return buffer.getvalue()
