"""Writing text into a template's own paragraphs and cells, keeping their properties.

A run written takes the run properties of the paragraph's first run (or of its
paragraph mark); paragraph properties are kept, and a property added (right
alignment of the signature) goes where ECMA-376 orders it.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _run(text: str, rpr: Any) -> Any:
    r = etree.Element(qn("w:r"))
    if rpr is not None:
        run_pr = copy.deepcopy(rpr)
        run_pr.tag = qn("w:rPr")
        r.append(run_pr)
    t = etree.Element(qn("w:t"))
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")
    r.append(t)
    return r


def _clear(p: Any) -> Any:
    """Remove a paragraph's content (runs, links, fields); return the run properties to reuse."""
    first = p.find(f".//{qn('w:r')}/{qn('w:rPr')}")
    if first is None:
        ppr = p.find(qn("w:pPr"))
        first = ppr.find(qn("w:rPr")) if ppr is not None else None
    first = copy.deepcopy(first) if first is not None else None
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    return first


def set_paragraph_text(p: Any, text: str) -> None:
    p.append(_run(text, _clear(p)))


def set_cell_text(tc: Any, text: str) -> None:
    """The figure in a cell's first paragraph, in that paragraph's own run style; other paragraphs removed."""
    ps = tc.findall(qn("w:p"))
    if not ps:
        ps = [etree.Element(qn("w:p"))]
        tc.append(ps[0])
    for extra in ps[1:]:
        tc.remove(extra)
    set_paragraph_text(ps[0], text)


def replace_placeholder(p: Any, texts: list[str], right_from: int | None = None) -> None:
    """One paragraph per text in the placeholder's own style, in its place; ``right_from``: the
    index from which paragraphs are right-aligned (the signature)."""
    for n, text in enumerate(texts):
        new = copy.deepcopy(p)
        set_paragraph_text(new, text)
        if right_from is not None and n >= right_from:
            _align_right(new)
        p.addprevious(new)
    p.getparent().remove(p)


def _align_right(p: Any) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    for old in ppr.findall(qn("w:jc")) + ppr.findall(qn("w:ind")):
        ppr.remove(old)
    jc = etree.Element(qn("w:jc"))
    jc.set(qn("w:val"), "right")
    _insert_ordered(ppr, jc)


_PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)


def _insert_ordered(ppr: Any, child: Any) -> None:
    """Insert ``child`` into ``w:pPr`` where ECMA-376 orders it."""
    rank = _PPR_ORDER.index(child.tag.split("}")[1])
    for i, existing in enumerate(ppr):
        name = existing.tag.split("}")[1]
        if name in _PPR_ORDER and _PPR_ORDER.index(name) > rank:
            ppr.insert(i, child)
            return
    ppr.append(child)
