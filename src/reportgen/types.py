"""Value types shared by the model: counts, money, XML-safe text."""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

MAX_COUNT = 999_999_999_999_999
"""Largest count accepted: 15 digits, what a spreadsheet holds exactly."""
MAX_TEXT = 20_000
"""Longest paragraph, in characters."""
MAX_ITEMS = 200
"""Paragraphs or items in one list (存在的主要问题, 总体情况's subsections, each subsection's paragraphs …)."""
MAX_TOTAL_TEXT = 1_000_000
"""Characters of text in one report, all paragraphs together (a real report has some 20,000)."""
MONEY_UNITS = ("元", "万元", "亿元")
UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
"""Yuan in one of each of ``MONEY_UNITS``."""

# Characters that XML 1.0 (and so .docx and .xlsx) cannot hold.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def show(value: Any, limit: int = 40) -> str:
    """A value as a message may quote it: printable, and short."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + f"…（共 {len(text)} 个字符）"
    return "".join(
        ch if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF else f"\\u{ord(ch):04x}" for ch in text
    )


_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d+)?")
MAX_DIGITS = 30
"""Digits a number may have before it is refused (a count has at most 15): bounds the work of reading it."""
MONEY_PLACES = 6
"""Decimal places an amount may have."""


def number(value: Any, kind: str = "count") -> int | Decimal | None:
    """The one coercion of a figure, for data files and forms alike; None for a blank.

    Accepted: whole numbers and decimals (integral ones for a count: 12.0 is 12),
    full-width digits, and thousands separated by commas or spaces in their
    proper places (1,000 / 1，000 / 1 000). Refused with a Chinese ValueError:
    anything else, exponents, NaN and infinities, more than ``MAX_DIGITS`` digits,
    and a fraction in a count. ``kind`` is "count", "signed" or "money".
    """
    what = "金额数字" if kind == "money" else "整数"
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"应为{what}，不能是真/假值")
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            return None
        grouped = _GROUPED.fullmatch(text)
        if grouped and grouped.group(1):
            text = text.replace(grouped.group(1), "")
        if not _NUMBER.fullmatch(text):
            raise ValueError(f"应为{what}，实为文字「{show(value.strip())}」")
        if len(text) > MAX_DIGITS + 2:
            raise ValueError(f"数字位数过多（{len(text)} 位），实为「{show(value.strip())}」")
        value = Decimal(text)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"应为{what}，不能是 NaN 或无穷大")
        value = Decimal(repr(value))  # the shortest text that reads back as this float
    elif isinstance(value, int):
        if abs(value) >= 10 ** MAX_DIGITS:
            raise ValueError(f"数字位数过多，实为 {show(value)}")
        return value if kind != "money" else Decimal(value)
    if not isinstance(value, Decimal):
        return value  # type: ignore[no-any-return]  # not a number at all: the model says what it is
    if not value.is_finite():
        raise ValueError(f"应为{what}，不能是 NaN 或无穷大")
    if value.adjusted() >= MAX_DIGITS:
        raise ValueError(f"数字超出范围，实为 {show(value)}")
    if kind == "money":
        if value.as_tuple().exponent < -MONEY_PLACES:  # type: ignore[operator]
            raise ValueError(f"金额最多 {MONEY_PLACES} 位小数，实为 {show(value)}")
        return abs(value) if value.is_zero() else value  # -0.0 prints as 0.0
    if value != value.to_integral_value():
        raise ValueError(f"应为整数，不能有小数，实为 {show(value)}")
    return int(value)


def text_size(data: Any, limit: int = MAX_TOTAL_TEXT) -> int:
    """Characters of text in a data mapping, counted until ``limit`` is passed (a cheap walk before validating)."""
    total = 0
    todo = [data]
    pop, extend = todo.pop, todo.extend
    while todo and total <= limit:
        node = pop()
        kind = type(node)
        if kind is int:  # most of a report: its cells
            continue
        if kind is str or isinstance(node, str):
            total += len(node)
        elif kind is dict or isinstance(node, dict):
            extend(node.values())
        elif isinstance(node, list | tuple):
            extend(node)
    return total


_INT_BOUND = 10 ** MAX_DIGITS


def _whole(value: Any) -> Any:
    if type(value) is int and -_INT_BOUND < value < _INT_BOUND:  # what a data file holds: number() returns it
        return value
    result = number(value, "count")
    return 0 if result is None else result  # left blank: 0, as in the printed report


def _money(value: Any) -> Any:
    result = number(value, "money")
    return Decimal(0) if result is None else result


def year_of(value: Any) -> Any:
    """2024, "2024" or "2024年"."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})\s*年?\s*", value)
        if match:
            return int(match.group(1))
    return value


_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def _date(value: Any) -> Any:
    """2025-01-20, and the ways a clerk writes it: 2025年1月20日, 2025.1.20, 2025/1/20.

    A bare number is refused, never read as seconds since 1970: 45678 is most
    likely a spreadsheet's day number pasted as it is, and the message says so.
    """
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        hint = ""
        if math.isfinite(value) and 1 <= value < 2958466:
            as_date = _EXCEL_EPOCH + datetime.timedelta(days=int(value))
            hint = f"；{show(value)} 像是电子表格的日期序号（即 {as_date.isoformat()}），请写成日期"
        raise ValueError(f"应为日期，如 2025-01-20{hint}，实为「{show(value)}」")
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                raise ValueError(f"不是有效的日期：{show(value.strip())}（没有这一天）") from None
    return value


def xml_problem(text: str) -> str | None:
    """Why ``text`` cannot be written to a .docx or .xlsx (a character XML 1.0 cannot hold), or None."""
    bad = _ILLEGAL_XML.search(text)
    if bad:
        return f"含有无法写入 Word/Excel 文件的字符 U+{ord(bad.group()):04X}（第 {bad.start() + 1} 个字符）"
    return None


def _xml_safe(text: str) -> str:
    message = xml_problem(text)
    if message:
        raise ValueError(message)
    return text


# The bounds come before the coercion: pydantic then checks them inside its own int/decimal validator
# (the coercion still runs first), instead of wrapping each cell in two more Python validators.
Count = Annotated[int, Field(ge=0, le=MAX_COUNT), BeforeValidator(_whole)]
Signed = Annotated[int, Field(ge=-MAX_COUNT, le=MAX_COUNT), BeforeValidator(_whole)]
Money = Annotated[Decimal, Field(ge=0, le=Decimal(MAX_COUNT), allow_inf_nan=False), BeforeValidator(_money)]
Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_xml_safe)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(_xml_safe)]
Year = Annotated[int, Field(ge=2019, le=2099), BeforeValidator(year_of)]
Date = Annotated[datetime.date, BeforeValidator(_date)]
