"""What the review analyses share: the report they read, their finding, and the narrative's sentences.

The analyses read a report through ``Reviewed`` (the checker's protocol plus the agency
and the plain data mapping), so they sit below the model: ``Report.next_year()`` can
call them without an import cycle.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from ..checks import Finding
from ..editions import Edition

Kind = Literal["arithmetic", "continuity", "text", "copy", "strict"]

KIND_LABELS: dict[str, str] = {
    "arithmetic": "勾稽关系",
    "continuity": "年度衔接",
    "text": "文字与表格",
    "copy": "重复率",
    "strict": "严格检查",
}
"""What each kind of finding is called in messages and workbooks."""


class Reviewed(Protocol):
    """What the analyses read of a report (the model's ``Report`` is one)."""

    @property
    def spec(self) -> Edition: ...

    @property
    def year(self) -> int: ...

    @property
    def agency(self) -> str: ...

    def cell(self, table: str, row: str, col: str) -> Any: ...

    def is_given(self, table: str, row: str, col: str) -> bool: ...

    def data(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class ReviewFinding(Finding):
    """A finding of the review analyses: a checker finding that also says its kind."""

    kind: str = "arithmetic"

    @property
    def text(self) -> str:
        """One line for a person: [警告] 文字与表格：…"""
        severity = "错误" if self.is_error else "警告"
        return f"[{severity}] {KIND_LABELS.get(self.kind, self.kind)}：{self.message}"


def kind_of(finding: Finding) -> str:
    """The kind of any finding: the review's own, else rule 5 is continuity and the rest arithmetic."""
    if isinstance(finding, ReviewFinding):
        return finding.kind
    return "continuity" if finding.rule == 5 else "arithmetic"


def note(kind: Kind, key: str, label: str, message: str, severity: Literal["error", "warning"] = "warning",
         expected: Any = None, found: Any = None) -> ReviewFinding:
    """A finding about a part of the report outside the tables (``key`` the field, ``label`` its label)."""
    return ReviewFinding(0, severity, key, label, None, None, None, None, expected, found, message, kind=kind)


@dataclass(frozen=True)
class Passage:
    """One paragraph of the narrative and where it stands."""

    field: str
    """The field key (overview, problems …)."""
    label: str
    """The field's label (一、总体情况)."""
    place: str
    """Its label for a person: 一、总体情况（依申请公开）第1段."""
    text: str


NARRATIVE_KINDS = ("overview", "items", "paragraphs", "text")


def passages(report: Reviewed) -> Iterator[Passage]:
    """Every paragraph of the narrative fields, in the order of the edition's fields."""
    data = report.data()
    for field in report.spec.fields:
        if field.kind not in NARRATIVE_KINDS or field.key == "preamble":
            continue
        value = data.get(field.key)
        if field.kind == "overview" and isinstance(value, dict):
            for i, text in enumerate(value.get("intro") or [], 1):
                yield Passage(field.key, field.label, f"{field.label}第{i}段", str(text))
            for item in value.get("items") or []:
                title = str(item.get("title") or "")
                yield Passage(field.key, field.label, f"{field.label}（{title}）标题", title)
                for i, text in enumerate(item.get("text") or [], 1):
                    yield Passage(field.key, field.label, f"{field.label}（{title}）第{i}段", str(text))
        elif isinstance(value, list):
            for i, text in enumerate(value, 1):
                yield Passage(field.key, field.label, f"{field.label}第{i}项", str(text))
        elif isinstance(value, str):
            yield Passage(field.key, field.label, field.label, value)


_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, split after 。！？； (and at line breaks), blanks dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
