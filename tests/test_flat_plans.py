"""The flat plans of the derived cells and of rules 1-4 give what the straightforward rules give.

The references below are the implementations of before the plans: the derived cells computed cell by
cell from the edition's sums, and each rule read through ``report.cell``. The reports are random, with
derived cells left out, given right, or given wrong, and figures broken so that balances fail too.
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import replace
from typing import Any

import pytest

from reportgen import Report
from reportgen.checks import Finding, _finding, check
from reportgen.editions import EDITIONS, Edition
from reportgen.formats.display import format_number, tables
from reportgen.testing import balanced_data


def _node(data: dict[str, Any], table: str, row: str) -> dict[str, Any]:
    node = data.setdefault(table, {})
    for part in row.split("."):
        node = node.setdefault(part, {})
    return node


def reference_derive(spec: Edition, data: dict[str, Any]) -> tuple[dict[str, Any], set[tuple[str, str, str]]]:
    """The cells of ``data`` (every input cell present) with the derived ones computed, and those given."""
    data = copy.deepcopy(data)
    given = set()
    for table in spec.tables:
        for row, col in table.cells():
            if (row.derived or col.derived) and _node(data, table.key, row.key).get(col.key) is not None:
                given.add((table.key, row.key, col.key))
    for along in ("columns", "rows"):
        for s in spec.sums:
            if s.along != along:
                continue
            table = spec.table(s.table)
            for target_row, target_col, addends in s.cells(table):
                if along == "columns" and table.row(target_row).derived:
                    continue
                node = _node(data, s.table, target_row)
                if node.get(target_col) is None:
                    node[target_col] = sum(_node(data, s.table, r).get(c) or 0 for r, c in addends)
    return data, given


def reference_check(report: Report) -> list[Finding]:
    """Rules 1-4 read cell by cell (and the edition's year), in table order."""
    spec = report.spec
    findings: list[Finding] = []
    for b in spec.balances:
        table = spec.table(b.table)
        for col in table.columns_of(b.left[0]):
            left = sum(report.cell(b.table, r, col.key) for r in b.left)
            right = sum(report.cell(b.table, r, col.key) for r in b.right)
            if left != right:
                names = ["「" + table.row(r).label + "」" for r in (*b.left, *b.right)]
                body = (f"{names[0]}加{names[1]}之和为 {left}，"
                        f"{'加'.join(names[2:])}之和为 {right}，两者应相等")
                finding = _finding(b.rule, "error", table, None, col.key, left, right, b.explain, body)
                findings.append(replace(finding, rows=(*b.left, *b.right)))
    for s in spec.sums:
        table = spec.table(s.table)
        for row, col, addends in s.cells(table):
            if report.is_given(s.table, row, col):
                expected = sum(report.cell(s.table, r, c) for r, c in addends)
                found = report.cell(s.table, row, col)
                if expected != found:
                    findings.append(_finding(s.rule, "error", table, row, col, expected, found, s.explain))
    year = [f for f in check(report) if f.rule == 0]
    order = {t.key: i for i, t in enumerate(spec.tables)}
    return sorted([*findings, *year], key=lambda f: (order.get(f.table, -1), f.rule))


def shaken(key: str, seed: int) -> dict[str, Any]:
    """Balanced data with derived cells dropped or given (some wrong) and a few input figures changed."""
    rng = random.Random(seed)
    spec = EDITIONS[key]
    data = balanced_data(key, seed, derived=True)
    for table in spec.tables:
        for row, col in table.cells():
            node = _node(data, table.key, row.key)
            if row.derived or col.derived:
                roll = rng.random()
                if roll < 0.5:
                    node.pop(col.key, None)
                elif roll < 0.6 and isinstance(node.get(col.key), int):
                    node[col.key] += rng.choice([-2, -1, 1, 3])
            elif rng.random() < 0.03 * (seed % 3) and isinstance(node.get(col.key), int):
                node[col.key] += 1
    return data


CASES = [(key, seed) for key in sorted(EDITIONS) for seed in range(40)]


@pytest.mark.parametrize(("key", "seed"), CASES)
def test_derived_cells_as_computed_one_by_one(key: str, seed: int) -> None:
    data = shaken(key, seed)
    report = Report.from_data(data)
    spec = report.spec
    full = report.model_dump()
    for table in spec.tables:  # the input cells as the model holds them, the derived ones as the data gives them
        for row, col in table.cells():
            if row.derived or col.derived:
                _node(full, table.key, row.key)[col.key] = _node(data, table.key, row.key).get(col.key)
    expected, given = reference_derive(spec, full)
    for table in spec.tables:
        for row, col in table.cells():
            assert report.cell(table.key, row.key, col.key) == _node(expected, table.key, row.key)[col.key]
            assert report.is_given(table.key, row.key, col.key) == ((table.key, row.key, col.key) in given)


@pytest.mark.parametrize(("key", "seed"), CASES)
def test_findings_as_read_cell_by_cell(key: str, seed: int) -> None:
    report = Report.from_data(shaken(key, seed))
    assert report.check() == reference_check(report)


def test_the_cases_find_errors_of_every_rule() -> None:
    rules = {f.rule for key, seed in CASES for f in Report.from_data(shaken(key, seed)).check()}
    assert {1, 2, 3, 4} <= rules


def reference_tables(report: Report) -> dict[str, Any]:
    """The Word and HTML tables' texts, cell by cell."""
    out: dict[str, Any] = {}
    for table in report.spec.tables:
        node_t = out.setdefault(table.key, {})
        for row, col in table.cells():
            node = node_t
            for part in row.key.split("."):
                node = node.setdefault(part, {})
            value = report.cell(table.key, row.key, col.key)
            node[col.key] = format_number(value, col, report.unit(table.key, row.key, col))
    return out


@pytest.mark.parametrize(("key", "seed"), CASES)
def test_table_texts_as_formatted_cell_by_cell(key: str, seed: int) -> None:
    data = shaken(key, seed)
    rng = random.Random(seed)
    for table in EDITIONS[key].tables:  # units that vary, where the edition has them
        for row, col in table.cells():
            if col.unit_key:
                _node(data, table.key, row.key)[col.unit_key] = rng.choice(["元", "万元", "亿元"])
    report = Report.from_data(data)
    # equal, and in the same order (json.dumps keeps it)
    assert json.dumps(tables(report), ensure_ascii=False) == json.dumps(reference_tables(report), ensure_ascii=False)
