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
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .names import RENDERED
from .package import (
    CELL,
    NAME,
    REF,
    ROW,
    Package,
    Ref,
    Sheet,
    col_index,
    escape,
    format_ref,
    pack,
    parse_ref,
)
from .plan import Area, FillPlan, SheetPlan, ZipPlan
from .plan import Value as Value
from .plan import cell_xml as cell_xml

_T = re.compile(r'\st="[^"]*"')
_FORMULA = re.compile(r"(<f(?:\s[^>]*)?>)(.*?)(</f>)", re.S)
_XF = re.compile(r"<xf\s[^>]*?(?:/>|>.*?</xf>)", re.S)

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
        self._plans = {}
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        """Sent to a worker process without its lock and its fill plans (made again on first need)."""
        state = dict(self.__dict__)
        state.update(_plans={}, _lock=None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

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

    def fill(self, values: Mapping[str, Value], lists: Mapping[str, Sequence[Sequence[Value]]] | None = None,
             report: bool = False) -> bytes:
        """A workbook with ``values`` in the named cells and ``lists`` in the named areas.

        Every other cell, formula and style is the template's. A named cell
        given as a value loses its formula (a derived cell of a report). With
        ``report`` the named cells lose their input colour and the rows of the
        list areas are as high as their text.
        """
        lists = lists or {}
        grow = []
        for name, rows in lists.items():
            ref = self.state.ref(name)
            if ref is not None and len(rows) > ref.row1 - ref.row0 + 1:
                grow.append((name, len(rows) - (ref.row1 - ref.row0 + 1)))
        key = (report, tuple(values), tuple(lists), tuple(grow))
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plan(key)
        return plan.fill(values, lists)

    _plans: dict[tuple[bool, tuple[str, ...], tuple[str, ...], tuple[tuple[str, int], ...]], FillPlan]
    _PLANS = 64
    """Plans kept per template: a few shapes of fill (names given, rows added to each list area)."""

    def _plan(self, key: tuple[bool, tuple[str, ...], tuple[str, ...], tuple[tuple[str, int], ...]]) -> FillPlan:
        with self._lock:
            plan = self._plans.get(key)
            if plan is None:
                plan = self._compile(*key)
                if len(self._plans) >= self._PLANS:
                    del self._plans[next(iter(self._plans))]
                self._plans[key] = plan
            return plan

    def _compile(self, report: bool, names: tuple[str, ...], list_names: tuple[str, ...],
                 grow: tuple[tuple[str, int], ...]) -> FillPlan:
        """Cut the sheets for one shape of fill (see ``plan``): where each value goes, in a value vector
        holding ``names``' values in order, then every cell of each list area, row by row."""
        state = self.state
        if grow:
            state = state.copy()
            for name, extra in grow:
                _grow(state, name, extra)
        sources: dict[str, dict[str, int]] = {}  # sheet -> coordinate -> index in the vector (the last one given)
        for i, name in enumerate(names):
            ref = state.ref(name)
            if ref is not None:
                sources.setdefault(ref.sheet, {})[ref.first] = i
        index = len(names)
        areas: list[Area] = []
        rows: dict[str, list[int]] = {}
        for name in list_names:
            ref = state.ref(name)
            if ref is None:
                continue
            target = sources.setdefault(ref.sheet, {})
            coords = ref.cells()
            for line in coords:
                for coord in line:
                    target[coord] = index
                    index += 1
            widths = state.sheets[ref.sheet].widths if report else {}
            areas.append(Area(name, len(coords), len(coords[0]),
                              tuple(widths.get(c.rstrip("0123456789"), 8.43) for c in coords[0]), ref.row0, ref.sheet))
            rows.setdefault(ref.sheet, []).extend(range(ref.row0, ref.row1 + 1))
        parts: dict[str, tuple[int, int, bytes] | None] = dict(self.packed)
        plain = self.plain if report else {}
        if plain and self.plain_styles_xml:
            parts["xl/styles.xml"] = self.plain_styles_packed
        plans: dict[str, tuple[str, SheetPlan]] = {}
        for sheet_name, cells in sources.items():
            sheet = state.sheets[sheet_name]
            missing = [c for c in cells if c not in sheet.cells]
            if missing:
                _add_cells(sheet, missing)
            plans[sheet.part] = (sheet_name, SheetPlan(sheet, cells, rows.get(sheet_name, []) if report else [], plain))
            parts[sheet.part] = None
        workbook_xml = state.workbook_xml
        if report:  # told apart from a filled form, so a folder walk never reads it back as an input
            workbook_xml = mark_rendered(workbook_xml)
        if workbook_xml is not self.state.workbook_xml:
            parts["xl/workbook.xml"] = pack(workbook_xml.encode("utf-8"))
        ordered = [plans[part] for part, packed in parts.items() if packed is None]
        return FillPlan(ordered, areas, ZipPlan(parts), report)


def mark_rendered(workbook_xml: str) -> str:
    """The workbook with the ``reportgen_rendered`` defined name a rendered report carries."""
    marker = f'<definedName name="{RENDERED}">"1"</definedName>'
    if f'name="{RENDERED}"' in workbook_xml or "</definedNames>" not in workbook_xml:
        return workbook_xml
    return workbook_xml.replace("</definedNames>", marker + "</definedNames>", 1)


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

