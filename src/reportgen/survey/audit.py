"""Audit of many reports: each one's check and review, pairs between years, bodies missing.

    result = audit(["提交材料/"], previous=["去年/"], expect=["张村镇人民政府", …])

Every input is read (one unreadable file is a row of its own, never a stop), checked (rules
1-4 and the document's own findings), paired with the report of the year before of the same
body — among the inputs and ``previous`` — by normalised name, reviewed (continuity, text
against tables, copy rate, strict mode), and summed up in the records the workbook writers take.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence

from ..checks import Finding
from ..model import Report
from ..review import DEFAULT_THRESHOLD, copy_rate, kind_of, pair, review
from ..review.names import find
from ..review.records import Audit, AuditEntry, AuditLine
from .collect import Loaded, Progress, load_all


def _place(finding: Finding, report: Report) -> str:
    """Where a finding is: its table, row and column labels; in a published document, also where it is printed."""
    if not (finding.row_label or finding.column_label):
        return finding.table_label
    cell = "".join(f"「{x}」" for x in (finding.row_label, finding.column_label) if x)
    place = f"{finding.table_label} {cell}"
    reading = report.provenance
    source = reading.cells.get((finding.table, finding.row, finding.column)) if reading is not None else None
    if source is not None and source.found:
        page = f"第{source.page}页，" if source.page and "页" not in source.where else ""
        place += f"（原文{page}{source.where}，印为「{source.shown}」）"
    return place


def _entry(item: Loaded, findings: list[Finding], previous: str, rate: float | None) -> AuditEntry:
    report = item.report
    assert report is not None
    errors = sum(f.is_error for f in findings)
    warnings = Counter(kind_of(f) for f in findings if not f.is_error)
    status = "有错误" if errors else ("有警告" if warnings else "通过")
    return AuditEntry(item.source, item.kind, status, report.agency, report.year, report.spec.key, errors,
                      dict(warnings), previous, rate)


def audit(paths: Iterable[str | os.PathLike[str]], previous: Iterable[str | os.PathLike[str]] = (),
          expect: Sequence[str] = (), strict: bool = True, copy_threshold: float = DEFAULT_THRESHOLD,
          progress: Progress | None = None, outputs: Iterable[str | os.PathLike[str]] = ()) -> Audit:
    """Audit every input among ``paths``; ``previous``: last year's reports, used only for comparison;
    ``outputs``: the files the audit writes, never read as inputs."""
    outputs = list(outputs)
    items = list(load_all(paths, progress, outputs))
    earlier = [i for i in load_all(previous, outputs=outputs) if i.report is not None]
    read = [i for i in items if i.report is not None]
    pool: list[Loaded] = read + earlier
    bodies = [(i.report.agency, i.report.year) for i in pool if i.report is not None]
    last_of: dict[int, tuple[int, str]] = {}
    pairs_text = []
    for p in pair(bodies):
        if p.this < len(read):
            last_of[p.this] = (p.last, p.how_text)
            pairs_text.append(f"{pool[p.this].source}（{bodies[p.this][0]} {bodies[p.this][1]}年）← "
                              f"{pool[p.last].source}（{bodies[p.last][0]} {bodies[p.last][1]}年）：{p.how_text}")
    entries: list[AuditEntry] = []
    lines: list[AuditLine] = []
    index = {id(i): n for n, i in enumerate(read)}
    for item in items:
        if item.report is None:
            entries.append(AuditEntry(item.source, item.kind, "无法读取", errors=len(item.problems)))
            lines += [AuditLine(item.source, "", "读取", "错误", "", p) for p in item.problems]
            continue
        report = item.report
        n = index[id(item)]
        last: Report | None = None
        previous_text = ""
        if n in last_of:
            j, how = last_of[n]
            last = pool[j].report
            previous_text = f"{pool[j].source}（{how}）"
        findings = report.check() + review(report, last, strict, copy_threshold)
        rate = copy_rate(last, report).rate if last is not None else None
        entries.append(_entry(item, findings, previous_text, rate))
        lines += [AuditLine(item.source, report.agency, kind_of(f), "错误" if f.is_error else "警告",
                            _place(f, report), f.message) for f in findings]
    names = [e.agency for e in entries if e.agency]
    missing = tuple(name for name in expect if name.strip() and find(name, names) is None)
    return Audit(tuple(entries), tuple(lines), missing, tuple(pairs_text))


def read_expected(text: str) -> list[str]:
    """The bodies of a list file: one name a line; blank lines and lines starting with # skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
