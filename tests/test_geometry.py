"""The table geometry: every label once, spans tiling the grid, headers matching the description."""

from __future__ import annotations

from collections import Counter

import pytest

from html_helpers import official_column_path, official_row_path
from reportgen.editions import EDITIONS, get_edition
from reportgen.editions.geometry import Geometry, HeaderCell, table_geometry
from reportgen.editions.spec import Block, Column, Row, Table

TABLES = [(e, t.key) for e in EDITIONS for t in EDITIONS[e].tables]


def tiles(geometry: Geometry) -> tuple[list[list[int]], list[list[int]]]:
    """How many cells cover each slot of the header grid and of the body grid."""
    head = [[0] * geometry.width for _ in geometry.header]
    body = [[0] * geometry.width for _ in geometry.body]
    for cells, grid in ((geometry.header, head), (geometry.body, body)):
        for cell in (c for row in cells for c in row):
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    grid[r][c] += 1
    for slot in geometry.slots:
        for c in range(slot.col, slot.col + slot.colspan):
            body[slot.row][c] += 1
    return head, body


@pytest.mark.parametrize(("edition", "key"), TABLES)
def test_cells_tile_the_grid_exactly_once(edition: str, key: str) -> None:
    table = get_edition(edition).table(key)
    for geometry in table_geometry(table):
        head, body = tiles(geometry)
        assert all(n == 1 for row in head + body for n in row), (head, body)
        first = geometry.header[0]
        assert sum(c.colspan for c in first) == geometry.width  # the top row spans the full width
        for part in (geometry.header, geometry.body):
            assert all(c.row == i for i, row in enumerate(part) for c in row)  # anchored where listed


@pytest.mark.parametrize(("edition", "key"), TABLES)
def test_every_slot_is_headed_by_its_official_labels(edition: str, key: str) -> None:
    table = get_edition(edition).table(key)
    seen = set()
    for geometry in table_geometry(table):
        for slot in geometry.slots:
            row = table.row(slot.row_key)
            column = table.column(slot.row_key, slot.col_key)
            assert tuple(c.label for c in geometry.column_headers(slot)) == official_column_path(table, row, column)
            assert tuple(c.label for c in geometry.row_headers(slot)) == official_row_path(table, row)
            seen.add((slot.row_key, slot.col_key))
    assert seen == {(r.key, c.key) for r, c in table.cells()}


@pytest.mark.parametrize(("edition", "key"), TABLES)
def test_every_label_appears_once_per_place(edition: str, key: str) -> None:
    table = get_edition(edition).table(key)
    labels: Counter[str] = Counter()
    for geometry in table_geometry(table):
        labels.update(c.label for row in geometry.header + geometry.body for c in row)
    expected: Counter[str] = Counter()
    for block in table.blocks:
        expected.update(x for x in (block.heading, table.item_header) if x)
        if table.layout == "column_groups":
            expected.update(c.label for _ in block.rows for c in block.columns)
            expected.update(r.label for r in block.rows)
            expected.update(set(r.group for r in block.rows if r.group))
        else:
            expected.update(c.label for c in block.columns)
            expected.update(set(c.parent for c in block.columns if c.parent))
            expected.update(r.label for r in block.rows)
            expected.update(set(r.group for r in block.rows if r.group))
            expected.update(set(r.section for r in block.rows if r.section))
    expected.update(x for x in (table.corner, table.header) if x)
    assert labels == expected


def cell(geometry: Geometry, label: str) -> HeaderCell:
    (found,) = [c for row in geometry.header + geometry.body for c in row if c.label == label]
    return found


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_table3_is_laid_out_as_the_official_form(edition: str) -> None:
    table = get_edition(edition).table("applications")
    (g,) = table_geometry(table)
    assert (g.label_cols, g.width, len(g.header)) == (3, 10, 3)
    assert cell(g, table.corner) == HeaderCell(table.corner, 0, 0, 3, 3)
    assert cell(g, "申请人情况") == HeaderCell("申请人情况", 0, 3, 1, 7)
    assert cell(g, "自然人") == HeaderCell("自然人", 1, 3, 2, 1)
    assert cell(g, "法人或其他组织") == HeaderCell("法人或其他组织", 1, 4, 1, 5)
    assert cell(g, "总计") == HeaderCell("总计", 1, 9, 2, 1)
    results = [i for i, r in enumerate(table.rows) if r.section]
    assert cell(g, "三、本年度办理结果") == HeaderCell("三、本年度办理结果", results[0], 0, len(results), 1)
    withheld = [i for i, r in enumerate(table.rows) if r.group == "（三）不予公开"]
    assert cell(g, "（三）不予公开") == HeaderCell("（三）不予公开", withheld[0], 1, 8, 1)
    assert cell(g, "（一）予以公开").colspan == 2
    assert cell(g, "一、本年新收政府信息公开申请数量").colspan == 3
    groups = {r.group for r in table.rows if r.group}
    assert ("（六）其他处理" in groups) == (edition == "2021")


def test_table4_groups_of_five() -> None:
    (g,) = table_geometry(get_edition("2021").table("reviews"))
    assert (g.label_cols, g.width, len(g.header), len(g.body)) == (0, 15, 3, 1)
    assert cell(g, "行政复议") == HeaderCell("行政复议", 0, 0, 1, 5)
    assert cell(g, "行政诉讼") == HeaderCell("行政诉讼", 0, 5, 1, 10)
    assert cell(g, "未经复议直接起诉") == HeaderCell("未经复议直接起诉", 1, 5, 1, 5)
    assert cell(g, "复议后起诉") == HeaderCell("复议后起诉", 1, 10, 1, 5)
    assert [(c.row, c.rowspan) for c in g.header[1][:5]] == [(1, 2)] * 5  # under 行政复议: two rows


def test_table2_blocks_share_the_widest_width() -> None:
    geometries = table_geometry(get_edition("2021").table("active_disclosure"))
    assert {g.width for g in geometries} == {4}
    licensing = geometries[1]
    (slot,) = licensing.slots
    assert (slot.col, slot.colspan) == (1, 3)
    assert licensing.header[0] == (HeaderCell("第二十条第（五）项", 0, 0, 1, 4),)


def test_a_new_edition_needs_no_code() -> None:
    """A deeper grid: a parent under the header, a section with two groups and a lone row."""
    cols = (Column("a", "甲", parent="组一"), Column("b", "乙", parent="组一"), Column("c", "丙"))
    rows = (Row("x", "一、单行"), Row("y.1", "1.子", "（一）组", "二、段"), Row("y.2", "2.子", "（一）组", "二、段"),
            Row("z", "（二）独行", section="二、段"))
    table = Table("t", "表五", "五、测试", (Block(None, cols, rows),), "grid", corner="角", header="总表头")
    (g,) = table_geometry(table)
    head, body = tiles(g)
    assert all(n == 1 for row in head + body for n in row)
    assert cell(g, "组一") == HeaderCell("组一", 1, 3, 1, 2)
    assert cell(g, "丙") == HeaderCell("丙", 1, 5, 2, 1)
    assert cell(g, "二、段") == HeaderCell("二、段", 1, 0, 3, 1)
    assert cell(g, "（二）独行") == HeaderCell("（二）独行", 3, 1, 1, 2)
