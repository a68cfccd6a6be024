"""Random valid reports, built from the edition descriptions: for tests and benchmarks.

    >>> from reportgen.testing import random_report
    >>> random_report("2021", seed=7).check()
    []
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from .editions import get_edition
from .model import Report


def _put(data: dict[str, Any], table: str, row: str, col: str, value: Any) -> None:
    node = data.setdefault(table, {})
    for part in row.split("."):
        node = node.setdefault(part, {})
    node[col] = value


def balanced_data(edition_key: str, seed: int = 1, derived: bool = False) -> dict[str, Any]:
    """A data mapping whose every input cell is non-zero and which satisfies rules 1-4.

    With ``derived`` the derived cells are given too (as the sums they must be).
    """
    rng = random.Random(seed)
    spec = get_edition(edition_key)
    year = spec.first_year + 1 if spec.last_year is None else spec.first_year
    data: dict[str, Any] = {"edition": edition_key, "agency": "测试镇人民政府", "year": year}
    counter = iter(range(1, 10_000))
    for table in spec.tables:
        for row, col in table.cells():
            if row.derived or col.derived or row.key in ("new_received",):
                continue
            if col.kind == "money":
                value: Any = Decimal(f"{rng.randint(1, 9999)}.{rng.randint(0, 99):02d}")
            elif col.kind == "signed":
                value = rng.choice([-1, 1]) * next(counter)
            else:
                value = next(counter) + rng.randint(0, 3)
            _put(data, table.key, row.key, col.key, value)
    apps = spec.table("applications")
    results = [r.key for r in apps.rows if r.section and not r.derived]
    for col in apps.blocks[0].columns:
        if col.derived:
            continue
        def get(row: str, col: str = col.key) -> int:
            node = data["applications"]
            for part in row.split("."):
                node = node[part]
            return int(node[col])
        total_results = sum(get(r) for r in results)
        new = total_results + get("carried_forward") - get("carried_over")
        if new < 0:
            _put(data, "applications", "carried_over", col.key, get("carried_over") + new - 1)
            new = 1
        _put(data, "applications", "new_received", col.key, new)
    if derived:
        report = Report.from_data(data)
        for table in spec.tables:
            for row, col in table.cells():
                if row.derived or col.derived:
                    _put(data, table.key, row.key, col.key, report.cell(table.key, row.key, col.key))
    if spec.fees:
        data["fees"] = {"notices_count": 3, "notices_amount": Decimal("300.00"), "collected_amount": Decimal("150.5")}
    data["overview"] = {"intro": ["引言段落。"], "items": [{"title": "主动公开", "text": "正文。"}]}
    data["problems"] = ["问题一。", "问题二。"]
    data["improvements"] = ["改进一。"]
    return data


def random_report(edition_key: str, seed: int = 1, derived: bool = False) -> Report:
    """A valid report of the edition with non-zero, mostly distinct figures."""
    return Report.from_data(balanced_data(edition_key, seed, derived))
