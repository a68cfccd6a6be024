"""``display.tables`` (every cell as printed, walked by a plan made once per edition) gives what a walk of
``report.cell`` and ``report.unit`` over ``table.cells()`` gives."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest

from reportgen import Report
from reportgen.formats.display import format_number, tables
from reportgen.testing import balanced_data


def walked(report: Report) -> dict[str, Any]:
    """The cells by the model's own accessors, one at a time."""
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


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_tables_are_the_cells_as_the_model_gives_them(edition: str) -> None:
    for seed in range(30):
        rng = random.Random(seed)
        data = balanced_data(edition, seed, derived=rng.random() < 0.5)
        if edition == "2019":
            data["active_disclosure"]["procurement"]["amount_unit"] = rng.choice(["元", "万元", "亿元"])
            data["active_disclosure"]["procurement"]["amount"] = rng.choice([Decimal("0"), Decimal("1.50"), 7])
        report = Report.from_data(data)
        got = tables(report)
        assert got == walked(report)
        assert [list(t) for t in got.values()] == [list(t) for t in walked(report).values()]  # the same order
