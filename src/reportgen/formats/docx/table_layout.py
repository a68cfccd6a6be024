"""The statistical tables of the shipped Word template, drawn from the shared geometry.

Used by ``layout`` (which builds the template); not imported when rendering.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.table import Table as DocxTable
from docx.table import _Cell

from ...editions.geometry import table_geometry
from ...editions.spec import Table
from ..display import cell_tag
from .styles import CELL_MARGIN_TWIPS, TEXT_WIDTH_MM

# --- tables -----------------------------------------------------------------

def new_table(doc: DocumentObject, rows: int, widths_mm: list[float]) -> DocxTable:
    table: DocxTable = doc.add_table(rows=rows, cols=len(widths_mm))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    total = round(sum(widths_mm) * 56.6929)
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    margins = "".join(f'<w:{side} w:w="{w}" w:type="dxa"/>' for side, w in CELL_MARGIN_TWIPS.items())
    tbl_pr.append(parse_xml(f'<w:tblCellMar {nsdecls("w")}>{margins}</w:tblCellMar>'))
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(width * 56.6929)))  # rounded down: never wider than the block
    for row in table.rows:
        row_props(row, cant_split=True)
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell.paragraphs[0].style = doc.styles["表格文字"]
    return table


def row_props(row: Any, cant_split: bool = False, header: bool = False) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split and tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    if header and tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def put(cell: _Cell, text: str, label: bool = False, figure: bool = False) -> None:
    p = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    p.text = text
    if label or figure:
        p.style = p.part.document.styles["表格项目" if label else "表格数字"]


def merge(table: DocxTable, r0: int, c0: int, r1: int, c1: int, text: str, label: bool = False,
          figure: bool = False) -> None:
    cell = table.cell(r0, c0)
    if (r0, c0) != (r1, c1):
        cell = cell.merge(table.cell(r1, c1))
    put(cell, text, label, figure)


def keep_together(table: DocxTable, first: int = 0, last: int | None = None) -> None:
    """Keep rows ``first``..``last`` on one page: each but the last keeps with the next.

    When the rows are taller than a page, Word and LibreOffice break them anyway.
    """
    rows = list(table.rows)
    last = len(rows) - 1 if last is None else last
    for row in rows[first:last]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


LABEL_WIDTHS_MM = {"blocks": [48.0], "grid": [8.0, 14.0, 58.0], "column_groups": []}
"""Widths of the label columns; the data columns share the rest of the 156 mm text block."""


def statistics_table(doc: DocumentObject, table: Table) -> None:
    """A statistical table drawn from the shared geometry (``editions.geometry``): every header
    and row label where the HTML page and the Excel report put it, a tag in each figure's slot.

    Table 2: each block stays whole (the table may break between blocks). Tables 3 and 4:
    header rows repeat on a new page, and the whole table keeps together (Table 3 fits one
    A4 page at 五号, so no spanning label is cut by a page break; were it taller than a page,
    Word and LibreOffice would break it anyway). Rows never split."""
    geometries = table_geometry(table)
    first = geometries[0]
    labels = LABEL_WIDTHS_MM[table.layout]
    data = first.width - first.label_cols
    widths = labels + [(TEXT_WIDTH_MM - sum(labels)) / data] * data
    heights = [len(g.header) + max(s.row for s in g.slots) + 1 for g in geometries]
    t = new_table(doc, sum(heights), widths)
    top = 0
    for g, height in zip(geometries, heights, strict=True):
        for row in g.header:
            for c in row:
                merge(t, top + c.row, c.col, top + c.row + c.rowspan - 1, c.col + c.colspan - 1, c.label)
        body = top + len(g.header)
        for row in g.body:
            for c in row:
                last = c.col + c.colspan == g.label_cols  # the row's own label (not a spanning group)
                merge(t, body + c.row, c.col, body + c.row + c.rowspan - 1, c.col + c.colspan - 1, c.label,
                      label=last)
        figure = table.layout != "blocks"  # narrow columns: figures at 85 % width
        for sl in g.slots:
            tag = f"{{{{ {cell_tag(table.key, sl.row_key, sl.col_key)} }}}}"
            merge(t, body + sl.row, sl.col, body + sl.row, sl.col + sl.colspan - 1, tag, figure=figure)
        if table.layout == "blocks":
            keep_together(t, top, top + height - 1)
        top += height
    if table.layout != "blocks":
        for tr in t.rows[:len(first.header)]:
            row_props(tr, header=True)
        keep_together(t)


LAYOUTS = {"blocks": statistics_table, "grid": statistics_table, "column_groups": statistics_table}
