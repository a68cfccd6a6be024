"""The publishable report workbook: the Excel output of render, separate from the collection form."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from docx_helpers import distinct_data
from reportgen.editions import EDITIONS, Edition
from reportgen.editions.geometry import table_geometry
from reportgen.formats import load, loads, registry, to_bytes
from reportgen.model import Report, report_class

EDITION_LIST = list(EDITIONS.values())


def _report(edition: Edition) -> Report:
    data = distinct_data(edition)
    data.update(overview={"intro": ["引言一。", "引言二。"],
                          "items": [{"title": "主动公开", "text": ["正文甲。", "正文乙。"]},
                                    {"title": "依申请公开", "text": ["正文丙。"]}]},
                problems=["问题一。", "问题二。"], improvements=["改进一。"], other_matters=["其他。"],
                date="2025-01-20", website="https://example.gov.cn")
    if edition.fees:
        data["fees"] = {"notices_count": 3, "notices_amount": "150.5", "collected_amount": "100"}
    return report_class(edition).model_validate(data)


@pytest.mark.parametrize("edition", EDITION_LIST, ids=[e.key for e in EDITION_LIST])
def test_report_workbook_reads_back_every_figure_and_text(edition: Edition) -> None:
    report = _report(edition)
    back = loads(to_bytes(report, "xlsx"), "xlsx", "报告.xlsx")
    for table in edition.tables:
        for row, col in table.cells():
            assert back.cell(table.key, row.key, col.key) == report.cell(table.key, row.key, col.key), \
                table.describe(row.key, col.key)
    assert back.agency == report.agency and back.year == report.year and back.date == report.date
    assert back.overview == report.overview
    assert (back.problems, back.improvements, back.other_matters) == (report.problems, report.improvements,
                                                                       report.other_matters)
    assert back.title_text == report.title_text
    if edition.fees:
        assert back.fees == report.fees


def _workbook(edition: Edition) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(to_bytes(_report(edition), "xlsx")))


@pytest.mark.parametrize("edition", EDITION_LIST, ids=[e.key for e in EDITION_LIST])
def test_report_workbook_is_publishable_not_the_form(edition: Edition) -> None:
    data = to_bytes(_report(edition), "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheets = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(re.search(r"<f[ >]", xml) for xml in sheets), "values only: no formula"
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["报告正文", *(t.name for t in edition.tables), "基本信息"]
    text = wb["报告正文"]
    assert text["A1"].value == _report(edition).title_text
    shown = [c.value for row in text.iter_rows() for c in row if isinstance(c.value, str)]
    assert [s.heading for s in edition.sections] == [v for v in shown if v in {s.heading for s in edition.sections}]
    for name in ("引言一。", "正文乙。", "问题二。", "测试镇人民政府"):
        assert name in shown
    form = openpyxl.load_workbook(io.BytesIO(registry.get("xlsx").form(edition.key)))  # type: ignore[misc]
    assert "填表说明" in form.sheetnames and "填表说明" not in wb.sheetnames
    assert not any(c.fill.fgColor.rgb == "00FFF7D6" for ws in wb for row in ws.iter_rows() for c in row)


@pytest.mark.parametrize("edition", EDITION_LIST, ids=[e.key for e in EDITION_LIST])
def test_report_workbook_prints_on_a4_with_header_rows_and_page_numbers(edition: Edition) -> None:
    wb = _workbook(edition)
    for ws in wb:
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, ws.title
        assert ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert "&P" in (ws.oddFooter.center.text or ""), ws.title
    for table in edition.tables:
        ws = wb[table.name]
        depth = 1 if table.layout == "blocks" else 1 + len(table_geometry(table)[0].header)
        assert ws.print_title_rows == f"$1:${depth}", table.name
        assert ws["A1"].value == table.heading


@pytest.mark.parametrize("edition", EDITION_LIST, ids=[e.key for e in EDITION_LIST])
def test_tables_are_drawn_from_the_shared_geometry(edition: Edition) -> None:
    """Every header label and merged cell of the geometry is in the sheet where the geometry puts it."""
    wb = _workbook(edition)
    for table in edition.tables:
        ws = wb[table.name]
        merged = {str(m) for m in ws.merged_cells.ranges}
        top = 2
        for g in table_geometry(table):
            for row in g.header:
                for c in row:
                    cell = ws.cell(top + c.row, 1 + c.col)
                    assert cell.value == c.label, (table.name, c.label)
                    if c.rowspan > 1 or c.colspan > 1:
                        end = ws.cell(top + c.row + c.rowspan - 1, c.col + c.colspan)
                        assert f"{cell.coordinate}:{end.coordinate}" in merged, (table.name, c.label)
            top += len(g.header) + max(s.row for s in g.slots) + 1


def test_report_workbook_saved_by_libreoffice_reads_back(tmp_path: Path) -> None:
    """A clerk opens the report workbook in a spreadsheet program and saves it: it still reads back."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) not installed")
    reports = {e.key: _report(e) for e in EDITION_LIST}
    files = []
    for key, report in reports.items():
        path = tmp_path / f"report{key}.xlsx"
        path.write_bytes(to_bytes(report, "xlsx"))
        files.append(str(path))
    out = tmp_path / "out"
    cmd = [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
           "--convert-to", "xlsx", "--outdir", str(out), *files]
    result = subprocess.run(cmd, capture_output=True, timeout=240, check=False,
                            env={**os.environ, "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    for key, report in reports.items():
        back = load(out / f"report{key}.xlsx")
        assert all(back.cell(t.key, r.key, c.key) == report.cell(t.key, r.key, c.key)
                   for t in report.spec.tables for r, c in t.cells())
        assert back.overview == report.overview and back.problems == report.problems
