"""The fill-in form's tables stand where the shared geometry puts them, whatever the table's shape.

Every label of a form table is the geometry's, anchored and merged as it says; every value cell
carries its defined name at the geometry's slot (a money column's unit in a column of its own,
``units=True``); nothing else on the sheet is merged. A reshaped edition (a column under a parent,
a row in a group, a block with a unit column in its middle) needs no form code and reads back.
"""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reportgen.editions import EDITIONS, get_edition
from reportgen.editions.geometry import table_geometry
from reportgen.editions.spec import Block, Column, Edition, Row
from reportgen.formats.xlsx.layout import template_bytes
from reportgen.formats.xlsx.names import PREFIX, cell_name
from reportgen.formats.xlsx.reader import read_bytes
from reportgen.formats.xlsx.template import Template
from reportgen.formats.xlsx.writer import report_values
from reportgen.model import report_class
from reportgen.testing import balanced_data


def _range(row: int, col: int, rowspan: int, colspan: int) -> str:
    first, last = f"{get_column_letter(col)}{row}", f"{get_column_letter(col + colspan - 1)}{row + rowspan - 1}"
    return first if first == last else f"{first}:{last}"


def assert_form_follows_geometry(edition: Edition) -> None:
    wb = load_workbook(io.BytesIO(template_bytes(edition)))
    names = {name: dn.attr_text for name, dn in wb.defined_names.items()}
    for table in edition.tables:
        ws = wb[table.name]
        geometries = table_geometry(table, units=True)
        merged = {_range(1, 1, 1, geometries[0].width)}  # the title
        named = set()
        top = 2
        for g in geometries:
            body = top + len(g.header)
            for first, part in ((top, g.header), (body, g.body)):
                for cell in (c for row in part for c in row):
                    assert ws.cell(first + cell.row, 1 + cell.col).value == cell.label
                    if (cell.rowspan, cell.colspan) != (1, 1):
                        merged.add(_range(first + cell.row, 1 + cell.col, cell.rowspan, cell.colspan))
            for s in g.slots:
                name = cell_name(table.key, s.row_key, s.col_key)
                letter = get_column_letter(1 + s.col)
                assert names[name] == f"'{ws.title}'!${letter}${body + s.row}", name
                named.add(name)
                if s.colspan > 1:
                    merged.add(_range(body + s.row, 1 + s.col, 1, s.colspan))
            top = body + len(g.body)
        assert {str(m) for m in ws.merged_cells.ranges} == merged, table.key
        assert {n for n in names if n.startswith(f"{PREFIX}{table.key}__")} == named


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_shipped_forms_follow_the_geometry(edition: str) -> None:
    assert_form_follows_geometry(get_edition(edition))


FEE = Block("第二十条第（十）项", (Column("count", "收费项目数"), Column(
    "amount", "收费金额", kind="money", unit_key="amount_unit", default_unit="万元"), Column("payers", "缴费人次")),
            (Row("charges", "其他收费"),))


def _reshaped() -> Edition:
    """2021 with Table 2 one block wider (a unit column in its middle), Table 3 one more column under
    法人或其他组织 and one more row in （三）不予公开, Table 4 one more row under 行政诉讼."""
    base = get_edition("2021")

    def reshape(table: Any) -> Any:
        block = table.blocks[0]
        if table.key == "active_disclosure":
            return dataclasses.replace(table, blocks=(*table.blocks, FEE))
        if table.key == "applications":
            cols = list(block.columns)
            cols.insert(5, Column("association", "社会团体", parent="法人或其他组织"))
            rows = list(block.rows)
            at = max(i for i, r in enumerate(rows) if r.group == "（三）不予公开") + 1
            rows.insert(at, Row("withheld.new_reason", "9.新增理由", "（三）不予公开", "三、本年度办理结果"))
            return dataclasses.replace(table, blocks=(Block(None, tuple(cols), tuple(rows)),))
        extra = Row("litigation_other", "其他途径起诉", "行政诉讼")
        return dataclasses.replace(table, blocks=(Block(None, block.columns, (*block.rows, extra)),))

    return dataclasses.replace(base, key="2098", first_year=2098, last_year=None,
                               tables=tuple(reshape(t) for t in base.tables))


@pytest.fixture()
def reshaped(monkeypatch: pytest.MonkeyPatch) -> Edition:
    edition = _reshaped()
    monkeypatch.setitem(EDITIONS, edition.key, edition)
    return edition


def test_a_reshaped_edition_needs_no_form_code(reshaped: Edition) -> None:
    assert_form_follows_geometry(reshaped)
    blocks = table_geometry(reshaped.table("active_disclosure"), units=True)
    assert {g.width for g in blocks} == {5}  # 信息内容, three columns and the unit: every block as wide


def test_a_reshaped_form_reads_back(reshaped: Edition) -> None:
    data = {**balanced_data("2021"), "edition": reshaped.key, "year": 2098}
    data["active_disclosure"] = {**data["active_disclosure"],
                                 "charges": {"count": 3, "amount": "12.5", "amount_unit": "元", "payers": 7}}
    data["applications"] = {**data["applications"], "withheld": {**data["applications"]["withheld"],
                                                                 "new_reason": {"natural_person": 0}}}
    data["reviews"] = {**data["reviews"], "litigation_other": {"upheld": 2, "pending": 1, "total": 3}}
    report = report_class(reshaped).model_validate(data)
    workbook = Template(template_bytes(reshaped)).fill(*report_values(report), report=True)
    back = read_bytes(workbook, "新形状.xlsx")
    assert back == report
    assert back.reviews.litigation_other.total == 3  # type: ignore[attr-defined]
    assert back.active_disclosure.charges.amount == Decimal("12.5")  # type: ignore[attr-defined]
