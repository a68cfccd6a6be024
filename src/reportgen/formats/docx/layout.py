"""The layout of the Word template of an edition, built from its description with python-docx.

    template_bytes(edition) -> bytes     (tools/build_templates.py writes the shipped ones)

The layout follows GB/T 9704-2012 (see docs/word.md); every fixed label comes from
the edition description, and the data are docxtpl (Jinja) tags read from the
context of ``reportgen.formats.display``. Not imported when rendering.
"""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from ...editions import Edition, Field
from .styles import (  # noqa: F401 - re-exported: the builders of test templates use them
    BODY_PT,
    FANGSONG,
    PAGE_NO_PT,
    SCHEMA_ORDER,
    SONGTI,
    TEXT_WIDTH_MM,
    indent_chars,
    prune_package,
    schema_order,
    setup_font_table,
    setup_styles,
)
from .table_layout import LAYOUTS

# --- page -------------------------------------------------------------------

def page_number_paragraph(footer: Any, align: Any, indent_side: str) -> None:
    p = footer.paragraphs[0]
    p.style = "页码"
    p.alignment = align
    indent_chars(p._p, **{indent_side: 1}, pt=PAGE_NO_PT)
    rpr = f'<w:rPr><w:rFonts w:ascii="{SONGTI}" w:hAnsi="{SONGTI}" w:eastAsia="{SONGTI}"/></w:rPr>'
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{rpr}<w:t xml:space="preserve">— </w:t></w:r>'))
    p._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{rpr}<w:t xml:space="preserve"> —</w:t></w:r>'))


def setup_page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(21)
    doc.settings.odd_and_even_pages_header_footer = True
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    section.different_first_page_header_footer = False
    page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right")
    page_number_paragraph(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")
    for header in (section.header, section.even_page_header):
        header.paragraphs[0].style = "草稿标记"
        header.paragraphs[0].add_run("{{ draft }}")


# --- body -------------------------------------------------------------------

def para(doc: DocumentObject, text: str = "", style: str = "Normal") -> None:
    doc.add_paragraph(text, style=style)


def loop(doc: DocumentObject, seq: str, style: str = "Normal", var: str = "p") -> None:
    """One paragraph per item of the list ``seq``."""
    para(doc, f"{{%p for {var} in {seq} %}}")
    para(doc, f"{{{{ {var} }}}}", style)
    para(doc, "{%p endfor %}")


# --- narrative fields --------------------------------------------------------

def overview_layout(doc: DocumentObject, edition: Edition, field: Field, style: str) -> None:
    """Intro paragraphs, then each subsection: its （一） heading run in with its first paragraph."""
    loop(doc, f"{field.key}.intro", style)
    para(doc, f"{{%p for item in {field.key}.items %}}")
    p = doc.add_paragraph(style=style)
    p.add_run("{{ item.heading }}", style="二级标题字符")
    p.add_run("{{ item.first }}")
    loop(doc, "item.rest", style, var="q")
    para(doc, "{%p endfor %}")


def list_layout(doc: DocumentObject, edition: Edition, field: Field, style: str) -> None:
    """One paragraph per item, under the field's subheading when it has one and is not empty."""
    if field.heading:
        para(doc, f"{{%p if {field.key} %}}")
        para(doc, field.heading, "二级标题")
    loop(doc, field.key, style)
    if field.heading:
        para(doc, "{%p endif %}")


def fees_layout(doc: DocumentObject, edition: Edition, field: Field, style: str) -> None:
    """The edition's fixed fee sentence, its figures as tags, when fees are reported."""
    para(doc, f"{{%p if {field.key} %}}")
    para(doc, re.sub(r"\{(\w+)\}", rf"{{{{ {field.key}.\1 }}}}", edition.fees_sentence), style)
    para(doc, "{%p endif %}")


FIELD_LAYOUTS = {"overview": overview_layout, "items": list_layout, "paragraphs": list_layout, "fees": fees_layout}


def build(edition: Edition) -> DocumentObject:
    doc = Document()
    prune_package(doc)
    setup_styles(doc)
    setup_font_table(doc)
    setup_page(doc)
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    tables = {t.key: t for t in edition.tables}

    loop(doc, "title_lines", "报告标题", var="line")
    para(doc, "", "报告标题")
    para(doc, "{%p if draft_note %}")
    para(doc, "{{ draft_note }}", "草稿标记")
    para(doc, "{%p endif %}")
    # A paragraph with a long web address is left-aligned: justified, its line would spread apart.
    para(doc, "{%p for p in preamble_parts %}")
    para(doc, "{%p if p.ragged %}")
    para(doc, "{{ p.text }}", "正文左对齐")
    para(doc, "{%p else %}")
    para(doc, "{{ p.text }}")
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")
    for section in edition.sections:
        closing = section is edition.sections[-1]  # keeps with the signature
        style = "其他事项" if closing else "Normal"
        para(doc, section.heading, "一级标题")
        for key in section.parts:
            if key in tables:
                LAYOUTS[tables[key].layout](doc, tables[key])
                para(doc, "")
            else:
                FIELD_LAYOUTS[edition.field(key).kind](doc, edition, edition.field(key), style)
        if section.empty:
            para(doc, "{%p if " + " and ".join(f"not {k}" for k in section.parts) + " %}")
            para(doc, section.empty, style)
            para(doc, "{%p endif %}")
    para(doc, "", "其他事项")
    para(doc, "{{ signer }}", "落款")
    para(doc, "{%p if date %}")
    para(doc, "{{ date }}", "落款")
    para(doc, "{%p endif %}")
    props = doc.core_properties  # filled too: a report's File > Properties show its own title
    props.title, props.author, props.last_modified_by = "{{ title }}", "{{ signer }}", "{{ signer }}"
    props.subject = f"政府信息公开工作年度报告（{edition.key}版，{edition.notice}）"
    props.comments = props.keywords = props.category = ""
    props.revision = 1
    preserve_tag_spaces(doc)
    for root in (doc.element, doc.styles.element, *(f._element for s in doc.sections
                                                   for f in (s.footer, s.even_page_footer, s.header,
                                                             s.even_page_header))):
        schema_order(root)
    return doc


def preserve_tag_spaces(doc: DocumentObject) -> None:
    """xml:space="preserve" on every tag run, so that values keep their spaces."""
    for t in doc.element.body.iter(qn("w:t")):
        if t.text and "{{" in t.text:
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


FIXED_TIME = datetime.datetime(2025, 1, 1)


def template_bytes(edition: Edition) -> bytes:
    """The .docx template of an edition."""
    doc = build(edition)
    doc.core_properties.created = doc.core_properties.modified = FIXED_TIME
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
