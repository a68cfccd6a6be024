"""Test data: the library's balanced reports, and a helper to read a cell of a data mapping."""

from __future__ import annotations

from typing import Any

from reportgen.testing import balanced_data, random_report

__all__ = ["balanced_data", "cell", "random_report"]


def cell(data: dict[str, Any], table: str, row: str, col: str) -> Any:
    node = data[table]
    for part in row.split("."):
        node = node[part]
    return node[col]
