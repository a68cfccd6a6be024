"""What the official blank template (格式模板) prints where a report's text goes.

The template distributed with the notices has no tags: under 一、五 and 六 it
prints a placeholder paragraph, 「（文字描述）」, and under 六 in edition 2021
「（文字描述，收取信息处理费情况在此处报告。）」. A filler recognises them by
this pattern (brackets of either width, spaces ignored).
"""

from __future__ import annotations

import re

PLACEHOLDER = "（文字描述）"
PLACEHOLDER_FEES = "（文字描述，收取信息处理费情况在此处报告。）"
PLACEHOLDER_PATTERN = re.compile(r"^\s*[（(]\s*文字描述[^（()）]*[）)]\s*$")
"""A placeholder paragraph: 「（文字描述）」 or 「（文字描述，…）」."""

LEFT_IN = re.compile(
    r"[（(]\s*文字描述[^（()）]*[）)]"  # the blank template's placeholders
    r"|(?<![A-Za-z])(?:[XxＸｘ]{2,}|TODO|todo)(?![A-Za-z])"  # XX县, not the xxgk of a web address
    r"|[×＊*]{2,}|某某|待填|待补充|请填写|此处填写"
)
"""Text left in from a template or a sample, which the report would print as it is."""

TEMPLATE_TITLE = "政府信息公开工作年度报告"
"""What every title of the report ends with; the template's title paragraph holds it."""
