"""A real spreadsheet program opens the workbooks: LibreOffice recalculates the form and prints the report.

Two conversions in all (each converts both editions at once). Skipped when
soffice is missing, unless CI=true.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from factories import balanced_data
from reportgen import Report
from reportgen.editions import EDITIONS
from reportgen.formats.xlsx import form_bytes, render_xlsx
from reportgen.formats.xlsx.names import cell_name, field_name, table_cells
from reportgen.formats.xlsx.reader import read_xlsx
from test_xlsx_roundtrip import cell_of, fill, save

KEYS = sorted(EDITIONS)


def _soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) not installed")
    return path


def _convert(files: list[Path], fmt: str, out: Path, work: Path) -> None:
    cmd = [_soffice(), f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(out), *map(str, files)]
    result = subprocess.run(cmd, capture_output=True, timeout=240, check=False, env={**os.environ, "HOME": str(work)})
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")


def _report(key: str) -> Report:
    data = balanced_data(key)
    data["problems"] = [f"问题{i}。" for i in range(12)]  # more rows than the form has: the area grew
    return Report.from_data(data)


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Report, Path]]:
    """Forms filled with openpyxl (totals left as formulas), opened and saved again by LibreOffice."""
    _soffice()
    work = tmp_path_factory.mktemp("lo-form")
    out: dict[str, tuple[Report, Path]] = {}
    files = []
    for key in KEYS:
        report = _report(key)
        report = Report.from_data({k: v for k, v in report.data().items()
                                   if k not in ("overview", "problems", "improvements", "fees")})
        wb = load_workbook(io.BytesIO(form_bytes(key, report.agency, report.year)))
        values: dict[str, Any] = {}
        for table, row, col in table_cells(report.spec):
            if not (row.derived or col.derived):
                values[cell_name(table.key, row.key, col.key)] = report.cell(table.key, row.key, col.key)
            if col.unit_key:
                values[cell_name(table.key, row.key, col.unit_key)] = report.cell(table.key, row.key, col.unit_key)
        fill(wb, values)
        files.append(save(wb, work / f"form{key}.xlsx"))
        out[key] = (report, work / "out" / f"form{key}.xlsx")
    _convert(files, "xlsx", work / "out", work)
    return out


@pytest.mark.parametrize("key", KEYS)
def test_libreoffice_computes_the_totals(key: str, recalculated: dict[str, tuple[Report, Path]]) -> None:
    report, path = recalculated[key]
    wb = load_workbook(path, data_only=True)  # the values LibreOffice computed
    derived = [(t, r, c) for t, r, c in table_cells(report.spec) if r.derived or c.derived]
    assert derived
    for table, row, col in derived:
        assert cell_of(wb, cell_name(table.key, row.key, col.key)).value == report.cell(table.key, row.key, col.key)


@pytest.mark.parametrize("key", KEYS)
def test_form_saved_by_libreoffice_reads_back(key: str, recalculated: dict[str, tuple[Report, Path]]) -> None:
    report, path = recalculated[key]
    assert read_xlsx(path) == report  # names and the edition marker survive another program
    assert read_xlsx(path, engine="openpyxl") == report


def test_libreoffice_prints_the_report_workbooks(tmp_path: Path) -> None:
    _soffice()
    files = []
    for key in KEYS:
        path = tmp_path / f"report{key}.xlsx"
        render_xlsx(_report(key), path)
        files.append(path)
    _convert(files, "pdf", tmp_path / "pdf", tmp_path)
    for key in KEYS:
        pdf = tmp_path / "pdf" / f"report{key}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
            assert "测试镇人民政府" in text
            assert EDITIONS[key].table("applications").corner in text.replace("\n", "")
            assert "问题11。" in text
    wb = load_workbook(files[0])
    assert len(list(cell_of(wb, field_name("problems")).parent.iter_rows())) > 30
