"""The three statistical tables of the workbook layout (Table 2 blocks, Table 3 grid, Table 4 column
groups) and the totals' formulas, generated from the edition description."""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from ...editions import Edition
from ...editions.spec import Column, Table
from ...types import MONEY_UNITS
from .names import cell_name
from .sheet import LEFT, Sheet


def build_blocks(sh: Sheet, table: Table) -> dict[tuple[str, str], str]:
    """Table 2: blocks, each a heading row, a header row (信息内容 | columns) and its rows."""
    cells: dict[tuple[str, str], str] = {}
    width = max(len(b.columns) + sum(1 for c in b.columns if c.unit_key) for b in table.blocks)
    sh.title(table.heading, width + 1)
    r = 2
    for block in table.blocks:
        if block.heading:
            sh.label(r, 1, block.heading, to_col=width + 1, header=True)
            r += 1
        sh.label(r, 1, table.item_header or "", header=True)
        col = 2
        spans = _spans(block.columns, width)
        for c, span in zip(block.columns, spans, strict=True):
            if c.unit_key:  # the amount, then its unit: each labelled
                sh.label(r, col, c.label, header=True)
                sh.label(r, col + 1, f"{c.label}的单位", to_col=col + span - 1, header=True)
            else:
                sh.label(r, col, c.label, to_col=col + span - 1, header=True)
            col += span
        r += 1
        for row in block.rows:
            sh.label(r, 1, row.label, align=LEFT)
            col = 2
            for c, span in zip(block.columns, spans, strict=True):
                name = cell_name(table.key, row.key, c.key)
                if c.unit_key:
                    cells[(row.key, c.key)] = sh.value_cell(r, col, name, c.kind, derived=c.derived)
                    unit = sh.value_cell(r, col + 1, cell_name(table.key, row.key, c.unit_key), "unit",
                                         to_col=col + span - 1)
                    sh.ws[unit] = c.default_unit
                    sh.prompts[unit] = (f"{c.label}的单位", f"金额按此单位填写：{'或'.join(MONEY_UNITS)}"
                                        f"（留空按{c.default_unit}计）。如 1265000 元，应写 126.5 万元，"
                                        "或把单位改为元。")
                    cells[(row.key, c.unit_key)] = unit
                else:
                    cells[(row.key, c.key)] = sh.value_cell(r, col, name, c.kind, derived=c.derived,
                                                            to_col=col + span - 1)
                col += span
            sh.ws.row_dimensions[r].height = 22
            r += 1
    sh.widths([26, *([16] * width)])
    sh.page(landscape=False)
    return cells


def _spans(columns: tuple[Column, ...], width: int) -> list[int]:
    """Sheet columns each data column takes: a unit adds one; the last takes the rest."""
    spans = [2 if c.unit_key else 1 for c in columns]
    spans[-1] += width - sum(spans)
    return spans


LABEL_CHARS = 15
"""Characters a line of Table 3's item column holds; longer labels take more lines (and a taller row)."""


def build_grid(sh: Sheet, table: Table) -> dict[tuple[str, str], str]:
    """Table 3: the corner, three header rows and the rows under three label columns."""
    cells: dict[tuple[str, str], str] = {}
    columns = table.blocks[0].columns
    first = 4  # first data column
    last = first + len(columns) - 1
    sh.title(table.heading, last)
    sh.label(2, 1, table.corner or "", to_row=4, to_col=3, header=True)
    sh.label(2, first, table.header or "", to_col=last, header=True)
    col = first
    while col <= last:
        c = columns[col - first]
        if c.parent:
            n = sum(1 for x in columns if x.parent == c.parent)
            sh.label(3, col, c.parent, to_col=col + n - 1, header=True)
            for k in range(n):
                sh.label(4, col + k, columns[col - first + k].label, header=True)
            col += n
        else:
            sh.label(3, col, c.label, to_row=4, header=True)
            col += 1
    r = 5
    rows = table.rows
    i = 0
    while i < len(rows):
        row = rows[i]
        if row.section:
            n = _run(rows, i, lambda x, s=row.section: x.section == s)
            sh.label(r, 1, row.section, to_row=r + n - 1, bold=False)
            j = i
            while j < i + n:
                sub = rows[j]
                if sub.group:
                    m = _run(rows, j, lambda x, g=sub.group: x.group == g)
                    sh.label(r + j - i, 2, sub.group, to_row=r + j - i + m - 1)
                    for k in range(m):
                        sh.label(r + j - i + k, 3, rows[j + k].label, align=LEFT)
                    j += m
                else:
                    sh.label(r + j - i, 2, sub.label, to_col=3, align=LEFT)
                    j += 1
        else:
            n = 1
            sh.label(r, 1, row.label, to_col=3, align=LEFT)
        for k in range(n):
            rk = rows[i + k]
            for ci, c in enumerate(columns):
                name = cell_name(table.key, rk.key, c.key)
                cells[(rk.key, c.key)] = sh.value_cell(r + k, first + ci, name, c.kind,
                                                       derived=rk.derived or c.derived)
            per_line = LABEL_CHARS + (0 if rk.group else 5 if rk.section else 9)  # its label spans B:C or A:C
            sh.ws.row_dimensions[r + k].height = 13 * -(-len(rk.label) // per_line) + 3
        r += n
        i += n
    sh.ws.row_dimensions[2].height = 24
    sh.ws.row_dimensions[3].height = 24
    sh.ws.row_dimensions[4].height = 30
    # Wide enough for 社会公益组织 on one line: a header never wraps inside a word.
    sh.widths([8, 11, 2 * LABEL_CHARS, *(max(9, 2 * len(c.label) + 1) for c in columns)])
    sh.page(landscape=True, print_rows="$1:$4", one_page=True)
    return cells


def _run(rows: tuple[Any, ...], start: int, same: Any) -> int:
    n = 0
    while start + n < len(rows) and same(rows[start + n]):
        n += 1
    return n


def build_column_groups(sh: Sheet, table: Table) -> dict[tuple[str, str], str]:
    """Table 4: each row a group of columns, side by side, in one data row."""
    cells: dict[tuple[str, str], str] = {}
    block = table.blocks[0]
    n = len(block.columns)
    sh.title(table.heading, n * len(block.rows))
    col = 1
    rows = block.rows
    i = 0
    while i < len(rows):
        row = rows[i]
        if row.group:
            m = _run(rows, i, lambda x, g=row.group: x.group == g)
            sh.label(2, col, row.group, to_col=col + m * n - 1, header=True)
            for k in range(m):
                sh.label(3, col + k * n, rows[i + k].label, to_col=col + k * n + n - 1, header=True)
                for ci, c in enumerate(block.columns):
                    sh.label(4, col + k * n + ci, c.label, header=True)
        else:
            m = 1
            sh.label(2, col, row.label, to_col=col + n - 1, header=True)
            for ci, c in enumerate(block.columns):
                sh.label(3, col + ci, c.label, to_row=4, header=True)
        for k in range(m):
            rk = rows[i + k]
            for ci, c in enumerate(block.columns):
                name = cell_name(table.key, rk.key, c.key)
                cells[(rk.key, c.key)] = sh.value_cell(5, col + k * n + ci, name, c.kind, derived=c.derived)
        col += m * n
        i += m
    sh.ws.row_dimensions[2].height = sh.ws.row_dimensions[3].height = 24
    sh.ws.row_dimensions[4].height = 30
    sh.ws.row_dimensions[5].height = 24
    sh.widths([9] * (col - 1))
    sh.page(landscape=True)
    return cells


LAYOUTS = {"blocks": build_blocks, "grid": build_grid, "column_groups": build_column_groups}


def add_formulas(sh: Sheet, edition: Edition, table: Table, cells: dict[tuple[str, str], str]) -> None:
    """Derived cells: SUM formulas generated from the edition's Sum rules."""
    rules = [s for s in edition.sums if s.table == table.key]
    for along in ("columns", "rows"):
        for s in (x for x in rules if x.along == along):
            for target_row, target_col, addends in s.cells(table):
                if along == "columns" and table.row(target_row).derived:
                    continue  # a derived row sums the rows' totals
                refs = [cells[a] for a in addends]
                sh.ws[cells[(target_row, target_col)]] = sum_formula(refs)


def sum_formula(refs: list[str]) -> str:
    """A total that counts what the report will count: numbers, and numbers stored as text.

    SUM skips text, so a figure pasted as '10, ' 2 ' or full-width '２' would be missing from the
    grey total while the reader (and the report) count it. ASC makes full-width digits plain,
    TRIM drops spaces, -- turns the text into a number, IFERROR counts blanks and words as 0;
    SUMPRODUCT evaluates it over each range (Excel and LibreOffice alike).
    """
    return "=" + "+".join(f"SUMPRODUCT(IFERROR(--TRIM(ASC({r})),0))" for r in _ranges(refs).split(","))


def _ranges(coords: list[str]) -> str:
    """A1 references joined into runs: D5,D6,D7,E9 -> D5:D7,E9."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    parts: list[list[tuple[int, int]]] = []
    for coord in coords:
        letters, row = coordinate_from_string(coord)
        pos = (column_index_from_string(letters), row)
        if parts:
            run = parts[-1]
            (c0, r0), (c1, r1) = run[0], run[-1]
            if (pos[0] == c1 == c0 and pos[1] == r1 + 1) or (pos[1] == r1 == r0 and pos[0] == c1 + 1):
                run.append(pos)
                continue
        parts.append([pos])

    def a1(p: tuple[int, int]) -> str:
        return f"{get_column_letter(p[0])}{p[1]}"

    return ",".join(a1(r[0]) if len(r) == 1 else f"{a1(r[0])}:{a1(r[-1])}" for r in parts)
