"""Copy rate: the share of this year's narrative repeated from last year's.

Method (sentence level): the narrative (一、总体情况, 五, 六) is split into sentences after
。！？；. Each sentence is normalised — spaces and punctuation removed, every run of digits
replaced by one mark, so that a copied sentence with new figures or a new year still counts
as copied. A sentence of this year is *repeated* when its similarity to some sentence of
last year's is at least ``SIMILAR`` (``difflib.SequenceMatcher.ratio``: twice the matched
characters over the characters of both). The copy rate is the characters of the repeated
sentences over all the characters of this year's sentences. Sentences shorter than
``MIN_CHARS`` (a heading such as 主动公开) are left out of both counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..checks import Finding
from .base import Reviewed, note, passages, sentences

SIMILAR = 0.8
MIN_CHARS = 8
DEFAULT_THRESHOLD = 0.5
"""Warned above this rate (one city's assessment rules deduct points above 50 %)."""

_PUNCT = re.compile(r"[\s\W_]+")
_DIGITS = re.compile(r"\d+")


def _norm(sentence: str) -> str:
    return _DIGITS.sub("#", _PUNCT.sub("", sentence))


def _sentences(report: Reviewed) -> list[str]:
    out = []
    for passage in passages(report):
        if passage.place.endswith("标题"):
            continue
        out += [n for n in map(_norm, sentences(passage.text)) if len(n) >= MIN_CHARS]
    return out


@dataclass(frozen=True)
class CopyRate:
    rate: float
    """Repeated characters over all characters, 0 to 1 (0 when this year has no narrative)."""
    repeated: int
    """Sentences repeated from last year's."""
    total: int
    """Sentences counted this year."""


def _best(sentence: str, pool: list[str]) -> float:
    best = 0.0
    for other in pool:
        matcher = SequenceMatcher(None, sentence, other, autojunk=False)
        if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
            continue
        best = max(best, matcher.ratio())
        if best >= SIMILAR:
            break
    return best


def copy_rate(last: Reviewed, this: Reviewed) -> CopyRate:
    """How much of this year's narrative repeats last year's (see the module's method)."""
    pool = _sentences(last)
    mine = _sentences(this)
    total = sum(map(len, mine))
    repeated = [s for s in mine if _best(s, pool) >= SIMILAR]
    rate = sum(map(len, repeated)) / total if total else 0.0
    return CopyRate(rate, len(repeated), len(mine))


def check_copy_rate(last: Reviewed, this: Reviewed, threshold: float = DEFAULT_THRESHOLD) -> list[Finding]:
    """A warning when the copy rate is above ``threshold`` (a share, 0 to 1)."""
    result = copy_rate(last, this)
    if result.rate <= threshold:
        return []
    return [note("copy", "overview", "正文", f"正文有 {result.rate:.0%} 的文字与{last.year}年报告重复"
                 f"（{result.total} 句中 {result.repeated} 句相同或近似），超过 {threshold:.0%}，请更新内容",
                 expected=threshold, found=round(result.rate, 3))]
