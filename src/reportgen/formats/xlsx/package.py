"""The .xlsx package layer shared by the writer and the reader.

A workbook is a zip of XML parts. This module opens one safely (sizes, zip
bombs, DTDs refused), indexes each worksheet's cells (where each ``<c>``
element starts and ends), parses defined names and cell references, and builds
a zip from parts deflated once. It knows spreadsheets, not reports.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from posixpath import join, normpath

from defusedxml import ElementTree

from ...errors import ReportError
from ...types import show, xml_problem
from ..zipparts import DOS_DATE as DOS_DATE  # the zip layer, shared with the Word writer
from ..zipparts import build_zip as build_zip
from ..zipparts import pack as pack

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

CELL = re.compile(r'<c r="([A-Z]{1,3})(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
ROW = re.compile(r'<row r="(\d+)"[^>]*?(?:/>|>.*?</row>)', re.S)
STYLE = re.compile(r'\ss="(\d+)"')
REF = re.compile(r"(\$?)([A-Z]{1,3})(\$?)(\d+)")
NAME = re.compile(r'(<definedName [^>]*name="([^"]+)"[^>]*(?<!/)>)(.*?)(</definedName>)', re.S)
"""A defined name with its text; an empty ``<definedName …/>`` is no name (and must not swallow the next)."""
SHEET_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$")

MAX_UNPACKED = 200 * 1024 * 1024
"""Largest total size of a workbook's parts once unzipped (a form is some 100 KB)."""
MAX_RATIO = 100
"""Largest unzipped-to-zipped size ratio accepted (a form's is about 8)."""
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Ref:
    """Where a defined name points: a sheet and a cell or a rectangular range."""

    sheet: str
    col0: int
    row0: int
    col1: int
    row1: int

    def cells(self) -> list[list[str]]:
        """Coordinates, row by row."""
        return [[f"{col_letter(c)}{r}" for c in range(self.col0, self.col1 + 1)]
                for r in range(self.row0, self.row1 + 1)]

    @property
    def first(self) -> str:
        return _first(self.col0, self.row0)


@lru_cache(maxsize=4096)
def _first(col: int, row: int) -> str:
    return f"{col_letter(col)}{row}"


def col_letter(index: int) -> str:
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def parse_ref(text: str) -> Ref | None:
    """'表三'!$D$5 or '报告正文'!$B$4:$B$7 -> Ref; None for anything else (constants, #REF!)."""
    m = SHEET_REF.match(text.strip())
    if not m:
        return None
    sheet = (m.group(1) or "").replace("''", "'") or (m.group(2) or "")
    cells = [REF.fullmatch(p) for p in m.group(3).split(":")]
    if not cells or len(cells) > 2 or not all(cells):
        return None
    a, b = cells[0], cells[-1]
    assert a and b
    c0, r0, c1, r1 = col_index(a.group(2)), int(a.group(4)), col_index(b.group(2)), int(b.group(4))
    return Ref(sheet, min(c0, c1), min(r0, r1), max(c0, c1), max(r0, r1))


def format_ref(ref: Ref) -> str:
    sheet = "'" + ref.sheet.replace("'", "''") + "'"
    a = f"${col_letter(ref.col0)}${ref.row0}"
    if (ref.col0, ref.row0) == (ref.col1, ref.row1):
        return f"{sheet}!{a}"
    return f"{sheet}!{a}:${col_letter(ref.col1)}${ref.row1}"


def escape(text: str) -> str:
    """Text as XML character data; a character XML cannot hold is refused, never written."""
    problem = xml_problem(text)
    if problem:
        raise ReportError.single(None, "", f"文字「{show(text)}」{problem}")
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def unescape(text: str) -> str:
    return text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&amp;", "&")


def widths_of(xml: str) -> dict[str, float]:
    """Column letter -> width (in characters) from the sheet's ``<cols>``."""
    out = {}
    for m in re.finditer(r'<col\s[^>]*?min="(\d+)"[^>]*?max="(\d+)"[^>]*?/?>', xml):
        width = re.search(r'width="([\d.]+)"', m.group(0))
        if width:
            for i in range(int(m.group(1)), min(int(m.group(2)), 64) + 1):
                out[col_letter(i)] = float(width.group(1))
    return out


@dataclass
class Sheet:
    part: str
    xml: str
    cells: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    """coordinate -> (start, end, style) of its ``<c>`` element."""
    _widths: dict[str, float] | None = None

    @property
    def widths(self) -> dict[str, float]:
        if self._widths is None:
            self._widths = widths_of(self.xml)
        return self._widths

    def index(self) -> None:
        self._widths = None
        self.cells = {}
        for m in CELL.finditer(self.xml):
            style = STYLE.search(m.group(3))
            self.cells[m.group(1) + m.group(2)] = (m.start(), m.end(), style.group(1) if style else "")



_SPACED_TAG = re.compile(r"<(/?[A-Za-z_][\w:.-]*)\s+(/?)>")


def tidy(xml: str) -> str:
    """Tags written ``<v >`` or ``</t >`` (well-formed, but not what Excel writes) as ``<v>`` and ``</t>``.

    The regular expressions that index a sheet expect Excel's spelling: a spaced
    end tag would leave them scanning to the end of the text for every cell.
    """
    return _SPACED_TAG.sub(r"<\1\2>", xml) if " >" in xml or "\t>" in xml or "\n>" in xml or "\r>" in xml else xml


class Package:
    """The parts of an .xlsx file, its worksheets indexed and its defined names parsed."""

    def __init__(self, data: bytes, source: str = "模板") -> None:
        self.source = source
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                self.parts = {info.filename: zf.read(info) for info in zf.infolist()}
        except (zipfile.BadZipFile, OSError):
            raise ReportError.single(source, "", "模板不是有效的 .xlsx 文件（不是 Excel 工作簿，"
                                     "或文件已损坏）") from None
        try:
            self.workbook_xml = tidy(self.parts["xl/workbook.xml"].decode("utf-8"))
            self.sheets: dict[str, Sheet] = {}
            for name, part in self._sheet_parts().items():
                sheet = Sheet(part, tidy(self.parts[part].decode("utf-8")))
                sheet.index()
                self.sheets[name] = sheet
        except KeyError as exc:
            raise ReportError.single(source, "", f"模板不是可用的 Excel 工作簿（缺少 {exc.args[0]}）") from None
        except (UnicodeDecodeError, ElementTree.ParseError):
            raise ReportError.single(source, "", "模板不是可用的 Excel 工作簿（其中的 XML 已损坏，无法解析）") from None
        self.names = {m.group(2): unescape(m.group(3)) for m in NAME.finditer(self.workbook_xml)}

    def _sheet_parts(self) -> dict[str, str]:
        rels = ElementTree.fromstring(self.parts["xl/_rels/workbook.xml.rels"])
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PKG_REL_NS}Relationship")}
        out = {}
        for sheet in ElementTree.fromstring(self.workbook_xml.encode()).iter(f"{NS}sheet"):
            target = targets[sheet.get(f"{REL_NS}id")] or ""
            path = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
            out[sheet.get("name") or ""] = path
        return out


def check_package(data: bytes, source: str) -> None:
    """Refuse what is not a readable .xlsx package, with a message a clerk understands."""
    if data.startswith(OLE_MAGIC):
        raise ReportError.single(source, "", "这不是 .xlsx 工作簿：文件设置了打开密码，"
                                 "或是旧版 Excel 97-2003（.xls）格式。请在表格软件中取消密码，"
                                 "并另存为“Excel 工作簿（.xlsx）”后再试。")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReportError.single(source, "", "这不是 Excel 工作簿（.xlsx），或文件已损坏、不完整（例如未下载完）。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError):
        raise ReportError.single(source, "", "Excel 工作簿已损坏或不完整，无法打开。") from None
    if unpacked > MAX_UNPACKED:
        raise ReportError.single(source, "", f"工作簿解压后过大（{unpacked / 1048576:.0f} MB），"
                                 f"上限为 {MAX_UNPACKED // 1048576} MB；填报表只需几十 KB，请确认文件无误。")
    if unpacked > MAX_RATIO * len(data) and unpacked > 10 * 1024 * 1024:
        raise ReportError.single(source, "", f"工作簿解压后（{unpacked / 1048576:.0f} MB）与文件大小"
                                 f"（{len(data) / 1024:.0f} KB）不成比例，可能是压缩炸弹，已拒绝读取。")
    refuse_dtd(data, source)


def refuse_dtd(data: bytes, source: str) -> None:
    """No part of a spreadsheet needs a DTD; one with entities is an XXE or expansion attack."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if not info.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                body = zf.read(info)
                if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
                    raise ReportError.single(source, "", f"工作簿中的 {info.filename} 含有文档类型定义或实体声明"
                                             "（DTD/ENTITY），正常的表格文件不会有，可能是恶意构造的文件，已拒绝读取。")
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise ReportError.single(source, "", "Excel 工作簿已损坏或不完整，无法打开。") from None



