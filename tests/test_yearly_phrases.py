"""The phrase library: which figures a narrative sentence states, and which sentences it leaves alone."""

from __future__ import annotations

import pytest

from reportgen.review.phrases import stated_figures

SKIP = ("自然人", "商业企业", "法人或其他组织")


def _stated(sentence: str, year: int = 2023) -> list[tuple[str, tuple[str, ...], str, int]]:
    return [(s.phrase.table, s.phrase.rows, s.phrase.column, s.value) for s in stated_figures(sentence, year, SKIP)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("共收到政府信息公开申请26件。", [("applications", ("new_received",), "total", 26)]),
    ("2023年，我局收到政府信息公开申请共计26件，均按时答复。", [("applications", ("new_received",), "total", 26)]),
    ("全年新收政府信息公开申请53件，上年结转3件。",
     [("applications", ("carried_over",), "total", 3), ("applications", ("new_received",), "total", 53)]),
    ("本年度新收依申请公开申请 12 件", [("applications", ("new_received",), "total", 12)]),
    ("予以公开及部分公开258件。", [("applications", ("granted", "partially_granted"), "total", 258)]),
    ("其中予以公开20件，部分公开5件，不予公开3件。",
     [("applications", ("granted",), "total", 20), ("applications", ("partially_granted",), "total", 5),
      ("applications", ("withheld",), "total", 3)]),
    ("无法提供4件，不予处理2件", [("applications", ("unavailable",), "total", 4),
                                   ("applications", ("not_processed",), "total", 2)]),
    ("结转下年度继续办理2件。", [("applications", ("carried_forward",), "total", 2)]),
    ("发生政府信息公开行政复议134件。", [("reviews", ("review",), "total", 134)]),
    ("行政诉讼案件3起。", [("reviews", ("litigation_direct", "litigation_after_review"), "total", 3)]),
    ("废止行政规范性文件4件，现行有效行政规范性文件41件。",
     [("active_disclosure", ("normative_documents",), "repealed", 4),
      ("active_disclosure", ("normative_documents",), "in_force", 41)]),
])
def test_phrasings_are_understood(sentence: str, expected: list[tuple[str, tuple[str, ...], str, int]]) -> None:
    assert sorted(_stated(sentence)) == sorted(expected)


@pytest.mark.parametrize("sentence", [
    "共收到政府信息公开申请二十六件。",  # Chinese numerals: not understood
    "收到政府信息公开申请同比增长26%。",
    "收到政府信息公开申请较上年增加26件。",  # a change, not the figure
    "上年度共收到政府信息公开申请20件。",  # last year's figure
    "2022年共收到政府信息公开申请20件。",  # another year
    "其中自然人申请予以公开18件。",  # one applicant type, not the total
    "全年主动公开政府信息3268条。",  # no table cell for it
    "行政复议和行政诉讼均为0件。",
    "行政复议和行政诉讼共3件。",  # one figure for two tables
    "被申请行政复议和提起行政诉讼共3件。",
    "不予公开及无法提供的申请共7件。",
    "收到申请后，于15个工作日内答复。",
])
def test_sentences_it_does_not_understand_are_left_alone(sentence: str) -> None:
    assert _stated(sentence) == []


def test_the_report_year_itself_does_not_count_as_another_year() -> None:
    assert _stated("2023年共收到政府信息公开申请20件。", 2023) == [("applications", ("new_received",), "total", 20)]
