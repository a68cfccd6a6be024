"""The phrase library: how narratives state the figures of the tables.

Each ``Phrase`` is a pattern whose group ``n`` is a figure in Arabic digits followed by its
measure word (件、起、宗、条), and the cells whose sum that figure states: ``rows`` are row
keys of ``table`` (a key also stands for the rows beneath it: ``withheld`` is the eight of
（三）不予公开), always in column ``column``. Phrases are tried in order and a matched span
is not matched again, so 「予以公开及部分公开258件」 is one figure, not two.

What the library does not understand it leaves alone: a figure in Chinese numerals, a
clause that compares with another year (同比、较上年、2020年) or speaks of one applicant
type (自然人、商业企业 …), a figure two phrases share (行政复议和行政诉讼共3件) is
skipped rather than risk a false alarm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_JOIN = r"(?:共计|合计|总计|累计|总数为|共|计|为|达|：|:)?\s*"
_FIGURE = r"(?P<n>\d+)\s*(?:件|起|宗|条)(?![\d%％])"


ANY_FIGURE = re.compile(r"\d\s*[件起宗条]")
"""What every phrase ends with: a sentence without it states no figure (and its patterns are not compiled)."""


@dataclass(frozen=True)
class Phrase:
    name: str
    """What the figure is, for messages (收到申请数)."""
    lead: str
    table: str
    rows: tuple[str, ...]
    column: str = "total"

    @property
    def pattern(self) -> re.Pattern[str]:
        """The lead, then the figure: compiled on first use (14 patterns cost a command ~10 ms to compile)."""
        return _compiled(self.lead)


@cache
def _compiled(lead: str) -> re.Pattern[str]:
    return re.compile(lead + _JOIN + _FIGURE)


PHRASES: tuple[Phrase, ...] = (
    Phrase("予以公开及部分公开数", r"予以公开(?:和|及|与|、|以及)部分公开(?:的)?(?:申请)?", "applications",
            ("granted", "partially_granted")),
    Phrase("上年结转申请数", r"上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开|依申请公开)?(?:申请)?",
            "applications", ("carried_over",)),
    Phrase("结转下年度申请数", r"结转(?:至|到)?下(?:一)?年(?:度)?(?:继续办理)?(?:的)?(?:申请)?",
            "applications", ("carried_forward",)),
    Phrase("收到申请数",
            r"(?:新收|收到|接收|新受理)(?:各类)?(?:政府信息公开|依申请公开)?申请(?:数量)?",
            "applications", ("new_received",)),
    Phrase("予以公开数", r"(?<![及和与、])予以公开(?:的)?(?:申请)?", "applications", ("granted",)),
    Phrase("部分公开数", r"(?<![及和与、以])部分公开(?:的)?(?:申请)?", "applications", ("partially_granted",)),
    Phrase("不予公开数", r"不予公开(?:的)?(?:申请)?", "applications", ("withheld",)),
    Phrase("无法提供数", r"无法提供(?:的)?(?:申请)?", "applications", ("unavailable",)),
    Phrase("不予处理数", r"不予处理(?:的)?(?:申请)?", "applications", ("not_processed",)),
    Phrase("行政复议数", r"(?:政府信息公开)?行政复议(?:案件)?(?:申请)?", "reviews", ("review",)),
    Phrase("行政诉讼数", r"(?:政府信息公开)?行政诉讼(?:案件)?", "reviews",
            ("litigation_direct", "litigation_after_review")),
    Phrase("制发行政规范性文件数", r"制发(?:行政)?规范性文件", "active_disclosure",
            ("normative_documents",), "issued"),
    Phrase("废止行政规范性文件数", r"废止(?:行政)?规范性文件", "active_disclosure",
            ("normative_documents",), "repealed"),
    Phrase("现行有效行政规范性文件数", r"现行有效(?:的)?(?:行政)?规范性文件", "active_disclosure",
            ("normative_documents",), "in_force"),
)

OTHER_TIME = re.compile(r"同比|去年|上一年度|上年度|上年同期|较上年|比上年|同期|(?:19|20)\d\d年")
"""Words that put a clause in another year, or compare with one: its figures are not this year's."""

CLAUSE = re.compile(r"[，,；;。！？!?]")

SHARED = re.compile(r"[和及与、](?:提起|申请|发生|被申请)?$")
"""Text just before a phrase that makes it the second of two sharing one figure (行政复议和行政诉讼共3件)."""


@dataclass(frozen=True)
class Stated:
    """A figure a sentence states: the phrase, the number and where it stands in the clause."""

    phrase: Phrase
    value: int
    clause: str


def _other_year(context: str, year: int) -> bool:
    return any(m.group() != f"{year}年" for m in OTHER_TIME.finditer(context))


def stated_figures(sentence: str, year: int, skip_words: tuple[str, ...] = ()) -> list[Stated]:
    """The figures ``sentence`` states about the report on ``year``, by the phrase library.

    ``skip_words``: words that make a clause speak of part of a figure (the applicant types),
    so that it is left alone.
    """
    found: list[Stated] = []
    if not ANY_FIGURE.search(sentence):
        return found
    for clause in CLAUSE.split(sentence):
        if not clause or any(w in clause for w in skip_words):
            continue
        rest = clause
        for phrase in PHRASES:
            for m in list(phrase.pattern.finditer(rest)):
                context = rest[: m.start()] + rest[m.end():]
                if not _other_year(context, year) and not SHARED.search(rest[: m.start()]):
                    found.append(Stated(phrase, int(m.group("n")), clause))
            rest = phrase.pattern.sub(lambda m: "〇" * len(m.group()), rest)
    return found
