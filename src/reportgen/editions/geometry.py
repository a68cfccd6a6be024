"""Where every cell of a statistical table goes: the one geometry all layouts share.

A table (or, for Table 2, each block) is drawn as a grid: ``header`` rows on top, then one
body row per data row. Label columns on the left carry the row labels; data columns carry
the figures. Everything is derived from the edition description:

* a data column's header is the path of labels above it, top to bottom — Table 2:
  ``block.heading`` (a full-width row) then ``column.label``; Table 3: ``table.header``,
  ``column.parent``, ``column.label``; Table 4 (``column_groups``): ``row.group``,
  ``row.label``, ``column.label``. Equal neighbouring prefixes merge into one spanning cell; a
  path shorter than the header's depth ends in a cell spanning the remaining rows down;
* a body row's label is its path ``row.section``, ``row.group``, ``row.label``; equal
  neighbouring prefixes merge vertically, and the last label spans the remaining label columns;
* the cell over the label columns holds ``table.corner`` or ``table.item_header``.

Table 2's blocks share one width (the widest block's); a narrower block's last column spans
the rest, as in the Word template. The Word, Excel and HTML writers read this module, so a
new edition needs no layout code.

``table_geometry(table, units=True)`` gives a money column whose unit varies (``unit_key``) a
second data column of its own, right of it, headed ``UNIT_LABEL``: the fill-in form asks for the
unit there, while the published tables print it inside the amount's cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .spec import Column, Row, Table

UNIT_LABEL = "{}的单位"
"""Header of the unit column of a money column (``units=True``), formatted with its label."""


@dataclass(frozen=True)
class HeaderCell:
    """A label cell: anchored at (``row``, ``col``) of its part (header rows or body rows)."""

    label: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1

    def covers_col(self, col: int, colspan: int = 1) -> bool:
        return self.col < col + colspan and col < self.col + self.colspan

    def covers_row(self, row: int) -> bool:
        return self.row <= row < self.row + self.rowspan


@dataclass(frozen=True)
class Slot:
    """Where the figure of (``row_key``, ``col_key``) goes: body row ``row``, grid column ``col``."""

    row_key: str
    col_key: str
    row: int
    col: int
    colspan: int = 1
    unit_of: str | None = None
    """With ``units=True``: the key of the money column whose unit this slot holds (``col_key`` is its
    ``unit_key``)."""


@dataclass(frozen=True)
class Geometry:
    """One header and the body under it: Tables 3 and 4 have one, Table 2 one per block."""

    width: int
    label_cols: int
    header: tuple[tuple[HeaderCell, ...], ...]
    """Header rows; each holds the cells anchored in it (``cell.row`` is its index)."""
    body: tuple[tuple[HeaderCell, ...], ...]
    """Body rows; each holds the row-label cells anchored in it (``cell.row`` is the body row)."""
    slots: tuple[Slot, ...]

    def slots_in(self, body_row: int) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.row == body_row)

    def is_corner(self, cell: HeaderCell) -> bool:
        """A header cell over the label columns only (it heads no figure)."""
        return cell.col + cell.colspan <= self.label_cols

    def column_headers(self, slot: Slot) -> tuple[HeaderCell, ...]:
        """The header cells above ``slot``, top to bottom."""
        return tuple(c for row in self.header for c in row if c.covers_col(slot.col, slot.colspan))

    def row_headers(self, slot: Slot) -> tuple[HeaderCell, ...]:
        """The row-label cells to the left of ``slot``, left to right."""
        cells = [c for row in self.body for c in row if c.covers_row(slot.row)]
        return tuple(sorted(cells, key=lambda c: c.col))


class _DataColumn(NamedTuple):
    path: tuple[str, ...]
    row_key: str | None
    """Set in a table without body rows (Table 4): the row this column belongs to."""
    col_key: str
    unit_of: str | None = None


def table_geometry(table: Table, *, units: bool = False) -> tuple[Geometry, ...]:
    """The geometry of ``table``: one per block for the ``blocks`` layout, else one.

    ``units``: a money column whose unit varies is followed by a column for its unit (see above).
    """
    if table.layout == "blocks":
        blocks = [_data_columns(b.columns, (), units) for b in table.blocks]
        width = max(map(len, blocks))
        corner = table.corner or table.item_header
        return tuple(_geometry(corner, columns, block.rows, heading=block.heading, width=width)
                     for block, columns in zip(table.blocks, blocks, strict=True))
    (block,) = table.blocks
    if table.layout == "grid":
        columns = _data_columns(block.columns, (table.header,), units, parents=True)
        return (_geometry(table.corner, columns, block.rows, heading=None, width=len(columns)),)
    if table.layout == "column_groups":
        columns = [d for r in block.rows
                   for d in _data_columns(block.columns, (r.group, r.label), units, r.key)]
        return (_geometry(table.corner, columns, (), heading=None, width=len(columns)),)
    raise ValueError(f"unknown layout {table.layout!r}")


def _data_columns(columns: Sequence[Column], above: tuple[str | None, ...], units: bool, row_key: str | None = None,
                  parents: bool = False) -> list[_DataColumn]:
    """The data columns of ``columns``, headed by the labels ``above``, (with ``parents``) the column's
    parent and its own label."""
    out = []
    for c in columns:
        head = (*above, c.parent if parents else None)
        out.append(_DataColumn(_path(*head, c.label), row_key, c.key))
        if units and c.unit_key:
            out.append(_DataColumn(_path(*head, UNIT_LABEL.format(c.label)), row_key, c.unit_key, c.key))
    return out


def _path(*labels: str | None) -> tuple[str, ...]:
    return tuple(label for label in labels if label)


def _geometry(corner: str | None, columns: Sequence[_DataColumn], rows: Sequence[Row], heading: str | None,
              width: int) -> Geometry:
    """With ``rows`` each body row is one of them; without (Table 4), one body row holds every column."""
    paths = [c.path for c in columns]
    row_paths = [_path(r.section, r.group, r.label) for r in rows]
    label_cols = max((len(p) for p in row_paths), default=0)
    depth = max(len(p) for p in paths)
    top = 1 if heading else 0
    full = label_cols + width
    header: list[list[HeaderCell]] = [[] for _ in range(top + depth)]
    if heading:
        header[0].append(HeaderCell(heading, 0, 0, 1, full))
    if label_cols:
        header[top].append(HeaderCell(corner or "", top, 0, depth, label_cols))
    spans = [1] * len(paths)
    spans[-1] += width - len(paths)  # a narrow Table 2 block: its last column fills the width
    for level in range(depth):
        j = 0
        while j < len(paths):
            path = paths[j]
            if level >= len(path):
                j += 1
                continue
            last = level == len(path) - 1
            k = j + 1
            while (k < len(paths) and len(paths[k]) > level and paths[k][: level + 1] == path[: level + 1]
                   and (len(paths[k]) - 1 == level) == last):
                k += 1
            col = label_cols + sum(spans[:j])
            header[top + level].append(HeaderCell(path[level], top + level, col,
                                                  depth - level if last else 1, sum(spans[j:k])))
            j = k
    if rows:
        body = _row_labels(row_paths, label_cols)
        slots = tuple(Slot(row.key, c.col_key, i, label_cols + sum(spans[:j]), spans[j], c.unit_of)
                      for i, row in enumerate(rows) for j, c in enumerate(columns))
    else:
        body = [[]]
        slots = tuple(Slot(str(c.row_key), c.col_key, 0, label_cols + j, unit_of=c.unit_of)
                      for j, c in enumerate(columns))
    return Geometry(full, label_cols, tuple(map(tuple, header)), tuple(map(tuple, body)), slots)


def _row_labels(paths: Sequence[tuple[str, ...]], label_cols: int) -> list[list[HeaderCell]]:
    body: list[list[HeaderCell]] = [[] for _ in paths]
    for i, path in enumerate(paths):
        for level, label in enumerate(path):
            last = level == len(path) - 1
            if not last and i > 0 and paths[i - 1][: level + 1] == path[: level + 1] and len(paths[i - 1]) > level + 1:
                continue  # spanned from the row above
            n = 1
            while (not last and i + n < len(paths) and len(paths[i + n]) > level + 1
                   and paths[i + n][: level + 1] == path[: level + 1]):
                n += 1
            body[i].append(HeaderCell(label, i, level, n, label_cols - level if last else 1))
    return body

