"""Word documents (.docx), as published: python-docx, merges expanded.

Horizontal merges (gridSpan) and vertical merges (vMerge) become spans; a table
nested in a cell becomes a grid of its own, after its parent; paragraphs and
tables come in body order. reportgen's own .docx is read the same way.
"""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import docx
from docx.oxml.ns import qn

from ..published.grid import Cell, Document, Grid, Paragraph, clean_text


def extract(data: bytes, source: str) -> Document:
    return extract_document(docx.Document(io.BytesIO(data)), source)


def extract_document(d: Any, source: str) -> Document:
    """The Document of an opened python-docx document; each table cell keeps its ``<w:tc>`` as ``ref``."""
    doc = Document(source)
    body = d.element.body
    counter = [0]
    paragraphs = 0
    for child in body_blocks(body):
        if child.tag == qn("w:p"):
            text = clean_text(paragraph_text(child))
            if text:
                paragraphs += 1
                doc.blocks.append(Paragraph(text, f"第{paragraphs}段"))
        elif child.tag == qn("w:tbl"):
            _table(child, doc, counter)
    core = d.core_properties.title
    if core:
        doc.titles.append(clean_text(core))
    return doc


def paragraph_text(p: Any) -> str:
    """A paragraph's text: runs, tabs and breaks (a break in a label joins it back)."""
    out: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab"):
            out.append(" ")
    return "".join(out)


def _table(tbl: Any, doc: Document, counter: list[int]) -> None:
    counter[0] += 1
    where = f"第{counter[0]}个表格"
    nested: list[Any] = []
    # First pass: grid positions and vMerge state of every <w:tc>.
    rows: list[list[tuple[int, int, str, str | None, Any]]] = []  # (col, span, text, vmerge, tc)
    for tr in tbl.iterchildren(qn("w:tr")):
        col = _grid_before(tr)
        row: list[tuple[int, int, str, str | None, Any]] = []
        for tc in _cells(tr):
            pr = tc.find(qn("w:tcPr"))
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(qn("w:gridSpan"))
                if gs is not None:
                    span = int(gs.get(qn("w:val"), "1"))
                vm = pr.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val"), "continue")
            texts = []
            for child in body_blocks(tc):
                if child.tag == qn("w:p"):
                    texts.append(paragraph_text(child))
                elif child.tag == qn("w:tbl"):
                    nested.append(child)
            row.append((col, span, clean_text("".join(texts)), vmerge, tc))
            col += span
        rows.append(row)
    cells: list[Cell] = []
    open_: dict[int, int] = {}  # column -> index in cells of the cell a vMerge continues
    for r, row in enumerate(rows):
        for col, span, text, vmerge, tc in row:
            if vmerge == "continue" and col in open_:
                i = open_[col]
                cells[i] = dataclasses.replace(cells[i], rowspan=r - cells[i].row + 1)
                continue
            cells.append(Cell(text, r, col, 1, span, f"{where}第{r + 1}行第{col + 1}列", ref=tc))
            if vmerge == "restart":
                open_[col] = len(cells) - 1
            else:
                open_.pop(col, None)
    doc.blocks.append(Grid(cells, where))
    for child in nested:
        _table(child, doc, counter)


def body_blocks(parent: Any) -> list[Any]:
    """Paragraphs and tables directly in ``parent``, looking through content controls."""
    out = []
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            out.append(child)
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            out.extend(body_blocks(child))
    return out


def _cells(tr: Any) -> list[Any]:
    """The <w:tc> of a row, including those wrapped in content controls (<w:sdt>)."""
    out = []
    for child in tr.iterchildren():
        if child.tag == qn("w:tc"):
            out.append(child)
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            out.extend(_cells(child))
    return out


def _grid_before(tr: Any) -> int:
    pr = tr.find(qn("w:trPr"))
    if pr is not None:
        gb = pr.find(qn("w:gridBefore"))
        if gb is not None:
            return int(gb.get(qn("w:val"), "0"))
    return 0
