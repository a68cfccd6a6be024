"""The command line on published reports: check pages, .docx and PDFs, a folder of saved pages, batch from them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen import load
from reportgen.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "published"


def test_check_names_each_blank_total_and_its_value(capsys: pytest.CaptureFixture[str]) -> None:
    page = FIXTURES / "cms_variant_2021.html"
    status = main(["check", str(page)])
    out = capsys.readouterr().out
    report = load(page)
    blank_totals = [key for key, cell in report.provenance.cells.items()
                    if cell.blank and cell.found and key[2] == "total" and key[0] == "applications"]
    assert blank_totals
    line = next(ln for ln in out.splitlines() if "整列未填写" in ln)
    for table, row, col in blank_totals:
        label = report.spec.table(table).row(row).full_label
        assert f"「{label}」行应为 {report.cell(table, row, col)}" in line
    assert status == 1  # the page also breaks rule 1, an error


def test_check_reads_pages_docx_and_pdf_together(capsys: pytest.CaptureFixture[str]) -> None:
    files = [FIXTURES / n for n in ("cms_2021.html", "layout_2019.docx", "reportgen_2021.pdf")]
    assert main(["check", *map(str, files)]) == 0
    out = capsys.readouterr().out
    assert out.count("通过，未发现问题") == 3


def test_a_folder_of_saved_pages_is_checked_and_rendered(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("cms_2019.html", "cms_2021.html"):
        shutil.copy(FIXTURES / name, pages / name)
    assert main(["check", str(pages)]) == 0
    out = tmp_path / "out"
    assert main(["batch", str(pages), "-o", str(out), "--docx", "--jobs", "1"]) == 0
    rendered = sorted(p.name for p in out.glob("*.docx"))
    assert len(rendered) == 2
    for name in ("cms_2019.html", "cms_2021.html"):
        original = load(pages / name)
        again = load(next(out.glob(f"{original.agency}{original.year}*.docx")))
        for table in original.spec.tables:
            for row, col in table.cells():
                assert again.cell(table.key, row.key, col.key) == original.cell(table.key, row.key, col.key)
