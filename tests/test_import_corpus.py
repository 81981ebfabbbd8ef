"""A corpus of real-world-shaped and hostile returns, each imported by the CLI in a child
process (`python -m data.ingest`): refused with a message naming file / row / column and the
database byte-identical, or stored exactly as meant. The child's peak memory is measured with
resource.getrusage(RUSAGE_CHILDREN) in a runner process and must stay under 500 MB; its time is
printed (timings are figures, not asserts). Giant files and bombs are generated here, never
committed."""

import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from data.template import COLUMNS, sections_as_template

ROOT = Path(__file__).resolve().parent.parent
HEADERS = [c.header for c in COLUMNS]
MAX_RSS_MB = 500
RUNNER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=300)
print(json.dumps({
    "rc": done.returncode, "out": done.stdout, "err": done.stderr,
    "seconds": time.perf_counter() - started,
    "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""
FIGURES: list[tuple[str, float, float]] = []


@dataclass
class Refused:
    fragments: list[str]  # all in one message line


@dataclass
class Stored:
    check: Callable[[duckdb.DuckDBPyConnection, pd.DataFrame], None]
    warnings: list[str] = field(default_factory=list)  # each in some warning line


@dataclass
class Case:
    name: str
    file: str
    build: Callable[[pd.DataFrame], bytes]
    expect: Refused | Stored
    args: tuple[str, ...] = ()


# --------------------------------------------------------------------------- builders


def csv(frame: pd.DataFrame, encoding: str = "utf-8-sig", sep: str = ",") -> bytes:
    return frame.to_csv(index=False, sep=sep).encode(encoding)


def edit(frame: pd.DataFrame, row: int, column: str, value: object) -> pd.DataFrame:
    frame = frame.copy().astype(object)
    frame.loc[row, column] = value
    return frame


def book(rows: list[list], *, merges: tuple[str, ...] = (), build=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "学校数据"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    if build:
        build(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def values(frame: pd.DataFrame) -> list[list]:
    return [[None if pd.isna(v) else v for v in row] for row in frame.to_numpy().tolist()]


def template_book(frame: pd.DataFrame, **kw) -> bytes:
    return book([list(frame.columns), *values(frame)], **kw)


def far_cell(cell: str) -> Callable[[pd.DataFrame], bytes]:
    def build(frame: pd.DataFrame) -> bytes:
        return template_book(frame, build=lambda sheet: sheet.__setitem__(cell, "x"))

    return build


def zip_bomb(frame: pd.DataFrame) -> bytes:
    """A real workbook whose sheet XML is padded with 450 MB of blanks (about 0.5 MB zipped)."""
    source = zipfile.ZipFile(io.BytesIO(template_book(frame.head(3))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item.filename, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with target.open(item.filename, "w", force_zip64=True) as handle:
                handle.write(head)
                blank = b" " * (1 << 20)
                for _ in range(450):
                    handle.write(blank)
                handle.write(b"</sheetData>" + tail)
    return out.getvalue()


def ods(rows_xml: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="学校数据">'
        + rows_xml
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def ods_book(frame: pd.DataFrame) -> bytes:
    rows = [list(frame.columns), *values(frame)]
    xml = "".join(
        "<table:table-row>" + "".join(map(ods_cell, r)) + "</table:table-row>" for r in rows
    )
    # LibreOffice pads every sheet to its edge with empty repeated rows: not data.
    xml += (
        '<table:table-row table:number-rows-repeated="1048000">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    return ods(xml)


def ods_wide(frame: pd.DataFrame) -> bytes:
    header = "".join(map(ods_cell, frame.columns))
    wide = (
        '<table:table-cell table:number-columns-repeated="16000" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell>"
    )
    return ods(
        f"<table:table-row>{header}</table:table-row><table:table-row>{wide}</table:table-row>"
    )


def arabic(number: int) -> str:
    return "".join(chr(0x0660 + int(d)) for d in str(number))


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


# --------------------------------------------------------------------------- checks


def stored(con, code: str, stage: str = "小学", year: int = 2021, column: str = "*"):
    return con.execute(
        f"SELECT {column} FROM school_sections WHERE school_code = ? AND stage = ? AND year = ?",
        [code, stage, year],
    ).fetchone()


def first(frame: pd.DataFrame, column: str) -> object:
    return frame.loc[0, column]


def sections_2021(con) -> int:
    return con.execute(
        "SELECT count(*) FROM school_sections WHERE county_code = '610102' AND year = 2021"
    ).fetchone()[0]


def unchanged_county(con, base: pd.DataFrame) -> None:
    assert sections_2021(con) == len(base)


def plus(column: str, amount: int) -> Callable[[pd.DataFrame], pd.DataFrame]:
    return lambda f: edit(f, 0, column, int(first(f, column)) + amount)


def check_value(column: str, key: str, amount: int):
    def check(con, base):
        assert (
            stored(con, first(base, "学校标识码"), column=key)[0]
            == int(first(base, column)) + amount
        )
        unchanged_county(con, base)

    return check


def teaching_point(frame: pd.DataFrame, parent: str) -> pd.DataFrame:
    point = frame.iloc[[0]].copy().astype(object)
    point["区县代码"], point["区县名称"] = "340602", "杜集区"
    point["学校标识码"], point["学校名称"] = "2340602050", "段园镇教学点"
    point["办学类型"], point["学段"], point["所属中心校标识码"] = "教学点", "小学", parent
    point["城乡分类代码"], point["在校生数"] = 220, 51
    point["经度"], point["纬度"] = None, None
    return point


def mapping_file(tmp: Path) -> str:
    path = tmp / "mapping.json"
    path.write_text(json.dumps({"学校代码": "学校标识码"}, ensure_ascii=False), encoding="utf-8")
    return str(path)


CASES = [
    # Nothing lost
    Case(
        "column missing keeps stored values",
        "returns.csv",
        lambda f: csv(plus("在校生数", 1)(f).drop(columns=["图书册数"])),
        Stored(
            lambda con, base: (
                check_value("在校生数", "students", 1)(con, base),
                check_value("图书册数", "books", 0)(con, base),
            ),
        ),
    ),
    Case(
        "empty cell clears on purpose, with a warning",
        "returns.csv",
        lambda f: csv(edit(f, 0, "图书册数", "")),
        Stored(
            lambda con, base: stored(con, first(base, "学校标识码"), column="books") == (None,),
            ["将清空已保存的数值"],
        ),
        ("--accept-warnings",),
    ),
    Case(
        "school of another county",
        "returns.csv",
        lambda f: csv(edit(f, 0, "学校标识码", "2340602005")),
        Refused(["returns.csv", "第 2 行", "列“学校标识码”", "已保存在区县 340602"]),
    ),
    Case(
        "transfer on purpose",
        "returns.csv",
        lambda f: csv(edit(f, 0, "学校标识码", "2340602005")),
        Stored(
            lambda con, base: (
                (
                    stored(con, "2340602005", column="county_code") == ("610102",)
                    and stored(con, "2340602005", year=2020, column="county_code") == ("340602",)
                )
                or pytest.fail("not transferred")
            ),
            ["第 2–7 位"],
        ),
        ("--transfer-schools", "--accept-warnings"),
    ),
    Case(
        "the same school in two counties of one file",
        "returns.csv",
        lambda f: csv(
            pd.concat(
                [
                    f,
                    edit(
                        edit(f.iloc[[1]].reset_index(drop=True), 0, "学段", "初中"),
                        0,
                        "区县代码",
                        "340602",
                    ),
                ],
                ignore_index=True,
            )
        ),
        Refused(["列“学校标识码”", "同一学校在第 3 行属于区县 610102"]),
    ),
    Case(
        "county name from the catalogue",
        "returns.csv",
        lambda f: csv(f.assign(区县名称="新城")),
        Stored(
            lambda con, base: (
                con.execute(
                    "SELECT county_name FROM counties WHERE county_code = '610102'"
                ).fetchone()
                == ("新城区",)
                or pytest.fail("renamed")
            ),
            ["第 2 行，列“区县名称”：“新城” 区县名称与官方名称“新城区”不同"],
        ),
        ("--accept-warnings",),
    ),
    Case(
        "a new county gets its official name",
        "returns.csv",
        lambda f: csv(
            f.head(2).assign(
                区县代码="110101",
                区县名称="东城",
                学校标识码=["2110101001", "2110101002"],
                经度=None,
                纬度=None,
            )
        ),
        Stored(
            lambda con, base: (
                con.execute(
                    "SELECT county_name, province_name FROM counties WHERE county_code = '110101'"
                ).fetchone()
                == ("东城区", "北京市")
                or pytest.fail("name")
            ),
            ["官方名称“东城区”"],
        ),
        ("--accept-warnings",),
    ),
    # Normalise, then check
    Case(
        "full-width school code is the same school",
        "returns.csv",
        lambda f: csv(
            plus("图书册数", 5)(f).assign(学校标识码=[full_width(c) for c in f["学校标识码"]])
        ),
        Stored(check_value("图书册数", "books", 5)),
    ),
    Case(
        "Arabic-Indic digits read as digits, with a warning",
        "returns.csv",
        lambda f: csv(edit(f, 0, "在校生数", arabic(int(first(f, "在校生数")) + 2))),
        Stored(check_value("在校生数", "students", 2), ["其他文字的数字"]),
        ("--accept-warnings",),
    ),
    Case(
        "thousands separators",
        "returns.csv",
        lambda f: csv(edit(f, 0, "图书册数", f"{int(first(f, '图书册数')) + 3:,}")),
        Stored(check_value("图书册数", "books", 3)),
    ),
    Case(
        "a comma that is no thousands separator",
        "returns.csv",
        lambda f: csv(edit(f, 0, "图书册数", "26,87,9")),
        Refused(["第 2 行", "列“图书册数”", "“26,87,9” 应为整数"]),
    ),
    Case(
        "ideographic and stray spaces",
        "returns.csv",
        lambda f: csv(
            edit(
                edit(
                    f,
                    0,
                    "在校生数",
                    "\u3000" + full_width(str(int(first(f, "在校生数")) + 4)) + " ",
                ),
                0,
                "办学类型",
                "小\u3000学",
            )
        ),
        Stored(check_value("在校生数", "students", 4)),
    ),
    Case(
        "vertical tab in a name",
        "returns.csv",
        lambda f: csv(edit(f, 0, "学校名称", "甲\x0b小学")),
        Stored(
            lambda con, base: (
                stored(con, first(base, "学校标识码"), column="school_name") == ("甲小学",)
                or pytest.fail("name")
            ),
            ["列“学校名称”", "含控制字符或不可见字符，已删除"],
        ),
        ("--accept-warnings",),
    ),
    Case(
        "right-to-left override in a name",
        "returns.csv",
        lambda f: csv(edit(f, 0, "学校名称", "\u202e" + first(f, "学校名称"))),
        Stored(
            lambda con, base: (
                stored(con, first(base, "学校标识码"), column="school_name")
                == (first(base, "学校名称"),)
                or pytest.fail("name")
            ),
            ["含控制字符"],
        ),
        ("--accept-warnings",),
    ),
    Case(
        "zero-width space in a code",
        "returns.csv",
        lambda f: csv(
            plus("图书册数", 6)(edit(f, 0, "学校标识码", first(f, "学校标识码") + "\u200b"))
        ),
        Stored(check_value("图书册数", "books", 6), ["列“学校标识码”", "含控制字符"]),
        ("--accept-warnings",),
    ),
    Case(
        "a name that looks like a formula stays text",
        "returns.csv",
        lambda f: csv(edit(f, 0, "学校名称", '=HYPERLINK("http://evil.example","点我")')),
        Stored(
            lambda con, base: (
                stored(con, first(base, "学校标识码"), column="school_name")
                == ('=HYPERLINK("http://evil.example","点我")',)
                or pytest.fail("name")
            ),
        ),
    ),
    Case(
        "code in scientific notation",
        "returns.csv",
        lambda f: csv(edit(f, 0, "学校标识码", "2.6101E+09")),
        Refused(["第 2 行", "列“学校标识码”", "科学计数法", "文本"]),
    ),
    Case(
        "code of 9 digits",
        "returns.csv",
        lambda f: csv(edit(f, 0, "学校标识码", "261010200")),
        Refused(["第 2 行", "列“学校标识码”", "应为 10 位数字，实为 9 位"]),
    ),
    Case(
        "county code of 7 digits",
        "returns.csv",
        lambda f: csv(edit(f, 0, "区县代码", "6101020")),
        Refused(["第 2 行", "列“区县代码”", "应为 6 位数字，实为 7 位"]),
    ),
    Case(
        "codes typed as numbers keep their digits",
        "returns.xlsx",
        lambda f: template_book(
            plus("图书册数", 7)(f).assign(
                学校标识码=[int(c) for c in f["学校标识码"]], 区县代码=610102
            )
        ),
        Stored(check_value("图书册数", "books", 7)),
    ),
    Case(
        "code digits 2–7 of another county",
        "returns.csv",
        lambda f: csv(
            pd.concat([f, edit(f.iloc[[0]].reset_index(drop=True), 0, "学校标识码", "2999999001")])
        ),
        Stored(
            lambda con, base: (
                stored(con, "2999999001", column="county_code") == ("610102",)
                or pytest.fail("not added")
            ),
            ["第 74 行", "第 2–7 位“999999”与区县代码 610102 不同"],
        ),
        ("--accept-warnings",),
    ),
    # Bounds
    Case(
        "1e33 yuan",
        "returns.csv",
        lambda f: csv(edit(f, 0, "教学仪器设备值(元)", "1e33")),
        Refused(["第 2 行", "列“教学仪器设备值(元)”", "“1e+33” 超过可能的上限"]),
    ),
    Case(
        "pupils beyond the stored type",
        "returns.csv",
        lambda f: csv(edit(f, 0, "在校生数", 3_000_000_000)),
        Refused(["第 2 行", "列“在校生数”", "超过可能的上限 50,000"]),
    ),
    Case(
        "infinity",
        "returns.csv",
        lambda f: csv(edit(f, 0, "体育运动场馆面积(m²)", "inf")),
        Refused(["第 2 行", "列“体育运动场馆面积(m²)”", "“inf” 应为数字"]),
    ),
    Case(
        "negative pupils",
        "returns.csv",
        lambda f: csv(edit(f, 0, "在校生数", -5)),
        Refused(["第 2 行", "列“在校生数”", "不能为负数"]),
    ),
    Case(
        "implausible books per pupil",
        "returns.csv",
        lambda f: csv(edit(f, 0, "图书册数", int(first(f, "在校生数")) * 2000)),
        Stored(
            lambda con, base: (
                stored(con, first(base, "学校标识码"), column="books")
                == (int(first(base, "在校生数")) * 2000,)
                or pytest.fail("books")
            ),
            ["列“图书册数”", "生均 2000.0，超过 1000"],
        ),
        ("--accept-warnings",),
    ),
    Case(
        "GCJ-02 coordinates outside the county",
        "returns.csv",
        lambda f: csv(edit(edit(f, 0, "经度", 116.4), 0, "纬度", 39.9)),
        Stored(
            lambda con, base: (
                stored(con, first(base, "学校标识码"), column="longitude") == (116.4,)
                or pytest.fail("lon")
            ),
            ["第 2 行", "坐标不在区县 新城区 边界内", "GCJ-02"],
        ),
        ("--accept-warnings",),
    ),
    Case(
        "year 1990",
        "returns.csv",
        lambda f: csv(edit(f, 1, "年份", 1990)),
        Refused(["第 3 行", "列“年份”", "年份应在 2000–"]),
    ),
    Case(
        "duplicate rows",
        "returns.csv",
        lambda f: csv(pd.concat([f, f.iloc[[0]]], ignore_index=True)),
        Refused(["第 74 行", "列“学校标识码”", "与第 2 行重复"]),
    ),
    # Teaching points
    Case(
        "a teaching point alone, its central school stored",
        "更正.csv",
        lambda f: csv(teaching_point(f, "2340602017")),
        Stored(
            lambda con, base: (
                stored(con, "2340602050", column="students, parent_school_code")
                == (51, "2340602017")
                or pytest.fail("teaching point")
            ),
        ),
        ("--accept-warnings",),
    ),
    Case(
        "a teaching point whose central school is nowhere",
        "更正.csv",
        lambda f: csv(teaching_point(f, "2340602999")),
        Refused(["更正.csv", "第 2 行", "列“所属中心校标识码”", "2340602999"]),
    ),
    # Encodings and shapes
    Case("GB18030 CSV", "returns.csv", lambda f: csv(f, "gb18030"), Stored(unchanged_county)),
    Case(
        "UTF-8 CSV without BOM", "returns.csv", lambda f: csv(f, "utf-8"), Stored(unchanged_county)
    ),
    Case(
        "Excel's Unicode text (UTF-16, tabs)",
        "returns.csv",
        lambda f: csv(plus("图书册数", 8)(f), "utf-16", "\t"),
        Stored(check_value("图书册数", "books", 8)),
    ),
    Case(
        "CRLF lines and blank lines at the end",
        "returns.csv",
        lambda f: csv(plus("图书册数", 9)(f)).replace(b"\n", b"\r\n") + b"\r\n,,,\r\n\r\n",
        Stored(check_value("图书册数", "books", 9)),
    ),
    Case(
        "English keys",
        "returns.csv",
        lambda f: csv(f.rename(columns={c.header: c.key for c in COLUMNS})),
        Stored(unchanged_county),
    ),
    Case(
        "headers with full-width brackets and spaces",
        "returns.csv",
        lambda f: csv(
            plus("教学及辅助用房面积(m²)", 10)(f).rename(
                columns={
                    "教学及辅助用房面积(m²)": "教学及辅助用房面积（m²）",
                    "学校标识码": "学校 标识码",
                }
            )
        ),
        Stored(check_value("教学及辅助用房面积(m²)", "teaching_area_m2", 10)),
    ),
    Case(
        "title rows above the header",
        "returns.xlsx",
        lambda f: book(
            [
                ["新城区2021年义务教育学校基本情况"],
                ["填报单位：新城区教育局"],
                HEADERS,
                *values(plus("图书册数", 11)(f)),
            ],
            merges=("A1:AA1",),
        ),
        Stored(check_value("图书册数", "books", 11)),
    ),
    Case(
        "a two-level merged header",
        "returns.xlsx",
        lambda f: book(
            [
                ["基本信息"] + [None] * 11 + ["办学条件"] + [None] * 14,
                HEADERS,
                *values(plus("图书册数", 12)(f)),
            ],
            merges=("A1:L1", "M1:AA1"),
        ),
        Stored(check_value("图书册数", "books", 12)),
    ),
    Case(
        "合计 row at the end",
        "returns.xlsx",
        lambda f: book(
            [
                HEADERS,
                *values(f),
                [
                    None,
                    None,
                    None,
                    None,
                    "合计",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    int(f["在校生数"].astype(int).sum()),
                ],
            ]
        ),
        Stored(unchanged_county, ["第 74 行", "合计/小计行，已跳过"]),
        ("--accept-warnings",),
    ),
    Case(
        "a merged header cell hiding a column",
        "returns.xlsx",
        lambda f: book([HEADERS[:4] + [None] + HEADERS[5:], *values(f)], merges=("D1:E1",)),
        Refused(["第 1 行", "列“#5”", "表头为空（可能是合并单元格）"]),
    ),
    Case(
        "a formula cell",
        "returns.xlsx",
        lambda f: template_book(f, build=lambda sheet: sheet.__setitem__("M2", "=100*12")),
        Refused(["第 2 行", "列“在校生数”", "“=100*12” 单元格是公式"]),
    ),
    Case(
        "a formula cell in an ODS workbook",
        "returns.ods",
        lambda f: ods(
            "".join(
                "<table:table-row>" + "".join(map(ods_cell, r)) + "</table:table-row>"
                for r in [list(f.columns), *values(f)]
            ).replace(
                f'office:value="{values(f)[0][12]}"',
                f'table:formula="of:=[.A1]*0+{values(f)[0][12]}" office:value="{values(f)[0][12]}"',
                1,
            )
        ),
        Refused(["第 2 行", "列“在校生数”", "单元格是公式"]),
    ),
    Case(
        "a header mapped by file",
        "returns.csv",
        lambda f: csv(plus("图书册数", 13)(f).rename(columns={"学校标识码": "学校代码"})),
        Stored(check_value("图书册数", "books", 13)),
        ("--mapping", "{mapping}"),
    ),
    Case(
        "a header not in the template",
        "returns.csv",
        lambda f: csv(f.rename(columns={"学校标识码": "学校代码"})),
        Refused(["第 1 行", "列“学校标识码”", "缺少必需的列"]),
    ),
    Case(
        "ODS workbook padded to its edge",
        "returns.ods",
        lambda f: ods_book(plus("图书册数", 14)(f)),
        Stored(check_value("图书册数", "books", 14)),
    ),
    # Bounded work
    Case(
        "one cell at XFD1048576",
        "returns.xlsx",
        far_cell("XFD1048576"),
        Refused(["returns.xlsx", "工作表“学校数据”", "XFD1048576", "表格过宽"]),
    ),
    Case(
        "one cell at A200000",
        "returns.xlsx",
        far_cell("A200000"),
        Refused(["第 200000 行", "列“年份”", "“x” 应为整数"]),
    ),
    Case(
        "zip bomb",
        "returns.xlsx",
        zip_bomb,
        Refused(["returns.xlsx", "解压后超过 400 MB"]),
    ),
    Case(
        "a million-column CSV header",
        "returns.csv",
        lambda f: ",".join(f"c{i}" for i in range(1_000_000)).encode() + b"\n1\n",
        Refused(["returns.csv", "表格过宽", "超过 120 列"]),
    ),
    Case(
        "300,000 rows",
        "returns.csv",
        lambda f: "年份,区县代码\n".encode() + b"2021,610102\n" * 300_000,
        Refused(["returns.csv", "行数过多"]),
    ),
    Case(
        "a 50 MB CSV",
        "returns.csv",
        lambda f: "年份,区县代码\n".encode() + b"2021,610102\n" * 4_200_000,
        Refused(["returns.csv", "文件超过 40 MB"]),
    ),
    Case(
        "an ODS cell repeated 16,000 columns",
        "returns.ods",
        ods_wide,
        Refused(["returns.ods", "表格过宽"]),
    ),
    Case(
        "an old .xls",
        "returns.xls",
        lambda f: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088),
        Refused(["returns.xls", "另存为” .xlsx"]),
    ),
    Case(
        "random bytes named .xlsx",
        "returns.xlsx",
        lambda f: bytes(range(256)) * 16,
        Refused(["returns.xlsx", "不是有效的 Excel"]),
    ),
    Case(
        "NUL bytes in a CSV",
        "returns.csv",
        lambda f: b"\x00\xff\xfe" + bytes(range(256)) * 8,
        Refused(["returns.csv", "无法识别文件编码"]),
    ),
    Case("an empty CSV", "returns.csv", lambda f: b"", Refused(["returns.csv", "没有数据行"])),
]


@pytest.fixture(scope="module")
def base(demo_db) -> pd.DataFrame:
    """新城区 in 2021 as the template's Chinese headers (72 school sections)."""
    with duckdb.connect(str(demo_db), read_only=True) as con:
        sections = con.execute(
            "SELECT s.*, c.county_name FROM school_sections s JOIN counties c USING "
            "(county_code) WHERE county_code = '610102' AND year = 2021 ORDER BY school_code, stage"
        ).df()
    return sections_as_template(sections)


def run_cli(args: list[str]) -> dict:
    command = [sys.executable, "-c", RUNNER, sys.executable, "-m", "data.ingest", *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=320)
    return json.loads(done.stdout)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_file(case: Case, base, demo_db, tmp_path):
    db = tmp_path / "live.duckdb"
    shutil.copyfile(demo_db, db)
    path = tmp_path / case.file
    path.write_bytes(case.build(base))
    args = [a.replace("{mapping}", mapping_file(tmp_path)) for a in case.args]
    before = digest(db)
    result = run_cli([str(path), "--db", str(db), "--wait", "0", *args])
    FIGURES.append((case.name, result["rss_mb"], result["seconds"]))
    print(f"{case.name}: {result['rss_mb']:.0f} MB, {result['seconds']:.1f} s")
    lines = result["err"].splitlines()
    assert "Traceback" not in result["err"]
    assert result["rss_mb"] < MAX_RSS_MB
    if isinstance(case.expect, Refused):
        assert result["rc"] == 1, result
        assert any(all(f in line for f in case.expect.fragments) for line in lines), lines[:20]
        assert digest(db) == before
        assert not list(tmp_path.glob(".live.duckdb.importing-*"))
    else:
        assert result["rc"] == 0, lines[:20]
        warnings = [line for line in lines if line.startswith("[warning]")]
        for fragment in case.expect.warnings:
            assert any(fragment in w for w in warnings), (fragment, warnings[:10])
        assert not [line for line in lines if line.startswith("[error]")]
        with duckdb.connect(str(db), read_only=True) as con:
            outcome = case.expect.check(con, base)
            assert outcome is not False


def test_figures_are_printed():
    """The memory and time of every corpus file, as one table (see bench/RESULTS.md)."""
    for name, rss, seconds in FIGURES:
        print(f"{name:55s} {rss:6.0f} MB {seconds:6.1f} s")
    assert all(rss < MAX_RSS_MB for _, rss, _ in FIGURES)
