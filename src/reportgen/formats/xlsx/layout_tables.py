"""The three statistical tables of the workbook layout (Table 2 blocks, Table 3 grid, Table 4 column
groups) and the totals' formulas, generated from the edition description.

Every label and value cell stands where the shared geometry (``editions.geometry``, with a column of
its own for a money column's unit) puts it, as in the Word and report-workbook tables; this module
only adds the form's own touches: styles, row heights, column widths, the unit's list and prompt."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from ...editions import Edition
from ...editions.geometry import UNIT_LABEL, Geometry, Slot, table_geometry
from ...editions.spec import Table
from ...types import MONEY_UNITS
from .names import cell_name
from .sheet import CENTER, LEFT, Sheet


def build_blocks(sh: Sheet, table: Table) -> dict[tuple[str, str], str]:
    """Table 2: blocks, each a heading row, a header row (信息内容 | columns) and its rows."""
    cells: dict[tuple[str, str], str] = {}
    geometries = table_geometry(table, units=True)
    width, label_cols = geometries[0].width, geometries[0].label_cols
    sh.title(table.heading, width)
    r = 2
    for g in geometries:
        body = _draw(sh, table, g, r, cells)
        r = body + len(g.body)
        for i in range(body, r):
            sh.ws.row_dimensions[i].height = 22
    sh.widths([*([26] * label_cols), *([16] * (width - label_cols))])
    sh.page(landscape=False)
    return cells


LABEL_CHARS = 15
"""Characters a line of Table 3's item column holds; longer labels take more lines (and a taller row)."""
GRID_LABEL_WIDTHS = (8, 11, 2 * LABEL_CHARS)
"""Widths of Table 3's label columns (section, group, item); a row label spanning more holds more characters."""


def build_grid(sh: Sheet, table: Table) -> dict[tuple[str, str], str]:
    """Table 3: the corner, the header rows and the rows under the label columns."""
    cells: dict[tuple[str, str], str] = {}
    (g,) = table_geometry(table, units=True)
    sh.title(table.heading, g.width)
    body = _draw(sh, table, g, 2, cells)
    widths = [*([GRID_LABEL_WIDTHS[0]] * max(0, g.label_cols - 3)), *GRID_LABEL_WIDTHS]
    label_widths = widths[len(widths) - g.label_cols:]  # the item column always the widest
    for i, labels in enumerate(g.body):
        item = max(labels, key=lambda c: c.col)  # the row's own label: it spans to the data columns
        per_line = int(sum(label_widths[item.col:])) // 2  # a CJK character takes two units of width
        sh.ws.row_dimensions[body + i].height = 13 * -(-len(item.label) // per_line) + 3
    _header_heights(sh, g)
    # Wide enough for 社会公益组织 on one line: a header never wraps inside a word.
    headers = [g.column_headers(s)[-1].label for s in g.slots_in(0)]
    sh.widths([*label_widths, *(max(9, 2 * len(label) + 1) for label in headers)])
    sh.page(landscape=True, print_rows=f"$1:${1 + len(g.header)}", one_page=True)
    return cells


def build_column_groups(sh: Sheet, table: Table) -> dict[tuple[str, str], str]:
    """Table 4: each row a group of columns, side by side, in one data row."""
    cells: dict[tuple[str, str], str] = {}
    (g,) = table_geometry(table, units=True)
    sh.title(table.heading, g.width)
    body = _draw(sh, table, g, 2, cells)
    _header_heights(sh, g)
    sh.ws.row_dimensions[body].height = 24
    sh.widths([9] * g.width)
    sh.page(landscape=True)
    return cells


def _header_heights(sh: Sheet, g: Geometry) -> None:
    """Header rows (from row 2) 24 points high, the last (the columns' own labels) 30."""
    for i in range(len(g.header)):
        sh.ws.row_dimensions[2 + i].height = 30 if i == len(g.header) - 1 else 24


def _draw(sh: Sheet, table: Table, g: Geometry, top: int, cells: dict[tuple[str, str], str]) -> int:
    """The labels and value cells of ``g`` from sheet row ``top`` (its column 0 is column A); the value
    cells' coordinates go into ``cells``. Returns the sheet row of the first body row."""
    # Column by column, top down: the order the form has always drawn them in (openpyxl keeps merged
    # ranges in a set, so the order of merging can show in the file's bytes).
    for cell in sorted((c for row in g.header for c in row), key=lambda c: (c.col, c.row)):
        sh.label(top + cell.row, 1 + cell.col, cell.label, to_row=top + cell.row + cell.rowspan - 1,
                 to_col=cell.col + cell.colspan, header=True)
    body = top + len(g.header)
    slots: dict[int, list[Slot]] = {}
    for s in g.slots:
        slots.setdefault(s.row, []).append(s)
    for i, labels in enumerate(g.body):
        for cell in labels:
            own = cell.col + cell.colspan == g.label_cols  # the row's own label, not its section's or group's
            sh.label(body + i, 1 + cell.col, cell.label, to_row=body + i + cell.rowspan - 1,
                     to_col=cell.col + cell.colspan, align=LEFT if own else CENTER)
        for s in slots.get(i, []):
            cells[(s.row_key, s.col_key)] = _value_cell(sh, table, s, body + i)
    return body


def _value_cell(sh: Sheet, table: Table, s: Slot, row: int) -> str:
    name = cell_name(table.key, s.row_key, s.col_key)
    if s.unit_of:  # the unit of a money column: a list of units, the default filled in
        c = table.column(s.row_key, s.unit_of)
        unit = sh.value_cell(row, 1 + s.col, name, "unit", to_col=s.col + s.colspan)
        sh.ws[unit] = c.default_unit
        sh.prompts[unit] = (UNIT_LABEL.format(c.label), f"金额按此单位填写：{'或'.join(MONEY_UNITS)}"
                            f"（留空按{c.default_unit}计）。如 1265000 元，应写 126.5 万元，或把单位改为元。")
        return unit
    c = table.column(s.row_key, s.col_key)
    return sh.value_cell(row, 1 + s.col, name, c.kind, derived=table.row(s.row_key).derived or c.derived,
                         to_col=s.col + s.colspan)


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
