"""A format-neutral model of what an extractor found in a published document.

A ``Document`` is its paragraphs and tables in reading order; a ``Grid`` is one
table as cells with their spans, viewable as a rectangular matrix in which a
merged cell appears in every position it covers. Every cell remembers where it
was found (``where``), in words a person can use to find it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def clean_text(text: str) -> str:
    """Whitespace (including &nbsp; and ideographic spaces) collapsed to one space, trimmed."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    where: str = ""
    ref: Any = field(default=None, compare=False, repr=False)
    """The extractor's own handle on the cell (a .docx ``<w:tc>``), for writing into it."""


@dataclass
class Grid:
    """One table: its cells (each once, at its top-left position) and where it was found."""

    cells: list[Cell]
    where: str = ""
    page: int | None = None
    _matrix: list[list[Cell | None]] | None = field(default=None, repr=False, compare=False)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def matrix(self) -> list[list[Cell | None]]:
        """Rows x columns; a spanning cell fills every position it covers; holes are None."""
        if self._matrix is None:
            m: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
            for c in self.cells:
                for r in range(c.row, c.row + c.rowspan):
                    for k in range(c.col, c.col + c.colspan):
                        if m[r][k] is None:
                            m[r][k] = c
            self._matrix = m
        return self._matrix

    def texts(self) -> list[list[str]]:
        return [[c.text if c else "" for c in row] for row in self.matrix()]


@dataclass
class Paragraph:
    text: str
    where: str = ""


Block = Paragraph | Grid


@dataclass
class Document:
    """What an extractor found: title-ish lines (page <title>, headings) and blocks in order."""

    source: str
    titles: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    @property
    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]


class GridBuilder:
    """Places cells row by row as HTML and Word describe them: a cell goes to the
    first column not already covered by a rowspan from above."""

    def __init__(self, where: str = "", page: int | None = None) -> None:
        self.cells: list[Cell] = []
        self._taken: set[tuple[int, int]] = set()
        self._row = -1
        self._col = 0
        self.where = where
        self.page = page

    def new_row(self) -> None:
        self._row += 1
        self._col = 0

    def add(self, text: str, rowspan: int = 1, colspan: int = 1, where: str = "") -> Cell:
        while (self._row, self._col) in self._taken:
            self._col += 1
        rowspan, colspan = max(1, rowspan), max(1, colspan)
        cell = Cell(text, self._row, self._col, rowspan, colspan,
                    where or f"{self.where}第{self._row + 1}行第{self._col + 1}列")
        for r in range(self._row, self._row + rowspan):
            for k in range(self._col, self._col + colspan):
                self._taken.add((r, k))
        self.cells.append(cell)
        self._col += colspan
        return cell

    def grid(self) -> Grid:
        return Grid(self.cells, self.where, self.page)
