"""reportgen import of a published page: the data file says which cells were blank or annotated in the original."""

from __future__ import annotations

from pathlib import Path

import yaml

from reportgen import load
from reportgen.cli import main

PAGE = Path(__file__).parent / "fixtures" / "published" / "cms_variant_2021.html"


def test_import_marks_blank_and_annotated_cells(tmp_path: Path) -> None:
    out = tmp_path / "导入.yaml"
    assert main(["import", str(PAGE), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    report = load(PAGE)
    reading = report.provenance
    assert reading is not None and text.startswith("#")
    assert f"# 由已发布的报告导入：{PAGE}" in text
    blanks = [key for key, cell in reading.cells.items() if cell.blank and cell.found]
    annotated = [cell for cell in reading.cells.values() if cell.note]
    assert blanks and annotated
    assert text.count("；原文未填写") == len(blanks)
    for cell in annotated:
        assert f"原文「{cell.text}」" in text
    again = load(out)  # the comments change nothing: the same figures, blanks as omitted cells
    for table in report.spec.tables:
        for row, col in table.cells():
            assert again.cell(table.key, row.key, col.key) == report.cell(table.key, row.key, col.key)
    assert yaml.safe_load(text)["agency"] == report.agency
