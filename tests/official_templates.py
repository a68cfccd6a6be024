"""Tag-less blank templates like the official 格式模板, built from the edition description.

Two layouts and styles, as offices receive them:

* ``"official"``: the shipped layout's tables (GB/T 9704 styles, merged cells as the
  notice draws them) with every number cell emptied, 仿宋 body, 小标宋 title;
* ``"restyled"``: a superior office's copy in python-docx's default styles: 宋体 12 pt,
  Table 2 as four separate column-headed tables, Table 3 with no vertical merges
  (its section and group labels repeated on every row, 自然人/总计 over an empty cell),
  Table 4 with its header in three plain rows, a placeholder for the preamble.
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from reportgen.editions import Edition
from reportgen.editions.blank import PLACEHOLDER, PLACEHOLDER_FEES
from reportgen.editions.spec import Table
from reportgen.formats.docx import layout

VARIANTS = ("official", "restyled")


def build(edition: Edition, variant: str) -> bytes:
    doc = _official(edition) if variant == "official" else _restyled(edition)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _placeholder(edition: Edition, index: int) -> str:
    return PLACEHOLDER_FEES if index == len(edition.sections) - 1 and edition.fees else PLACEHOLDER


def _official(edition: Edition) -> Any:
    doc = docx.Document()
    layout.prune_package(doc)
    layout.setup_styles(doc)
    layout.setup_font_table(doc)
    layout.setup_page(doc)
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    tables = {t.key: t for t in edition.tables}
    doc.add_paragraph("XX（机关名称）XXXX年政府信息公开工作年度报告", style="报告标题")
    for k, section in enumerate(edition.sections):
        doc.add_paragraph(section.heading, style="一级标题")
        for key in section.parts:
            if key in tables:
                layout.LAYOUTS[tables[key].layout](doc, tables[key])
                doc.add_paragraph("")
        if not set(section.parts) <= set(tables):
            doc.add_paragraph(_placeholder(edition, k), style="Normal")
    for tc in body.iter(qn("w:tc")):  # the number cells, empty as in the notice's template
        for t in tc.iter(qn("w:t")):
            if t.text and "{{" in t.text:
                t.text = ""
    footers = (f._element for s in doc.sections for f in (s.footer, s.even_page_footer, s.header, s.even_page_header))
    for root in (doc.element, doc.styles.element, *footers):
        layout.schema_order(root)
    return doc


def _restyled(edition: Edition) -> Any:
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    title = doc.add_paragraph("政府信息公开工作年度报告")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].bold = True
    title.runs[0].font.size = Pt(18)
    doc.add_paragraph(PLACEHOLDER)
    tables = {t.key: t for t in edition.tables}
    builders = {"blocks": _blocks, "grid": _grid, "column_groups": _groups}
    for k, section in enumerate(edition.sections):
        doc.add_paragraph(section.heading, style="Heading 2")
        for key in section.parts:
            if key in tables:
                builders[tables[key].layout](doc, tables[key])
        if not set(section.parts) <= set(tables):
            doc.add_paragraph(_placeholder(edition, k))
    return doc


def _blocks(doc: Any, table: Table) -> None:
    """Each article's block as its own table: heading row, header row, rows."""
    for block in table.blocks:
        n = 1 + len(block.columns)
        t = doc.add_table(rows=2 + len(block.rows), cols=n)
        t.style = "Table Grid"
        t.cell(0, 0).merge(t.cell(0, n - 1)).text = block.heading or ""
        t.cell(1, 0).text = table.item_header or ""
        for i, col in enumerate(block.columns, 1):
            t.cell(1, i).text = col.label
        for r, row in enumerate(block.rows, 2):
            t.cell(r, 0).text = row.label
        doc.add_paragraph("")


def _grid(doc: Any, table: Table) -> None:
    """Table 3 without vertical merges: section and group labels on every row of theirs."""
    (block,) = table.blocks
    cols, rows = block.columns, block.rows
    t = doc.add_table(rows=3 + len(rows), cols=3 + len(cols))
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(0, 2)).text = table.corner or ""
    t.cell(0, 3).merge(t.cell(0, 2 + len(cols))).text = table.header or ""
    parents = [c.parent for c in cols]
    for i, col in enumerate(cols):
        if col.parent is None:
            t.cell(1, 3 + i).text = col.label
        else:
            t.cell(2, 3 + i).text = col.label
    first = parents.index(next(p for p in parents if p))
    last = len(parents) - 1 - parents[::-1].index(parents[first])
    t.cell(1, 3 + first).merge(t.cell(1, 3 + last)).text = parents[first] or ""
    for k, row in enumerate(rows, 3):
        t.cell(k, 0).text = row.section or ""
        t.cell(k, 1).text = row.group or ""
        t.cell(k, 2).text = row.label
        if row.section is None and row.group is None:
            t.cell(k, 0).merge(t.cell(k, 2)).text = row.label
    doc.add_paragraph("")


def _groups(doc: Any, table: Table) -> None:
    """Table 4 with its header in three plain rows (a label over empty cells, no vertical merges)."""
    (block,) = table.blocks
    cols, rows = block.columns, block.rows
    n = len(cols) * len(rows)
    t = doc.add_table(rows=4, cols=n)
    t.style = "Table Grid"
    k = 0
    while k < len(rows):
        group = rows[k].group
        members = [r for r in rows[k:] if r.group == group] if group else [rows[k]]
        c0 = k * len(cols)
        t.cell(0, c0).merge(t.cell(0, c0 + len(members) * len(cols) - 1)).text = group or rows[k].label
        for m, row in enumerate(members):
            base = c0 + m * len(cols)
            if group:
                t.cell(1, base).merge(t.cell(1, base + len(cols) - 1)).text = row.label
            for i, col in enumerate(cols):
                t.cell(2, base + i).text = col.label
        k += len(members)
    doc.add_paragraph("")
