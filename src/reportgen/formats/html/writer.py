"""The report as HTML: a fragment to paste into a portal's CMS, or a standalone printable page.

    >>> from reportgen.testing import random_report
    >>> html = render_html(random_report("2021"))
    >>> html.startswith("<h1")
    True

Fragment (the default): headings, paragraphs and the three tables with their spans, captions
and header associations; inline styles only (borders, centring, widths in %), no classes, no
scripts, so that a CMS editor keeps the tables. Page (``page=True``): the same fragment in an
``<!DOCTYPE html>`` page whose stylesheet sets the official faces and, in print, the GB/T 9704
page (A4, margins 37/26/35/28 mm).

Texts come from the display context of the Word report; every one is escaped by Jinja2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..display import context as display_text  # the one place the display text is taken from
from .tables import html_tables

if TYPE_CHECKING:
    from ...model import Report

GENERATOR = "reportgen"
"""The page's <meta name="generator">: a folder walk does not read reportgen's own pages back as inputs."""
MARKER = "<!-- reportgen：政府信息公开工作年度报告（网页片段） -->"
"""The first line of a fragment, for the same purpose (a saved portal page starts with its <html> instead)."""

STYLE = {
    "draft": "color:#c00;font-weight:bold;border:2px solid #c00;padding:0.5em",
    "title": "text-align:center",
    "h2": "text-indent:2em",
    "h3": "text-indent:2em",
    "p": "text-indent:2em",
    "signer": "text-align:right;padding-right:2em;margin-top:2em",
    "date": "text-align:right;padding-right:2em",
}

_ENV = Environment(
    loader=PackageLoader("reportgen.formats.html", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)


@dataclass(frozen=True)
class Part:
    """One part of a section as the page shows it: a table, or a narrative field with its display text."""

    kind: str
    """table, overview, items, paragraphs or fees (the field kinds of the description)."""
    key: str
    heading: str | None = None
    value: Any = None


@dataclass(frozen=True)
class Block:
    heading: str
    parts: list[Part]
    empty: str | None
    """The fixed wording to print, when every part of the section is empty."""


def blocks(report: Report, text: dict[str, Any]) -> list[Block]:
    """The sections of the edition, in order, each with its parts' display text."""
    edition = report.spec
    tables = {t.key for t in edition.tables}
    out = []
    for section in edition.sections:
        parts = []
        for key in section.parts:
            if key in tables:
                parts.append(Part("table", key))
                continue
            field = edition.field(key)
            value = text.get(key)
            if field.kind == "fees":
                value = edition.fees_sentence.format(**value) if value and edition.fees_sentence else ""
            parts.append(Part(field.kind, key, field.heading, value))
        blank = all(p.kind != "table" and not p.value for p in parts)
        out.append(Block(section.heading, parts, section.empty if blank else None))
    return out


def render_html(report: Report, *, page: bool = False) -> str:
    """``report`` as an HTML fragment for a CMS, or with ``page`` a standalone printable page."""
    text = display_text(report)
    template = _ENV.get_template("page.html.j2" if page else "fragment.html.j2")
    return template.render(text=text, spec=report.spec, blocks=blocks(report, text),
                           tables=html_tables(report.spec, text), style=STYLE, marker=Markup(MARKER),
                           generator=GENERATOR)


def html_bytes(report: Report, page: bool = False) -> bytes:
    """``render_html`` encoded as UTF-8."""
    return render_html(report, page=page).encode("utf-8")
