"""The three statistical tables as HTML table models: rows of cells with their attributes.

Structure comes from the edition description through ``reportgen.editions.geometry``; the
printed text of each figure from the display context. Every figure is a ``<td>`` whose
``headers`` attribute lists the ids of all its header cells (column path, then row path), so
a screen reader announces 申请人情况 › 法人或其他组织 › 商业企业 and 三、本年度办理结果 ›
（三）不予公开 › 1.属于国家秘密 for it; ``scope`` is given too, for readers that ignore
``headers``. Styles are inline (a CMS keeps them and drops classes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...editions.geometry import Geometry, HeaderCell, Slot, table_geometry
from ...editions.spec import Edition, Table

BORDER = "border:1px solid #000;padding:2px;vertical-align:middle"
CENTRE = f"{BORDER};text-align:center"
LEFT = f"{BORDER};text-align:left"
# Header text is not bold (the official form's is not); a wrapped label breaks into even lines.
HEAD = "font-weight:normal;text-wrap:balance"
VERTICAL = "writing-mode:vertical-rl;letter-spacing:0.1em"
TABLE_STYLE = "border-collapse:collapse;width:100%;table-layout:fixed;margin:0.5em 0 1em"
CAPTION_STYLE = "caption-side:top;text-align:center;font-weight:bold;padding:0.3em 0"

LABEL_WIDTHS = {1: (24,), 2: (12, 30), 3: (4, 12, 34)}
"""Percent of the table width given to the label columns, by their number (the rest: figures).

Table 3 at 1000 px: 三、本年度办理结果 in a column one character wide, read top to bottom;
（三）不予公开 on one line; the long items on two or three lines; the figures 7 % each.
In print (156 mm at 10.5 pt) the same shares hold 2, 4 and 14 characters."""
NARROW = 5
"""A row label spanning rows in a column narrower than this (percent) is written vertically."""


@dataclass
class HtmlCell:
    tag: str
    text: str
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class HtmlSection:
    tag: str  # thead or tbody
    rows: list[list[HtmlCell]]


@dataclass
class HtmlTable:
    key: str
    caption: str
    widths: list[str]
    sections: list[HtmlSection]
    style: str = TABLE_STYLE
    caption_style: str = CAPTION_STYLE


def html_tables(edition: Edition, text: dict[str, Any]) -> dict[str, HtmlTable]:
    """Each table of ``edition`` by key; ``text`` is the display context (cell texts by table)."""
    return {t.key: html_table(edition, t, text[t.key]) for t in edition.tables}


def html_table(edition: Edition, table: Table, cells: dict[str, Any]) -> HtmlTable:
    geometries = table_geometry(table)
    sections: list[HtmlSection] = []
    for i, geometry in enumerate(geometries):
        prefix = f"rg{edition.key}-{table.key}" + (f"-b{i + 1}" if len(geometries) > 1 else "")
        head = [[_header_cell(geometry, c, prefix, "h") for c in row] for row in geometry.header]
        body = []
        widths = _widths(geometry)
        for r, labels in enumerate(geometry.body):
            row = [_label_cell(c, prefix, widths) for c in labels]
            row += [_figure(geometry, s, prefix, _text(cells, s)) for s in geometry.slots_in(r)]
            body.append(row)
        if table.layout == "blocks":
            # Each block has its own header: it opens its tbody, so a printed page never repeats
            # the first block's columns over another block's figures.
            sections.append(HtmlSection("tbody", head + body))
        else:
            sections += [HtmlSection("thead", head), HtmlSection("tbody", body)]
    caption = edition.field_labels.get(table.key, table.heading)
    shares = [f"{w:.4g}%" for w in _widths(geometries[0])]
    return HtmlTable(table.key, caption, shares, sections)


def _id(prefix: str, part: str, cell: HeaderCell) -> str:
    return f"{prefix}-{part}{cell.row}-{cell.col}"


def _header_cell(geometry: Geometry, cell: HeaderCell, prefix: str, part: str) -> HtmlCell:
    attrs = {"id": _id(prefix, part, cell)}
    attrs |= _spans(cell)
    attrs["scope"] = "colgroup" if cell.colspan > 1 else "col"
    attrs["style"] = f"{CENTRE};{HEAD}"
    return HtmlCell("th", cell.label, attrs)


def _label_cell(cell: HeaderCell, prefix: str, widths: list[float]) -> HtmlCell:
    attrs = {"id": _id(prefix, "r", cell)}
    attrs |= _spans(cell)
    attrs["scope"] = "rowgroup" if cell.rowspan > 1 else "row"
    # A label that spans rows (三、本年度办理结果, （三）不予公开) is centred; an item reads left.
    style = f"{CENTRE if cell.rowspan > 1 else LEFT};{HEAD}"
    if cell.rowspan > 1 and cell.colspan == 1 and widths[cell.col] < NARROW:
        style += f";{VERTICAL}"
    attrs["style"] = style
    return HtmlCell("th", cell.label, attrs)


def _figure(geometry: Geometry, slot: Slot, prefix: str, text: str) -> HtmlCell:
    ids = [_id(prefix, "h", c) for c in geometry.column_headers(slot)]
    ids += [_id(prefix, "r", c) for c in geometry.row_headers(slot)]
    attrs = {"headers": " ".join(ids)}
    if slot.colspan > 1:
        attrs["colspan"] = str(slot.colspan)
    attrs["style"] = CENTRE
    return HtmlCell("td", text, attrs)


def _spans(cell: HeaderCell) -> dict[str, str]:
    spans = {}
    if cell.rowspan > 1:
        spans["rowspan"] = str(cell.rowspan)
    if cell.colspan > 1:
        spans["colspan"] = str(cell.colspan)
    return spans


def _text(cells: dict[str, Any], slot: Slot) -> str:
    node: Any = cells
    for part in slot.row_key.split("."):
        node = node[part]
    return str(node[slot.col_key])


def _widths(geometry: Geometry) -> list[float]:
    """Column widths in percent: the label columns first, the figures share the rest evenly."""
    labels = list(LABEL_WIDTHS.get(geometry.label_cols, (12,) * geometry.label_cols))
    figures = geometry.width - geometry.label_cols
    return [float(w) for w in labels] + [(100 - sum(labels)) / figures] * figures
