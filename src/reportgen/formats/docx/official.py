"""Filling the official blank template (格式模板), as distributed: a .docx without tags.

    template = OfficialTemplate(data, edition, "格式模板.docx")   # mapped once; ReportError if incomplete
    template.render_bytes(report)                                # a filled copy, many times, in threads

The template is read the way a published report is (``reader.extract_document``,
``published.tables.place``): each table and each number cell is found by its
labels, whatever the merges, widths or spacing. Paragraphs are found by their
text: the title (…政府信息公开工作年度报告), the six headings, and the
placeholders 「（文字描述）」. Filling writes text only, into the template's own
paragraphs and runs: fonts, widths, borders and page setup stay as they were.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

import docx
from docx.oxml.ns import qn
from lxml import etree

from ...editions import Edition
from ...editions.blank import PLACEHOLDER_PATTERN, TEMPLATE_TITLE
from ...errors import Problem, ReportError
from ...fileio import read_input, write_bytes
from ..base import TemplateMapping
from ..published.grid import clean_text
from ..published.labels import LabelMatcher, normalize
from ..published.tables import detect_edition, place
from .engine import MAX_TEMPLATE_BYTES, check_parts
from .official_text import section_paragraphs, signature_paragraphs
from .official_xml import replace_placeholder, set_cell_text, set_paragraph_text
from .reader import body_blocks, extract_document, paragraph_text

if TYPE_CHECKING:
    from ...model import Report

CellKey = tuple[str, str, str]
DOCUMENT, CORE = "word/document.xml", "docProps/core.xml"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def is_tagless(data: bytes) -> bool:
    """Whether a .docx has no template tags ({{ }} or {% %}) in its body: the official blank template."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    return "{{" not in xml and "{%" not in xml


@dataclass
class TemplateMap:
    """Where each part of a report goes in a tag-less template, by position in its document.xml."""

    edition: Edition
    detected: Edition | None
    cells: dict[CellKey, list[int]] = field(default_factory=dict)
    """Each table cell -> indexes of its ``<w:tc>`` among all of the body's."""
    cell_places: dict[CellKey, str] = field(default_factory=dict)
    title: int | None = None
    """Index of the title paragraph among the body's paragraphs (``body_paragraphs``)."""
    headings: dict[int, int] = field(default_factory=dict)
    """Section index -> its heading paragraph."""
    placeholders: dict[int, list[int]] = field(default_factory=dict)
    """Section index (-1: before the first heading) -> its placeholder paragraphs."""
    missing: list[Problem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def body_paragraphs(body: Any) -> list[Any]:
    """The paragraphs directly in the body (through content controls), in order."""
    return [b for b in body_blocks(body) if b.tag == qn("w:p")]


def map_template(d: Any, edition: Edition, source: str) -> TemplateMap:
    """Find every table cell, the title, the headings and placeholders of an opened template."""
    doc = extract_document(d, source)
    body = d.element.body
    out = TemplateMap(edition, detect_edition(doc.grids))
    tcs = {tc: i for i, tc in enumerate(body.iter(qn("w:tc")))}
    placement = place(doc.grids, edition, blank=True)
    for f in placement.found:
        key = (f.table, f.row, f.col)
        if f.cell.ref is not None and tcs[f.cell.ref] not in out.cells.get(key, []):
            out.cells.setdefault(key, []).append(tcs[f.cell.ref])
            out.cell_places.setdefault(key, f.cell.where)
    for table in edition.tables:
        for row in table.rows:
            cols = [c for c in table.columns_of(row.key) if (table.key, row.key, c.key) not in out.cells]
            if len(cols) == len(table.columns_of(row.key)) and len(cols) > 1:
                out.missing.append(Problem(table.describe(row.key), "未找到这一行", table.name))
                continue
            out.missing += [Problem(table.describe(row.key, c.key), "未找到这一格", table.name) for c in cols]
    _paragraphs(body, edition, out)
    return out


def _paragraphs(body: Any, edition: Edition, out: TemplateMap) -> None:
    headings = LabelMatcher((str(i), s.heading) for i, s in enumerate(edition.sections))
    current = -1
    for i, p in enumerate(body_paragraphs(body)):
        text = clean_text(paragraph_text(p))
        if not text:
            continue
        if PLACEHOLDER_PATTERN.match(text):
            out.placeholders.setdefault(current, []).append(i)
            continue
        m = headings.match(text) if len(text) <= 40 else None
        if m is not None and m.how in ("exact", "enumerator", "synonym") and int(m.key or 0) not in out.headings:
            current = int(m.key or 0)
            out.headings[current] = i
        elif current == -1 and out.title is None and normalize(TEMPLATE_TITLE) in normalize(text):
            out.title = i
    if out.title is None:
        out.missing.append(Problem("标题", f"未找到标题（以「{TEMPLATE_TITLE}」结尾的段落）", "标题"))
    tables = {t.key for t in edition.tables}
    for k, section in enumerate(edition.sections):
        if k not in out.headings:
            out.missing.append(Problem(section.heading, f"未找到标题「{section.heading}」", section.heading))
        elif not set(section.parts) <= tables and k not in out.placeholders:
            out.missing.append(Problem(section.heading, f"「{section.heading}」下未找到占位段落「（文字描述）」",
                                       section.heading))


class OfficialTemplate:
    """A tag-less template of one edition, mapped once; ``render_bytes`` may run in several threads."""

    def __init__(self, template: str | os.PathLike[str] | bytes | IO[bytes], edition: Edition,
                 source: str | None = None) -> None:
        if isinstance(template, str | os.PathLike):
            source = source or str(template)
        data = template if isinstance(template, bytes) else read_input(template, MAX_TEMPLATE_BYTES)
        self.source = source or "模板"
        self.data = data
        self.edition = edition
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zin:
                check_parts(zin, self.source)  # the limits a tagged template has: size unpacked, macros
            d = docx.Document(io.BytesIO(data))
        except ReportError:
            raise
        except Exception:  # python-docx and zipfile raise several kinds for a damaged package
            raise ReportError([Problem("", "不是有效的 Word 文档（.docx），无法打开")], self.source) from None
        self.map = map_template(d, edition, self.source)
        if not self.map.complete:
            raise ReportError(self._refusal(), self.source)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:  # filled at the level of the XML: only these change
            self.document_xml = zf.read(DOCUMENT)
            self.core_xml = zf.read(CORE) if CORE in zf.namelist() else None

    def _refusal(self) -> list[Problem]:
        head = f"这是不带标签的格式模板，但有 {len(self.map.missing)} 处未能按标签找到，未生成报告"
        detected = self.map.detected
        if detected is not None and detected is not self.edition:
            head += f"（模板像是{detected.key}版格式，报告是{self.edition.key}版）"
        return [Problem("", head + "："), *self.map.missing]

    def render_bytes(self, report: Report) -> bytes:
        if report.spec is not self.edition:
            mismatch = f"模板按{self.edition.key}版映射，报告是{report.spec.key}版"
            raise ReportError([Problem("edition", mismatch, "版本")], self.source)
        report.ensure_renderable()  # a text Word cannot hold: the same Chinese message as the shipped template gives
        root = etree.fromstring(self.document_xml)
        fill(root.find(qn("w:body")), self.map, report)
        parts = {DOCUMENT: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)}
        if self.core_xml is not None:
            parts[CORE] = _titled(self.core_xml, report.title_text)
        return _replace_parts(self.data, parts)

    def render(self, report: Report, dest: str | os.PathLike[str] | IO[bytes]) -> None:
        write_bytes(dest, self.render_bytes(report))


def _titled(core_xml: bytes, title: str) -> bytes:
    """The package's core properties with ``title`` (File > Properties shows the report's own)."""
    root = etree.fromstring(core_xml)
    node = root.find(_DC_TITLE)
    if node is None:
        node = etree.SubElement(root, _DC_TITLE)
    node.text = title
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def _replace_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """A copy of the package ``data`` with ``parts`` replaced, every other part as it was."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, parts.get(info.filename, src.read(info.filename)), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def fill(body: Any, mapping: TemplateMap, report: Report) -> None:
    """Write the report into the body of a fresh copy of the mapped template."""
    from ..display import format_number

    tcs = list(body.iter(qn("w:tc")))
    for (table_key, row_key, col_key), places in mapping.cells.items():
        table = report.spec.table(table_key)
        col = table.column(row_key, col_key)
        text = format_number(report.cell(table_key, row_key, col_key), col, report.unit(table_key, row_key, col))
        for i in places:
            set_cell_text(tcs[i], text)
    paras = body_paragraphs(body)
    if mapping.title is not None:
        set_paragraph_text(paras[mapping.title], report.title_text)
    last = max(mapping.placeholders)
    for k, places in mapping.placeholders.items():
        texts = section_paragraphs(report, k)
        signature = signature_paragraphs(report) if k == last else []
        replace_placeholder(paras[places[0]], texts + signature, right_from=len(texts) if signature else None)
        for i in places[1:]:
            paras[i].getparent().remove(paras[i])


def describe(mapping: TemplateMap) -> tuple[list[str], list[str]]:
    """(found, missing) as lines a clerk reads: each part and where it is in the template."""
    edition = mapping.edition
    found: list[str] = []
    if mapping.title is not None:
        found.append(f"标题：第{mapping.title + 1}段")
    for k, section in enumerate(edition.sections):
        if k in mapping.headings:
            line = f"{section.heading}：第{mapping.headings[k] + 1}段"
            if k in mapping.placeholders:
                line += "，文字填入第" + "、".join(str(i + 1) for i in mapping.placeholders[k]) + "段"
            found.append(line)
    if -1 in mapping.placeholders:
        found.append(f"导语：第{mapping.placeholders[-1][0] + 1}段")
    for table in edition.tables:
        keys = [(table.key, r.key, c.key) for r, c in table.cells()]
        hits = [k for k in keys if k in mapping.cells]
        grids = dict.fromkeys(mapping.cell_places[k].split("第", 2)[1] for k in hits)
        where = "、".join(f"第{g}" for g in grids)
        found.append(f"{table.name}：{len(hits)}/{len(keys)} 格" + (f"（{where}）" if where else ""))
    return found, [f"{p.path}：{p.message}" if p.path else p.message for p in mapping.missing]


def map_file(path: str, edition_key: str | None) -> TemplateMapping | None:
    """The mapping of a template file without tags (None when it has tags); the edition is
    detected from the tables' labels when not given."""
    from ...editions import get_edition

    data = read_input(path)
    if not is_tagless(data):
        return None
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise ReportError([Problem("", f"无法作为 Word 文件打开：{exc}")], path) from None
    edition = get_edition(edition_key) if edition_key else detect_edition(extract_document(d, path).grids)
    if edition is None:
        raise ReportError([Problem("", "未找到表二、表三、表四的标签，无法判断格式版本（可用 --edition 指定）")], path)
    mapping = map_template(d, edition, path)
    found, missing = describe(mapping)
    return TemplateMapping(edition.key, found, missing)
