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

from ..docx import context as display_text  # the one place the display text is taken from
from .tables import html_tables

if TYPE_CHECKING:
    from ...editions import Edition
    from ...model import Report

STYLE = {
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
class Section:
    heading: str
    kind: str  # overview, table, problems or other
    table: str | None = None


def sections(edition: Edition) -> list[Section]:
    """The six sections in order: 一 the overview, the tables under their headings, then 五 and 六."""
    tables = {t.heading: t.key for t in edition.tables}
    rest = iter(("problems", "other"))
    out = []
    for i, heading in enumerate(edition.sections):
        if i == 0:
            out.append(Section(heading, "overview"))
        elif heading in tables:
            out.append(Section(heading, "table", tables[heading]))
        else:
            out.append(Section(heading, next(rest)))
    return out


def render_html(report: Report, *, page: bool = False) -> str:
    """``report`` as an HTML fragment for a CMS, or with ``page`` a standalone printable page."""
    text = display_text(report)
    edition = report.spec
    fees: dict[str, Any] | None = text.get("fees")
    template = _ENV.get_template("page.html.j2" if page else "fragment.html.j2")
    return template.render(
        text=text,
        spec=edition,
        sections=sections(edition),
        tables=html_tables(edition, text),
        fees_sentence=edition.fees_sentence.format(**fees) if fees and edition.fees_sentence else "",
        style=STYLE,
    )


def html_bytes(report: Report, page: bool = False) -> bytes:
    """``render_html`` encoded as UTF-8."""
    return render_html(report, page=page).encode("utf-8")
