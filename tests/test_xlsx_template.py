"""The workbook template: official labels, names, formulas from the Sum rules, protection, validation."""

from __future__ import annotations

import io
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from reportgen import Report
from reportgen.editions import EDITIONS
from reportgen.formats.xlsx.evaluate import evaluate
from reportgen.formats.xlsx.names import MARKER, cell_name, field_name, list_areas, single_fields, table_cells
from reportgen.formats.xlsx.reader import expected_names
from reportgen.formats.xlsx.writer import form_bytes, template_path
from test_xlsx_roundtrip import cell_of, fill

ROOT = Path(__file__).resolve().parents[1]
KEYS = sorted(EDITIONS)


@pytest.fixture(scope="module", params=KEYS)
def form(request: pytest.FixtureRequest) -> tuple[str, Any]:
    return request.param, load_workbook(io.BytesIO(form_bytes(request.param)))


def _texts(ws: Any) -> set[str]:
    return {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def test_sheets_and_marker(form: tuple[str, Any]) -> None:
    key, wb = form
    assert wb.sheetnames == ["填表说明", "基本信息", "表二", "表三", "表四", "报告正文"]
    assert wb.defined_names[MARKER].attr_text == f'"{key}"'
    assert EDITIONS[key].notice in " ".join(_texts(wb["填表说明"]))


def test_official_labels_verbatim(form: tuple[str, Any]) -> None:
    key, wb = form
    for table in EDITIONS[key].tables:
        texts = _texts(wb[table.name])
        wanted = {table.heading, table.corner, table.header} - {None}
        for block in table.blocks:
            wanted |= {block.heading} - {None}
            wanted |= {c.label for c in block.columns} | {c.parent for c in block.columns} - {None}
            wanted |= {r.label for r in block.rows} | {r.group for r in block.rows} | {r.section for r in block.rows}
        wanted.discard(None)
        assert wanted <= texts, wanted - texts
    sections = EDITIONS[key].sections
    assert {s.heading for s in (sections[0], *sections[4:])} <= _texts(wb["报告正文"])


def test_every_cell_named_in_its_sheet(form: tuple[str, Any]) -> None:
    key, wb = form
    spec = EDITIONS[key]
    names = {n for n in wb.defined_names if n.startswith("rg_")}
    assert names == expected_names(spec)
    seen = set()
    for table, row, col in table_cells(spec):
        cell = cell_of(wb, cell_name(table.key, row.key, col.key))
        assert cell.parent.title == table.name
        assert (table.name, cell.coordinate) not in seen
        seen.add((table.name, cell.coordinate))
        derived = row.derived or col.derived
        assert cell.protection.locked == derived
        assert (cell.data_type == "f") == derived
    for field in single_fields(spec):
        assert cell_of(wb, field_name(field.key)).parent.title == "基本信息"
    for _, area, _ in list_areas(spec):
        assert cell_of(wb, field_name(area)).parent.title == "报告正文"


def test_labels_protected_without_password(form: tuple[str, Any]) -> None:
    _, wb = form
    for ws in wb.worksheets:
        assert ws.protection.sheet and not ws.protection.password
        assert ws.protection.insertRows is False  # a clerk may add rows to a text area
    heading = wb["表三"]["A1"]
    assert heading.protection.locked


def test_validation_per_kind(form: tuple[str, Any]) -> None:
    key, wb = form
    spec = EDITIONS[key]
    rules = {}
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            for rng in dv.sqref.ranges:
                for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                    for cell in row:
                        rules[(ws.title, cell.coordinate)] = dv
    for table, row, col in table_cells(spec):
        if row.derived or col.derived:
            continue
        cell = cell_of(wb, cell_name(table.key, row.key, col.key))
        dv = rules[(cell.parent.title, cell.coordinate)]
        assert dv.type == {"count": "whole", "signed": "whole", "money": "decimal"}[col.kind]
        assert dv.showErrorMessage and "请填写" in dv.error
        assert (dv.formula1 == "0") == (col.kind != "signed")


def test_formulas_follow_the_sum_rules(form: tuple[str, Any]) -> None:
    """Fill random figures, evaluate the form's formulas, compare with the model's totals."""
    key, wb = form
    spec = EDITIONS[key]
    rng = random.Random(7)
    data: dict[str, Any] = {"edition": key, "agency": "测试", "year": spec.first_year}
    values = {}
    for table, row, col in table_cells(spec):
        if not (row.derived or col.derived) and col.kind != "money":
            value = rng.randint(0, 99)
            values[cell_name(table.key, row.key, col.key)] = value
            node = data.setdefault(table.key, {})
            for part in row.key.split("."):
                node = node.setdefault(part, {})
            node[col.key] = value
    fill(wb, values)
    report = Report.from_data(data)
    for table, row, col in table_cells(spec):
        if row.derived or col.derived:
            cell = cell_of(wb, cell_name(table.key, row.key, col.key))
            assert evaluate(cell.value, cell.parent, wb) == report.cell(table.key, row.key, col.key)


def test_committed_templates_are_built_from_the_descriptions() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_templates.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    for key in KEYS:
        assert template_path(key).exists()
