"""docxtpl's cleaning of a template part (``DocxTemplate.patch_xml``), without docxtpl for plain templates.

A part whose tags are whole, plain and at most ``{%p %}`` (the shipped templates) is cleaned
here with docxtpl's own two rules for it; any other goes through docxtpl itself. The rules are
docxtpl's regular expressions (kept in ``tests/test_docx_cleaning.py``, which checks that these
functions give the same text on random markup): scanning every character with a lookahead, they
took 16 ms on a shipped template; found with ``str.find`` here, 1 ms.
"""

from __future__ import annotations

import bisect
import io
import re

TAG = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)
_SPLIT_OPEN = re.compile(r"\{(?:<[^>]*>)+[{%#]")
_SPLIT_CLOSE = re.compile(r"[%}#](?:<[^>]*>)+\}")
_MARK = re.compile(r"\{(?:%-|#|%(?:tr|tc|r) |\{(?:tr|tc|r|p) )")
"""docxtpl's marks, with ``-%}``: {%-  {#  {%tr  {%tc  {%r  {{tr  {{tc  {{r  {{p (each with its space)."""
_WORDS = ("colspan", "cellbg", "vm", "hm")
_P_OPEN = re.compile(r"\{[%{]p ")
_PARAGRAPH = re.compile("<w:p[ >]")
_PRESERVED = '<w:t xml:space="preserve">'


def patch_xml(xml: str) -> str:
    """docxtpl's cleaning of a template part (``DocxTemplate.patch_xml``).

    A part whose tags are whole, plain and at most ``{%p %}`` (the shipped templates) is
    cleaned here with docxtpl's own ``{%p %}`` rule, which spares importing docxtpl and
    python-docx when rendering; any other goes through docxtpl itself.
    """
    tags = "".join(TAG.findall(xml))
    if needs_docxtpl(xml) or any(ch in tags for ch in "<&“”‘’"):
        from docxtpl import DocxTemplate

        patched: str = DocxTemplate(io.BytesIO()).patch_xml(xml)
        return patched
    return p_tags(preserve(xml))


def needs_docxtpl(xml: str) -> bool:
    """Anything docxtpl's cleaning would change besides {%p %} paragraphs: a tag split over runs
    (``{`` and ``{`` or ``%`` with markup between), ``{%-``, a comment, another of docxtpl's special
    tags, or one of its words (colspan, cellbg, vm, hm)."""
    return (_MARK.search(xml) is not None or "-%}" in xml
            or ("{<" in xml and _SPLIT_OPEN.search(xml) is not None)
            or (">}" in xml and any(s in xml for s in ("%<", "}<", "#<")) and _SPLIT_CLOSE.search(xml) is not None)
            or any(_has_word(xml, word) for word in _WORDS))


def _has_word(xml: str, word: str) -> bool:
    """``\\bword\\b`` occurs (a word character: ``str.isalnum()`` or _, as in ``re``)."""
    at = xml.find(word)
    while at != -1:
        end = at + len(word)
        if not (at and _word_char(xml[at - 1])) and not (end < len(xml) and _word_char(xml[end])):
            return True
        at = xml.find(word, at + 1)
    return False


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def preserve(xml: str) -> str:
    """``<w:t>`` holding a tag keeps its spaces: docxtpl's
    ``re.sub(r"<w:t>((?:(?!<w:t>).)*)({{.*?}}|{%.*?%})", r'<w:t xml:space="preserve">\\1\\2', xml, flags=DOTALL)``.

    At each ``<w:t>`` the expression takes the last tag that starts before the next ``<w:t>``
    (and ends anywhere), and goes on after that tag's end."""
    out: list[str] = []
    done = 0
    last = {"{{": xml.rfind("}}"), "{%": xml.rfind("%}")}
    start = xml.find("<w:t>")
    while start != -1:
        following = xml.find("<w:t>", start + 5)
        end = _last_tag(xml, start + 5, len(xml) if following == -1 else following, last)
        if end == -1:
            start = following
            continue
        out += (xml[done:start], _PRESERVED)
        done = start + 5
        start = xml.find("<w:t>", end)
    out.append(xml[done:])
    return "".join(out)


def _last_tag(xml: str, low: int, high: int, last: dict[str, int]) -> int:
    """The end of ``{{.*?}}`` or ``{%.*?%}`` starting at the last position in [low, high) where one does; -1 if none."""
    top = high
    while True:
        starts = {opener: xml.rfind(opener, low, top) for opener in ("{{", "{%")}
        opener = max(starts, key=starts.__getitem__)
        at = starts[opener]
        if at == -1:
            return -1
        if at + 2 <= last[opener]:  # a closer follows (it is the first one after the opener that ends it)
            return xml.find("%}" if opener == "{%" else "}}", at + 2) + 2
        top = at + 1


def p_tags(xml: str) -> str:
    """A paragraph holding ``{%p … %}`` becomes the bare tag: docxtpl's
    ``re.sub(r"<w:p[ >](?:(?!<w:p[ >]).)*({%|{{)p ([^}%]*(?:%}|}})).*?</w:p>", r"\\1 \\2", xml, flags=DOTALL)``.

    At each ``<w:p`` the expression takes the last ``{%p `` (or ``{{p ``) before the next ``<w:p``
    whose tag closes and is followed by a ``</w:p>``, and replaces everything through that ``</w:p>``."""
    opens = [m.start() for m in _P_OPEN.finditer(xml)]
    if not opens:
        return xml
    starts = [m.start() for m in _PARAGRAPH.finditer(xml)]
    holding: dict[int, list[int]] = {}  # paragraph start -> the opens after it, before the next one
    for at in opens:
        index = bisect.bisect_right(starts, at - 5) - 1
        if index >= 0:
            holding.setdefault(starts[index], []).append(at)
    out: list[str] = []
    done = 0
    for start, inside in holding.items():
        if start < done:
            continue  # inside the paragraph just replaced: the expression goes on after it
        found = _last_p_tag(xml, inside)
        if found is not None:
            text, done_at = found
            out += (xml[done:start], text)
            done = done_at
    out.append(xml[done:])
    return "".join(out)


def _last_p_tag(xml: str, opens: list[int]) -> tuple[str, int] | None:
    """(the tag without its p, the end of the paragraph's ``</w:p>``) for the last of ``opens`` (``{%p ``,
    ``{{p ``) whose tag closes and is followed by a ``</w:p>``."""
    for at in reversed(opens):
        ends = [i for i in (xml.find("}", at + 4), xml.find("%", at + 4)) if i != -1]
        close = min(ends) if ends else -1
        if close != -1 and xml[close:close + 2] in ("%}", "}}"):
            paragraph_end = xml.find("</w:p>", close + 2)
            if paragraph_end != -1:
                return f"{xml[at:at + 2]} {xml[at + 4:close + 2]}", paragraph_end + 6
    return None
