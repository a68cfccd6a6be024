"""Portal pages (HTML pasted from Word into a CMS, or saved by Word/LibreOffice) and .mhtml.

Decoding: BOM, then the charset a <meta> declares, then UTF-8, then GB18030
(a superset of GB2312 and GBK). Scripts, styles and navigation are dropped; the
text of a table cell is its text content with whitespace and &nbsp; collapsed
(a label broken by <br> or split across runs joins back together).
"""

from __future__ import annotations

import copy
import email
import email.policy
import re

import lxml.html
from lxml import etree

from ...editions.blank import TEMPLATE_TITLE
from ..published.grid import Document, Grid, GridBuilder, Paragraph, clean_text

_DROP_TAGS = ("script", "style", "noscript", "nav", "iframe", "select", "button", "form", "head")
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article",
                    "center", "blockquote", "td", "th", "tr", "ul", "ol", "dl", "dd", "dt", "pre"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_GLUE = re.compile(r"(?<=[^A-Za-z]) (?=[^A-Za-z])")
"""A space in a cell between runs of Chinese or digits is the source's line break, not text."""
_NAV = re.compile(r"(^|[\s_-])(nav|menu|breadcrumb|crumb|footer|header|sidebar|share)([\s_-]|$)", re.I)


def decode(data: bytes) -> str:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    m = _CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii").lower()
        if enc in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
            enc = "gb18030"
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _from_mhtml(data: bytes) -> bytes:
    """The first text/html part of a MIME archive (quoted-printable or base64 decoded)."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                if charset and b"charset" not in payload[:4096].lower():
                    return payload.decode(charset, errors="replace").encode("utf-8")
                return payload
    return data


def extract(data: bytes, source: str) -> Document:
    if data.lstrip()[:200].lower().startswith(b"mime-version") or b"\nMIME-Version:" in data[:2000]:
        data = _from_mhtml(data)
    root = lxml.html.document_fromstring(decode(data) or "<html></html>")
    titles = [clean_text(t.text_content()) for t in root.iter("title", "h1", "h2")]
    for el in list(root.iter(*_DROP_TAGS, etree.Comment)):
        _remove(el)
    for el in list(root.iter("div", "ul", "header", "footer", "aside")):
        cls = f"{el.get('class', '')} {el.get('id', '')}"
        if el.getparent() is not None and _NAV.search(cls) and not el.xpath(".//table") and not _titled(el, cls):
            _remove(el)
    doc = Document(source, [t for t in titles if t])
    _walk(root.find("body") if root.find("body") is not None else root, doc, [0, 0])  # tables, paragraphs
    return doc


def _titled(el: etree._Element, cls: str) -> bool:
    """A page's header (「article-header」) that holds the report's title, which is kept."""
    return "header" in cls.lower() and TEMPLATE_TITLE in re.sub(r"\s+", "", el.text_content())


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:  # keep the text after a dropped element
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _walk(el: etree._Element, doc: Document, counter: list[int]) -> None:
    """Paragraphs and tables in document order; <br> in body text separates paragraphs.

    A table holding other tables is page layout: its cells are walked, not gridded."""
    pending: list[str] = [el.text or ""]

    def flush() -> None:
        text = clean_text("".join(pending))
        if text:
            counter[1] += 1
            doc.blocks.append(Paragraph(text, f"第{counter[1]}段"))
        pending.clear()

    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "table" and not child.xpath(".//table"):
            flush()
            counter[0] += 1
            doc.blocks.append(_grid(child, counter[0]))
        elif tag == "br":
            flush()
        elif tag in _BLOCK or tag in ("table", "tbody", "thead") or child.xpath(".//table"):
            flush()
            _walk(child, doc, counter)
        else:
            pending.append(_inline_text(child))
            pending.append(child.tail or "")
            continue
        pending.append(child.tail or "")
    flush()


def _inline_text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _grid(table: etree._Element, n: int) -> Grid:
    where = f"第{n}个表格"
    b = GridBuilder(where)
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    for tr in rows:
        b.new_row()
        for td in tr.xpath("./td|./th"):
            text = _GLUE.sub("", clean_text(_cell_text(td)))
            b.add(text, _span(td.get("rowspan")), _span(td.get("colspan")))
    return b.grid()


def _cell_text(td: etree._Element) -> str:
    """Text content, without nested tables' text; <br> and paragraph breaks join labels."""
    if td.xpath(".//table"):
        td = copy.deepcopy(td)
        for nested in td.xpath(".//table"):
            nested.getparent().remove(nested)
    return "".join(td.itertext())


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1
