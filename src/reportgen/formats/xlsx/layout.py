"""The layout of the workbook of an edition, built from its description with openpyxl.

    template_bytes(edition) -> bytes     (tools/build_templates.py writes the shipped ones)

The workbook is at once the blank collection form and the template of the
report workbook: 填表说明, 基本信息, 表二, 表三, 表四, 报告正文. Every label comes
from the edition description; every input cell carries a defined name (see
``reportgen.formats.xlsx_names``); derived cells hold formulas generated from
the edition's Sum rules. Not imported when rendering or reading.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ...editions import Edition
from ...editions.spec import Column, Table
from ...types import MAX_COUNT, MONEY_UNITS
from .names import MARKER, cell_name, field_name, list_areas, single_fields

FIXED_TIME = datetime.datetime(2025, 1, 1)

# Capacity of the list areas of 报告正文 (rows); a clerk inserts rows inside an area for more.

BODY = "宋体"
HEAD = "黑体"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
INPUT_FILL = PatternFill("solid", fgColor="FFF7D6")
DERIVED_FILL = PatternFill("solid", fgColor="E7E6E6")
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
UNLOCKED = Protection(locked=False)
NUMBER_FORMAT = {"count": "0", "signed": "0", "money": "0.00##"}
DATE_FORMAT = 'yyyy"年"m"月"d"日"'


class Sheet:
    """A worksheet with the little helpers every table needs."""

    def __init__(self, wb: Workbook, title: str, names: dict[str, str]) -> None:
        self.ws: Worksheet = wb.create_sheet(title)
        self.names = names
        self.inputs: dict[str, list[str]] = {}  # validation kind -> coordinates
        self.prompts: dict[str, tuple[str, str]] = {}  # coordinate -> (title, text) shown on entering it

    def label(self, row: int, col: int, text: str, *, to_row: int | None = None, to_col: int | None = None,
              header: bool = False, align: Alignment = CENTER, bold: bool = False) -> None:
        ws = self.ws
        to_row, to_col = to_row or row, to_col or col
        for r in range(row, to_row + 1):
            for c in range(col, to_col + 1):
                cell = ws.cell(r, c)
                cell.border = BOX
                if header:
                    cell.fill = HEADER_FILL
        cell = ws.cell(row, col, text)
        cell.alignment = align
        cell.font = Font(name=BODY, size=10.5, bold=bold or header)
        if (to_row, to_col) != (row, col):
            ws.merge_cells(start_row=row, start_column=col, end_row=to_row, end_column=to_col)

    def value_cell(self, row: int, col: int, name: str, kind: str, *, derived: bool = False,
                   to_col: int | None = None, align: Alignment = CENTER, fmt: str | None = None) -> str:
        ws = self.ws
        for c in range(col, (to_col or col) + 1):
            ws.cell(row, c).border = BOX
        cell = ws.cell(row, col)
        cell.alignment = align
        cell.font = Font(name=BODY, size=10.5)
        if fmt or kind in NUMBER_FORMAT:
            cell.number_format = fmt or NUMBER_FORMAT[kind]
        if derived:
            cell.fill = DERIVED_FILL
        else:
            cell.fill = INPUT_FILL
            cell.protection = UNLOCKED
            self.inputs.setdefault(kind, []).append(cell.coordinate)
        if to_col and to_col != col:
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=to_col)
        self.names[name] = f"{quote(ws.title)}!{absolute(cell.coordinate)}"
        return cell.coordinate

    def title(self, text: str, width: int) -> None:
        cell = self.ws.cell(1, 1, text)
        cell.font = Font(name=HEAD, size=14, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        self.ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        self.ws.row_dimensions[1].height = 30

    def widths(self, widths: Iterable[float]) -> None:
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w

    def page(self, landscape: bool, print_rows: str | None = None, one_page: bool = False) -> None:
        ws = self.ws
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1 if one_page else 0
        setup = ws.sheet_properties.pageSetUpPr
        assert setup is not None
        setup.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.3 if one_page else 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.4 if one_page else 0.6
        if print_rows:
            ws.print_title_rows = print_rows
        protect(ws)


def quote(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def absolute(coord: str) -> str:
    letters = "".join(ch for ch in coord if ch.isalpha())
    return f"${letters}${coord[len(letters):]}"


def protect(ws: Worksheet) -> None:
    """Protect the labels (no password); formatting and inserting rows stay allowed."""
    p = ws.protection
    p.sheet = True
    p.formatCells = p.formatColumns = p.formatRows = False
    p.insertRows = p.deleteRows = False
    p.selectLockedCells = p.selectUnlockedCells = False


# -- the three tables ------------------------------------------------------------


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


# -- 基本信息, 报告正文, 填表说明 -----------------------------------------------------


def build_facts(sh: Sheet, edition: Edition) -> None:
    sh.title("基本信息", 3)
    sh.label(2, 1, "项目", header=True)
    sh.label(2, 2, "内容", header=True)
    sh.label(2, 3, "说明", header=True)
    r = 3
    for field in single_fields(edition):
        sh.label(r, 1, field.label, align=LEFT)
        kind = {"year": "year", "date": "date", "edition": "edition"}.get(field.kind, "text")
        fmt = {"year": "0", "date": DATE_FORMAT}.get(field.kind, "@")
        sh.value_cell(r, 2, field_name(field.key), kind, derived=field.kind == "edition", align=LEFT, fmt=fmt)
        if field.kind == "edition":
            sh.ws.cell(r, 2, edition.key)
        sh.label(r, 3, edition.help_of(field), align=LEFT)
        height = max(48 if field.kind == "text" else 22, text_height(edition.help_of(field), 44))
        sh.ws.row_dimensions[r].height = height
        r += 1
    for field in edition.fields:
        if field.kind != "fees":
            continue
        r += 1
        sh.label(r, 1, f"{field.label}（{edition.help_of(field)}）", to_col=3, header=True, align=LEFT)
        r += 1
        for c in edition.fees:
            sh.label(r, 1, c.label + (f"（{c.unit}）" if c.unit else "（件）"), align=LEFT)
            sh.value_cell(r, 2, field_name(f"{field.key}.{c.key}"), c.kind, align=LEFT)
            sh.label(r, 3, "可留空：三项都留空则报告中不写信息处理费", align=LEFT)
            sh.ws.row_dimensions[r].height = 22
            r += 1
    sh.widths([22, 50, 44])
    sh.page(landscape=False)


def text_height(text: str, width: float) -> float:
    """Points a wrapped text of 10.5 pt needs in a column ``width`` characters wide (a CJK character is two)."""
    chars = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return 15 * -(-chars // max(int(width) - 2, 4)) + 7


INTRO_ROWS = 4
"""Rows the blank form gives an overview's intro."""


def build_text(sh: Sheet, edition: Edition) -> None:
    sh.title("报告正文（每行一段；行数不够时，在区域中间插入行）", 2)
    r = 2

    def heading(text: str) -> None:
        nonlocal r
        sh.label(r, 1, text, to_col=2, header=True, align=LEFT)
        sh.ws.row_dimensions[r].height = 22
        r += 1

    def area(key: str, columns: int, rows: int, note: str, header: tuple[str, str] | None = None) -> None:
        nonlocal r
        sh.label(r, 1, note, to_col=2, align=LEFT)
        r += 1
        if header:
            sh.label(r, 1, header[0], header=True)
            sh.label(r, 2, header[1], header=True, align=LEFT)
            r += 1
        start = r
        for k in range(rows):
            for c in range(3 - columns, 3):
                cell = sh.ws.cell(r + k, c)
                cell.border = BOX
                cell.fill = INPUT_FILL
                cell.protection = UNLOCKED
                cell.alignment = TOP_LEFT
                cell.font = Font(name=BODY, size=10.5)
                cell.number_format = "@"
            # No fixed height: the row grows with the paragraph typed into it (Excel and LibreOffice).
        r += rows
        first = get_column_letter(3 - columns)
        sh.names[field_name(key)] = f"{quote(sh.ws.title)}!${first}${start}:$B${r - 1}"

    areas = list_areas(edition)
    for section in edition.sections:
        mine = [a for a in areas if a[0].key in section.parts]
        if not mine:
            continue
        heading(section.heading)
        for field, key, columns in mine:
            intro, _, items = edition.help_of(field).partition("；")
            if key.endswith(".intro"):
                area(key, columns, INTRO_ROWS, f"{intro}（可留空）")
            elif key.endswith(".items"):
                area(key, columns, field.capacity, items,
                     ("分项小标题", "分项内容：每行一段；小标题留空的行接续上一个分项"))
            else:
                area(key, columns, field.capacity, f"{field.label}：{edition.help_of(field)}")
    sh.widths([18, 90])
    sh.page(landscape=False)


def build_help(wb: Workbook, edition: Edition) -> None:
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = "填表说明"
    years = f"{edition.first_year}—{edition.last_year}年度" if edition.last_year else f"{edition.first_year}年度及以后"
    # numbered as the checker does
    rules = sorted([(r.rule, r.explain) for r in edition.sums] + [(r.rule, r.explain) for r in edition.balances])
    lines = [
        (f"政府信息公开工作年度报告填报表（{edition.key}版）", "title"),
        (f"本表按《中华人民共和国政府信息公开工作年度报告格式》（{edition.notice}）制作，"
         f"适用于{years}的报告。", ""),
        ("一、怎样填写", "head"),
        ("1. 浅黄色单元格是填写项；灰色单元格是合计项，会自动计算，不必填写；其余单元格受保护（未设密码）。", ""),
        ("2. 「基本信息」：机关名称、报告年度等；「表二」「表三」「表四」：统计数字；"
         "「报告正文」：总体情况、存在的主要问题及改进情况、其他需要报告的事项，每行一段。", ""),
        ("3. 件数填写不小于 0 的整数；「本年增/减」可填负数；金额可带小数。数字单元格留空按 0 计。", ""),
        ("4. 可以调整字体、行高、列宽，可以在表格上方或报告正文区域中间插入行；"
         "请不要删除或重命名工作表，不要删除填写单元格。", ""),
        ("二、勾稽关系（生成报告前会逐项核对）", "head"),
        *((f"规则{n}：{text}。", "") for n, text in rules),
        ("三、填好以后", "head"),
        ("检查：reportgen check 本表.xlsx", ""),
        ("生成 Word 报告：reportgen render 本表.xlsx -o 输出文件夹", ""),
        ("转为数据文件：reportgen import 本表.xlsx -o 数据.yaml", ""),
    ]
    for i, (text, kind) in enumerate(lines, start=1):
        cell = ws.cell(i, 1, text)
        if kind == "title":
            cell.font = Font(name=HEAD, size=14, bold=True)
            ws.row_dimensions[i].height = 30
        elif kind == "head":
            cell.font = Font(name=HEAD, size=11, bold=True)
            ws.row_dimensions[i].height = 22
        else:
            cell.font = Font(name=BODY, size=10.5)
            width = sum(1 if ord(ch) > 0x2E80 else 0.5 for ch in text)
            ws.row_dimensions[i].height = 16 * -(-int(width) // 30) + 4
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.column_dimensions["A"].width = 66
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    setup = ws.sheet_properties.pageSetUpPr
    assert setup is not None
    setup.fitToPage = True
    protect(ws)


# -- validation and assembly -------------------------------------------------------


def validations(sh: Sheet, edition: Edition) -> None:
    years = (edition.first_year, edition.last_year or 2099)
    specs = {
        "count": dict(type="whole", operator="between", formula1="0", formula2=str(MAX_COUNT),
                      error="请填写不小于 0 的整数（件数）。"),
        "signed": dict(type="whole", operator="between", formula1=str(-MAX_COUNT), formula2=str(MAX_COUNT),
                       error="请填写整数（本年增/减，减少时填负数）。"),
        "money": dict(type="decimal", operator="between", formula1="0", formula2=str(MAX_COUNT),
                      error="请填写不小于 0 的金额数字，可带小数。"),
        "unit": dict(type="list", formula1='"' + ",".join(MONEY_UNITS) + '"',
                     error="请从列表中选择金额单位：" + "、".join(MONEY_UNITS) + "。"),
        "year": dict(type="whole", operator="between", formula1=str(years[0]), formula2=str(years[1]),
                     error=f"本表为{edition.key}版，报告年度应在 {years[0]} 至 {years[1]} 之间；"
                           f"其他年度请换用对应版本的填报表。"),
        "date": dict(type="date", operator="greaterThan", formula1="43466",
                     error="请填写日期，如 2025-01-20。"),
    }
    for kind, coords in sh.inputs.items():
        if kind not in specs:
            continue
        options: dict[str, Any] = dict(specs[kind])
        error = options.pop("error")
        plain = [c for c in coords if c not in sh.prompts]
        groups: list[tuple[list[str], tuple[str, str] | None]] = [(plain, None)] if plain else []
        groups += [([c], sh.prompts[c]) for c in coords if c in sh.prompts]
        for cells, prompt in groups:
            dv = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle="输入有误", error=error,
                                showInputMessage=prompt is not None, promptTitle=prompt[0] if prompt else None,
                                prompt=prompt[1] if prompt else None, **options)
            dv.sqref = " ".join(cells)
            sh.ws.add_data_validation(dv)


def build(edition: Edition) -> Workbook:
    wb = Workbook()
    names: dict[str, str] = {}
    build_help(wb, edition)
    sheets = [Sheet(wb, "基本信息", names)]
    build_facts(sheets[0], edition)
    for table in edition.tables:
        sh = Sheet(wb, table.name, names)
        cells = LAYOUTS[table.layout](sh, table)
        add_formulas(sh, edition, table, cells)
        sheets.append(sh)
    text = Sheet(wb, "报告正文", names)
    build_text(text, edition)
    sheets.append(text)
    for sh in sheets:
        validations(sh, edition)
    for name, ref in names.items():
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
    wb.defined_names[MARKER] = DefinedName(MARKER, attr_text=f'"{edition.key}"')
    wb.calculation.fullCalcOnLoad = True
    props = wb.properties
    props.creator = props.lastModifiedBy = "reportgen"
    props.title = f"政府信息公开工作年度报告填报表（{edition.key}版）"
    props.created = props.modified = FIXED_TIME
    wb.active = 1
    return wb


def template_bytes(edition: Edition) -> bytes:
    """The .xlsx template (and blank form) of an edition."""
    buf = io.BytesIO()
    build(edition).save(buf)
    return buf.getvalue()
