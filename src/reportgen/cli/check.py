"""reportgen check: the consistency check of data files and forms."""

from __future__ import annotations

import argparse
import contextlib
import json
from collections import defaultdict
from dataclasses import asdict
from itertools import pairwise
from pathlib import Path

from ..batch import Outcome
from ..checks import Finding, check_continuity
from ..checks.advice import advise
from ..errors import ReportError
from ..fileio import read_input
from ..formats import load, registry
from ..model import Report
from . import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from .paths import refuse_windows_paths


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("check", help="检查数据文件或填报表的勾稽关系",
                       description="检查报告数据（.yaml/.json/.xlsx）是否符合官方格式和勾稽关系。"
                       "同一机关相邻两年的文件一起检查时，还核对上年结转（警告）。")
    p.add_argument("files", nargs="+", metavar="文件", help="数据文件、填报表或文件夹（逐层查找）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果（供其他程序读取）")
    p.set_defaults(func=run)


def locations(path: str, report: Report) -> dict[tuple[str, str, str], str]:
    """Where each table cell sits in the input (表三!E12 on a form); empty when its format has no cells."""
    fmt = registry.for_suffix(path)
    if fmt is None or fmt.locate is None:
        return {}
    try:
        return fmt.locate(read_input(path), report.spec)
    except ReportError:
        return {}


def print_findings(findings: list[Finding], indent: str = "  ",
                   where: dict[tuple[str, str, str], str] | None = None) -> None:
    by_table: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_table[f.table_label].append(f)
    for label, items in by_table.items():
        print(f"{indent}{label}")
        for f in items:
            print(f"{indent}  {f.text}{cells_of(f, where or {})}")


def cells_of(finding: Finding, where: dict[tuple[str, str, str], str]) -> str:
    """（单元格 表三!D5、D6、D28、D29）: the cells a finding is about, or "" where the input has no cells."""
    rows = (finding.row or "",) if finding.row or not finding.rows else finding.rows
    cells = [c for r in rows if (c := where.get((finding.table, r, finding.column or "")))]
    if not cells:
        return ""
    sheet = cells[0].split("!")[0] + "!"
    shown = [cells[0], *(c.removeprefix(sheet) if c.startswith(sheet) else c for c in cells[1:])]
    return f"（单元格 {'、'.join(shown)}）"


def outcome_lines(outcome: Outcome) -> tuple[str, ...]:
    """``Outcome.messages``, each finding with its cells (表三!J7) as ``check`` prints them."""
    if not outcome.findings:
        return outcome.messages
    shown = [f for f in outcome.findings if f.is_error]
    if outcome.status != "refused":
        shown += [f for f in outcome.findings if not f.is_error]
    return (*map(str, outcome.problems), *outcome.notes, *located(outcome.source, shown))


def located(path: str, findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    """Each finding's text with its cells, for a file already loaded once (batch's summary)."""
    where: dict[tuple[str, str, str], str] = {}
    if findings:
        with contextlib.suppress(ReportError, OSError):
            where = locations(path, load(path))
    return [f"{f.text}{cells_of(f, where)}" for f in findings]


def summary(findings: list[Finding]) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return "通过，未发现问题。"
    parts = [f"{errors} 个错误"] if errors else []
    if warnings:
        parts.append(f"{warnings} 个警告")
    return "，".join(parts)


def run(args: argparse.Namespace) -> int:
    if refuse_windows_paths(args.files):
        return EXIT_INPUT
    status = EXIT_OK
    loaded: list[tuple[str, Report]] = []
    results: dict[str, list[Finding]] = {}
    unreadable: list[dict[str, object]] = []
    from ..batch import find_inputs

    for path in map(str, find_inputs(args.files)):
        try:
            report = load(path)
        except ReportError as exc:
            if args.json:
                unreadable.append({"file": path, "valid": False, "problems": [asdict(p) for p in exc.problems]})
            else:
                print(exc)
            status = EXIT_INPUT
            continue
        loaded.append((path, report))
        results[path] = report.check() + advise(report)
    # Continuity (rule 5): consecutive years of the same agency checked together.
    by_agency: dict[tuple[str, str], list[tuple[str, Report]]] = defaultdict(list)
    for path, report in loaded:
        by_agency[(report.agency, str(Path(path).parent))].append((path, report))
    for items in by_agency.values():
        items.sort(key=lambda pr: pr[1].year)
        for (_, last), (path, this) in pairwise(items):
            if this.year == last.year + 1:
                results[path] += check_continuity(last, this)
    for path, report in loaded:
        findings = results[path]
        if not args.json:
            print(f"{path}（{report.agency} {report.year}年，{report.spec.key}版）：{summary(findings)}")
            print_findings(findings, where=locations(path, report) if findings else None)
        if any(f.is_error for f in findings) and status == EXIT_OK:
            status = EXIT_FINDINGS
    if args.json:
        out = [*unreadable, *({"file": path, "valid": True, "agency": r.agency, "year": r.year,
                               "edition": r.spec.key, "findings": [asdict(f) for f in results[path]]}
                              for path, r in loaded)]
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    return status
