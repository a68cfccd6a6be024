"""The paragraphs a tag-less template's placeholders are replaced with, section by section.

The same printed text as the shipped template's (``display``): the overview's
subsections headed （一）… run in with their first paragraph, problems and
improvements under their subheadings and numbered 一是…, the fixed wording of
an empty section, the fee sentence of edition 2021.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..display import format_date, narrative, preamble

if TYPE_CHECKING:
    from ...model import Report


def section_paragraphs(report: Report, index: int) -> list[str]:
    """The paragraphs of section ``index`` (-1: the preamble before the first heading)."""
    spec = report.spec
    if index < 0:
        return preamble(report)
    section = spec.sections[index]
    out: list[str] = []
    for key in section.parts:
        if any(t.key == key for t in spec.tables):
            continue
        field = spec.field(key)
        out += _field(narrative(report, field), field.kind, field.heading, spec.fees_sentence)
    if not out and section.empty:
        out.append(section.empty)
    return out


def _field(value: Any, kind: str, heading: str | None, fees_sentence: str) -> list[str]:
    if kind == "overview":
        out = list(value.intro)
        for item in value.items:
            out.append(item["heading"] + item["first"])
            out += item["rest"]
        return out
    if kind == "fees":
        return [fees_sentence.format(**value)] if value else []
    items = list(value)
    return ([heading] if heading and items else []) + items


def signature_paragraphs(report: Report) -> list[str]:
    """The signing body and the date, right-aligned at the end."""
    return [t for t in (report.signer, format_date(report.date)) if t]
