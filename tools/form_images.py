"""Pictures of the collection form for docs/excel.md: docs/images/form-*.png.

    .venv/bin/python tools/form_images.py

The 2021 form, filled with samples/sample-2021.yaml through openpyxl (totals
left as formulas), printed by LibreOffice to PDF (with the font aliases of
``reportgen.formats.pdf``), then each page of interest rasterised by pdftoppm.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from reportgen import load
from reportgen.formats.pdf.libreoffice import convert
from reportgen.formats.xlsx.names import cell_name, field_name, table_cells
from reportgen.formats.xlsx.writer import form_bytes, report_values

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
MAX_BYTES = 150_000
# picture name -> a text found only on that page; pixels per inch
PAGES = {"form-help": ("怎样填写", 60), "form-info": ("报告下载网址", 72),
         "form-table2": ("第二十条第（一）项", 60), "form-table3": ("申请人情况", 72),
         "form-table4": ("复议后起诉", 60), "form-text": ("分项小标题", 60)}


def filled_form(path: Path) -> None:
    report = load(ROOT / "samples" / "sample-2021.yaml")
    wb = load_workbook(io.BytesIO(form_bytes("2021", report.agency, report.year)))

    def put(name: str, value: object) -> None:
        sheet, ref = next(wb.defined_names[name].destinations)
        wb[sheet][ref.replace("$", "").split(":")[0]] = value

    for table, row, col in table_cells(report.spec):
        if not (row.derived or col.derived):
            put(cell_name(table.key, row.key, col.key), report.cell(table.key, row.key, col.key))
    put(field_name("signed_by"), report.signed_by)
    put(field_name("date"), report.date)
    _, lists = report_values(report)
    for name, rows in lists.items():
        sheet, ref = next(wb.defined_names[name].destinations)
        for cells, row in zip(wb[sheet][ref.replace("$", "")], rows, strict=False):
            for cell, value in zip(cells, row, strict=False):
                cell.value = value
    wb.save(path)


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")


def text_bottom(pdf: Path, page: int) -> float:
    """The lowest text on a page, in points from the top."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")
    return max((float(y) for y in re.findall(r'yMax="([\d.]+)"', html)[1:]), default=842.0)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        form = work / "form.xlsx"
        filled_form(form)
        pdf = convert(form, work / "form.pdf")
        texts = page_texts(pdf)
        for name, (needle, dpi) in PAGES.items():
            page = next(i for i, t in enumerate(texts, start=1) if needle in t.replace(" ", ""))
            stem = work / name
            height = int((text_bottom(pdf, page) + 24) * dpi / 72)  # crop the empty rest of the page
            subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                            "-x", "0", "-y", "0", "-W", "2000", "-H", str(height), str(pdf), str(stem)], check=True)
            data = (work / f"{name}.png").read_bytes()
            if len(data) > MAX_BYTES:
                print(f"{name}.png: {len(data)} bytes, over {MAX_BYTES}", file=sys.stderr)
                return 1
            (OUT / f"{name}.png").write_bytes(data)
            print(f"wrote docs/images/{name}.png (page {page}, {len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
