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
from collections.abc import Callable, Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from lxml import etree

from ...editions import Edition, Field
from ...editions.spec import Table
from ..display import cell_tag

# Faces named in the document, and what Word may substitute (w:altName).
FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
ALT_NAMES = {FANGSONG: "仿宋", XIAOBIAOSONG: "宋体", HEITI: "SimHei", KAITI: "楷体", SONGTI: "SimSun"}
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NO_PT = 16, 22, 10.5, 14
LINE_PT = 28.9  # 22 lines in the 225 mm text block
TEXT_WIDTH_MM = 156
TABLE_LINE_PT = 15
FIGURE_SCALE = 85
CELL_MARGIN_TWIPS = {"top": 10, "bottom": 10, "left": 30, "right": 30}


# --- fonts and styles -------------------------------------------------------

def set_fonts(rpr_parent: Any, face: str, size: float | None = None, bold: bool | None = None) -> None:
    """Name ``face`` for East-Asian and Latin text of a style or run, zh-CN language."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), face)
    fonts.set(qn("w:hint"), "eastAsia")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f'<w:lang {nsdecls("w")}/>')
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = parse_xml(f'<{tag} {nsdecls("w")}/>')
                rpr.append(el)
            el.set(qn("w:val"), str(round(size * 2)))
    if bold is not None:
        b = rpr.find(qn("w:b"))
        if b is None:
            rpr.append(parse_xml(f'<w:b {nsdecls("w")} w:val="{int(bold)}"/>'))


def indent_chars(pf_element: Any, first_line: int = 0, left: int = 0, right: int = 0, pt: float = BODY_PT) -> None:
    """Indents in characters (w:*Chars, which Word honours) with twips for other readers."""
    ppr = pf_element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = parse_xml(f'<w:ind {nsdecls("w")}/>')
        ppr.append(ind)
    for name, chars in (("firstLine", first_line), ("left", left), ("right", right)):
        if chars:
            ind.set(qn(f"w:{name}Chars"), str(chars * 100))
            ind.set(qn(f"w:{name}"), str(round(chars * pt * 20)))


def paragraph_style(doc: DocumentObject, style_id: str, name: str, face: str, size: float,
                    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY, line: float = LINE_PT, first_line: int = 2,
                    outline: int | None = None, keep_next: bool = False) -> Any:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    set_fonts(style.element, face, size)
    pf = style.paragraph_format
    pf.alignment = align
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line)
    pf.space_before = pf.space_after = Pt(0)
    pf.keep_with_next = keep_next
    if first_line:
        indent_chars(style.element, first_line=first_line, pt=size)
    else:
        pf.first_line_indent = Pt(0)
    if outline is not None:
        style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{outline}"/>'))
    return style


def setup_styles(doc: DocumentObject) -> None:
    styles = doc.styles.element
    keep = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"}
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in keep:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FANGSONG)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.attrib.clear()
    spacing.set(qn("w:after"), "0")

    normal = doc.styles["Normal"]
    set_fonts(normal.element, FANGSONG, BODY_PT)
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PT)
    pf.widow_control = False
    indent_chars(normal.element, first_line=2)

    paragraph_style(doc, "ReportTitle", "报告标题", XIAOBIAOSONG, TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER,
                    line=36, first_line=0)
    paragraph_style(doc, "Heading1", "一级标题", HEITI, BODY_PT, outline=0, keep_next=True)
    paragraph_style(doc, "Heading2", "二级标题", KAITI, BODY_PT, outline=1, keep_next=True)
    paragraph_style(doc, "Signature", "落款", FANGSONG, BODY_PT, WD_ALIGN_PARAGRAPH.RIGHT, first_line=0,
                    keep_next=True)
    indent_chars(doc.styles["落款"].element, right=2)
    paragraph_style(doc, "TableText", "表格文字", FANGSONG, TABLE_PT, WD_ALIGN_PARAGRAPH.CENTER,
                    line=TABLE_LINE_PT, first_line=0)
    label = paragraph_style(doc, "TableLabel", "表格项目", FANGSONG, TABLE_PT, WD_ALIGN_PARAGRAPH.LEFT,
                            line=TABLE_LINE_PT, first_line=0)
    label.base_style = doc.styles["表格文字"]
    label.paragraph_format.left_indent = label.paragraph_format.right_indent = Pt(2)  # off the rules
    # Figures in the narrow columns of Tables 3 and 4: characters at 85 % width, so that a
    # five-digit figure stays on one line.
    figures = paragraph_style(doc, "TableFigure", "表格数字", FANGSONG, TABLE_PT, WD_ALIGN_PARAGRAPH.CENTER,
                              line=TABLE_LINE_PT, first_line=0)
    figures.base_style = doc.styles["表格文字"]
    figures.element.get_or_add_rPr().append(parse_xml(f'<w:w {nsdecls("w")} w:val="{FIGURE_SCALE}"/>'))
    paragraph_style(doc, "RaggedBody", "正文左对齐", FANGSONG, BODY_PT, WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style(doc, "DraftMark", "草稿标记", HEITI, BODY_PT, WD_ALIGN_PARAGRAPH.CENTER, line=18,
                    first_line=0)
    paragraph_style(doc, "PageNumber", "页码", SONGTI, PAGE_NO_PT, WD_ALIGN_PARAGRAPH.RIGHT, line=18,
                    first_line=0)
    # Section 六 and the blank line keep with the signature, which never stands alone on a page.
    paragraph_style(doc, "Closing", "其他事项", FANGSONG, BODY_PT, keep_next=True)
    run_in = doc.styles.add_style("二级标题字符", WD_STYLE_TYPE.CHARACTER)
    run_in.element.set(qn("w:styleId"), "Heading2Char")
    set_fonts(run_in.element, KAITI)


def setup_font_table(doc: DocumentObject) -> None:
    """Declare the official faces with Word's substitutes (w:altName) and the GB2312 charset."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            root = parse_xml(part.blob)
            for face, alt in ALT_NAMES.items():
                family = "modern" if face in (HEITI,) else "roman"
                root.append(parse_xml(
                    f'<w:font {nsdecls("w")} w:name="{face}"><w:altName w:val="{alt}"/>'
                    f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="default"/></w:font>'))
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def prune_package(doc: DocumentObject) -> None:
    """Drop the default template's parts a report does not need (thumbnail, stylesWithEffects…)."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml", "/webSettings")):
            doc.part.drop_rel(rel_id)
    pkg_rels = doc.part.package.rels
    for rel_id, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del pkg_rels[rel_id]


# --- schema order -----------------------------------------------------------

# Word refuses a document whose property elements are out of the schema's order
# (LibreOffice does not mind); elements added by hand are put in order at the end.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
           "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
           "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
           "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
           "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
           "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
             "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
}


def schema_order(root: Any) -> None:
    """Sort the children of every pPr, rPr and tblPr under ``root`` into the schema's order."""
    for tag, names in SCHEMA_ORDER.items():
        rank = {qn(f"w:{n}"): i for i, n in enumerate(names.split())}
        for el in root.iter(qn(f"w:{tag}")):
            children = list(el)
            ordered = sorted(children, key=lambda c: rank.get(c.tag, len(rank)))
            if ordered != children:
                for child in children:
                    el.remove(child)
                el.extend(ordered)


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


# --- tables -----------------------------------------------------------------

def new_table(doc: DocumentObject, rows: int, widths_mm: list[float]) -> DocxTable:
    table: DocxTable = doc.add_table(rows=rows, cols=len(widths_mm))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    total = round(sum(widths_mm) * 56.6929)
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    margins = "".join(f'<w:{side} w:w="{w}" w:type="dxa"/>' for side, w in CELL_MARGIN_TWIPS.items())
    tbl_pr.append(parse_xml(f'<w:tblCellMar {nsdecls("w")}>{margins}</w:tblCellMar>'))
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(width * 56.6929)))  # rounded down: never wider than the block
    for row in table.rows:
        row_props(row, cant_split=True)
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell.paragraphs[0].style = doc.styles["表格文字"]
    return table


def row_props(row: Any, cant_split: bool = False, header: bool = False) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split and tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    if header and tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def put(cell: _Cell, text: str, label: bool = False, figure: bool = False) -> None:
    p = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    p.text = text
    if label or figure:
        p.style = p.part.document.styles["表格项目" if label else "表格数字"]


def merge(table: DocxTable, r0: int, c0: int, r1: int, c1: int, text: str, label: bool = False) -> None:
    cell = table.cell(r0, c0)
    if (r0, c0) != (r1, c1):
        cell = cell.merge(table.cell(r1, c1))
    put(cell, text, label)


def keep_together(table: DocxTable, first: int = 0, last: int | None = None) -> None:
    """Keep rows ``first``..``last`` on one page: each but the last keeps with the next.

    When the rows are taller than a page, Word and LibreOffice break them anyway.
    """
    rows = list(table.rows)
    last = len(rows) - 1 if last is None else last
    for row in rows[first:last]:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def blocks_table(doc: DocumentObject, table: Table) -> None:
    """Table 2: under each article heading, a header row 信息内容 | columns, then rows."""
    width = max(len(b.columns) for b in table.blocks)
    label_mm = 48
    data_mm = (TEXT_WIDTH_MM - label_mm) / width
    rows = sum(2 + len(b.rows) for b in table.blocks)
    t = new_table(doc, rows, [label_mm] + [data_mm] * width)
    r = 0
    for block in table.blocks:
        merge(t, r, 0, r, width, block.heading or "")
        header = [(table.item_header or "", None), *((c.label, c) for c in block.columns)]
        lines = [*([(row.label, row)] for row in block.rows)]
        for i, (text, _) in enumerate(header):
            last = i == len(header) - 1
            merge(t, r + 1, i, r + 1, width if last else i, text)
        for k, (row_label, row) in enumerate(x[0] for x in lines):
            rr = r + 2 + k
            put(t.cell(rr, 0), row_label, label=True)
            for i, col in enumerate(block.columns, 1):
                last = i == len(block.columns)
                merge(t, rr, i, rr, width if last else i, f"{{{{ {cell_tag(table.key, row.key, col.key)} }}}}")
        keep_together(t, r, r + 1 + len(block.rows))  # a block stays whole; the table may break between
        r += 2 + len(block.rows)


def _runs(items: Sequence[Any], key: Callable[[Any], object]) -> list[tuple[object, int, int]]:
    """Consecutive runs of equal ``key(item)``: (value, first index, last index)."""
    out: list[tuple[object, int, int]] = []
    for i, item in enumerate(items):
        value = key(item)
        if out and out[-1][0] == value:
            out[-1] = (value, out[-1][1], i)
        else:
            out.append((value, i, i))
    return out


def grid_table(doc: DocumentObject, table: Table) -> None:
    """Table 3: corner and 申请人情况 header over the applicant columns; three label columns."""
    (block,) = table.blocks
    cols, rows = block.columns, block.rows
    label_mm = [8, 14, 58]
    data_mm = (TEXT_WIDTH_MM - sum(label_mm)) / len(cols)
    head = 3
    t = new_table(doc, head + len(rows), label_mm + [data_mm] * len(cols))
    merge(t, 0, 0, head - 1, 2, table.corner or "")
    merge(t, 0, 3, 0, 2 + len(cols), table.header or "")
    for parent, first, last in _runs(list(cols), lambda c: c.parent):
        if parent is None:
            for i in range(first, last + 1):
                merge(t, 1, 3 + i, 2, 3 + i, cols[i].label)
        else:
            merge(t, 1, 3 + first, 1, 3 + last, str(parent))
            for i in range(first, last + 1):
                put(t.cell(2, 3 + i), cols[i].label)
    for section, first, last in _runs(list(rows), lambda r: r.section):
        if section is not None:
            merge(t, head + first, 0, head + last, 0, str(section))
        for group, g_first, g_last in _runs(list(rows[first:last + 1]), lambda r: r.group):
            a, b = head + first + g_first, head + first + g_last
            if group is not None:
                merge(t, a, 1, b, 1, str(group))
            for k in range(g_first, g_last + 1):
                row = rows[first + k]
                rr = head + first + k
                start = 2 if group is not None else (1 if section is not None else 0)
                merge(t, rr, start, rr, 2, row.label, label=True)
    for k, row in enumerate(rows):
        for i, col in enumerate(cols):
            put(t.cell(head + k, 3 + i), f"{{{{ {cell_tag(table.key, row.key, col.key)} }}}}", figure=True)
    for tr in t.rows[:head]:
        row_props(tr, header=True)
    # Table 3 is most of a page: it flows on from Table 2 and, when it breaks, its header rows
    # repeat (rows never split). Keeping it whole would leave most of a page blank.


def column_groups_table(doc: DocumentObject, table: Table) -> None:
    """Table 4: the rows side by side as column groups, one data row."""
    (block,) = table.blocks
    cols, rows = block.columns, block.rows
    n = len(cols) * len(rows)
    t = new_table(doc, 4, [TEXT_WIDTH_MM / n] * n)
    for group, first, last in _runs(list(rows), lambda r: r.group):
        c0, c1 = first * len(cols), (last + 1) * len(cols) - 1
        if group is None:
            for k in range(first, last + 1):
                merge(t, 0, k * len(cols), 0, (k + 1) * len(cols) - 1, rows[k].label)
                for i, col in enumerate(cols):
                    merge(t, 1, k * len(cols) + i, 2, k * len(cols) + i, col.label)
        else:
            merge(t, 0, c0, 0, c1, str(group))
            for k in range(first, last + 1):
                merge(t, 1, k * len(cols), 1, (k + 1) * len(cols) - 1, rows[k].label)
                for i, col in enumerate(cols):
                    put(t.cell(2, k * len(cols) + i), col.label)
    for k, row in enumerate(rows):
        for i, col in enumerate(cols):
            put(t.cell(3, k * len(cols) + i), f"{{{{ {cell_tag(table.key, row.key, col.key)} }}}}", figure=True)
    for tr in t.rows[:3]:
        row_props(tr, header=True)
    keep_together(t)


LAYOUTS = {"blocks": blocks_table, "grid": grid_table, "column_groups": column_groups_table}


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
