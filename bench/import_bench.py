"""Benchmark: 200,000 school sections from one .xlsx — python-calamine (the importer's reader)
against openpyxl (the former reader, and its read-only streaming mode), then the whole import.

    python bench/import_bench.py [--rows 200000]

Builds a template workbook of synthetic sections (1,000 real counties × 100 schools × 2
stages), then runs each reader in its own child process and prints the wall time and the
child's peak memory (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss in a runner process).
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from data.checking import official_county_names  # noqa: E402
from data.reading import column_letters  # noqa: E402
from data.template import COLUMNS, SHEET  # noqa: E402

RUNNER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"rc": done.returncode, "out": done.stdout.strip(), "err": done.stderr[-500:],
    "seconds": time.perf_counter() - started,
    "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""
READERS = {
    "calamine (data.reading.read_file)": """
import sys
from pathlib import Path
from data.reading import read_file
from data.template import BY_HEADER
data = Path(sys.argv[1]).read_bytes()
tables, problems = read_file(data, "national.xlsx", "zh", ["学校数据"], list(BY_HEADER))
print(sum(len(t.frame) for t in tables), "rows", len(problems), "problems")
""",
    "openpyxl load_workbook (former importer)": """
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], data_only=False, read_only=False)
rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
print(rows - 1, "rows")
""",
    "openpyxl read_only=True (streaming)": """
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
print(rows - 1, "rows")
""",
    "whole import (check + write + swap), calamine": """
import sys, tempfile
from pathlib import Path
from data.ingest import import_files
data = Path(sys.argv[1]).read_bytes()
with tempfile.TemporaryDirectory() as folder:
    checked, report = import_files([("national.xlsx", data)], Path(folder) / "new.duckdb",
                                   accept_warnings=True)
print(report.added, "added", len(checked.errors), "errors", len(checked.warnings), "warnings")
""",
}


def sections(rows: int) -> list[list[object]]:
    """Synthetic school sections of real counties, valid for the template."""
    random.seed(7)
    counties = sorted(official_county_names().items())[: max(1, rows // 200)]
    out = []
    for county, name in counties:
        for school in range(100):
            for stage in ("小学", "初中"):
                students = random.randint(100, 2500)
                out.append(
                    [
                        2021,
                        county,
                        name,
                        f"2{county}{school:03d}",
                        f"{name}第{school + 1}学校",
                        "九年一贯制",
                        stage,
                        None,
                        random.choice((111, 121, 220)),
                        f"{name}城关镇",
                        None,
                        None,
                        students,
                        students // 45 + 1,
                        students // 14,
                        students // 16,
                        students // 30,
                        students // 90,
                        students // 120,
                        round(students * 5.1, 1),
                        round(students * 8.3, 1),
                        float(students * 2600),
                        students // 40 + 1,
                        students // 7,
                        students * 32,
                        None,
                        "否",
                    ]
                )
                if len(out) == rows:
                    return out
    return out


def cell(column: int, row: int, value: object) -> str:
    ref = f"{column_letters(column)}{row}"
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    """A minimal valid workbook, streamed (no library holds the 200,000 rows)."""
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships"><sheets><sheet name="{SHEET}" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            for number, values in enumerate([[c.header for c in COLUMNS], *rows], start=1):
                cells = "".join(cell(i, number, v) for i, v in enumerate(values, start=1))
                sheet.write(f'<row r="{number}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")


def measure(code: str, path: Path) -> dict:
    command = [sys.executable, "-c", RUNNER, sys.executable, "-c", code, str(path)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "national.xlsx"
        write_xlsx(path, sections(args.rows))
        with zipfile.ZipFile(path) as archive:
            unzipped = sum(i.file_size for i in archive.infolist())
        print(
            f"{args.rows:,} rows × {len(COLUMNS)} columns: xlsx {path.stat().st_size / 1e6:.1f} MB "
            f"({unzipped / 1e6:.0f} MB unzipped)"
        )
        for label, code in READERS.items():
            result = measure(code, path)
            outcome = result["out"] if result["rc"] == 0 else f"failed: {result['err'][-200:]}"
            print(
                f"{label:48s} {result['seconds']:7.1f} s {result['rss_mb']:8.0f} MB peak  {outcome}"
            )


if __name__ == "__main__":
    main()
