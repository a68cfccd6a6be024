"""reportgen check: the consistency check of data files and forms."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import defaultdict
from dataclasses import asdict
from typing import TextIO

from ..batch import Outcome
from ..checks import Finding
from ..checks.advice import advise
from ..errors import ReportError
from ..fileio import read_input
from ..formats import load, registry
from ..model import Report
from ..review import DEFAULT_THRESHOLD, kind_of, pair, review
from . import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from .paths import refuse_windows_paths


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("check", help="检查数据文件或填报表的勾稽关系",
                       description="检查报告数据（.yaml/.json/.xlsx）是否符合官方格式和勾稽关系。"
                       "同一机关相邻两年的文件一起检查时，还核对上年结转（警告）。")
    p.add_argument("files", nargs="+", metavar="文件", help="数据文件、填报表或文件夹（逐层查找）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果（供其他程序读取）")
    p.add_argument("--previous", metavar="上年报告",
                   help="上一年度的报告：核对上年结转等衔接关系和正文重复率（不论机关名称是否相同）")
    p.add_argument("--strict", action="store_true",
                   help="严格检查：正文为空、未写问题或改进、留有占位文字、成文日期不在次年1至3月、2021版未报告信息处理费")
    p.add_argument("--copy-threshold", type=float, default=DEFAULT_THRESHOLD * 100, metavar="百分比",
                   help=f"正文与上年报告重复超过此比例时警告（默认 {DEFAULT_THRESHOLD:.0%}%）")
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
                   where: dict[tuple[str, str, str], str] | None = None, file: TextIO | None = None) -> None:
    by_table: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_table[f.table_label].append(f)
    for label, items in by_table.items():
        print(f"{indent}{label}", file=file)
        for f in items:
            print(f"{indent}  {f.text}{cells_of(f, where or {})}", file=file)


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

    found = find_inputs(args.files, own_outputs=True)
    if not found:
        print(f"没有可检查的文件：所给的文件夹中没有数据文件、填报表或报告（{'/'.join(registry.input_suffixes())}）。",
              file=sys.stderr)
        return EXIT_INPUT
    for path in map(str, found):
        try:
            report = load(path)
        except ReportError as exc:
            if args.json:
                unreadable.append({"file": path, "valid": False, "problems": [asdict(p) for p in exc.problems]})
            else:
                print(exc, file=sys.stderr)
            status = EXIT_INPUT
            continue
        loaded.append((path, report))
        results[path] = report.check() + advise(report)
    # Continuity (rule 5), copy rate: with --previous, or consecutive years of one body among the files.
    given = load(args.previous) if args.previous else None
    pairs = {} if given else {p.this: p for p in pair([(r.agency, r.year) for _, r in loaded])}
    for i, (path, report) in enumerate(loaded):
        previous = given or (loaded[pairs[i].last][1] if i in pairs else None)
        if i in pairs and not args.json:
            print(f"配对：{path} ← {loaded[pairs[i].last][0]}（{pairs[i].how_text}）")
        results[path] += review(report, previous, args.strict, args.copy_threshold / 100)
    for path, report in loaded:
        findings = results[path]
        if not args.json:
            print(f"{path}（{report.agency} {report.year}年，{report.spec.key}版）：{summary(findings)}")
            print_findings(findings, where=locations(path, report) if findings else None)
        if any(f.is_error for f in findings) and status == EXIT_OK:
            status = EXIT_FINDINGS
    if args.json:
        out = [*unreadable, *({"file": path, "valid": True, "agency": r.agency, "year": r.year,
                               "edition": r.spec.key,
                               "findings": [{**asdict(f), "kind": kind_of(f)} for f in results[path]]}
                              for path, r in loaded)]
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    return status
