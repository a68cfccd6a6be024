"""Continuity across years: rule 5 of the checker, and the stocks of the edition (现行有效件数)."""

from __future__ import annotations

from .. import checks
from ..checks import Finding
from .base import Reviewed, ReviewFinding


def _stock_findings(last: Reviewed, this: Reviewed) -> list[Finding]:
    spec = this.spec
    out: list[Finding] = []
    for stock in spec.stocks:
        table = spec.table(stock.table)
        for row in stock.rows:
            last_value = last.cell(stock.table, row, stock.column)
            added = this.cell(stock.table, row, stock.added)
            removed = this.cell(stock.table, row, stock.removed)
            expected = last_value + added - removed
            found = this.cell(stock.table, row, stock.column)
            if expected == found:
                continue
            body = (f"应为 {expected}（上年 {last_value} + {table.column(row, stock.added).label} {added} − "
                    f"{table.column(row, stock.removed).label} {removed}），实为 {found}")
            where = table.describe(row, stock.column)
            out.append(ReviewFinding(stock.rule, "warning", table.key, f"{table.name} {table.heading}", row,
                                     table.row(row).full_label, stock.column,
                                     table.column(row, stock.column).label, expected, found,
                                     f"{where}：{body}（{stock.explain}）", kind="continuity"))
    return out


def check_continuity(last: Reviewed, this: Reviewed) -> list[Finding]:
    """Warnings where this year's report does not continue last year's, whatever their agency names.

    Rule 5 of the edition (carried-over applications; edition 2019 item counts), and, when both
    years share the edition, its stocks (edition 2021: 现行有效件数 = 上年 + 本年制发 − 本年废止).
    """
    findings = checks.check_continuity(last, this)
    if this.year == last.year + 1 and this.spec is last.spec:
        findings += _stock_findings(last, this)
    return findings
