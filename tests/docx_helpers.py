"""Reading a rendered report back: find table cells by their official labels."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import docx
from docx.table import Table as DocxTable

from reportgen.editions import Edition
from reportgen.editions.spec import Column, Row, Table


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def grid(table: DocxTable) -> list[list[str]]:
    """Cell texts by grid position (a merged cell repeats its text in every position)."""
    return [[c.text.strip() for c in row.cells] for row in table.rows]


def distinct_data(edition: Edition) -> dict[str, Any]:
    """A report whose every input cell holds its own value (derived cells are computed)."""
    data: dict[str, Any] = {"edition": edition.key, "agency": "测试镇人民政府", "year": edition.first_year}
    n = 100
    for table in edition.tables:
        for row, col in table.cells():
            if row.derived or col.derived:
                continue
            n += 1
            value: Any = n
            if col.kind == "money":
                value = Decimal(f"{n}.25")
            elif col.kind == "signed" and n % 2:
                value = -n
            node = data.setdefault(table.key, {})
            for part in row.key.split("."):
                node = node.setdefault(part, {})
            node[col.key] = value
    return data


def _col_index(headers: list[list[str]], labels: list[str]) -> int:
    """The grid column whose header cells, top down, include ``labels`` in order."""
    width = len(headers[0])
    for i in range(width):
        column = [h[i] for h in headers]
        pos = 0
        for text in column:
            if pos < len(labels) and text == labels[pos]:
                pos += 1
        if pos == len(labels):
            return i
    raise AssertionError(f"no column headed {labels}")


def _row_index(rows: list[list[str]], row: Row, label_cols: int) -> int:
    found = [
        k for k, cells in enumerate(rows)
        if row.label in cells[:label_cols] and (row.group is None or row.group in cells[:label_cols])
    ]
    assert len(found) == 1, f"row {row.label!r}: found {len(found)} times"
    return found[0]


def cell_text(g: list[list[str]], table: Table, row: Row, col: Column) -> str:
    """The text at the intersection of the row's label and the column's header, per the layout.

    ``g`` is the ``grid`` of the Word table.
    """
    if table.layout == "blocks":
        block = table.block_of(row.key)
        start = next(k for k, cells in enumerate(g) if all(c == block.heading for c in cells))
        header = g[start + 1]
        assert header[0] == table.item_header
        end = next((k for k in range(start + 1, len(g)) if len(set(g[k])) == 1 and g[k][0] != block.heading),
                   len(g))
        body = g[start + 2:end]
        r = _row_index(body, row, 1)
        return body[r][header.index(col.label)]
    if table.layout == "grid":
        head = 3
        labels = [table.header or "", *([col.parent] if col.parent else []), col.label]
        c = _col_index(g[:head], labels)
        r = _row_index(g[head:], row, 3)
        return g[head + r][c]
    # column_groups: the rows are column groups over one data row
    labels = [row.group, row.label, col.label] if row.group else [row.label, col.label]
    c = _col_index(g[:-1], labels)
    return g[-1][c]


def all_labels(edition: Edition) -> set[str]:
    """Every fixed label of the edition's tables."""
    out: set[str] = set()
    for table in edition.tables:
        out.update(x for x in (table.corner, table.header) if x)
        for block in table.blocks:
            out.update(x for x in (block.heading,) if x)
            for col in block.columns:
                out.update(x for x in (col.label, col.parent) if x)
            for row in block.rows:
                out.update(x for x in (row.label, row.group, row.section) if x)
    return out
