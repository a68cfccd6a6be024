"""Findings on a filled form point at the sheet and cell the clerk typed into."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.formats.xlsx import form_bytes


def _fill(path: Path, values: dict[str, object]) -> dict[str, str]:
    wb = load_workbook(io.BytesIO(form_bytes("2021", "甲", 2022)))
    where = {}
    for name, value in values.items():
        ((sheet, coord),) = wb.defined_names[name].destinations
        wb[sheet][coord.replace("$", "")].value = value
        where[name] = f"{sheet}!{coord.replace('$', '')}"
    wb.save(path)
    return where


@pytest.mark.parametrize("command", ["check", "render"])
def test_findings_name_the_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    form = tmp_path / "form.xlsx"
    where = _fill(form, {
        "rg_applications__new_received__natural_person": 2,
        "rg_applications__granted__natural_person": 2,
        "rg_applications__results_total__natural_person": 5,  # typed over the formula
        "rg_reviews__review__upheld": 2,
        "rg_reviews__review__total": 3,
    })
    args = [command, str(form)] + (["-o", str(tmp_path / "out")] if command == "render" else [])
    assert main(args) == 1
    captured = capsys.readouterr()
    out = captured.out if command == "check" else captured.err  # check reports findings; render refuses (stderr)
    assert (f"规则2：表三「（七）总计」行「自然人」列：应为 2，实为 5（（七）总计应等于（一）至（六）各项之和）"
            f"（单元格 {where['rg_applications__results_total__natural_person']}）") in out
    assert f"（单元格 {where['rg_reviews__review__total']}）" in out
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
