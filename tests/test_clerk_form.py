"""Issue 14 on a filled form: warnings name the cell a clerk typed into."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
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


def _fill(path: Path, values: dict[str, object]) -> dict[str, str]:
    wb = load_workbook(io.BytesIO(form_bytes("2021", "甲", 2022)))
    where = {}
    for name, value in values.items():
        ((sheet, coord),) = wb.defined_names[name].destinations
        wb[sheet][coord.replace("$", "")].value = value
        where[name] = coord.replace("$", "")
    wb.save(path)
    return where


def test_batch_names_the_cells_as_check_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = tmp_path / "in" / "form.xlsx"
    form.parent.mkdir()
    where = _fill(form, {"rg_applications__new_received__natural_person": 3,
                         "rg_applications__granted__natural_person": 2,
                         "rg_reviews__review__upheld": 2, "rg_reviews__review__total": 3})
    assert main(["batch", str(form.parent), "-o", str(tmp_path / "out"), "-j", "1"]) == 1
    out = _both(capsys)
    assert f"（单元格 表四!{where['rg_reviews__review__total']}）" in out


def test_rule_1_names_the_four_cells_on_a_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = tmp_path / "form.xlsx"
    _fill(form, {"rg_applications__new_received__natural_person": 3,
                 "rg_applications__granted__natural_person": 2})
    wb = load_workbook(form)
    cells = []
    for row in ("new_received", "carried_over", "results_total", "carried_forward"):
        ((_, coord),) = wb.defined_names[f"rg_applications__{row}__natural_person"].destinations
        cells.append(coord.replace("$", ""))
    assert main(["check", str(form)]) == 1
    out = capsys.readouterr().out
    assert "规则1：表三「自然人」列" in out
    assert f"（单元格 表三!{cells[0]}、{cells[1]}、{cells[2]}、{cells[3]}）" in out


def test_2019_unit_cell_is_labelled_prefilled_and_prompted() -> None:
    wb = load_workbook(io.BytesIO(form_bytes("2019", "甲", 2020)))
    ((sheet, coord),) = wb.defined_names["rg_active_disclosure__procurement__amount_unit"].destinations
    ws = wb[sheet]
    unit = ws[coord.replace("$", "")]
    assert unit.value == "万元"
    header = ws.cell(unit.row - 1, unit.column).value
    assert header == "采购总金额的单位"
    prompts = [dv for dv in ws.data_validations.dataValidation if unit.coordinate in str(dv.sqref)]
    assert prompts and prompts[0].showInputMessage and "万元" in (prompts[0].prompt or "")


def test_printed_form_layout() -> None:
    wb = load_workbook(io.BytesIO(form_bytes("2021", "甲", 2024)))
    table3 = wb["表三"]
    assert table3.page_setup.orientation == "landscape"
    for col in range(4, 11):  # every applicant header fits on one line of its column
        label = table3.cell(4, col).value or table3.cell(3, col).value
        width = table3.column_dimensions[get_column_letter(col)].width
        assert width >= 2 * len(label) + 1, label
    facts = wb["基本信息"]
    for row in range(3, facts.max_row + 1):
        text = facts.cell(row, 3).value or ""
        lines = -(-sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) // 42)
        assert (facts.row_dimensions[row].height or 15) >= 15 * lines, text
    sheet, cells = area(wb, "rg_problems")
    for coord in cells:  # a paragraph row grows with its text
        assert not wb[sheet].row_dimensions[int(coord[1:])].customHeight


def _both(capsys: pytest.CaptureFixture[str]) -> str:
    """What the command printed: its report on stdout, its errors and warnings on stderr."""
    captured = capsys.readouterr()
    return captured.out + captured.err
