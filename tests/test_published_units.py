"""Label matching and cell values, on their own."""

from __future__ import annotations

from decimal import Decimal

from reportgen.editions import get_edition
from reportgen.formats.published.cells import parse_cell
from reportgen.formats.published.labels import LabelMatcher, normalize

T3 = get_edition("2021").table("applications")
ROWS = LabelMatcher((r.key, r.label, r.full_label) for r in T3.rows)


def test_normalize_brackets_spaces_fullwidth() -> None:
    assert normalize("(一) 予以\n公开") == normalize("（一）予以公开")
    assert normalize("１２３") == "123"


def test_matching_tolerates_variants_but_not_ties() -> None:
    assert ROWS.match("（一）予以公开").key == "granted"
    assert ROWS.match("(一)予以公开").key == "granted"
    assert ROWS.match("2.其他法律行政止公开").key == "withheld.prohibited_by_law"
    assert ROWS.match("（二）部分公开").key == "partially_granted"
    assert not ROWS.match("完全无关的文字").ok
    tie = LabelMatcher([("a", "甲乙丙丁戊己"), ("b", "甲乙丙丁戊庚")]).match("甲乙丙丁戊辛")
    assert tie.how == "ambiguous" and set(tie.rivals) == {"a", "b"}


def test_synonym_normative_documents() -> None:
    t2 = get_edition("2021").table("active_disclosure")
    m = LabelMatcher((r.key, r.label) for r in t2.rows)
    assert m.match("规范性文件").key == "normative_documents"


def test_cell_values() -> None:
    count = T3.column("granted", "natural_person")
    amount = get_edition("2021").table("active_disclosure").column("fees", "amount")
    assert parse_cell("１,２３４", count).value == 1234
    for blank in ("", "/", "—", "－", "无", " "):
        assert parse_cell(blank, count).blank
    v = parse_cell("22（其中修订16件）", count)
    assert (v.value, v.note) == (22, "其中修订16件")
    assert parse_cell("55（含自然失效29件）", count).note == "含自然失效29件"
    assert parse_cell("25.1万元", amount, "万元").value == Decimal("25.1")
    money = parse_cell("251000元", amount, "万元")
    assert money.value == Decimal("25.1") and isinstance(money.value, Decimal) and "251000元" in (money.note or "")
    assert parse_cell("abc", count).error
    assert parse_cell("2.5", count).error


def test_cell_numbers_are_read_as_data_files_read_them() -> None:
    """One coercion of a figure (types.number): 12.0 is a count of 12, and a cell of
    thousands of digits is a Chinese error of that cell, not Python's ValueError."""
    count = T3.column("granted", "natural_person")
    amount = get_edition("2021").table("active_disclosure").column("fees", "amount")
    assert parse_cell("12.0", count).value == 12 and isinstance(parse_cell("12.0", count).value, int)
    assert parse_cell("12.0", count).error is None
    huge = parse_cell("9" * 5000, count)
    assert huge.value is None and huge.error and "位数过多" in huge.error
    money = parse_cell("1" * 5000 + "万元", amount, "万元")
    assert money.value is None and money.error and "位数过多" in money.error
    assert parse_cell("-3", count).error == "不能为负数，实为「-3」"
    assert parse_cell("5万元", count).error == "应为件数，实为金额「5万元」"
