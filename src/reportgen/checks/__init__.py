"""The consistency checker (勾稽关系): pure functions over a Report.

Rules 1-4 come from the edition description (``Sum`` and ``Balance``); rule 5
(``Carry``) compares two years. Each finding names the table, row and column
by key and by official label, with the expected and the found value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any, Literal, Protocol

from ..editions.spec import Balance, Carry, Edition, Sum, Table


class Report(Protocol):
    """What the checker reads of a report: its edition, its year and its cells.

    The model's ``Report`` is one; the checker never needs the model itself, so
    the model can offer ``report.check()`` without an import cycle.
    """

    @property
    def spec(self) -> Edition: ...

    @property
    def year(self) -> int: ...

    def cell(self, table: str, row: str, col: str) -> Any: ...

    def is_given(self, table: str, row: str, col: str) -> bool: ...

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    rule: int
    severity: Severity
    table: str
    table_label: str
    row: str | None
    row_label: str | None
    column: str | None
    column_label: str | None
    expected: Any
    found: Any
    message: str
    rows: tuple[str, ...] = ()
    """The rows a finding without one row is about (rule 1: 一, 二, （七）, 四), for pointing at their cells."""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def text(self) -> str:
        """One line for a person: [错误] 规则2：表三「（七）总计」行「自然人」列：应为 …"""
        kind = "错误" if self.is_error else "警告"
        rule = f"规则{self.rule}" if self.rule else "提示"
        return f"[{kind}] {rule}：{self.message}"


def _finding(rule: int, severity: Severity, table: Table, row: str | None, col: str | None,
             expected: Any, found: Any, explain: str, body: str | None = None) -> Finding:
    row_label = table.row(row).full_label if row else None
    col_label = None
    if col is not None:
        cols = table.columns_of(row) if row else table.blocks[0].columns
        col_label = next(c.label for c in cols if c.key == col)
    where = table.describe(row, col)
    body = body or f"应为 {expected}，实为 {found}"
    return Finding(rule, severity, table.key, f"{table.name} {table.heading}", row, row_label, col,
                   col_label, expected, found, f"{where}：{body}（{explain}）")


@dataclass(frozen=True)
class _Plan:
    """Rules 1-4 of an edition as flat lists over one vector of cell values, made once per edition."""

    cells: tuple[tuple[str, str, str], ...]
    """(table, row, column) of every cell the rules read, in the vector's order."""
    read: Callable[[Any], Any]
    """The vector in one call, through the cells' attribute paths (a model's report)."""
    balances: tuple[tuple[Balance, Table, str, tuple[int, ...], tuple[int, ...]], ...]
    """(rule, table, column, left cells, right cells) for each column a balance holds in."""
    sums: tuple[tuple[Sum, Table, str, str, int, tuple[int, ...]], ...]
    """(rule, table, row, column, the cell, its addends) for each cell a sum defines."""
    complete: bool
    """Whether every derived cell is some sum's: then no cell read is ever blank (None) in a report."""


_PLANS: dict[Edition, _Plan] = {}


def _plan(spec: Edition) -> _Plan:
    plan = _PLANS.get(spec)
    if plan is None:
        index: dict[tuple[str, str, str], int] = {}

        def at(table: str, row: str, col: str) -> int:
            return index.setdefault((table, row, col), len(index))

        balances = []
        for b in spec.balances:
            table = spec.table(b.table)
            for column in table.columns_of(b.left[0]):
                key = column.key
                balances.append((b, table, key, tuple(at(b.table, r, key) for r in b.left),
                                 tuple(at(b.table, r, key) for r in b.right)))
        sums = []
        for s in spec.sums:
            table = spec.table(s.table)
            for row, col, addends in s.cells(table):
                sums.append((s, table, row, col, at(s.table, row, col), tuple(at(s.table, r, c) for r, c in addends)))
        cells = tuple(index)
        paths = [f"{t}.{r}.{c}" for t, r, c in cells]
        targets = {(s.table, row, col) for s, _, row, col, _, _ in sums}
        complete = all((t.key, r.key, c.key) in targets for t in spec.tables for r, c in t.cells()
                       if r.derived or c.derived)
        # a last path, never indexed: even a single cell comes back in a tuple
        plan = _PLANS[spec] = _Plan(cells, attrgetter(*paths, "__class__"), tuple(balances), tuple(sums), complete)
    return plan


def _values(report: Report, plan: _Plan) -> tuple[Any, ...]:
    """Every cell the rules read: in one call from a model's report, else through ``report.cell``."""
    try:
        values: tuple[Any, ...] = plan.read(report)
    except AttributeError:
        return tuple(report.cell(*cell) for cell in plan.cells)
    return values


def _check_sums(report: Report, plan: _Plan, values: tuple[Any, ...]) -> list[Finding]:
    out = []
    for s, table, row, col, cell, addends in plan.sums:
        # A cell computed from its addends (not given) is consistent by construction: skipped. Asked only
        # when the sum differs, where no cell read can be blank (a plan ``complete``), else first.
        if not plan.complete and not report.is_given(s.table, row, col):
            continue
        expected = sum(values[i] for i in addends)
        found = values[cell]
        if expected != found and report.is_given(s.table, row, col):
            out.append(_finding(s.rule, "error", table, row, col, expected, found, s.explain))
    return out


def _check_balances(plan: _Plan, values: tuple[Any, ...]) -> list[Finding]:
    out = []
    for b, table, col, left_cells, right_cells in plan.balances:
        left = sum(values[i] for i in left_cells)
        right = sum(values[i] for i in right_cells)
        if left != right:
            names = ["「" + table.row(r).label + "」" for r in (*b.left, *b.right)]
            body = (f"{names[0]}加{names[1]}之和为 {left}，"
                    f"{'加'.join(names[2:])}之和为 {right}，两者应相等")
            finding = _finding(b.rule, "error", table, None, col, left, right, b.explain, body)
            out.append(replace(finding, rows=(*b.left, *b.right)))
    return out


def _check_edition_year(report: Report) -> list[Finding]:
    spec = report.spec
    if spec.covers(report.year):
        return []
    table = spec.tables[0]
    body = f"{report.year}年的报告一般不使用{spec.key}版格式（{spec.notice}）"
    return [Finding(0, "warning", table.key, "版本", None, None, None, None, None, spec.key,
                    f"{body}，请确认版本")]


def check(report: Report, extra: tuple[Finding, ...] = ()) -> list[Finding]:
    """Findings of rules 1-4 for one report (and ``extra`` ones), in table order."""
    findings: list[Finding] = list(extra)
    plan = _plan(report.spec)
    values = _values(report, plan)
    findings += _check_balances(plan, values)
    findings += _check_sums(report, plan, values)
    findings += _check_edition_year(report)
    order = {t.key: i for i, t in enumerate(report.spec.tables)}
    return sorted(findings, key=lambda f: (order.get(f.table, -1), f.rule))


def _carry_cells(table: Table, c: Carry) -> list[tuple[str, str, str, tuple[str, ...]]]:
    cells = []
    for row in c.rows:
        cols = [c.column] if c.column else [col.key for col in table.columns_of(row)]
        for col in cols:
            cells.append((row, col, c.last_row or row, c.last_columns or (col,)))
    return cells


def check_continuity(last_year: Report, this_year: Report) -> list[Finding]:
    """Rule 5 (warnings): this year's carried-over figures against last year's report."""
    findings: list[Finding] = []
    spec = this_year.spec
    if this_year.year != last_year.year + 1:
        table = spec.tables[0]
        findings.append(Finding(5, "warning", table.key, "年度", None, None, None, None,
                                this_year.year - 1, last_year.year,
                                f"上一年报告应为{this_year.year - 1}年度，实为{last_year.year}年度，未核对结转数"))
        return findings
    for carry in spec.continuity:
        table = spec.table(carry.table)
        for row, col, last_row, last_cols in _carry_cells(table, carry):
            try:
                expected = sum(last_year.cell(carry.table, last_row, lc) for lc in last_cols)
            except AttributeError:
                continue  # last year's edition has no such cell
            found = this_year.cell(carry.table, row, col)
            if expected != found:
                findings.append(_finding(5, "warning", table, row, col, expected, found, carry.explain))
    return findings
