"""The report's text: title, preamble, the six sections, signature and date.

Sections are found by their headings (一、… with the wording allowed to vary,
in any order); the texts are kept verbatim, only split into the parts a data
file has (overview items, problems and improvements as items, other matters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...editions import EDITIONS, Edition
from ...errors import Problem
from .grid import Document
from .labels import LabelMatcher, normalize

_HEADING = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
_SUB = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*")
_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d))")
_SPLIT = re.compile(r"(?<=[。；;])\s*(?=[一二三四五六七八九十]+是)")
_DATE = re.compile(r"^(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_PERIOD = re.compile(r"统计期限自\s*(20\d{2})\s*年")
_NOTICE = re.compile(r"国办公开办函\s*[〔\[(（【]\s*(\d{4})\s*[〕\])）】]\s*(\d+)\s*号")
SECTION_THRESHOLD = 0.6


@dataclass
class Narrative:
    data: dict[str, Any] = field(default_factory=dict)
    unplaced: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Paragraphs printed with the tables (注：…), each with its section."""
    edition: Edition | None = None
    """The edition the preamble's notice number names, if any."""


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _title_pattern(title_format: str) -> re.Pattern[str]:
    """An edition's title format as a pattern: 「年」 or 「年度」 after the year, and a portal's
    「_站点名」「 - 站点名」「｜站点名」 after the title (a page's <title>)."""
    escaped = re.escape(_compact(title_format)).replace(r"\{agency\}", "(?P<agency>.*?)")
    escaped = escaped.replace(r"\{year\}年", r"(?P<year>20\d{2})年度?").replace(r"\{year\}", r"(?P<year>20\d{2})")
    return re.compile(f"^{escaped}(?:[_|｜-].*)?$")


_TITLES = tuple(_title_pattern(f) for f in dict.fromkeys(e.title_format for e in EDITIONS.values()))


def find_title(doc: Document) -> tuple[int, str, int] | None:
    """(index of the title paragraph or -1, agency, year)."""
    paras = [p.text for p in doc.paragraphs]
    candidates = [(i, t) for i, t in enumerate(paras)] + [(-1, t) for t in doc.titles]
    candidates += [(-1, c.text) for g in doc.grids for c in g.cells if len(c.text) < 80]
    for i, text in candidates:
        m = next((m for p in _TITLES if (m := p.match(_compact(text)))), None)
        if not m:
            continue
        agency = m.group("agency")
        if not agency and i > 0 and len(paras[i - 1]) <= 40 and not re.search(r"[。，；：]", paras[i - 1]):
            agency = _compact(paras[i - 1])
        if agency:
            return i, agency, int(m.group("year"))
    return None


def _roles(edition: Edition) -> dict[str, int]:
    """The sections that hold text, found by the kinds of their fields in the description:
    the overview, the items (problems and improvements) and the closing section (六)."""
    kinds = {f.key: f.kind for f in edition.fields}

    def holding(kind: str) -> int:
        return next(k for k, s in enumerate(edition.sections) if any(kinds.get(p) == kind for p in s.parts))

    return {"overview": holding("overview"), "items": holding("items"), "closing": len(edition.sections) - 1}


def read_narrative(doc: Document, edition: Edition) -> Narrative:
    out = Narrative()
    paras = [p.text for p in doc.paragraphs]
    title = find_title(doc)
    if title:
        out.data["agency"], out.data["year"] = title[1], title[2]
    start = title[0] + 1 if title and title[0] >= 0 else 0
    sections_m = LabelMatcher(((str(k), s.heading) for k, s in enumerate(edition.sections)), SECTION_THRESHOLD)
    heads: list[tuple[int, int]] = []  # (paragraph index, section number 0-5)
    for i in range(start, len(paras)):
        text = paras[i]
        if len(text) <= 40 and _HEADING.match(text):
            m = sections_m.match(text)
            if m.ok and int(m.key or 0) not in {k for _, k in heads}:
                heads.append((i, int(m.key or 0)))
    first = heads[0][0] if heads else len(paras)
    preamble = [p for p in paras[start:first] if p]
    if preamble:
        out.data["preamble"] = "\n".join(preamble)
    _meta(" ".join(preamble), out)
    bodies: dict[int, list[str]] = {}
    for n, (i, k) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(paras)
        bodies[k] = paras[i + 1:end]
    if heads:
        _signature(bodies[heads[-1][1]], out)
    roles = _roles(edition)
    for k in roles.values():
        if k not in bodies:
            heading = edition.sections[k].heading
            out.unplaced.append(Problem(heading, f"未找到「{heading}」一节"))
    if roles["overview"] in bodies:
        out.data["overview"] = overview(bodies[roles["overview"]])
    if roles["items"] in bodies:
        out.data["problems"], out.data["improvements"] = problems_and_improvements(bodies[roles["items"]])
    if roles["closing"] in bodies:
        _other_matters(bodies[roles["closing"]], edition, out)
    for k, section in enumerate(edition.sections):
        if k not in roles.values():  # a table's section: text under it is a note (注：…)
            out.notes += [f"{section.heading}：{p}" for p in bodies.get(k, [])]
    return out


def _meta(preamble: str, out: Narrative) -> None:
    if "year" not in out.data:
        m = _PERIOD.search(preamble)
        if m:
            out.data["year"] = int(m.group(1))
    m = _NOTICE.search(preamble)
    if m:
        notice = f"国办公开办函〔{m.group(1)}〕{m.group(2)}号"
        out.edition = next((e for e in EDITIONS.values() if e.notice == notice), None)


def _signature(body: list[str], out: Narrative) -> None:
    """Date and signing body at the end of the last section (and anything after them dropped)."""
    for i in range(len(body) - 1, max(-1, len(body) - 6), -1):
        m = _DATE.match(_compact(body[i]))
        if m:
            out.data["date"] = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
            del body[i:]
            break
    if body and len(body[-1]) <= 30 and not re.search(r"[。，；：:.]$", body[-1]):
        out.data["signed_by"] = body.pop()


def overview(body: list[str]) -> dict[str, Any]:
    intro: list[str] = []
    items: list[dict[str, Any]] = []
    for text in body:
        m = _SUB.match(text)
        if m:
            rest = text[m.end():]
            stop = rest.find("。")
            if 0 < stop <= 25 and stop < len(rest) - 1:
                items.append({"title": rest[:stop], "text": [rest[stop + 1:].strip()]})
            else:
                items.append({"title": rest.rstrip("。"), "text": []})
        elif items:
            items[-1]["text"].append(text)
        else:
            intro.append(text)
    return {"intro": intro, "items": items}


def problems_and_improvements(body: list[str]) -> tuple[list[str], list[str]]:
    parts: dict[str, list[str]] = {"problems": [], "improvements": []}
    current = "problems"
    for text in body:
        m = _SUB.match(text)
        head = text[m.end():] if m else ""
        if m and len(head.split("。")[0]) <= 20:
            label, _, rest = head.partition("。")
            current = "improvements" if re.search(r"改进|整改|措施|计划|下一步", label) else "problems"
            if rest.strip():
                parts[current].append(rest.strip())
            continue
        if not m and re.match(r"^(?:下一步|今后|改进|整改)", text):
            current = "improvements"
        parts[current].append(text)
    return items(parts["problems"]), items(parts["improvements"])


def items(paragraphs: list[str]) -> list[str]:
    """Split at 一是/二是, （一）, 1. markers; the markers are dropped, the rest kept verbatim."""
    pieces = [p for text in paragraphs for p in _SPLIT.split(text) if p.strip()]
    if not any(_ITEM.match(p) for p in pieces):
        return pieces
    out: list[str] = []
    for p in pieces:
        m = _ITEM.match(p)
        if m or not out:
            out.append(p[m.end():].strip() if m else p)
        else:
            out[-1] += "\n" + p
    return out


def _other_matters(body: list[str], edition: Edition, out: Narrative) -> None:
    kept = []
    pattern = None
    if edition.fees_sentence:
        escaped = re.escape(_compact(edition.fees_sentence))
        pattern = re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[\\d,.]+)", escaped))
    for text in body:
        m = pattern.search(_compact(text)) if pattern else None
        if m:
            out.data["fees"] = {k: v.replace(",", "") for k, v in m.groupdict().items()}
            continue
        if normalize(text) in (normalize(edition.sections[-1].empty or ""), ""):
            continue
        kept.append(text)
    out.data["other_matters"] = kept

