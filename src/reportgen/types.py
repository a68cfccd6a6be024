"""Value types shared by the model: counts, money, XML-safe text."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

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


def _whole(value: Any) -> Any:
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
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        raise ValueError(f"应为整数，实为「{show(value)}」")
    return value


def _money(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("应为金额数字，不能是真/假值")
    if isinstance(value, float):
        value = repr(value)  # the shortest text that reads back as this float
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"应为金额数字，实为「{show(value.strip())}」") from None
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError("应为金额数字，不能是 NaN 或无穷大")
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
Line = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_xml_safe)]
