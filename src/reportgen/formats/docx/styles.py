"""Styles of the shipped Word template: the faces, sizes and spacing of GB/T 9704, the font table,
and the schema order of property elements (Word reports unreadable content otherwise).

Used by ``layout`` (which builds the template); not imported when rendering.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from lxml import etree

# Faces named in the document, and what Word may substitute (w:altName).
FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
ALT_NAMES = {FANGSONG: "仿宋", XIAOBIAOSONG: "宋体", HEITI: "SimHei", KAITI: "楷体", SONGTI: "SimSun"}
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NO_PT = 16, 22, 10.5, 14
LINE_PT = 28.9  # 22 lines in the 225 mm text block
TEXT_WIDTH_MM = 156
TABLE_LINE_PT = 14
FIGURE_SCALE = 85
CELL_MARGIN_TWIPS = {"top": 10, "left": 30, "bottom": 10, "right": 30}
"""In the schema's order of ``w:tblCellMar`` (top, start, left, bottom, end, right): Word reports
unreadable content for any other."""
BODY_SPACING_TWIPS = -5
"""Character spacing of the body, in twentieths of a point: 16 pt characters at 15.75 pt fit
28 to the 156 mm line (GB/T 9704: 28 characters a line), where plain 16 pt fit 27."""


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


def character_spacing(style_element: Any, twips: int) -> None:
    """Set a style's character spacing (``w:spacing`` of its run properties), in twentieths of a point."""
    rpr = style_element.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    rpr.append(parse_xml(f'<w:spacing {nsdecls("w")} w:val="{twips}"/>'))


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
    character_spacing(normal.element, BODY_SPACING_TWIPS)

    title = paragraph_style(doc, "ReportTitle", "报告标题", XIAOBIAOSONG, TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER,
                            line=36, first_line=0)
    character_spacing(title.element, 0)
    paragraph_style(doc, "Heading1", "一级标题", HEITI, BODY_PT, outline=0, keep_next=True)
    paragraph_style(doc, "Heading2", "二级标题", KAITI, BODY_PT, outline=1, keep_next=True)
    paragraph_style(doc, "Signature", "落款", FANGSONG, BODY_PT, WD_ALIGN_PARAGRAPH.RIGHT, first_line=0,
                    keep_next=True)
    indent_chars(doc.styles["落款"].element, right=2)
    table_text = paragraph_style(doc, "TableText", "表格文字", FANGSONG, TABLE_PT, WD_ALIGN_PARAGRAPH.CENTER,
                                 line=TABLE_LINE_PT, first_line=0)
    character_spacing(table_text.element, 0)
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
    "tblCellMar": "top start left bottom end right",
    "tcMar": "top start left bottom end right",
}


def schema_order(root: Any) -> None:
    """Sort the children of every pPr, rPr, tblPr and cell-margin element under ``root`` into the schema's order."""
    for tag, names in SCHEMA_ORDER.items():
        rank = {qn(f"w:{n}"): i for i, n in enumerate(names.split())}
        for el in root.iter(qn(f"w:{tag}")):
            children = list(el)
            ordered = sorted(children, key=lambda c: rank.get(c.tag, len(rank)))
            if ordered != children:
                for child in children:
                    el.remove(child)
                el.extend(ordered)
