"""Reports built for the year-over-year, 汇总 and audit tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from factories import plain
from reportgen import Report
from reportgen.testing import balanced_data


def data(edition: str, agency: str, year: int, seed: int = 1, **extra: Any) -> dict[str, Any]:
    """A balanced report's data of ``edition`` for ``agency`` and ``year``, with ``extra`` keys replaced."""
    out = copy.deepcopy(balanced_data(edition, seed))
    out.update({"agency": agency, "year": year, **extra})
    return out


def report(edition: str, agency: str, year: int, seed: int = 1, **extra: Any) -> Report:
    return Report.from_data(data(edition, agency, year, seed, **extra))


def write(path: Path, mapping: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(plain(mapping), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def put(mapping: dict[str, Any], table: str, row: str, col: str, value: Any) -> None:
    node = mapping[table]
    for part in row.split("."):
        node = node.setdefault(part, {})
    node[col] = value
