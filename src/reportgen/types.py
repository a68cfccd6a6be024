"""Value types shared by the model: counts, money, XML-safe text."""

from __future__ import annotations

import datetime
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

MAX_COUNT = 999_999_999_999_999
"""Largest count accepted: 15 digits, what a spreadsheet holds exactly."""
MAX_TEXT = 20_000
"""Longest paragraph, in characters."""
MONEY_UNITS = ("元", "万元", "亿元")

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


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:[,，]\d{3})+")


def _whole(value: Any) -> Any:
    if value is None:
        return 0  # left blank: 0, as in the printed report
    if isinstance(value, bool):
        raise ValueError("应为整数，不能是真/假值")
    if isinstance(value, float | Decimal):
        if not math.isfinite(value):
            raise ValueError("应为整数，不能是 NaN 或无穷大")
        if value != int(value):
            raise ValueError(f"应为整数，不能有小数，实为 {value}")
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return 0
        if _THOUSANDS.fullmatch(text):
            text = text.replace(",", "").replace("，", "")
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        raise ValueError(f"应为整数，实为「{show(value)}」")
    return value


def _money(value: Any) -> Any:
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        raise ValueError("应为金额数字，不能是真/假值")
    if isinstance(value, float):
        value = repr(value)  # the shortest text that reads back as this float
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "") or "0"
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"应为金额数字，实为「{show(value.strip())}」") from None
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError("应为金额数字，不能是 NaN 或无穷大")
    if isinstance(value, Decimal) and value.is_zero():
        return abs(value)  # -0.0 prints as 0.0
    return value


def _year(value: Any) -> Any:
    """2024, "2024" or "2024年"."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})\s*年?\s*", value)
        if match:
            return int(match.group(1))
    return value


def _date(value: Any) -> Any:
    """2025-01-20, and the ways a clerk writes it: 2025年1月20日, 2025.1.20, 2025/1/20."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                raise ValueError(f"不是有效的日期：{show(value.strip())}（没有这一天）") from None
    return value


def _xml_safe(text: str) -> str:
    bad = _ILLEGAL_XML.search(text)
    if bad:
        raise ValueError(
            f"含有无法写入 Word/Excel 文件的字符 U+{ord(bad.group()):04X}（第 {bad.start() + 1} 个字符）"
        )
    return text


Count = Annotated[int, BeforeValidator(_whole), Field(ge=0, le=MAX_COUNT)]
Signed = Annotated[int, BeforeValidator(_whole), Field(ge=-MAX_COUNT, le=MAX_COUNT)]
Money = Annotated[Decimal, BeforeValidator(_money), Field(ge=0, le=Decimal(MAX_COUNT), allow_inf_nan=False)]
Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(_xml_safe)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), AfterValidator(_xml_safe)]
Year = Annotated[int, BeforeValidator(_year), Field(ge=2019, le=2099)]
Date = Annotated[datetime.date, BeforeValidator(_date)]
