"""汇总 from files: many bodies' reports into one report and the breakdown of who contributed what."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import Problem, ReportError
from ..model import Report
from ..review import aggregate_data, key_figures
from ..review.records import BodyFigures, Breakdown
from .collect import Loaded, Progress, load_all


@dataclass(frozen=True)
class Compiled:
    report: Report
    """The compiled report: the sum of the bodies' tables."""
    breakdown: Breakdown
    sources: tuple[str, ...]


def status_text(report: Report) -> str:
    """The check result of a report in words: 通过, 2 个错误, 1 个警告."""
    findings = report.check()
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    parts = ([f"{errors} 个错误"] if errors else []) + ([f"{warnings} 个警告"] if warnings else [])
    return "，".join(parts) or "通过"


def aggregate(reports: list[Report], agency: str, sources: list[str] | None = None) -> Compiled:
    """The compiled report of ``reports`` (one edition, one year) and its breakdown by body."""
    data = aggregate_data(reports, agency, sources)
    report = Report.from_data(data)
    names = sources or [r.agency for r in reports]
    figures = key_figures(report.spec)
    bodies = tuple(BodyFigures(r.agency, src, status_text(r), tuple(r.cell(t, row, c) for t, row, c, _ in figures))
                   for r, src in zip(reports, names, strict=True))
    totals = tuple(report.cell(t, row, c) for t, row, c, _ in figures)
    breakdown = Breakdown(agency, report.year, report.spec.key, tuple(label for *_, label in figures), bodies, totals)
    return Compiled(report, breakdown, tuple(names))


def aggregate_files(paths: Iterable[str | os.PathLike[str]], agency: str,
                    progress: Progress | None = None, outputs: Iterable[str | os.PathLike[str]] = ()) -> Compiled:
    """Read every input and compile them; ReportError naming every file that could not be read.
    ``outputs``: the files the compilation is written to, never read as inputs."""
    loaded: list[Loaded] = list(load_all(paths, progress, outputs))
    bad = [Problem(item.source, "无法读取：" + "；".join(item.problems[:3])) for item in loaded if not item.ok]
    if bad:
        raise ReportError(bad, "汇总")
    reports = [item.report for item in loaded if item.report is not None]
    return aggregate(reports, agency, [item.source for item in loaded])
