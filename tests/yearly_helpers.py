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


def continuing(last: dict[str, Any], this: dict[str, Any]) -> dict[str, Any]:
    """``this`` changed to continue ``last`` exactly: carried applications and (2021) documents in force."""
    out = copy.deepcopy(this)
    apps = out["applications"]
    cols = [c for c in apps["new_received"] if c != "total"]
    apps["carried_over"] = {c: last["applications"]["carried_forward"].get(c, 0) for c in cols}
    done = Report.from_data({**out, "applications": {**apps, "new_received": {}}})
    for c in cols:
        new = (done.cell("applications", "results_total", c) + apps["carried_forward"].get(c, 0)
               - apps["carried_over"][c])
        if new < 0:
            apps["carried_forward"][c] = apps["carried_forward"].get(c, 0) - new
            new = 0
        apps["new_received"][c] = new
    if out.get("edition") == "2021" and last.get("edition") == "2021":
        for row in ("regulations", "normative_documents"):
            cell = out["active_disclosure"][row]
            cell["repealed"] = 0
            cell["in_force"] = last["active_disclosure"][row]["in_force"] + cell["issued"]
    return out
