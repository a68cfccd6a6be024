"""A fill plan: a template's sheets cut once into literal text and slots, then filled many times.

``Template.fill`` replaces the ``<c>`` elements of the named cells (and, for a report, the
``<row>`` tags of the list rows, made as high as their text). Which elements those are depends
only on the template, on the names given and on how much each list area grows, never on the
values; so the sheets are cut once, per such shape, into the literal text between the
slots. A fill then joins literal chunks and the few values, deflates only the changed
sheets and assembles the zip from entries prepared once (``ZipPlan``).

The result is byte for byte what splicing each sheet afresh gives (tests/test_xlsx_plan.py).
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..zipparts import DOS_DATE, Packed
from .package import Sheet, escape

Value = int | Decimal | str | None

ROW_TAG = re.compile(r'<row r="(\d+)"[^>]*>')
_HEIGHT = re.compile(r'\sht="([\d.]+)"')
_HEIGHT_ATTRS = re.compile(r'\s(?:ht|customHeight)="[^"]*"')
_WIDE = re.compile("[^\x00-\u2e80]")  # CJK and beyond: U+2E81 up (a negated set compiles in 1/5 the time)
"""Characters a spreadsheet shows two columns wide (CJK and beyond)."""


def cell_head(coord: str, style: str) -> str:
    """The start of a ``<c>`` element, up to where its value's attributes begin."""
    return f'<c r="{coord}" s="{style}"' if style else f'<c r="{coord}"'


def cell_tail(value: Value) -> str:
    """The rest of a ``<c>`` element holding ``value`` (no formula), after ``cell_head``."""
    if value is None:
        return "/>"
    if isinstance(value, str):
        return f' t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"><v>{text or '0'}</v></c>"
    return f"><v>{int(value)}</v></c>"


def cell_xml(coord: str, style: str, value: Value) -> str:
    """One ``<c>`` element holding a value (no formula)."""
    return cell_head(coord, style) + cell_tail(value)


def text_lines(value: Value, width: float) -> int:
    """Lines a text takes in a wrapping cell ``width`` characters wide (a CJK character is two)."""
    if not isinstance(value, str):
        return 1
    per_line = int(max(width - 1, 4))
    return sum(max(1, -(-(len(part) + len(_WIDE.findall(part))) // per_line)) for part in value.split("\n"))


def row_tag(tag: str, lines: int) -> str:
    """A ``<row>`` start tag made as high as ``lines`` of text: 15 points a line, never lower than it was."""
    old = _HEIGHT.search(tag)
    height = max(lines * 15 + 5, float(old.group(1)) if old else 0)
    tag = _HEIGHT_ATTRS.sub("", tag)
    return tag[:-1].rstrip("/") + f' ht="{height:g}" customHeight="1"' + ("/>" if tag.endswith("/>") else ">")


@dataclass(frozen=True)
class Area:
    """A named list area as a plan fills it: where its cells' values go in the value vector."""

    name: str
    rows: int
    cols: int
    widths: tuple[float, ...]
    """Column widths (characters), for the row heights of a report."""
    first_row: int
    sheet: str


class SheetPlan:
    """One worksheet cut into literal chunks and slots.

    ``pieces`` holds the literal text at even places and a placeholder at odd ones; a cell
    slot is (place, head, index in the value vector), a row slot (place, row number) whose
    placeholder is the template's own ``<row>`` tag.
    """

    def __init__(self, sheet: Sheet, coords: Mapping[str, int], rows: Sequence[int], plain: Mapping[str, str]) -> None:
        self.part = sheet.part
        xml = sheet.xml
        spans: list[tuple[int, int, int, str]] = []  # start, end, kind (0 cell, 1 row), payload
        for coord in coords:
            start, end, _ = sheet.cells[coord]
            spans.append((start, end, 0, coord))
        wanted = set(rows)
        for m in ROW_TAG.finditer(xml):
            if int(m.group(1)) in wanted:
                spans.append((m.start(), m.end(), 1, m.group(1)))
        spans.sort()
        pieces: list[str] = []
        cells: list[tuple[int, str, int]] = []
        row_slots: list[tuple[int, int]] = []
        pos = 0
        for start, end, kind, payload in spans:
            pieces.append(xml[pos:start])
            if kind == 0:
                style = sheet.cells[payload][2]
                cells.append((len(pieces), cell_head(payload, plain.get(style, style)), coords[payload]))
            else:
                row_slots.append((len(pieces), int(payload)))
            pieces.append(xml[start:end])
            pos = end
        pieces.append(xml[pos:])
        self.pieces = pieces
        self.cells = cells
        self.rows = row_slots

    def xml(self, vector: Sequence[Value], lines: Mapping[int, int]) -> str:
        pieces = self.pieces.copy()
        for place, head, index in self.cells:
            value = vector[index]
            if value is None:
                pieces[place] = head + "/>"
            elif type(value) is int:
                pieces[place] = f"{head}><v>{value}</v></c>"
            else:
                pieces[place] = head + cell_tail(value)
        if lines:
            for place, row in self.rows:
                n = lines.get(row)
                if n is not None:
                    pieces[place] = row_tag(pieces[place], n)
        return "".join(pieces)


class ZipPlan:
    """A zip archive's entries prepared once: the unchanged parts as finished bytes, the others by name."""

    def __init__(self, parts: Mapping[str, Packed | None]) -> None:
        self.entries: list[tuple[bytes, bytes, bytes]] = []
        """(local entry or b"" for a changing part, name, the central record's fields before the offset)."""
        for name, packed in parts.items():
            raw = name.encode("utf-8")
            local = b""
            central = b""
            if packed is not None:
                local = _local(raw, packed)
                central = _central(raw, packed)
            self.entries.append((local, raw, central))

    def build(self, changed: Sequence[Packed]) -> bytes:
        """The archive, ``changed`` giving the changing parts in order."""
        out: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        fresh = iter(changed)
        for local, raw, record in self.entries:
            if not local:
                packed = next(fresh)
                local = _local(raw, packed)
                record = _central(raw, packed)
            out.append(local)
            central.append(record + struct.pack("<L", offset) + raw)
            offset += len(local)
        directory = b"".join(central)
        n = len(central)
        out.append(directory)
        out.append(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, len(directory), offset, 0))
        return b"".join(out)


def _flags(raw: bytes) -> int:
    return 0x800 if not raw.isascii() else 0


def _local(raw: bytes, packed: Packed) -> bytes:
    crc, size, data = packed
    head = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, _flags(raw), 8, 0, DOS_DATE, crc, len(data), size, len(raw), 0)
    return head + raw + data


def _central(raw: bytes, packed: Packed) -> bytes:
    crc, size, data = packed
    return struct.pack("<4s6H3L5H", b"PK\x01\x02", 20, 20, _flags(raw), 8, 0, DOS_DATE, crc, len(data), size,
                       len(raw), 0, 0, 0, 0) + struct.pack("<L", 0)


def deflate(data: bytes) -> Packed:
    """CRC-32, size and raw deflate at level 1: the same bytes as ``zipparts.pack``."""
    return zlib.crc32(data), len(data), zlib.compress(data, 1, wbits=-15)


class FillPlan:
    """A template cut for one shape of fill: which names, which list areas, how much each grew."""

    def __init__(self, sheets: Sequence[tuple[str, SheetPlan]], areas: Sequence[Area], archive: ZipPlan,
                 report: bool) -> None:
        self.sheets = sheets
        """(sheet name, its plan), in the order of their parts in the archive."""
        self.areas = areas
        self.archive = archive
        self.report = report

    def fill(self, values: Mapping[str, Value], lists: Mapping[str, Sequence[Sequence[Value]]]) -> bytes:
        """The workbook's bytes; ``values`` and ``lists`` have the names (in order) the plan was made for."""
        vector: list[Value] = list(values.values())
        lines: dict[str, dict[int, int]] = {}
        for area in self.areas:
            rows = lists[area.name]
            cols = area.cols
            for r in range(area.rows):
                row = list(rows[r]) if r < len(rows) else []
                given = row[:cols]
                vector += given
                if len(given) < cols:
                    vector += [None] * (cols - len(given))
                if self.report and row:
                    lines.setdefault(area.sheet, {})[area.first_row + r] = max(
                        text_lines(v, w) for v, w in zip(given, area.widths, strict=False))
        empty: dict[int, int] = {}
        changed = [deflate(plan.xml(vector, lines.get(name, empty)).encode("utf-8")) for name, plan in self.sheets]
        return self.archive.build(changed)
