"""Numbering of any count of items: 一百是…, （一百一十）…, never 十十是 (issue 15, item 9)."""

from __future__ import annotations

import io

import docx

from reportgen import Report
from reportgen.formats import to_bytes
from reportgen.formats.display import chinese_number
from reportgen.types import MAX_ITEMS


def test_chinese_numbers_follow_the_written_rules() -> None:
    expected = {1: "一", 10: "十", 11: "十一", 20: "二十", 99: "九十九", 100: "一百", 101: "一百零一",
                109: "一百零九", 110: "一百一十", 111: "一百一十一", 200: "二百", 1001: "一千零一",
                1010: "一千零一十", 10000: "一万", 10100: "一万零一百"}
    assert {n: chinese_number(n) for n in expected} == expected
    assert len({chinese_number(n) for n in range(1, 20_001)}) == 20_000  # never two items alike


def test_the_largest_report_numbers_every_item() -> None:
    report = Report.from_data({"agency": "甲", "year": 2021, "problems": [f"问题{i}" for i in range(MAX_ITEMS)],
                               "overview": {"items": [{"title": f"标题{i}"} for i in range(MAX_ITEMS)]}})
    paragraphs = [p.text for p in docx.Document(io.BytesIO(to_bytes(report, "docx"))).paragraphs]
    assert "一百零五是问题104" in paragraphs
    assert f"{chinese_number(MAX_ITEMS)}是问题{MAX_ITEMS - 1}" in paragraphs
    assert any(p.startswith("（一百一十）标题109") for p in paragraphs)
    assert not any("十十" in p for p in paragraphs)
