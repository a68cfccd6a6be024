"""Strict mode for supervisors: what a complete, finished report must also have.

Empty 一、总体情况; no problems or no improvements in 五; placeholder text left in;
a signature date outside January–March of the year after the report's; for an edition
whose section 六 reports information-processing fees, the fees not given.
"""

from __future__ import annotations

import datetime
import re

from ..checks import Finding
from ..editions.blank import LEFT_IN
from .base import Reviewed, note, passages
from .nextyear import REWRITE_MARK

PLACEHOLDERS = re.compile(f"{LEFT_IN.pattern}|{re.escape(REWRITE_MARK)}")
"""Text a template or a sample leaves for the clerk to replace (the checker's, and next year's rewrite mark)."""

LAST_MONTH = 3
"""The signature date falls between 1 January and the end of this month of the next year."""


def _empty(value: object) -> bool:
    if isinstance(value, dict):
        return not any(value.values())
    return not value


def check_strict(report: Reviewed) -> list[Finding]:
    """Findings of strict mode (warnings), each naming the part of the report by its label."""
    spec = report.spec
    data = report.data()
    out: list[Finding] = []
    for field in spec.fields:
        if field.kind in ("overview", "items") and _empty(data.get(field.key)):
            out.append(note("strict", field.key, field.label, f"{field.label}：未填写内容"))
    left: dict[str, list[str]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for passage in passages(report):
        for m in PLACEHOLDERS.finditer(passage.text):
            left.setdefault(m.group(), []).append(passage.place)
            labels.setdefault(m.group(), (passage.field, passage.label))
    for text, places in left.items():
        key, label = labels[text]
        shown = "、".join(dict.fromkeys(places[:5])) + (f"等 {len(places)} 处" if len(places) > 5 else "")
        out.append(note("strict", key, label, f"留有待替换的文字「{text}」：{shown}", found=text))
    date_label = spec.field("date").label
    date = data.get("date")
    first, last = datetime.date(report.year + 1, 1, 1), datetime.date(report.year + 1, LAST_MONTH, 31)
    if not isinstance(date, datetime.date):
        out.append(note("strict", "date", date_label, f"{date_label}：未填写"))
    elif not first <= date <= last:
        out.append(note("strict", "date", date_label,
                        f"{date_label}：{date.isoformat()} 不在 {report.year + 1}年1月至{LAST_MONTH}月之间"
                        f"（报告应于次年年初发布）", found=date.isoformat()))
    fees = next((f for f in spec.fields if f.kind == "fees"), None)
    if fees is not None and data.get(fees.key) is None:
        out.append(note("strict", fees.key, fees.label,
                        f"{fees.label}：未填写（{spec.key}版要求在第六部分报告{spec.fees_label}）"))
    return out
