"""Place the number cells of one table, by its layout in the edition description.

grid (Table 3): header rows give the columns, a row's last recognisable label
gives the row. blocks (Table 2): a heading row opens a block, a header row
names its columns (or the cells follow the block's columns in order).
column_groups (Table 4): each column's header path gives the group and outcome;
one data row follows.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from ...editions import EDITIONS, Edition
from ...editions.spec import Block, Table
from ...errors import Problem
from .cells import BLANKS
from .grid import Cell, Grid
from .labels import LabelMatcher, Match
from .placement import Found, Placement

Row = list[Cell | None]
_NUMERIC = re.compile(r"^[+-]?\d[\d,.]*")


def _numeric(text: str) -> bool:
    return bool(_NUMERIC.match(unicodedata.normalize("NFKC", text).replace(" ", "")))


def _empty(text: str) -> bool:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)) in BLANKS


def _distinct(row: Row) -> list[tuple[int, Cell]]:
    out: list[tuple[int, Cell]] = []
    for j, c in enumerate(row):
        if c is not None and all(c is not d for _, d in out):
            out.append((j, c))
    return out


def _colmap(rows: list[Row], matcher: LabelMatcher) -> dict[int, tuple[str, str]]:
    """Matrix column -> (column key, printed label), from the header rows, bottom label first."""
    out: dict[int, tuple[str, str]] = {}
    width = max((len(r) for r in rows), default=0)
    for j in range(width):
        texts = list(dict.fromkeys(c.text for r in rows if j < len(r) and (c := r[j]) is not None and c.text))
        for text in reversed(texts):
            m = matcher.match(text)
            if m.ok and m.key not in {k for k, _ in out.values()} | {None}:
                out[j] = (m.key, text)  # type: ignore[assignment]
                break
            if m.ok and out.get(j - 1, ("", ""))[0] == m.key and rows[-1][j] is rows[-1][j - 1]:
                break  # the same merged header cell: its first column carries it
    return out


def _foreign(table: Table, edition: Edition) -> list[tuple[str, str]]:
    """Rows other editions print in this table that this edition splits: (their key, label)."""
    out = []
    keys = {r.key for r in table.rows}
    for other in EDITIONS.values():
        if other is edition:
            continue
        for row in other.table(table.key).rows:
            if row.key not in keys and any(k.startswith(row.key + ".") for k in keys):
                out.append((f"~{row.key}", row.label))
    return out


def place_table(table: Table, edition: Edition, parts: list[Grid], result: Placement, blank: bool = False) -> None:
    """Place the cells of one table; ``blank``: a blank template's table, its number cells all empty."""
    {"grid": _grid, "blocks": _blocks, "column_groups": _groups}[table.layout](table, edition, parts, result, blank)


def _row_match(matcher: LabelMatcher, labels: list[str]) -> tuple[Match, str]:
    tried: Match | None = None
    for text in [*reversed(labels), "".join(labels)]:
        m = matcher.match(text)
        if m.ok:
            return m, text
        if m.how == "ambiguous" and tried is None:
            tried = m
    return tried or Match(None, 0.0, "none"), "".join(labels)


def _unknown(result: Placement, table: Table, cell: Cell, text: str, m: Match) -> None:
    if m.how == "ambiguous":
        rivals = "、".join(f"「{table.row(k).full_label}」" for k in m.rivals if not k.startswith("~"))
        msg = f"行标签「{text}」与{rivals}同样接近，无法确定是哪一行，其中的数字未读入"
    else:
        msg = f"无法识别的行「{text}」，其中的数字未读入"
    result.unplaced.append(Problem(cell.where, msg, table.name))


def _grid(table: Table, edition: Edition, parts: list[Grid], result: Placement, blank: bool) -> None:
    block = table.blocks[0]
    forms: list[tuple[str, ...]] = [(r.key, r.label, r.full_label) for r in table.rows]
    forms += _foreign(table, edition)
    rows_m = LabelMatcher(forms)
    cols_m = LabelMatcher((c.key, c.label) for c in block.columns)
    heads = [table.header or "", *(c.parent or "" for c in block.columns)]
    head_m = LabelMatcher([(c.key, c.label) for c in block.columns] + [(h, h) for h in heads if h])
    found_map: dict[int, tuple[str, str]] = {}
    header_width = 0
    for grid in parts:
        matrix = grid.matrix()
        header = [r for r in matrix if _is_header(r, head_m, rows_m)]
        width = max((len(r) for r in matrix), default=0)
        if blank:  # no figures tell 「（七）总计」 from a header row: the header is the rows on top
            header = list(itertools.takewhile(lambda r: _is_header(r, head_m, rows_m), matrix))
        if header:
            found_map, header_width = _colmap(header, cols_m), width
        # A part without its header (the table went on to the next page) may have fewer label
        # columns (a merged label column ended on the page before): its figures keep to the right.
        shift = width - header_width if not header and header_width else 0
        colmap = {j + shift: v for j, v in found_map.items() if j + shift >= 0}
        for row in matrix:
            if any(row is h for h in header):
                continue
            labels = [c for j, c in _distinct(row) if j not in colmap and c.text]
            values = [(key, label, row[j]) for j, (key, label) in colmap.items() if j < len(row) and row[j]]
            if not values or (not blank and all(_empty(c.text) for _, _, c in values if c)):
                continue
            m, text = _row_match(rows_m, [c.text for c in labels])
            anchor = labels[-1] if labels else values[0][2]
            if not m.ok:
                _unknown(result, table, anchor, text, m)  # type: ignore[arg-type]
                continue
            key = m.key or ""
            if key.startswith("~"):
                key = _absorb(table, edition, key[1:], text, result)
            for col, col_label, cell in values:
                result.found.append(Found(table.key, key, col, cell, text, col_label, grid.page))  # type: ignore[arg-type]


def _absorb(table: Table, edition: Edition, foreign: str, text: str, result: Placement) -> str:
    """A row of another edition's layout (2019's one-row （六）其他处理 in a 2021 table): read
    into the last of this edition's rows under it, with a warning saying so."""
    target = [r for r in table.rows if r.key.startswith(foreign + ".")][-1]
    result.absorbed.append((table.key, target.key, text))
    result.warnings.append(
        f"{table.name}按{edition.key}版（{edition.notice}）填报，但「{text}」只有一行（旧版格式）："
        f"其数字已计入「{target.full_label}」，其余各项按0计，请核对"
    )
    return target.key


def _is_header(row: Row, cols_m: LabelMatcher, rows_m: LabelMatcher) -> bool:
    texts = [c.text for _, c in _distinct(row) if c.text]
    if any(_numeric(t) and not rows_m.match(t).ok for t in texts):
        return False
    return any(cols_m.match(t).how in ("exact", "enumerator") for t in texts)


def _blocks(table: Table, edition: Edition, parts: list[Grid], result: Placement, blank: bool) -> None:
    rows_m = LabelMatcher((r.key, r.label) for r in table.rows)
    heads_m = LabelMatcher((str(i), b.heading or "") for i, b in enumerate(table.blocks))
    col_ms = [LabelMatcher((c.key, c.label) for c in b.columns) for b in table.blocks]
    current: int | None = None
    colmaps: dict[int, dict[int, tuple[str, str]]] = {}
    for grid in parts:
        for row in grid.matrix():
            cells = [(j, c) for j, c in _distinct(row) if c.text]
            if not cells:
                continue
            heading = next((m for _, c in cells for m in [heads_m.match(c.text)] if m.ok), None)
            if heading is not None:
                current = int(heading.key or 0)
            hits = [i for i, cm in enumerate(col_ms) for _, c in cells if cm.match(c.text).how in
                    ("exact", "enumerator", "synonym", "fuzzy", "prefix") and not _numeric(c.text)]
            if hits and not rows_m.match(cells[0][1].text).ok:
                if current is None or current not in hits:
                    current = max(set(hits), key=hits.count)
                colmaps[current] = _colmap([row], col_ms[current])
                continue
            if heading is not None:
                continue
            _block_row(table, grid, row, cells, rows_m, colmaps, result)


def _block_row(table: Table, grid: Grid, row: Row, cells: list[tuple[int, Cell]], rows_m: LabelMatcher,
               colmaps: dict[int, dict[int, tuple[str, str]]], result: Placement) -> None:
    _, label = cells[0]
    m = rows_m.match(label.text)
    rest = [(j, c) for j, c in _distinct(row) if c is not label]
    if not m.ok:
        if any(not _empty(c.text) for _, c in rest):
            _unknown(result, table, label, label.text, m)
        return
    block: Block = table.block_of(m.key or "")
    index = table.blocks.index(block)
    colmap = colmaps.get(index)
    if colmap:
        values = [(key, lbl, row[j]) for j, (key, lbl) in colmap.items() if j < len(row) and row[j] is not label]
    else:
        values = [(c.key, c.label, cell) for c, (_, cell) in zip(block.columns, rest, strict=False)]
        if len(rest) > len(block.columns):
            result.unplaced.append(Problem(label.where, f"「{label.text}」行的数字多于{len(block.columns)}列，"
                                           "多出的未读入", table.name))
    for key, lbl, cell in values:
        if cell is not None:
            result.found.append(Found(table.key, m.key or "", key, cell, label.text, lbl, grid.page))


def _groups(table: Table, edition: Edition, parts: list[Grid], result: Placement, blank: bool) -> None:
    block = table.blocks[0]
    groups_m = LabelMatcher((r.key, r.label) for r in block.rows)
    cols_m = LabelMatcher((c.key, c.label) for c in block.columns)
    done = False
    for grid in parts:
        matrix = grid.matrix()
        header = [r for r in matrix if not any(_numeric(c.text) for _, c in _distinct(r))
                  and not (blank and all(_empty(c.text) for _, c in _distinct(r)))]
        where: dict[int, tuple[str, str, str, str]] = {}
        for j in range(grid.n_cols):
            if header and j > 0 and header[-1][j] is not None and header[-1][j] is header[-1][j - 1]:
                continue  # a merged header cell: its first column carries it
            path = list(dict.fromkeys(c.text for r in header if (c := r[j]) is not None and c.text))
            group = next(((m.key, t) for t in reversed(path) for m in [groups_m.match(t)] if m.ok), None)
            col = next(((m.key, t) for t in reversed(path) for m in [cols_m.match(t)] if m.ok), None)
            if group and col and (group[0], col[0]) not in {(a, b) for a, b, _, _ in where.values()}:
                where[j] = (group[0], col[0], group[1], col[1])  # type: ignore[assignment]
        for row in matrix:
            if any(row is h for h in header):
                continue
            if done:
                if any(not _empty(c.text) for _, c in _distinct(row)):
                    result.unplaced.append(Problem(row[0].where if row[0] else grid.where,
                                                   f"{table.name}只有一行数字，此行未读入", table.name))
                continue
            for j, (group_key, col_key, g_label, c_label) in where.items():
                if j < len(row) and (figure := row[j]) is not None:
                    result.found.append(Found(table.key, group_key, col_key, figure, g_label, c_label, grid.page))
            done = bool(where)
