"""The county office's workbooks: 汇总明细 (one row per body and the total) and 审核结果 (the audit).

Plain openpyxl workbooks, not the collection form: a header row, one row per body or report,
frozen panes and filters, so that a clerk can sort and filter them in Excel or WPS.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ...review.base import KIND_LABELS
from ...review.records import Audit, Breakdown

FONT = "宋体"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
STATUS_FILLS = {
    "通过": PatternFill("solid", fgColor="E2EFDA"),
    "有警告": PatternFill("solid", fgColor="FFF2CC"),
    "有错误": PatternFill("solid", fgColor="F8CBAD"),
    "无法读取": PatternFill("solid", fgColor="F8CBAD"),
}


def _sheet(ws: Worksheet, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
           widths: Sequence[int], wrap: Sequence[int] = ()) -> None:
    """A titled table: title in row 1, header in row 2, data from row 3, borders and filters."""
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.cell(1, 1).font = Font(name=FONT, size=14, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    ws.append(list(header))
    for col in range(1, len(header) + 1):
        cell = ws.cell(2, col)
        cell.font = Font(name=FONT, size=10, bold=True)
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    for row in rows:
        ws.append(list(row))
        for col in range(1, len(header) + 1):
            cell = ws.cell(ws.max_row, col)
            cell.font = Font(name=FONT, size=10)
            cell.border = _BORDER
            numeric = isinstance(cell.value, int | float) or col - 1 in wrap
            cell.alignment = Alignment(horizontal="left" if col - 1 in wrap or not numeric else "center",
                                       vertical="center", wrap_text=col - 1 in wrap)
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for r in range(3, ws.max_row + 1):  # Excel and LibreOffice do not grow a row for wrapped text written here
        lines = max((_lines(ws.cell(r, c + 1).value, widths[c]) for c in wrap), default=1)
        if lines > 1:
            ws.row_dimensions[r].height = 14 * lines
    ws.freeze_panes = "A3"
    if rows:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(header))}{ws.max_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "2:2"


def _lines(value: Any, width: int) -> int:
    """Lines a text takes in a column of ``width`` (a CJK character is about 1.7 units wide)."""
    tenths = sum(17 if ord(ch) > 0x2E80 else 10 for ch in str(value or ""))
    return max(1, -(-tenths // (10 * max(1, width))))


def _bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def breakdown_bytes(breakdown: Breakdown) -> bytes:
    """汇总明细.xlsx: one row per body with its key figures and check result; the last row is the total."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "汇总明细"
    header = ["序号", "机关名称", "检查结果", *breakdown.labels, "文件"]
    rows: list[list[Any]] = [[i, b.agency, b.status, *map(_number, b.figures), b.source]
                             for i, b in enumerate(breakdown.bodies, 1)]
    rows.append(["", f"合计（{len(breakdown.bodies)} 个单位）", "", *map(_number, breakdown.totals), ""])
    title = f"{breakdown.agency}{breakdown.year}年政府信息公开工作年度报告汇总明细（{breakdown.edition}版）"
    _sheet(ws, title, header, rows, [6, 28, 14, *[14] * len(breakdown.labels), 30], wrap=(len(header) - 1,))
    for col in range(1, len(header) + 1):
        cell = ws.cell(ws.max_row, col)
        cell.font = Font(name=FONT, size=10, bold=True)
        cell.fill = _TOTAL_FILL
    ws.row_dimensions[2].height = 66
    ws.auto_filter.ref = f"A2:{get_column_letter(len(header))}{ws.max_row - 1}"
    return _bytes(wb)


def _number(value: Any) -> Any:
    return value if isinstance(value, int) else float(value) if value is not None else None


def audit_bytes(audit: Audit) -> bytes:
    """审核结果.xlsx: one row per report, every finding with its place, the pairs made, the bodies missing."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "审核结果"
    kinds = list(KIND_LABELS)
    header = ["序号", "机关名称", "年度", "版本", "状态", "错误", *(f"警告：{KIND_LABELS[k]}" for k in kinds),
              "重复率", "对比的上年报告", "文件类型", "文件"]
    rows = [[i, e.agency, e.year, e.edition, e.status, e.errors, *(e.warnings.get(k, 0) for k in kinds),
             f"{e.copy_rate:.0%}" if e.copy_rate is not None else "", e.previous, e.kind, e.source]
            for i, e in enumerate(audit.entries, 1)]
    _sheet(ws, f"政府信息公开工作年度报告审核结果（共 {len(audit.entries)} 份）", header, rows,
           [6, 26, 7, 7, 9, 6, *[10] * len(kinds), 8, 30, 20, 30], wrap=(len(header) - 3, len(header) - 1))
    status_col = header.index("状态") + 1
    for r in range(3, ws.max_row + 1):
        cell = ws.cell(r, status_col)
        if cell.value in STATUS_FILLS:
            cell.fill = STATUS_FILLS[str(cell.value)]
    ws.row_dimensions[2].height = 42
    lines = wb.create_sheet("问题清单")
    _sheet(lines, f"问题清单（共 {len(audit.lines)} 条）", ["序号", "机关名称", "类别", "程度", "位置", "说明", "文件"],
           [[i, x.agency, KIND_LABELS.get(x.kind, x.kind), x.severity, x.place, x.message, x.source]
            for i, x in enumerate(audit.lines, 1)],
           [6, 24, 11, 7, 30, 80, 30], wrap=(4, 5, 6))
    if audit.pairs:
        pairs = wb.create_sheet("年度配对")
        _sheet(pairs, "与上年报告的配对", ["序号", "配对"], [[i, p] for i, p in enumerate(audit.pairs, 1)],
               [6, 120], wrap=(1,))
    missing = wb.create_sheet("未报送")
    _sheet(missing, f"名单中未找到报告的单位（共 {len(audit.missing)} 个）", ["序号", "机关名称"],
           [[i, name] for i, name in enumerate(audit.missing, 1)], [6, 40])
    return _bytes(wb)
