"""Issue 14 on a filled form: warnings name the cell a clerk typed into."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from reportgen.cli import main
from reportgen.formats.xlsx import form_bytes


def area(wb: Workbook, name: str) -> tuple[str, list[str]]:
    """(sheet, the cells top to bottom of the first column) of a defined name."""
    ((sheet, ref),) = wb.defined_names[name].destinations
    cells = wb[sheet][ref.replace("$", "")]
    rows = cells if isinstance(cells, tuple) else ((cells,),)
    rows = rows if isinstance(rows[0], tuple) else (rows,)
    return sheet, [row[0].coordinate for row in rows]


def test_numbering_warning_names_the_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = load_workbook(io.BytesIO(form_bytes("2021", "示例县人民政府", 2024)))
    sheet, cells = area(wb, "rg_problems")
    wb[sheet][cells[0]].value = "队伍不强"
    wb[sheet][cells[2]].value = "（三）培训不足"  # a blank row between: still the second item
    intro_sheet, intro = area(wb, "rg_overview__intro")
    wb[intro_sheet][intro[0]].value = "本年度工作稳步推进。"
    imp_sheet, imp = area(wb, "rg_improvements")
    wb[imp_sheet][imp[0]].value = "加强培训。"
    path = tmp_path / "form.xlsx"
    wb.save(path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 个警告" in out
    assert "「（三）」" in out and f"（单元格 {sheet}!{cells[2]}）" in out
