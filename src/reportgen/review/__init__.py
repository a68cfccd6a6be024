"""What evaluators check beyond one report's arithmetic, as pure functions over reports.

    next_year(last) -> (data, notes)          this year's starter (``Report.next_year()``)
    check_continuity(last, this)              rule 5 and the edition's stocks (现行有效件数)
    check_text_figures(report)                figures stated in the narrative against the tables
    copy_rate(last, this) / check_copy_rate   the share of the narrative repeated from last year's
    check_strict(report)                      what a finished report must also have (``--strict``)
    aggregate_data(reports, agency)           汇总: many bodies' tables summed
    pair(bodies)                              reports of consecutive years of one body, names normalised
    review(report, previous, strict, copy_threshold)   all of the above for one report

Every finding is a ``checks.Finding`` (a ``ReviewFinding`` says its kind: ``kind_of``).
"""

from __future__ import annotations

from ..checks import Finding
from .aggregate import aggregate_data, key_figures
from .base import KIND_LABELS, Reviewed, ReviewFinding, kind_of
from .continuity import check_continuity
from .copyrate import DEFAULT_THRESHOLD, CopyRate, check_copy_rate, copy_rate
from .figures import check_text_figures
from .names import Pair, normalise, pair, same_body
from .nextyear import REWRITE_MARK, next_year
from .strict import check_strict


def review(report: Reviewed, previous: Reviewed | None = None, strict: bool = False,
           copy_threshold: float = DEFAULT_THRESHOLD) -> list[Finding]:
    """The review's findings for one report (its own check not included): text against tables;
    with ``previous``, continuity and copy rate; with ``strict``, strict mode."""
    findings: list[Finding] = check_text_figures(report)
    if previous is not None:
        findings += check_continuity(previous, report)
        findings += check_copy_rate(previous, report, copy_threshold)
    if strict:
        findings += check_strict(report)
    return findings


__all__ = [
    "DEFAULT_THRESHOLD", "KIND_LABELS", "REWRITE_MARK", "CopyRate", "Pair", "ReviewFinding", "Reviewed",
    "aggregate_data", "check_continuity", "check_copy_rate", "check_strict", "check_text_figures", "copy_rate",
    "key_figures", "kind_of", "next_year", "normalise", "pair", "review", "same_body",
]
