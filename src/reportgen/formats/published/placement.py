"""What placing a table's cells yields: the placed cells, and what could not be placed."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import Problem
from .grid import Cell, Grid


@dataclass(frozen=True)
class Found:
    """One number cell placed in the report: table, row and column keys, and what was printed."""

    table: str
    row: str
    col: str
    cell: Cell
    row_label: str
    col_label: str
    page: int | None


@dataclass
class Placement:
    found: list[Found] = field(default_factory=list)
    unplaced: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tables: dict[str, list[Grid]] = field(default_factory=dict)
    absorbed: list[tuple[str, str, str]] = field(default_factory=list)
    """(table, row key, printed label) of rows read from another edition's layout."""


