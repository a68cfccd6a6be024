"""A report as it reads on paper: every value as display text, for every writer.

Numbers as printed (0 for a blank, money with its unit), dates as 2025年1月20日,
problems numbered 一是…二是…, overview items headed （一）…, the default title
and preamble. The Word templates' tags read this context (a template only places
text, never computes); the portal page and the Excel report use it too.

Tags, for reference (``reportgen template check`` lists them too):

* ``title``, ``title_lines`` (the title broken into lines), ``signer``, ``date`` (2025年1月20日 or empty);
* ``draft`` (草稿, for the page header) and ``draft_note`` (a sentence for page 1): empty unless the
  figures fail the consistency check;
* ``preamble_parts``: the preamble as {``text``, ``ragged``}, ragged when it holds a long web address
  (the shipped templates print it left-aligned, not justified);
* ``preamble``, ``overview.intro``, ``problems``, ``improvements``,
  ``other_matters``: lists of paragraphs;
* ``overview.items``: list of {``heading`` （一）主动公开。, ``first`` first
  paragraph, ``rest`` further paragraphs};
* ``fees.notices_count`` … (edition 2021, absent when not reported);
* one tag per table cell, ``<table>.<row key>.<column key>``, e.g.
  ``applications.withheld.state_secret.natural_person``.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from ..checks.advice import CHINESE_ORDINALS as CHINESE_ORDINALS
from ..checks.advice import chinese_number as chinese_number
from ..checks.advice import strip_numbering
from ..editions import Column, Edition, Field
from ..model import Overview, report_class

if TYPE_CHECKING:
    from ..model import Report



def cell_tag(table: str, row: str, col: str) -> str:
    """The tag naming one table cell, e.g. ``applications.new_received.total``."""
    return f"{table}.{row}.{col}"


def format_number(value: Any, column: Column, unit: str | None = None) -> str:
    """A cell as printed: 0 when empty; money as given, with its unit when the label lacks it."""
    if value is None:
        value = Decimal(0) if column.kind == "money" else 0
    text = format(value, "f") if isinstance(value, Decimal) else str(int(value))
    if column.kind == "money" and unit and unit not in column.label:
        text += unit
    return text


def format_date(date: datetime.date | None) -> str:
    return f"{date.year}年{date.month}月{date.day}日" if date else ""


def paragraphs(texts: list[str]) -> list[str]:
    """Each text, split at line breaks into paragraphs; blank lines dropped."""
    out: list[str] = []
    for text in texts:
        out.extend(line.strip() for line in text.splitlines() if line.strip())
    return out


def numbered_items(texts: list[str]) -> list[str]:
    """一是…… 二是……; numbering the clerk typed (二、, 1., （三）…) is replaced, never doubled.

    ``checks.advice.numbering`` warns about each item so changed.
    """
    items = paragraphs(texts)
    return [f"{chinese_number(i)}是{strip_numbering(t)[0]}" for i, t in enumerate(items, 1)]


def preamble(report: Report) -> list[str]:
    spec = report.spec
    if report.preamble:
        return paragraphs([report.preamble])
    text = spec.preamble_format.format(agency=report.agency, year=report.year, notice=spec.notice)
    if report.website and spec.preamble_website:
        text += spec.preamble_website.format(website=report.website)
    if report.contact and spec.preamble_contact:
        text += spec.preamble_contact.format(contact=report.contact)
    return [text]


_URL = re.compile(r"(?:https?://|www\.)[!-~]{12,}", re.I)
"""A web address long enough that a justified line would spread its characters apart."""


def ragged(texts: list[str]) -> list[SimpleNamespace]:
    """Paragraphs as {text, ragged}: ragged (left-aligned, not justified) when holding a long web address,
    which cannot break and would leave the line before it with every character spread apart."""
    return [SimpleNamespace(text=t, ragged=bool(_URL.search(t))) for t in texts]


TITLE_LINE_WIDTH = 20
"""Characters of 2号 type in the 156 mm text block."""


def _width(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def title_lines(report: Report) -> list[str]:
    """The title's lines: a long default title breaks after the agency name, as published reports do."""
    if report.title:
        return paragraphs([report.title])
    title = report.title_text
    if _width(title) <= TITLE_LINE_WIDTH:
        return [title]
    return [*_balanced(report.agency, TITLE_LINE_WIDTH), title[len(report.agency):]]


def _balanced(text: str, limit: float) -> list[str]:
    """A name too long for one title line, in lines of about equal length (GB/T 9704: 回行时要做到
    词意完整，排列对称): a line breaks before （ or after ） or 、 when one is near its middle."""
    lines = math.ceil(_width(text) / limit)
    if lines <= 1:
        return [text]
    cut = _cut(text, _width(text) / lines, limit)
    return [text[:cut], *_balanced(text[cut:], limit)] if 0 < cut < len(text) else [text]


def _cut(text: str, target: float, limit: float) -> int:
    """Where to end the first line: a bracket or 、 near ``target``, else ``target`` itself."""
    best, plain, width = None, len(text), 0.0
    for i, ch in enumerate(text):
        before = width
        width += _width(ch)
        for pos, at, good in ((i, before, ch in "（("), (i + 1, width, ch in "）)、")):
            near = good and 0 < pos < len(text) and abs(at - target) <= 6 and at <= limit
            if near and (best is None or abs(at - target) < abs(best[1] - target)):
                best = (pos, at)
        if plain == len(text) and width >= target:
            plain = i + 1
    return best[0] if best else plain


def _run_in(title: str) -> str:
    title = title.strip()
    return title if title[-1:] in "。：:；！？" else title + "。"


def overview(value: Overview) -> SimpleNamespace:
    """The overview's intro paragraphs and its subsections headed （一）… ."""
    items = []
    for i, item in enumerate(value.items, 1):
        texts = paragraphs(item.text)
        items.append({
            "heading": f"（{chinese_number(i)}）{_run_in(strip_numbering(item.title)[0])}",
            "first": texts[0] if texts else "",
            "rest": texts[1:],
        })
    # A namespace, not a dict: in a template ``overview.items`` would be dict.items.
    return SimpleNamespace(intro=paragraphs(value.intro), items=items)


def tables(report: Report) -> dict[str, Any]:
    """{table: {row part: … {column: text}}}, every cell of every table."""
    rows, layout = _cell_plan(report.spec)
    fields = [node.__dict__ for node in rows(report)]  # each row's values, as the model keeps them
    out: dict[str, Any] = {}
    for table, parts, index, columns in layout:
        node = out.setdefault(table, {})
        for part in parts:
            node = node.setdefault(part, {})
        values = fields[index]
        for key, col, counted in columns:
            value = values[key]
            if counted and type(value) is int:  # format_number's result, spared its call
                node[key] = str(value)
            else:
                unit = str(values[col.unit_key]) if col.unit_key else col.unit  # as report.unit
                node[key] = format_number(value, col, unit)
    return out


CellPlan = tuple[Callable[[Any], tuple[Any, ...]],
                 tuple[tuple[str, tuple[str, ...], int, tuple[tuple[str, Column, bool], ...]], ...]]


@lru_cache(maxsize=16)
def _cell_plan(edition: Edition) -> CellPlan:
    """(every table row of the report in one call, then (table, row key parts, row index, columns as
    (key, column, not money)) in reading order): what ``tables`` walks, made once per edition."""
    paths: dict[str, int] = {}
    layout = []
    for table in edition.tables:
        for block in table.blocks:
            for row in block.rows:
                index = paths.setdefault(f"{table.key}.{row.key}", len(paths))
                columns = tuple((c.key, c, c.kind != "money") for c in block.columns)
                layout.append((table.key, tuple(row.key.split(".")), index, columns))
    return attrgetter(*paths, "__class__"), tuple(layout)  # the last path, unused: a tuple even for one row


def fees(value: Any, edition: Edition) -> dict[str, str] | None:
    """The fee figures as printed, or None when not reported."""
    if value is None:
        return None
    return {c.key: format_number(getattr(value, c.key), c) for c in edition.fees}


def narrative(report: Report, field: Field) -> Any:
    """A narrative field as the report prints it, by its kind in the description."""
    value = getattr(report, field.key)
    if field.kind == "overview":
        return overview(value)
    if field.kind == "items":
        return numbered_items(value)
    if field.kind == "paragraphs":
        return paragraphs(value)
    if field.kind == "fees":
        return fees(value, report.spec)
    raise ValueError(field.kind)


DRAFT_MARK = "草稿"
DRAFT_NOTE = ("【草稿】本稿的数据未通过勾稽关系检查（{errors} 处错误，可用 reportgen check 查看），"
              "仅供核对修改，不得作为正式报告公开。")


def draft(report: Report) -> tuple[str, str]:
    """(header mark, page-1 note) of a report whose figures do not add up; ("", "") otherwise.

    A document made from such a report (``render --allow-errors``) can never pass for the final one.
    """
    errors = sum(f.is_error for f in report.check())
    return (DRAFT_MARK, DRAFT_NOTE.format(errors=errors)) if errors else ("", "")


def context(report: Report) -> dict[str, Any]:
    """Everything a template may show, as text."""
    mark, note = draft(report)
    opening = preamble(report)
    ctx: dict[str, Any] = {
        "draft": mark,
        "draft_note": note,
        "title": report.title_text,
        "title_lines": title_lines(report),
        "agency": report.agency,
        "year": str(report.year),
        "preamble": opening,
        "preamble_parts": ragged(opening),
        "signer": report.signer,
        "date": format_date(report.date),
        **tables(report),
    }
    for field in report.spec.fields:
        if not field.single:
            ctx[field.key] = narrative(report, field)
    return ctx


def sample_context(edition: Edition) -> dict[str, Any]:
    """A context of the edition with every optional part present (for checking templates)."""
    data: dict[str, Any] = {"agency": "示例", "year": edition.first_year}
    for field in edition.fields:
        if field.kind == "overview":
            data[field.key] = {"intro": ["x"], "items": [{"title": "x", "text": ["x", "y"]}]}
        elif field.kind == "fees":
            data[field.key] = {}
    return context(report_class(edition).model_validate(data))
