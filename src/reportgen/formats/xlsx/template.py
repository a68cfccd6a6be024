"""A workbook template loaded once and filled many times, at the level of its XML.

The template's zip parts are kept as bytes; each worksheet's XML is indexed
once (where each ``<c>`` element of a named cell starts and ends). Filling
replaces only those elements and re-zips, so a render costs a few string
joins and one deflate per changed sheet. Cells are found through the
workbook's defined names, never through coordinates known to Python.

A list area (报告正文) that is too short for a report grows: rows are inserted
at its end and every reference below them (cells, merges, validations, defined
names) moves down, as a spreadsheet program does when a row is inserted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .names import RENDERED
from .package import (
    CELL,
    NAME,
    REF,
    ROW,
    Package,
    Ref,
    Sheet,
    build_zip,
    col_index,
    escape,
    format_ref,
    pack,
    parse_ref,
)

_T = re.compile(r'\st="[^"]*"')
_FORMULA = re.compile(r"(<f(?:\s[^>]*)?>)(.*?)(</f>)", re.S)
_XF = re.compile(r"<xf\s[^>]*?(?:/>|>.*?</xf>)", re.S)

Value = int | Decimal | str | None




def cell_xml(coord: str, style: str, value: Value) -> str:
    """One ``<c>`` element holding a value (no formula)."""
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



@dataclass
class State:
    """The mutable parts of a workbook: sheet XML and defined names."""

    sheets: dict[str, Sheet]
    workbook_xml: str
    names: dict[str, str]
    """defined name -> its text (a reference or a constant)."""

    _refs: dict[str, Ref | None] = field(default_factory=dict)

    def ref(self, name: str) -> Ref | None:
        try:
            return self._refs[name]
        except KeyError:
            text = self.names.get(name)
            ref = self._refs[name] = parse_ref(text) if text is not None else None
            return ref

    def set_name(self, name: str, text: str) -> None:
        self.names[name] = text
        self._refs.pop(name, None)

    def copy(self) -> State:
        return State({k: replace(v, cells=dict(v.cells)) for k, v in self.sheets.items()},
                     self.workbook_xml, dict(self.names))



class Template:
    """An .xlsx template loaded once; ``fill`` returns a new workbook's bytes."""

    def __init__(self, data: bytes, source: str = "模板") -> None:
        self.source = source
        package = Package(data, source)
        self.parts = package.parts
        self.state = State(package.sheets, package.workbook_xml, package.names)
        # Computed here, not on first fill: a template is shared by threads and never changes after loading.
        self._plain_styles()
        self.packed: dict[str, tuple[int, int, bytes]] = {name: pack(data) for name, data in self.parts.items()}
        """Every part deflated once, for all the workbooks filled from this template."""

    def _plain_styles(self) -> None:
        """Twins without fill of the styles of named cells: a report's cells are not input fields."""
        self.plain: dict[str, str] = {}
        self.plain_styles_xml: bytes | None = None
        styles = self.parts.get("xl/styles.xml", b"").decode("utf-8")
        block = re.search(r"(<cellXfs[^>]*>)(.*?)(</cellXfs>)", styles, re.S)
        if not block:
            return
        xfs = _XF.findall(block.group(2))
        used: set[str] = set()
        for text in self.state.names.values():
            ref = parse_ref(text)
            sheet = self.state.sheets.get(ref.sheet) if ref else None
            if ref is None or sheet is None:
                continue
            for row in ref.cells():
                used.update(sheet.cells[c][2] for c in row if c in sheet.cells)
        extra: list[str] = []
        for style in sorted(used - {""}, key=int):
            xf = xfs[int(style)] if int(style) < len(xfs) else None
            if xf is None or 'fillId="0"' in xf:
                continue
            self.plain[style] = str(len(xfs) + len(extra))
            extra.append(re.sub(r'fillId="\d+"', 'fillId="0"', xf))
        if extra:
            head = re.sub(r'count="\d+"', f'count="{len(xfs) + len(extra)}"', block.group(1))
            styles = styles[:block.start()] + head + block.group(2) + "".join(extra) + block.group(3) + \
                styles[block.end():]
            self.plain_styles_xml = styles.encode("utf-8")
            self.plain_styles_packed = pack(self.plain_styles_xml)

    def fill(self, values: Mapping[str, Value], lists: Mapping[str, list[list[Value]]] | None = None,
             report: bool = False) -> bytes:
        """A workbook with ``values`` in the named cells and ``lists`` in the named areas.

        Every other cell, formula and style is the template's. A named cell
        given as a value loses its formula (a derived cell of a report). With
        ``report`` the named cells lose their input colour and the rows of the
        list areas are as high as their text.
        """
        state = self.state
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
        out = dict(self.packed)
        plain = self.plain if report else {}
        if plain and self.plain_styles_xml:
            out["xl/styles.xml"] = self.plain_styles_packed
        for sheet_name, cells in edits.items():
            sheet = state.sheets[sheet_name]
            xml = _splice(sheet, cells, plain)
            if sheet_name in heights:
                xml = _heights(xml, heights[sheet_name])
            out[sheet.part] = pack(xml.encode("utf-8"))
        workbook_xml = state.workbook_xml
        if report:  # told apart from a filled form, so a folder walk never reads it back as an input
            workbook_xml = mark_rendered(workbook_xml)
        if workbook_xml is not self.state.workbook_xml:
            out["xl/workbook.xml"] = pack(workbook_xml.encode("utf-8"))
        return build_zip(out)


def mark_rendered(workbook_xml: str) -> str:
    """The workbook with the ``reportgen_rendered`` defined name a rendered report carries."""
    marker = f'<definedName name="{RENDERED}">"1"</definedName>'
    if f'name="{RENDERED}"' in workbook_xml or "</definedNames>" not in workbook_xml:
        return workbook_xml
    return workbook_xml.replace("</definedNames>", marker + "</definedNames>", 1)


def _lines(value: Value, width: float) -> int:
    """Lines a text takes in a wrapping cell ``width`` characters wide (a CJK character is two)."""
    if not isinstance(value, str):
        return 1
    per_line = max(width - 1, 4)
    return sum(max(1, -(-sum(2 if ord(ch) > 0x2E80 else 1 for ch in part) // int(per_line)))
               for part in value.split("\n"))


def _heights(xml: str, lines: Mapping[int, int]) -> str:
    """Rows as high as their text: 15 points a line, never lower than the template's."""
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


def _add_cells(sheet: Sheet, coords: Iterable[str]) -> None:
    """Give the sheet XML an empty ``<c>`` for each coordinate (a template restyled by hand)."""
    xml = sheet.xml
    for coord in coords:
        m = re.fullmatch(r"([A-Z]+)(\d+)", coord)
        assert m
        col, row = col_index(m.group(1)), int(m.group(2))
        rows = {int(r.group(1)): r for r in ROW.finditer(xml)}
        if row in rows:
            r = rows[row]
            body = r.group(0)
            if body.endswith("/>"):
                body = body[:-2] + "></row>"
            cells = list(CELL.finditer(body))
            at = next((c.start() for c in cells if col_index(c.group(1)) > col), body.rindex("</row>"))
            body = body[:at] + f'<c r="{coord}"/>' + body[at:]
            xml = xml[:r.start()] + body + xml[r.end():]
        else:
            after = [r for n, r in rows.items() if n > row]
            new = f'<row r="{row}"><c r="{coord}"/></row>'
            if after:
                at = min(r.start() for r in after)
            elif "<sheetData/>" in xml:
                xml = xml.replace("<sheetData/>", "<sheetData></sheetData>")
                at = xml.index("</sheetData>")
            else:
                at = xml.index("</sheetData>")
            xml = xml[:at] + new + xml[at:]
    sheet.xml = xml
    sheet.index()


def _grow(state: State, name: str, extra: int) -> None:
    """Insert ``extra`` rows at the end of a named area, moving everything below down."""
    ref = state.ref(name)
    assert ref is not None
    sheet = state.sheets[ref.sheet]
    last = ref.row1

    def shift(text: str) -> str:
        def one(m: re.Match[str]) -> str:
            row = int(m.group(4))
            return f"{m.group(1)}{m.group(2)}{m.group(3)}{row + extra if row > last else row}"
        return REF.sub(one, text)

    xml = sheet.xml
    start = xml.index("<sheetData")
    end = xml.index("</sheetData>") if "</sheetData>" in xml else start
    head, data, tail = xml[:start], xml[start:end], xml[end:]
    rows = list(ROW.finditer(data))
    pieces: list[str] = []
    pos = 0
    for r in rows:
        n = int(r.group(1))
        pieces.append(data[pos:r.start()])
        body = r.group(0)
        if n > last:
            body = _renumber(_FORMULA.sub(lambda f: f.group(1) + shift(f.group(2)) + f.group(3), body), n + extra)
        pieces.append(body)
        if n == last:
            blank = CELL.sub(lambda c: f'<c r="{c.group(1)}{c.group(2)}"{_T.sub("", c.group(3))}/>', body)
            pieces.extend(_renumber(blank, last + k) for k in range(1, extra + 1))
        pos = r.end()
    pieces.append(data[pos:])
    attrs = re.compile(r'((?:ref|sqref)=")([^"]*)(")')
    head = attrs.sub(lambda m: m.group(1) + shift(m.group(2)) + m.group(3), head)
    tail = attrs.sub(lambda m: m.group(1) + shift(m.group(2)) + m.group(3), tail)
    tail = re.sub(r"(<formula1?2?>)(.*?)(</formula)", lambda m: m.group(1) + shift(m.group(2)) + m.group(3), tail)
    sheet.xml = head + "".join(pieces) + tail
    sheet.index()
    for key, text in list(state.names.items()):
        other = parse_ref(text)
        if other is None or other.sheet != ref.sheet:
            continue
        moved = replace(other, row0=other.row0 + extra if other.row0 > last else other.row0,
                        row1=other.row1 + extra if other.row1 > last else other.row1)
        if key == name:
            moved = replace(ref, row1=last + extra)
        state.set_name(key, format_ref(moved))

    def rename(m: re.Match[str]) -> str:
        key = m.group(2)
        if key in state.names and parse_ref(state.names[key]) is not None:
            return m.group(1) + escape(state.names[key]).replace("'", "&apos;") + m.group(4)
        return m.group(0)

    state.workbook_xml = NAME.sub(rename, state.workbook_xml)


def _renumber(row_xml: str, number: int) -> str:
    row_xml = re.sub(r'^<row r="\d+"', f'<row r="{number}"', row_xml)
    return re.sub(r'(<c r="[A-Z]{1,3})\d+"', lambda m: f'{m.group(1)}{number}"', row_xml)

