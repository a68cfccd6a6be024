"""Warnings the arithmetic cannot see: what a clerk typed that would print wrongly.

Pure functions over a report: the clerk's own numbering typed ahead of an item the
report numbers itself (一是…, （一）…), an empty report, placeholder text, an amount
implausible for its unit. Every finding is a warning, never an error; it names the
data key (``problems.1``) and the label, and a form's locator maps the key to its cell.

Findings about a narrative field carry the field's key as ``table`` and the rest of
the key path (``1``, ``items.0.title``) as ``row``: the same (table, row, column)
triple a form's ``locate`` hook maps to a cell such as 报告正文!B30.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ..editions.blank import LEFT_IN
from ..editions.spec import Column, Edition, Field, Row, Table
from ..types import UNIT_FACTORS
from . import Finding, Report

NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+是"
    r"|[（(]\s*(?:[一二三四五六七八九十]+|\d+)\s*[）)]"
    r"|[一二三四五六七八九十]+\s*[、.．，,]"
    r"|\d+\s*[、，,]|\d+\s*[.．](?!\d)"
    r"|[\u2460-\u2473\u2474-\u2487\u2488-\u249b])\s*"
)
"""Leading numbering a clerk types: 一是, （一）, (1), 一、, 1、, 1., ①, ⑴, ⒈."""


MAX_TABLE_AMOUNT = Decimal(1_000_000_000)
"""10 亿元: above this a table amount (procurement, fees) of one agency was almost surely typed in the wrong unit."""
MAX_FEE_AMOUNT = Decimal(1_000_000)
"""100 万元: above this an information-processing fee (in 元) was almost surely mistyped."""


def strip_numbering(text: str) -> tuple[str, str]:
    """(text without its leading numbering, the numbering removed); ("", "") is never returned for text."""
    rest, removed = text, ""
    while (m := NUMBERING.match(rest)) and rest[m.end():].strip():
        removed += rest[: m.end()].strip()
        rest = rest[m.end():]
    return rest.strip() if removed else text, removed


def advise(report: Report) -> list[Finding]:
    """Every warning of this module for one report."""
    spec = report.spec
    return [*numbering(report), *emptiness(report), *placeholders(report), *amounts(report, spec)]


def _field_finding(field: Field, path: str, label: str, message: str, found: Any = None) -> Finding:
    key = f"{field.key}.{path}" if path else field.key
    return Finding(0, "warning", field.key, field.label, path or None, label or None, None, None,
                   None, found, f"{label or field.label}（{key}）：{message}")


def _numbered_texts(report: Report) -> Iterator[tuple[Field, str, str, str, str]]:
    """(field, path, label, text, how the report numbers it) for every item the report numbers itself."""
    for field in report.spec.fields:
        value = getattr(report, field.key, None)
        if field.kind == "items":
            for i, text in enumerate(_lines(value or []), 1):
                yield field, str(i - 1), f"{field.label}第{i}项", text, f"{chinese_number(i)}是"
        elif field.kind == "overview" and value is not None:
            for i, item in enumerate(value.items, 1):
                yield (field, f"items.{i - 1}.title", f"{field.label}第{i}个分项的小标题", item.title,
                       f"（{chinese_number(i)}）")


def numbering(report: Report) -> list[Finding]:
    """The clerk's own numbering ahead of items the report numbers: it is left out when printing."""
    out = []
    for field, path, label, text, auto in _numbered_texts(report):
        rest, removed = strip_numbering(text)
        if removed:
            out.append(_field_finding(field, path, label, f"开头的「{removed}」是自己加的编号；报告自动编号，"
                                      f"已去掉「{removed}」，印为「{auto}{_clip(rest)}」", text))
    return out


def emptiness(report: Report) -> list[Finding]:
    """Narrative parts left empty: the report would print a heading with nothing under it."""
    out = []
    for field in report.spec.fields:
        value = getattr(report, field.key, None)
        if field.kind == "overview" and value is not None and not _lines(value.intro) and not value.items:
            out.append(_field_finding(field, "", "", "没有填写，报告中这一部分将是空白；请填写本年度工作的总体情况"))
        elif field.kind == "items" and not _lines(value or []):
            heading = f"「{field.heading}」下" if field.heading else ""
            out.append(_field_finding(field, "", "", f"没有填写，报告{heading}将没有内容；请至少填写一项"))
    return out


def placeholders(report: Report) -> list[Finding]:
    """Text that looks left in from a sample (XX, 某某, 待填写…)."""
    out = []
    for field in report.spec.fields:
        for path, label, text in _texts(field, getattr(report, field.key, None)):
            found = LEFT_IN.search(text)
            if found:
                mark = found.group()
                out.append(_field_finding(field, path, label, f"含有「{mark}」，像是未替换的示例文字，会原样印在报告中",
                                          text))
    return out


_MONEY: dict[Edition, tuple[tuple[Table, Row, Column], ...]] = {}


def _money_cells(spec: Edition) -> tuple[tuple[Table, Row, Column], ...]:
    """The money cells of an edition's tables, in reading order (found once: most cells are counts)."""
    cells = _MONEY.get(spec)
    if cells is None:
        cells = _MONEY[spec] = tuple((t, r, c) for t in spec.tables for r, c in t.cells() if c.kind == "money")
    return cells


def amounts(report: Report, spec: Edition) -> list[Finding]:
    """Money far too large for one agency: most often 元 typed where the unit is 万元."""
    out = []
    for table, row, col in _money_cells(spec):
        value = report.cell(table.key, row.key, col.key)
        unit = _unit(report, table.key, row.key, col)
        if value is None or unit not in UNIT_FACTORS or value * UNIT_FACTORS[unit] <= MAX_TABLE_AMOUNT:
            continue
        where = table.describe(row.key, col.key)
        out.append(Finding(0, "warning", table.key, f"{table.name} {table.heading}", row.key, row.full_label,
                           col.key, col.label, None, value,
                           f"{where}：{_both(value, unit)}，超过 {_both(MAX_TABLE_AMOUNT, '元')}，"
                           f"对一个机关而言过大；请确认单位是否为{unit}（如填的是元，请换算为万元）"))
    fees = getattr(report, "fees", None)
    fee_field = next((f for f in spec.fields if f.kind == "fees"), None)
    for col in spec.fees if fees is not None and fee_field else ():
        value = getattr(fees, col.key, None)
        if (col.kind == "money" and value is not None and col.unit in UNIT_FACTORS
                and value * UNIT_FACTORS[col.unit] > MAX_FEE_AMOUNT):
            assert fee_field is not None and col.unit is not None
            out.append(_field_finding(fee_field, col.key, col.label,
                                      f"{_both(value, col.unit)}，超过 {_both(MAX_FEE_AMOUNT, '元')}，"
                                      f"信息处理费一般远低于此；请确认单位是{col.unit}", value))
    return out


def _unit(report: Report, table: str, row: str, col: Column) -> str | None:
    if col.unit_key:
        unit = report.cell(table, row, col.unit_key)
        return str(unit) if unit else col.default_unit
    return col.unit


def _both(value: Decimal, unit: str) -> str:
    """An amount in 元 and in 万元: 1265000 万元（即 12650000000 元）."""
    yuan = value * UNIT_FACTORS[unit]
    other, other_unit = (yuan / UNIT_FACTORS["万元"], "万元") if unit == "元" else (yuan, "元")
    return f"{_plain(value)} {unit}（即 {_plain(other)} {other_unit}）"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _texts(field: Field, value: Any) -> Iterator[tuple[str, str, str]]:
    """(path, label, text) of every text a field holds."""
    if isinstance(value, str):
        yield "", field.label, value
    elif field.kind in ("items", "paragraphs") and value:
        for i, text in enumerate(value):
            yield str(i), f"{field.label}第{i + 1}项", text
    elif field.kind == "overview" and value is not None:
        for i, text in enumerate(value.intro):
            yield f"intro.{i}", f"{field.label}引言第{i + 1}段", text
        for i, item in enumerate(value.items):
            yield f"items.{i}.title", f"{field.label}第{i + 1}个分项的小标题", item.title
            for j, text in enumerate(item.text):
                yield f"items.{i}.text.{j}", f"{field.label}第{i + 1}个分项第{j + 1}段", text


def _lines(texts: list[str]) -> list[str]:
    return [line.strip() for text in texts for line in text.splitlines() if line.strip()]


def _clip(text: str, width: int = 12) -> str:
    return text if len(text) <= width else text[:width] + "……"


CHINESE_ORDINALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 23 -> 二十三, 100 -> 一百, 105 -> 一百零五, 110 -> 一百一十, 10000 -> 一万."""
    if n < 1:
        raise ValueError(n)
    if n < 10:
        return CHINESE_ORDINALS[n - 1]
    if n < 20:  # 十一, not 一十一
        return "十" + (CHINESE_ORDINALS[n - 11] if n > 10 else "")
    return _below_10000(n) if n < 10000 else _wan(n)


def _below_10000(n: int) -> str:
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero and out else "") + CHINESE_ORDINALS[digit - 1] + unit
            zero = False
        else:
            zero = bool(out)
    return out


def _wan(n: int) -> str:
    high, low = divmod(n, 10000)
    head = chinese_number(high) + "万"
    if not low:
        return head
    return head + ("零" if low < 1000 else "") + _below_10000(low)
