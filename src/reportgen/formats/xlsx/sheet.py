"""The worksheet helpers and styles of the workbook layout (``layout``, ``layout_tables``).

Not imported when rendering or reading: only when the templates are built.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

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
