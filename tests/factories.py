"""Test data: the library's balanced reports, and a helper to read a cell of a data mapping."""

from __future__ import annotations

from typing import Any

from reportgen.testing import balanced_data, random_report

__all__ = ["balanced_data", "cell", "plain", "random_report"]


def cell(data: dict[str, Any], table: str, row: str, col: str) -> Any:
    node = data[table]
    for part in row.split("."):
        node = node[part]
    return node[col]


def plain(value: Any) -> Any:
    """Decimals (and dates) as text, so that yaml.safe_dump can write a data mapping."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value if isinstance(value, int | str | type(None)) else str(value)
