"""The publishable report workbook of an edition, built from its description with openpyxl.

    template_bytes(edition) -> bytes     (tools/build_templates.py writes report-workbook.xlsx)

Not the collection form (``layout``): no instructions, no input colours, no
formulas. Sheets: 报告正文 (the title, the narrative of each section, the
signature), 表二, 表三, 表四 in the official layout, drawn from the shared
geometry (``editions.geometry``) like the Word and HTML tables, and 基本信息
(every field as data: agency, year, title and preamble when given …). Print-ready: A4,
fit to the page width, the table's header rows repeated on every page, page numbers in
the footer.

Every cell a report fills carries the same defined name as in the form
(``names``), so the writer fills it and the form's reader reads it back.
Not imported when rendering or reading.
"""

from __future__ import annotations

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from ...editions import Edition
from ...editions.geometry import Geometry, table_geometry
from ...editions.spec import Table
from .names import MARKER, cell_name, field_name, list_areas, single_fields
from .report import SHOWN

FIXED_TIME = datetime.datetime(2025, 1, 1)
BODY, HEAD, TITLE = "仿宋", "黑体", "宋体"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
NUMBER_FORMAT = {"count": "0", "signed": "0", "money": "General"}
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
FOOTER = "第 &P 页，共 &N 页"
LABEL_WIDTHS = {"blocks": [26.0], "grid": [5.0, 9.0, 34.0], "column_groups": []}
DATA_WIDTH = {"blocks": 15.0, "grid": 7.5, "column_groups": 6.5}


def _ref(ws: Worksheet, row: int, col: int, to_row: int | None = None, to_col: int | None = None) -> str:
    first = f"${get_column_letter(col)}${row}"
    if to_row is None:
        return f"'{ws.title}'!{first}"
    return f"'{ws.title}'!{first}:${get_column_letter(to_col or col)}${to_row}"


def _put(ws: Worksheet, row: int, col: int, text: str | None, to_row: int | None = None,
         to_col: int | None = None, align: Alignment = CENTER, bold: bool = False, boxed: bool = True,
         size: float = 10.5, face: str = BODY) -> None:
    to_row, to_col = to_row or row, to_col or col
    for r in range(row, to_row + 1):
        for c in range(col, to_col + 1):
            if boxed:
                ws.cell(r, c).border = BOX
    cell = ws.cell(row, col, text)
    cell.alignment = align
    cell.font = Font(name=face, size=size, bold=bold)
    if (to_row, to_col) != (row, col):
        ws.merge_cells(start_row=row, start_column=col, end_row=to_row, end_column=to_col)


def _print(ws: Worksheet, landscape: bool, title_rows: str | None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    setup = ws.sheet_properties.pageSetUpPr
    assert setup is not None
    setup.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    if title_rows:
        ws.print_title_rows = title_rows
    footer = ws.oddFooter
    assert footer is not None
    footer.center.text = FOOTER
    footer.center.size = 10
    ws.sheet_view.showGridLines = False


def _text_width(text: str) -> int:
    """Width of ``text`` in Excel column units: a CJK character takes two."""
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)


def fit_heights(ws: Worksheet, first_row: int, size: float = 10.5) -> None:
    """Rows from ``first_row`` as high as their wrapped labels (a spreadsheet program does not
    re-measure rows whose height a file sets, and LibreOffice does not measure merged cells)."""
    merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    need: dict[int, float] = {}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            if not isinstance(cell.value, str) or cell.column is None:
                continue
            m = merged.get((cell.row, cell.column))
            cols = range(cell.column, (m.max_col if m else cell.column) + 1)
            rows = (m.max_row - m.min_row + 1) if m else 1
            width = sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in cols)
            lines = -(-_text_width(cell.value) // max(1, int(width * 0.9)))
            per_row = (lines * size * 1.35 + 4) / rows
            for r in range(cell.row, cell.row + rows):
                need[r] = max(need.get(r, 0.0), per_row)
    for r, height in need.items():
        ws.row_dimensions[r].height = max(ws.row_dimensions[r].height or 0, round(height, 1))


def _geometry(ws: Worksheet, table: Table, g: Geometry, top: int, names: dict[str, str]) -> int:
    """Draw one header and its body from row ``top``; return the next free row."""
    for row in g.header:
        for c in row:
            _put(ws, top + c.row, 1 + c.col, c.label, top + c.row + c.rowspan - 1, c.col + c.colspan, bold=True)
    body = top + len(g.header)
    for row in g.body:
        for c in row:
            _put(ws, body + c.row, 1 + c.col, c.label, body + c.row + c.rowspan - 1, c.col + c.colspan,
                 align=LEFT if c.colspan + c.col == g.label_cols or table.layout != "grid" else CENTER)
    for s in g.slots:
        col = table.column(s.row_key, s.col_key)
        span = s.colspan
        if col.unit_key and span >= 2:  # the unit (万元/元) in the slot's last column
            unit_at = 1 + s.col + span - 1
            _put(ws, body + s.row, unit_at, None)
            names[cell_name(table.key, s.row_key, col.unit_key)] = _ref(ws, body + s.row, unit_at)
            span -= 1
        _put(ws, body + s.row, 1 + s.col, None, to_col=s.col + span)
        ws.cell(body + s.row, 1 + s.col).number_format = NUMBER_FORMAT.get(col.kind, "General")
        names[cell_name(table.key, s.row_key, s.col_key)] = _ref(ws, body + s.row, 1 + s.col)
    rows = max((s.row for s in g.slots), default=0) + 1
    for r in range(top, body + rows):
        ws.row_dimensions[r].height = 18
    return body + rows


def build_table(wb: Workbook, table: Table, names: dict[str, str]) -> None:
    ws = wb.create_sheet(table.name)
    geometries = table_geometry(table)
    width = geometries[0].width
    _put(ws, 1, 1, table.heading, to_col=width, align=LEFT, bold=True, boxed=False, size=14, face=HEAD)
    ws.row_dimensions[1].height = 28
    r = 2
    for g in geometries:
        r = _geometry(ws, table, g, r, names)
    widths = LABEL_WIDTHS[table.layout] + [DATA_WIDTH[table.layout]] * (width - geometries[0].label_cols)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    fit_heights(ws, 2)
    repeat = "1:1" if table.layout == "blocks" else f"1:{1 + len(geometries[0].header)}"
    _print(ws, landscape=table.layout == "column_groups", title_rows=repeat)


def build_text(wb: Workbook, edition: Edition, names: dict[str, str]) -> None:
    """报告正文: title, preamble, each section's heading and text, the signature."""
    ws = wb.active
    assert ws is not None
    ws.title = "报告正文"
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 76
    _put(ws, 1, 1, None, to_col=2, bold=True, boxed=False, size=18, face=TITLE)
    ws.row_dimensions[1].height = 48
    names[SHOWN["title"]] = _ref(ws, 1, 1)
    _put(ws, 2, 2, None, align=TOP_LEFT, boxed=False, size=12)
    names[SHOWN["preamble"]] = _ref(ws, 2, 2)
    ws.row_dimensions[2].height = 100  # the default preamble: about 220 characters
    r = 3
    areas = list_areas(edition)
    tables = {t.key: t for t in edition.tables}
    for section in edition.sections:
        _put(ws, r, 1, section.heading, to_col=2, align=LEFT, bold=True, boxed=False, size=12, face=HEAD)
        ws.row_dimensions[r].height = 24
        r += 1
        for key in section.parts:
            if key in tables:
                _put(ws, r, 2, f"见「{tables[key].name}」工作表。", align=LEFT, boxed=False, size=12)
                r += 1
                continue
            field = edition.field(key)
            if field.heading:
                _put(ws, r, 1, field.heading, to_col=2, align=LEFT, boxed=False, size=12, face="楷体")
                r += 1
            for area_field, area, columns in areas:
                if area_field.key != key:
                    continue
                for row in (r, r + 1):  # two rows (the second a blank line), grown to the text
                    for c in range(3 - columns, 3):
                        _put(ws, row, c, None, align=TOP_LEFT, boxed=False, size=12)
                names[field_name(area)] = _ref(ws, r, 3 - columns, r + 1, 2)
                r += 2
            if field.kind == "fees":
                for fee in edition.fees:
                    _put(ws, r, 1, fee.label + (f"（{fee.unit}）" if fee.unit else "（件）"), align=LEFT, size=12)
                    _put(ws, r, 2, None, align=LEFT, size=12)
                    ws.cell(r, 2).number_format = NUMBER_FORMAT[fee.kind]
                    names[field_name(f"{field.key}.{fee.key}")] = _ref(ws, r, 2)
                    ws.row_dimensions[r].height = 34
                    r += 1
    for name, fmt in ((SHOWN["signed_by"], "@"), (field_name("date"), DATE_FORMAT)):
        _put(ws, r + 1, 2, None, align=RIGHT, boxed=False, size=12)
        ws.cell(r + 1, 2).number_format = fmt
        names[name] = _ref(ws, r + 1, 2)
        r += 1
    _print(ws, landscape=False, title_rows=None)


def build_facts(wb: Workbook, edition: Edition, names: dict[str, str]) -> None:
    """基本信息: the single fields as data (报告正文 shows the title, preamble and signer as printed)."""
    ws = wb.create_sheet("基本信息")
    placed = {"date"}
    r = 1
    for field in single_fields(edition):
        if field.key in placed:
            continue
        _put(ws, r, 1, field.label, align=LEFT)
        _put(ws, r, 2, None, align=LEFT)
        ws.cell(r, 2).number_format = "0" if field.kind == "year" else "@"
        if field.kind == "text":
            ws.cell(r, 2).alignment = TOP_LEFT
        names[field_name(field.key)] = _ref(ws, r, 2)
        r += 1
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    _print(ws, landscape=False, title_rows=None)


def build(edition: Edition) -> Workbook:
    wb = Workbook()
    names: dict[str, str] = {}
    build_text(wb, edition, names)
    for table in edition.tables:
        build_table(wb, table, names)
    build_facts(wb, edition, names)
    for name, ref in names.items():
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
    wb.defined_names[MARKER] = DefinedName(MARKER, attr_text=f'"{edition.key}"')
    props = wb.properties
    props.creator = props.lastModifiedBy = "reportgen"
    props.title = f"政府信息公开工作年度报告（{edition.key}版）"
    props.created = props.modified = FIXED_TIME
    return wb


def template_bytes(edition: Edition) -> bytes:
    """The report workbook template of an edition."""
    buf = io.BytesIO()
    build(edition).save(buf)
    return buf.getvalue()
