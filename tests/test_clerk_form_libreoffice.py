"""Issue 14, item 2: the form's grey totals count numbers stored as text, as the report does (LibreOffice)."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook

from reportgen.editions import EDITIONS
from reportgen.formats.xlsx import form_bytes
from reportgen.formats.xlsx.names import cell_name, table_cells
from reportgen.formats.xlsx.reader import read_xlsx
from test_xlsx_libreoffice import _convert
from test_xlsx_roundtrip import cell_of

TYPED = ["10", "２", " 2 ", 3, "１０", None]
"""As clerks paste them: text, full-width digits, spaces, real numbers, blanks."""


def test_totals_count_text_numbers_after_recalculation(tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(form_bytes("2021", "示例县人民政府", 2024)))
    spec = EDITIONS["2021"]
    spec_cells = [(t, r, c) for t, r, c in table_cells(spec) if not (r.derived or c.derived) and c.kind == "count"]
    for i, (table, row, col) in enumerate(spec_cells):
        if table.key == "active_disclosure":
            continue
        cell = cell_of(wb, cell_name(table.key, row.key, col.key))
        cell.value = TYPED[i % len(TYPED)]
        if isinstance(cell.value, str):
            cell.data_type = "s"
    form = tmp_path / "form.xlsx"
    wb.save(form)
    report = read_xlsx(form)  # what the report will print
    assert report.cell("applications", "new_received", "total") > 0
    _convert([form], "xlsx", tmp_path / "out", tmp_path)
    shown = load_workbook(tmp_path / "out" / "form.xlsx", data_only=True)  # what the clerk sees on screen
    for table, row, col in table_cells(spec):
        if row.derived or col.derived:
            got = cell_of(shown, cell_name(table.key, row.key, col.key)).value
            assert got == report.cell(table.key, row.key, col.key), (table.key, row.key, col.key)


@pytest.mark.parametrize("key", ["2019", "2021"])
def test_table_3_prints_on_one_landscape_page_at_9_pt_or_more(tmp_path: Path, key: str) -> None:
    form = tmp_path / f"form{key}.xlsx"
    form.write_bytes(form_bytes(key, "示例县人民政府", EDITIONS[key].first_year))
    _convert([form], "pdf", tmp_path / "out", tmp_path)
    with pdfplumber.open(tmp_path / "out" / f"form{key}.pdf") as pdf:
        pages = [p for p in pdf.pages if EDITIONS[key].table("applications").heading in (p.extract_text() or "")]
        assert len(pages) == 1
        page = pages[0]
        assert page.width > page.height  # landscape
        assert min(c["size"] for c in page.chars) >= 9
        text = page.extract_text() or ""
        assert "社会公益组织" in text and "四、结转下年度继续办理" in text
