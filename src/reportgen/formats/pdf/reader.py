"""PDF with a text layer (as WPS, Word or LibreOffice export it), through pdfplumber.

Ruled tables come from ``find_tables`` (line strategy); each pdfplumber cell's
box gives its row and column span. A page with no ruled table but with lines of
numbers gets a table rebuilt from word positions (``_rebuild``). Text outside
the tables becomes paragraphs: lines join until a short or indented line.
"""

from __future__ import annotations

import bisect
import io
import re
from typing import Any

import pdfplumber

from ..published.grid import Cell, Document, Grid, Paragraph, clean_text
from .words import rebuild

_PAGE_NUMBER = re.compile(r"^[-—–－\s]*\d{1,3}[-—–－\s]*$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")
_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3}


def extract(data: bytes, source: str) -> Document:
    doc = Document(source)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if pdf.metadata.get("Title"):
            doc.titles.append(clean_text(str(pdf.metadata["Title"])))
        for number, page in enumerate(pdf.pages, 1):
            _page(page, number, doc)
    return doc


def _page(page: Any, number: int, doc: Document) -> None:
    tables = [t for t in page.find_tables(_SETTINGS) if len(t.rows) >= 1 and len(t.columns) >= 2]
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    rest = page.filter(outside)
    lines = [ln for ln in rest.extract_text_lines(strip=True, return_chars=True) if not _PAGE_NUMBER.match(ln["text"])]
    items: list[tuple[float, Any]] = [(t.bbox[1], t) for t in tables]
    if not tables:
        grid, lines = rebuild(lines, rest, number)
        if grid is not None:
            items.append((grid_top(grid), grid))
    items.extend((ln["top"], ln) for ln in lines)
    items.sort(key=lambda it: it[0])
    left = min((ln["x0"] for ln in lines), default=0.0)
    right = max((ln["x1"] for ln in lines), default=page.width)
    pending: list[str] = []

    def flush() -> None:
        if pending:
            doc.blocks.append(Paragraph(_tidy("".join(pending)), f"第{number}页"))
            pending.clear()

    prev_short = True
    for _, item in items:
        if isinstance(item, dict):
            text = item["text"].strip()
            indented = item["x0"] > left + 8
            if prev_short or indented or _HEADING.match(text):
                flush()
            pending.append(text)
            prev_short = item["x1"] < right - 20
            continue
        flush()
        prev_short = True
        doc.blocks.append(item if isinstance(item, Grid) else _grid(item, page, number, len(doc.grids) + 1))
    flush()


def grid_top(grid: Grid) -> float:
    return float(getattr(grid, "top", 0.0))


def _grid(table: Any, page: Any, number: int, n: int) -> Grid:
    """Cells with spans from each cell's box against the table's row and column edges."""
    where = f"第{number}页第{n}个表格"
    xs = _edges(c[0] for c in table.cells)
    ys = _edges(c[1] for c in table.cells)
    texts = table.extract()
    by_box: dict[tuple[float, ...], str] = {}
    for row, row_texts in zip(table.rows, texts, strict=False):
        for box, text in zip(row.cells, row_texts, strict=False):
            if box is not None:
                by_box[tuple(box)] = text or ""
    cells: list[Cell] = []
    for box in table.cells:
        col = _index(xs, box[0])
        r = _index(ys, box[1])
        colspan = max(1, _index(xs, box[2] - 4.0) - col + 1)
        rowspan = max(1, _index(ys, box[3] - 4.0) - r + 1)
        text = by_box.get(tuple(box))
        if text is None:
            text = page.crop(box).extract_text() or ""
        cells.append(Cell(_tidy(text.replace("\n", "")), r, col, rowspan, colspan,
                          f"{where}第{r + 1}行第{col + 1}列"))
    return Grid(cells, where, number)


def _edges(values: Any, tolerance: float = 2.0) -> list[float]:
    """Distinct edges, those closer than ``tolerance`` counted once."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    """Index of the last edge at or before ``value`` (tolerating small offsets)."""
    return max(0, bisect.bisect_right(edges, value + 2.0) - 1)


_ASCII_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=[\x00-\x7f])|(?<=[\x00-\x7f]) (?=[^\x00-\x7f])")


def _tidy(text: str) -> str:
    """Spaces a PDF puts between Chinese and digits (2022 年) are not in the text."""
    return _ASCII_GAP.sub("", clean_text(text))
