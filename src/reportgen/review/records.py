"""What the breakdown and audit workbooks show: plain records, filled by ``reportgen.survey``
and written by the workbook writers in ``formats``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .base import KIND_LABELS


@dataclass(frozen=True)
class BodyFigures:
    """One body's row of the breakdown (汇总明细)."""

    agency: str
    source: str
    status: str
    """检查结果 in words: 通过, 2 个错误 …"""
    figures: tuple[Any, ...]


@dataclass(frozen=True)
class Breakdown:
    """汇总明细: one row per body, and the total row, which equals the compiled report."""

    agency: str
    year: int
    edition: str
    labels: tuple[str, ...]
    bodies: tuple[BodyFigures, ...]
    totals: tuple[Any, ...]


@dataclass(frozen=True)
class AuditEntry:
    """One input of an audit: what it is, and how many findings of each kind it has."""

    source: str
    kind: str
    """What the file is (Excel 报表, 已发布网页 …)."""
    status: str
    """通过, 有错误, 有警告, 无法读取."""
    agency: str = ""
    year: int | None = None
    edition: str = ""
    errors: int = 0
    warnings: dict[str, int] = field(default_factory=dict)
    """Kind (see ``KIND_LABELS``) -> warnings of that kind."""
    previous: str = ""
    """The report of the year before it was compared with, and how it was paired."""
    copy_rate: float | None = None


@dataclass(frozen=True)
class AuditLine:
    """One finding of an audit, with its place."""

    source: str
    agency: str
    kind: str
    severity: str
    place: str
    message: str


@dataclass(frozen=True)
class Audit:
    entries: tuple[AuditEntry, ...]
    lines: tuple[AuditLine, ...]
    missing: tuple[str, ...] = ()
    """Bodies expected (``--expect``) with no report among the inputs."""
    pairs: tuple[str, ...] = ()
    """The pairings made between years, in words."""

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(KIND_LABELS)
