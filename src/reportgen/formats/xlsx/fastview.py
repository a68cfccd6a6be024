"""A fast, read-only view of a workbook for ``read_xlsx``: only the named cells are decoded.

It offers the little of openpyxl's interface the reader uses (``defined_names``,
``sheetnames``, ``wb[sheet][ref]``, ``cell.value / data_type / parent /
coordinate``) and decodes values as openpyxl does (numbers, shared and inline
strings, booleans, errors, dates by number format). Anything it does not
handle the same way — a 1904 date system, sheet-scoped names, shared or array
formulas, cells without coordinates — raises ``Unsupported``, and the reader
falls back to openpyxl.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from defusedxml import ElementTree

from .package import NS, Package, Ref, Sheet, col_index, col_letter, parse_ref

_KIND = re.compile(r'\st="([^"]*)"')
_F = re.compile(r"<f(\s[^>]*)?(?:/>|>(.*?)</f>)", re.S)
_V = re.compile(r"<v>(.*?)</v>|<v/>", re.S)
_IS = re.compile(r"<is>(.*?)</is>", re.S)
_T = re.compile(r"<t(?:\s[^>]*)?(?:/>|>(.*?)</t>)", re.S)
_RPH = re.compile(r"<rPh\b.*?</rPh>|<phoneticPr\b[^>]*/>", re.S)
_DATE_IDS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}


class Unsupported(Exception):
    """Something this view does not decode exactly as openpyxl would."""


@dataclass
class FastName:
    attr_text: str
    sheetnames: list[str]

    @property
    def destinations(self) -> Iterator[tuple[str, str]]:
        ref = parse_ref(self.attr_text)
        if ref is None:
            raise ValueError(self.attr_text)
        a = f"${col_letter(ref.col0)}${ref.row0}"
        b = f"${col_letter(ref.col1)}${ref.row1}"
        yield ref.sheet, a if a == b else f"{a}:{b}"


class FastCell:
    __slots__ = ("_data_type", "_value", "coordinate", "parent")

    def __init__(self, parent: FastSheet, coordinate: str) -> None:
        self.parent = parent
        self.coordinate = coordinate
        self._value: Any = None
        self._data_type: str | None = None

    def _load(self) -> None:
        if self._data_type is None:
            self._value, self._data_type = self.parent.decode(self.coordinate)

    @property
    def value(self) -> Any:
        self._load()
        return self._value

    @property
    def data_type(self) -> str:
        self._load()
        assert self._data_type is not None
        return self._data_type


class FastSheet:
    def __init__(self, book: FastWorkbook, title: str, sheet: Sheet) -> None:
        self.book = book
        self.title = title
        self.sheet = sheet
        if sheet.xml.count("<c ") + sheet.xml.count("<c>") != len(sheet.cells):
            raise Unsupported("cells without coordinates")

    def __getitem__(self, ref: str) -> Any:
        parts = ref.upper().replace("$", "").split(":")
        a = parse_ref(f"x!{parts[0]}") if len(parts) == 1 else parse_ref(f"x!{parts[0]}:{parts[1]}")
        if a is None:
            raise Unsupported(ref)
        if len(parts) == 1:
            return FastCell(self, parts[0])
        return tuple(tuple(FastCell(self, c) for c in row) for row in Ref("x", a.col0, a.row0, a.col1, a.row1).cells())

    def decode(self, coord: str) -> tuple[Any, str]:
        span = self.sheet.cells.get(coord)
        if span is None:
            return None, "n"
        start, end, style = span
        element = self.sheet.xml[start:end]
        head = element[:element.index(">") + 1]
        kind_match = _KIND.search(head)
        kind = kind_match.group(1) if kind_match else "n"
        body = element[len(head):]
        formula = _F.search(body)
        if formula is not None:
            if formula.group(1) and "t=" in formula.group(1):
                raise Unsupported("shared or array formula")
            return "=" + _xml_text(formula.group(2) or ""), "f"
        if kind == "inlineStr":
            node = _IS.search(body)
            return (_runs(node.group(1)) if node else None), "s" if node else "n"
        value = _V.search(body)
        raw = _xml_text(value.group(1)) if value and value.group(1) else ""
        if not raw:
            return None, "s" if kind in ("s", "str") else kind
        if kind == "s":
            return self.book.strings[int(raw)], "s"
        if kind == "str":
            return raw, "s"
        if kind == "b":
            return bool(int(raw)), "b"
        if kind == "e":
            return raw, "e"
        if kind == "d":
            raise Unsupported("ISO date cell")
        number: int | float = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
        if style and self.book.is_date(style):
            return _from_excel(number), "d"
        return number, "n"


def _xml_text(text: str) -> str:
    """Character data as an XML parser returns it: line ends normalised, references resolved."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return html.unescape(text) if "&" in text else text


def _runs(body: str) -> str:
    """The text of an ``<is>`` or ``<si>`` body: plain or rich runs, phonetic runs left out."""
    body = _RPH.sub("", body)
    return "".join(_xml_text(m.group(1) or "") for m in _T.finditer(body))


def _text(node: Any) -> str:
    """The text of an ``<is>`` or ``<si>`` element: plain or rich runs, phonetic runs left out."""
    out = []
    for child in node:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "t":
            out.append(child.text or "")
        elif tag == "r":
            out.append(next((t.text or "" for t in child if t.tag.rsplit("}", 1)[-1] == "t"), ""))
    return "".join(out)


def _from_excel(value: float) -> datetime.datetime:
    from openpyxl.utils.datetime import from_excel

    result = from_excel(value)
    if not isinstance(result, datetime.datetime):
        raise Unsupported("time of day")
    return result


class FastWorkbook:
    def __init__(self, data: bytes) -> None:
        package = Package(data)
        wb_xml = package.workbook_xml
        if "date1904" in wb_xml and re.search(r'date1904="(1|true)"', wb_xml):
            raise Unsupported("1904 date system")
        # A sheet's print titles (_xlnm.Print_Titles) are sheet-scoped and harmless; any other local name
        # could shadow a workbook name.
        if re.search(r'<definedName (?![^>]*name="_xlnm\.)[^>]*localSheetId', wb_xml):
            raise Unsupported("sheet-scoped names")
        self.parts = package.parts
        self.sheetnames = list(package.sheets)
        self._sheets = {name: FastSheet(self, name, s) for name, s in package.sheets.items()}
        self.defined_names = {name: FastName(text, self.sheetnames) for name, text in package.names.items()}
        self._strings: list[str] | None = None
        self._dates: set[str] | None = None

    def __getitem__(self, title: str) -> FastSheet:
        return self._sheets[title]

    @property
    def strings(self) -> list[str]:
        if self._strings is None:
            data = self.parts.get("xl/sharedStrings.xml")
            if data is None:
                self._strings = []
            else:
                root = ElementTree.fromstring(data)
                self._strings = [_text(si).replace("x005F_", "") for si in root.iter(f"{NS}si")]
        return self._strings

    def is_date(self, style: str) -> bool:
        if self._dates is None:
            from openpyxl.styles.numbers import is_date_format

            styles = ElementTree.fromstring(self.parts["xl/styles.xml"])
            formats = {int(n.get("numFmtId") or 0): n.get("formatCode") or "" for n in styles.iter(f"{NS}numFmt")}
            xfs = styles.find(f"{NS}cellXfs")
            dates = set()
            for i, xf in enumerate(xfs if xfs is not None else []):
                fid = int(xf.get("numFmtId", "0"))
                if fid in _DATE_IDS or (fid in formats and is_date_format(formats[fid])):
                    dates.add(str(i))
            self._dates = dates
        return style in self._dates


def open_fast(data: bytes) -> FastWorkbook:
    """The fast view; ``Unsupported`` means: use openpyxl."""
    try:
        return FastWorkbook(data)
    except Unsupported:
        raise
    except Exception as exc:  # anything unusual in the package: openpyxl will say what
        raise Unsupported(str(exc)) from None


__all__ = ["FastWorkbook", "Unsupported", "col_index", "open_fast"]
