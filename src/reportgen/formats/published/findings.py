"""Findings that only a published report has: figures left blank, old-layout rows.

A derived cell (a 总计) left blank in a row or column with data is a warning
giving the value it should hold; a whole derived column or row left blank is
one warning naming every cell and its value, not one per cell.
"""

from __future__ import annotations

from typing import Any

from ...checks import Finding
from ...editions.spec import Sum, Table
from ...model import Report
from .reading import Reading


def _has_data(reading: Reading, table: str, cells: list[tuple[str, str]]) -> bool:
    return any((src := reading.cells.get((table, r, c))) is not None and not src.blank for r, c in cells)


def published_findings(reading: Reading, report: Report) -> list[Finding]:
    findings: list[Finding] = []
    spec = report.spec
    reported: set[tuple[str, str, str]] = set()
    for s in sorted(spec.sums, key=lambda s: s.along != "columns"):  # whole columns first
        table = spec.table(s.table)
        blank: list[tuple[str, str, Any]] = []
        printed = 0
        for row, col, addends in s.cells(table):
            src = reading.cells.get((s.table, row, col))
            if src is None or not src.found:
                continue
            printed += 1
            if not src.blank or not _has_data(reading, s.table, addends) or (s.table, row, col) in reported:
                continue
            blank.append((row, col, report.cell(s.table, row, col)))
        reported |= {(s.table, r, c) for r, c, _ in blank}
        if len(blank) >= 2 and len(blank) == printed:
            findings.append(_whole_line(table, s, blank))
        else:
            findings += [_one(table, s, row, col, value) for row, col, value in blank]
    for table_key, row, text in reading.absorbed:
        table = spec.table(table_key)
        r = table.row(row)
        findings.append(Finding(
            0, "warning", table.key, f"{table.name} {table.heading}", row, r.full_label, None, None,
            None, text,
            f"{table.describe(row)}：报告按{spec.key}版填报，但「（六）其他处理」只印了一行「{text}」"
            f"（旧版格式），其数字已计入「{r.full_label}」，请核对"))
    return findings


def _one(table: Table, s: Sum, row: str, col: str, value: Any) -> Finding:
    r = table.row(row)
    c = table.column(row, col)
    return Finding(s.rule, "warning", table.key, f"{table.name} {table.heading}", row, r.full_label, col,
                   c.label, value, None,
                   f"{table.describe(row, col)}：未填写，应为 {value}（{s.explain}）")


def _whole_line(table: Table, s: Sum, blank: list[tuple[str, str, Any]]) -> Finding:
    if s.along == "columns":
        col = table.column(blank[0][0], s.target)
        where = f"{table.name}「{col.label}」列整列未填写"
        parts = [f"「{table.row(r).full_label}」行应为 {v}" for r, _, v in blank]
        row_key, col_key, row_label, col_label = None, s.target, None, col.label
    else:
        row = table.row(s.target)
        where = f"{table.name}「{row.full_label}」行整行未填写"
        parts = [f"「{table.column(s.target, c).label}」列应为 {v}" for _, c, v in blank]
        row_key, col_key, row_label, col_label = s.target, None, row.full_label, None
    expected = {(r, c): v for r, c, v in blank}
    return Finding(s.rule, "warning", table.key, f"{table.name} {table.heading}", row_key, row_label, col_key,
                   col_label, expected, None, f"{where}：{'；'.join(parts)}（{s.explain}）")
