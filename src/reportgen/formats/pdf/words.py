"""A table rebuilt from word positions, for PDF pages whose tables have no ruling lines.

Lines holding two or more numbers are data rows. The numbers' horizontal
centres, clustered, give the data columns; text lines above the first data row
are the header, each word placed in the column it lies over. A label-only line
(a label wrapped onto two or three lines) joins the nearest data row.
"""

from __future__ import annotations

import re
from typing import Any

from ..published.grid import Cell, Grid

_NUM = re.compile(r"^[+-]?[\d,，.]+(?:万?元)?$|^[/／—－-]$")
GAP = 12.0
"""Points between two words that start a new cell."""


def _numeric(line: dict[str, Any]) -> list[dict[str, Any]]:
    return [w for w in line["words"] if _NUM.match(w["text"])]


def rebuild(lines: list[dict[str, Any]], page: Any, number: int) -> tuple[Grid | None, list[dict[str, Any]]]:
    """(the rebuilt grid or None, the lines left as text)."""
    for ln in lines:
        ln["words"] = _words(page, ln)
    data = [i for i, ln in enumerate(lines) if len(_numeric(ln)) >= 2]
    if len(data) < 2:
        return None, lines
    first, last = data[0], data[-1]
    centres = sorted((w["x0"] + w["x1"]) / 2 for i in data for w in _numeric(lines[i]))
    cols: list[list[float]] = []
    for c in centres:
        if cols and c - cols[-1][-1] < GAP:
            cols[-1].append(c)
        else:
            cols.append([c])
    mids = [sum(c) / len(c) for c in cols]
    label_right = min(w["x0"] for i in data for w in _numeric(lines[i])) - 2
    header_start = first
    while header_start > 0 and lines[header_start - 1]["top"] > lines[first]["top"] - 80 and \
            not _numeric(lines[header_start - 1]):
        header_start -= 1
    rows: list[tuple[list[str], dict[int, str]]] = []
    for i in range(header_start, first):
        row: dict[int, str] = {}
        for w in lines[i]["words"]:
            k = _nearest(mids, (w["x0"] + w["x1"]) / 2) if w["x1"] > label_right else -1
            row[k] = row.get(k, "") + w["text"]
        rows.append(([row.pop(-1, "")], row))
    data_rows = {i: len(rows) + n for n, i in enumerate(data)}
    for i in data:
        label = "".join(w["text"] for w in lines[i]["words"] if w["x1"] <= label_right)
        values = {_nearest(mids, (w["x0"] + w["x1"]) / 2): w["text"] for w in _numeric(lines[i])}
        rows.append(([label], values))
    for i in range(first, last + 1):
        if i in data_rows:
            continue
        near = min(data, key=lambda d: abs(lines[d]["top"] - lines[i]["top"]))
        target = rows[data_rows[near]][0]
        if lines[i]["top"] < lines[near]["top"]:
            target.insert(0, lines[i]["text"])
        else:
            target.append(lines[i]["text"])
    where = f"第{number}页（按文字位置还原的表格）"
    cells: list[Cell] = []
    for r, (label_lines, values) in enumerate(rows):
        cells.append(Cell("".join(label_lines), r, 0, where=f"{where}第{r + 1}行"))
        for k, text in values.items():
            cells.append(Cell(text, r, k + 1, where=f"{where}第{r + 1}行第{k + 2}列"))
    grid = Grid(cells, where, number)
    grid.top = lines[header_start]["top"]  # type: ignore[attr-defined]
    rest = lines[:header_start] + lines[last + 1:]
    return grid, rest


def _nearest(mids: list[float], x: float) -> int:
    return min(range(len(mids)), key=lambda k: abs(mids[k] - x))


def _words(page: Any, line: dict[str, Any]) -> list[dict[str, Any]]:
    """The line's words, split where the gap between characters is wide."""
    chars = sorted((c for c in line.get("chars", []) if c["text"].strip()), key=lambda c: c["x0"])
    words: list[dict[str, Any]] = []
    for c in chars:
        if words and c["x0"] - words[-1]["x1"] < GAP / 2:
            words[-1]["text"] += c["text"]
            words[-1]["x1"] = c["x1"]
        else:
            words.append({"text": c["text"], "x0": c["x0"], "x1": c["x1"]})
    return words
