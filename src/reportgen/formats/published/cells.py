"""The value of one printed table cell: a number, a blank, or something else.

Printed cells are not always bare numbers: blank, 「/」「—」「无」 mean nothing was
filled in; 「251000元」「25.1万元」 carry a unit; 「22（其中修订16件）」 adds a note.
Counts come back as int and money as Decimal, never float.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ...editions.spec import Column
from ...types import MONEY_UNITS, UNIT_FACTORS, number

BLANKS = frozenset({"", "/", "／", "—", "——", "-", "－", "--", "无", "空", "\\", "―", "─", "ー"})
_NUMBER = re.compile(
    r"^(?P<num>[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?)\s*"
    r"(?P<unit>亿元|万元|元|件|项|个|条|次)?\s*(?P<rest>.*)$"
)


@dataclass(frozen=True)
class CellValue:
    value: int | Decimal | None
    blank: bool
    note: str | None = None
    unit: str | None = None
    """The money unit printed in the cell, when one was."""
    error: str | None = None
    """Why the text is not a value of this column (in Chinese), when it is not."""


def parse_cell(text: str, column: Column, column_unit: str | None = None) -> CellValue:
    """Parse ``text`` as a value of ``column``; money is converted to ``column_unit``
    (the column's fixed unit) when the cell prints another unit."""
    raw = unicodedata.normalize("NFKC", text)
    flat = re.sub(r"\s+", "", raw).replace("，", ",")
    if flat in BLANKS:
        return CellValue(None, True)
    m = _NUMBER.match(flat)
    if not m:
        return CellValue(None, False, error=f"不是数字：「{text.strip()}」")
    num, unit, rest = m.group("num").replace(",", ""), m.group("unit"), m.group("rest")
    note = _note(rest)
    if rest and note is None:
        return CellValue(None, False, error=f"数字后有无法识别的文字：「{text.strip()}」")
    try:
        value = number(num, column.kind)
    except ValueError as exc:
        return CellValue(None, False, error=str(exc))
    if isinstance(value, Decimal):
        return _money(value, unit if unit in MONEY_UNITS else None, column_unit, note, text)
    if value is None:  # pragma: no cover - the pattern admits only digits
        return CellValue(None, False, error=f"不是数字：「{text.strip()}」")
    if value < 0 and column.kind == "count":
        return CellValue(None, False, error=f"不能为负数，实为「{text.strip()}」")
    if unit in MONEY_UNITS:
        return CellValue(None, False, error=f"应为件数，实为金额「{text.strip()}」")
    return CellValue(value, False, note)


def _money(amount: Decimal, unit: str | None, column_unit: str | None, note: str | None, text: str) -> CellValue:
    if unit and column_unit and unit != column_unit:
        converted = (amount * UNIT_FACTORS[unit] / UNIT_FACTORS[column_unit]).normalize()
        if converted == converted.to_integral():
            converted = converted.quantize(Decimal(1))
        shown = f"原文「{text.strip()}」，已换算为{format(converted, 'f')}{column_unit}"
        return CellValue(converted, False, "；".join(x for x in (shown, note) if x), column_unit)
    return CellValue(amount, False, note, unit)


def _note(rest: str) -> str | None:
    """「（其中修订16件）」 -> 其中修订16件; None when ``rest`` is not a bracketed or plain remark."""
    if not rest:
        return None
    m = re.fullmatch(r"[(\[〔【](.+)[)\]〕】]", rest)
    if m:
        return m.group(1)
    if re.match(r"^(其中|含|包括|另)", rest):
        return rest
    return None
