"""``table_geometry(table, units=True)``: a money column's unit as a column of its own (the form's view)."""

from __future__ import annotations

import dataclasses

import pytest

from reportgen.editions import get_edition
from reportgen.editions.geometry import UNIT_LABEL, HeaderCell, table_geometry
from reportgen.editions.spec import Block, Column, Row, Table
from test_geometry import TABLES, tiles

AMOUNT = Column("amount", "金额", kind="money", unit_key="amount_unit", default_unit="万元")


@pytest.mark.parametrize(("edition", "key"), TABLES)
def test_units_change_only_tables_with_a_varying_unit(edition: str, key: str) -> None:
    table = get_edition(edition).table(key)
    plain, with_units = table_geometry(table), table_geometry(table, units=True)
    if not any(c.unit_key for b in table.blocks for c in b.columns):
        assert with_units == plain
    for g in with_units:
        head, body = tiles(g)
        assert all(n == 1 for row in head + body for n in row)


def test_the_2019_procurement_unit_has_its_own_column() -> None:
    table = get_edition("2019").table("active_disclosure")
    procurement = table_geometry(table, units=True)[-1]
    assert procurement.header[1][2:] == (HeaderCell("采购总金额", 1, 2), HeaderCell("采购总金额的单位", 1, 3))
    assert [(s.col_key, s.col, s.colspan, s.unit_of) for s in procurement.slots] == [
        ("projects", 1, 1, None), ("amount", 2, 1, None), ("amount_unit", 3, 1, "amount")]
    # The published view: the amount's cell spans both columns and the slots name no unit.
    (_, amount) = table_geometry(table)[-1].slots
    assert (amount.col, amount.colspan, amount.unit_of) == (2, 2, None)


def test_a_unit_column_widens_every_block() -> None:
    """A money column in the middle of a block: its unit follows it, and the blocks share the new width."""
    wide = Block("甲", (Column("n", "件数"), AMOUNT, Column("m", "项数")), (Row("x", "一行"),))
    narrow = Block("乙", (Column("n", "件数"),), (Row("y", "二行"),))
    table = Table("t", "表", "二、测试", (wide, narrow), "blocks", item_header="信息内容")
    first, second = table_geometry(table, units=True)
    assert {first.width, second.width} == {5}
    assert [(s.col_key, s.col, s.colspan) for s in first.slots] == [
        ("n", 1, 1), ("amount", 2, 1), ("amount_unit", 3, 1), ("m", 4, 1)]
    assert first.header[1][3] == HeaderCell(UNIT_LABEL.format("金额"), 1, 3)
    assert [(s.col, s.colspan) for s in second.slots] == [(1, 4)]
    assert {g.width for g in table_geometry(table)} == {4}  # without units, as before


def test_a_grid_unit_sits_under_the_money_column_parent() -> None:
    cols = (Column("a", "甲", parent="组"), dataclasses.replace(AMOUNT, parent="组"))
    table = Table("t", "表", "三、测试", (Block(None, cols, (Row("x", "一行"),)),), "grid", corner="角")
    (g,) = table_geometry(table, units=True)
    assert g.header[0][1] == HeaderCell("组", 0, 1, 1, 3)
    assert g.header[1][1:] == (HeaderCell("金额", 1, 2), HeaderCell("金额的单位", 1, 3))
    assert [s.unit_of for s in g.slots] == [None, None, "amount"]
