"""The layout of the workbook of an edition, built from its description with openpyxl.

    template_bytes(edition) -> bytes     (tools/build_templates.py writes the shipped ones)

The workbook is at once the blank collection form and the template of the
report workbook: 填表说明, 基本信息, 表二, 表三, 表四, 报告正文. Every label comes
from the edition description; every input cell carries a defined name (see
``reportgen.formats.xlsx_names``); derived cells hold formulas generated from
the edition's Sum rules (the tables: ``layout_tables``; the sheet helpers: ``sheet``).
Not imported when rendering or reading.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ...editions import Edition
from ...types import MAX_COUNT, MONEY_UNITS
from .layout_tables import LAYOUTS, add_formulas
from .names import MARKER, field_name, list_areas, single_fields
from .sheet import (
    BODY,
    BOX,
    DATE_FORMAT,
    HEAD,
    INPUT_FILL,
    LEFT,
    TOP_LEFT,
    UNLOCKED,
    Sheet,
    protect,
    quote,
)

FIXED_TIME = datetime.datetime(2025, 1, 1)

# Capacity of the list areas of 报告正文 (rows); a clerk inserts rows inside an area for more.


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
