"""The straightforward Excel writer, as it was before fill plans: the reference the plans must equal byte for byte.

Each fill splices every named cell into the sheet's XML afresh, sets the row heights with a
regular expression over the whole sheet and zips every part through ``zipparts.build_zip``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from reportgen.formats.xlsx.names import cell_name, field_name, single_fields, table_cells
from reportgen.formats.xlsx.package import Sheet, escape
from reportgen.formats.xlsx.template import Template, _add_cells, _grow, mark_rendered
from reportgen.formats.zipparts import build_zip, pack
from reportgen.model import Report

Value = Any
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def _money(value: Decimal) -> Value:
    """A number when a spreadsheet's double holds it exactly, else its text (read back exactly)."""
    return value if Decimal(repr(float(value))) == value else format(value, "f")


def _number(value: Any) -> Value:
    return _money(value) if isinstance(value, Decimal) else int(value)


def report_values(report: Report) -> tuple[dict[str, Value], dict[str, list[list[Value]]]]:
    """Named cells and named list areas of a report's workbook."""
    spec = report.spec
    values: dict[str, Value] = {}
    for table, row, col in table_cells(spec):
        values[cell_name(table.key, row.key, col.key)] = _number(report.cell(table.key, row.key, col.key))
        if col.unit_key:
            values[cell_name(table.key, row.key, col.unit_key)] = report.cell(table.key, row.key, col.unit_key)
    for field in single_fields(spec):
        value = getattr(report, field.key)
        if isinstance(value, datetime.date):
            value = (value - EXCEL_EPOCH).days
        values[field_name(field.key)] = value
    lists: dict[str, list[list[Value]]] = {}
    for field in spec.fields:
        value = getattr(report, field.key)
        if field.kind == "fees":
            for col in spec.fees:
                figure = None if value is None else _number(getattr(value, col.key))
                values[field_name(f"{field.key}.{col.key}")] = figure
        elif field.kind == "overview":
            items: list[list[Value]] = []
            for item in value.items:
                texts: list[str | None] = list(item.text) or [None]
                items.append([item.title, texts[0]])
                items.extend([None, t] for t in texts[1:])
            lists[field_name(f"{field.key}.intro")] = [[p] for p in value.intro]
            lists[field_name(f"{field.key}.items")] = items
        elif field.kind in ("paragraphs", "items"):
            lists[field_name(field.key)] = [[p] for p in value]
    return values, lists


def cell_xml(coord: str, style: str, value: Value) -> str:
    s = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{coord}"{s}/>'
    if isinstance(value, str):
        return f'<c r="{coord}"{s} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f'<c r="{coord}"{s}><v>{text or "0"}</v></c>'
    return f'<c r="{coord}"{s}><v>{int(value)}</v></c>'


def fill(template: Template, values: Mapping[str, Value], lists: Mapping[str, list[list[Value]]] | None = None,
         report: bool = False) -> bytes:
    state = template.state
    lists = lists or {}
    grow = {}
    for name, rows in lists.items():
        ref = state.ref(name)
        if ref is not None and len(rows) > ref.row1 - ref.row0 + 1:
            grow[name] = len(rows) - (ref.row1 - ref.row0 + 1)
    if grow:
        state = state.copy()
        for name, extra in grow.items():
            _grow(state, name, extra)
    edits: dict[str, dict[str, Value]] = {}
    for name, value in values.items():
        ref = state.ref(name)
        if ref is None:
            continue
        edits.setdefault(ref.sheet, {})[ref.first] = value
    heights: dict[str, dict[int, int]] = {}
    for name, rows in lists.items():
        ref = state.ref(name)
        if ref is None:
            continue
        target = edits.setdefault(ref.sheet, {})
        for coords, row in zip(ref.cells(), [*rows, *([[]] * (ref.row1 - ref.row0 + 1))], strict=False):
            for coord, value in zip(coords, [*row, *([None] * len(coords))], strict=False):
                target[coord] = value
            if report and row:
                widths = state.sheets[ref.sheet].widths
                lines = max(_lines(v, widths.get(c.rstrip("0123456789"), 8.43))
                            for c, v in zip(coords, row, strict=False))
                heights.setdefault(ref.sheet, {})[int(coords[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))] = lines
    out = dict(template.packed)
    plain = template.plain if report else {}
    if plain and template.plain_styles_xml:
        out["xl/styles.xml"] = template.plain_styles_packed
    for sheet_name, cells in edits.items():
        sheet = state.sheets[sheet_name]
        xml = _splice(sheet, cells, plain)
        if sheet_name in heights:
            xml = _heights(xml, heights[sheet_name])
        out[sheet.part] = pack(xml.encode("utf-8"))
    workbook_xml = state.workbook_xml
    if report:
        workbook_xml = mark_rendered(workbook_xml)
    if workbook_xml is not template.state.workbook_xml:
        out["xl/workbook.xml"] = pack(workbook_xml.encode("utf-8"))
    return build_zip(out)


def _lines(value: Value, width: float) -> int:
    if not isinstance(value, str):
        return 1
    per_line = max(width - 1, 4)
    return sum(max(1, -(-sum(2 if ord(ch) > 0x2E80 else 1 for ch in part) // int(per_line)))
               for part in value.split("\n"))


def _heights(xml: str, lines: Mapping[int, int]) -> str:
    def one(m: re.Match[str]) -> str:
        tag = m.group(0)
        n = lines.get(int(m.group(1)))
        if n is None:
            return tag
        old = re.search(r'\sht="([\d.]+)"', tag)
        height = max(n * 15 + 5, float(old.group(1)) if old else 0)
        tag = re.sub(r'\s(?:ht|customHeight)="[^"]*"', "", tag)
        return tag[:-1].rstrip("/") + f' ht="{height:g}" customHeight="1"' + ("/>" if tag.endswith("/>") else ">")
    return re.sub(r'<row r="(\d+)"[^>]*>', one, xml)


def _splice(sheet: Sheet, cells: Mapping[str, Value], plain: Mapping[str, str] | None = None) -> str:
    missing = [c for c in cells if c not in sheet.cells]
    if missing:
        _add_cells(sheet, missing)
    plain = plain or {}
    pieces: list[str] = []
    pos = 0
    for start, end, style, coord in sorted((*sheet.cells[c], c) for c in cells):
        pieces.append(sheet.xml[pos:start])
        pieces.append(cell_xml(coord, plain.get(style, style), cells[coord]))
        pos = end
    pieces.append(sheet.xml[pos:])
    return "".join(pieces)
