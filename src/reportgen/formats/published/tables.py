"""Find the report's Tables 2, 3 and 4 among the grids and detect the edition.

A grid belongs to the table whose labels (rows, columns, block headings) it
holds most of; metadata tables and unrelated tables hold none and are ignored.
Consecutive grids of one table (a table broken across pages, a repeated header
row) are read as one: a part without its own header uses the previous part's
columns. The cells are then placed by ``layouts``.
"""

from __future__ import annotations

from ...editions import EDITIONS, Edition
from ...editions.spec import Table
from ...errors import Problem
from .grid import Grid
from .labels import LabelMatcher, normalize
from .layouts import place_table
from .placement import Placement

MIN_SCORE = 3
"""Distinct labels of a table a grid must hold to count as part of it."""


def table_labels(table: Table) -> list[str]:
    """Every label printed in a table: rows, groups, sections, columns, headings, corner."""
    out: list[str] = []
    for block in table.blocks:
        out += [block.heading or ""] + [c.label for c in block.columns] + [c.parent or "" for c in block.columns]
        for row in block.rows:
            out += [row.label, row.group or "", row.section or ""]
    out += [table.corner or "", table.header or "", table.item_header or ""]
    return [x for x in dict.fromkeys(out) if x]


def unique_texts(grid: Grid) -> list[str]:
    return list(dict.fromkeys(c.text for c in grid.cells if c.text))


def detect_edition(grids: list[Grid]) -> Edition | None:
    """The edition whose own labels (those the other edition lacks) the grids hold more of."""
    texts = {normalize(t) for g in grids for t in unique_texts(g)}
    scores: dict[str, int] = {}
    for key, edition in EDITIONS.items():
        own = {normalize(lbl) for t in edition.tables for lbl in table_labels(t)}
        others = {normalize(lbl) for e in EDITIONS.values() if e is not edition
                  for t in e.tables for lbl in table_labels(t)}
        scores[key] = len((own - others) & texts)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return EDITIONS[ranked[0][0]]


def classify(grid: Grid, edition: Edition, matchers: dict[str, LabelMatcher]) -> str | None:
    """The key of the table this grid is (part of), or None."""
    scores = {}
    for table in edition.tables:
        hits = {m.key for t in unique_texts(grid) if len(normalize(t)) <= 60
                for m in [matchers[table.key].match(t)] if m.ok}
        scores[table.key] = len(hits)
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= MIN_SCORE else None


def label_matcher(table: Table) -> LabelMatcher:
    return LabelMatcher((lbl, lbl) for lbl in table_labels(table))


def place(grids: list[Grid], edition: Edition, blank: bool = False) -> Placement:
    """Every number cell of the edition's tables found in ``grids``. ``blank``: the grids are a
    blank template's (every number cell empty), so empty rows are placed too."""
    result = Placement()
    matchers = {t.key: label_matcher(t) for t in edition.tables}
    for grid in grids:
        key = classify(grid, edition, matchers)
        if key is not None:
            result.tables.setdefault(key, []).append(grid)
    for table in edition.tables:
        parts = result.tables.get(table.key)
        if not parts:
            result.unplaced.append(Problem(table.name, f"未找到{table.name}（{table.heading}）", table.heading))
            continue
        place_table(table, edition, parts, result, blank)
    return result
