"""Reading a filled form (or a report workbook) back into a Report.

Cells are found through the workbook's defined names. Formulas are never
trusted for their cached values: in a derived cell (总计) a formula counts as
omitted, so the total is recomputed; in an input cell a simple formula
(numbers, cells, + and -, SUM) is evaluated, anything else is refused.
Every problem is collected, then one ReportError names them all by sheet!cell
and official labels.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import warnings
import zipfile
from typing import Any

from ...editions import EDITIONS, Edition
from ...errors import Problem, ReportError
from ...fileio import Source, read_input, source_name
from ...model import Report
from ...types import number
from .evaluate import FormulaError, Memo, area, evaluate
from .fastview import Unsupported, open_fast
from .names import MARKER, PREFIX, cell_name, field_name, list_areas, single_fields, table_cells
from .package import check_package

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


class _Bad(Exception):
    """A cell whose content cannot be used; the message is Chinese."""


def _open(data: bytes, source: str) -> Any:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=False)
    except zipfile.BadZipFile:
        raise ReportError.single(source, "", "Excel 工作簿已损坏或不完整，无法打开。") from None
    except Exception:  # openpyxl raises many kinds on a broken package
        raise ReportError.single(source, "", "无法读取此 Excel 工作簿（文件已损坏或不是表格文件）；"
                                 "请在表格软件中打开，另存为“Excel 工作簿（.xlsx）”后再试。") from None


def _marker(wb: Any) -> str | None:
    dn = wb.defined_names.get(MARKER)
    if dn is None:
        return None
    return (dn.attr_text or "").strip().strip('"')


def _names(wb: Any) -> set[str]:
    return {n for n in wb.defined_names if n.startswith(PREFIX)}


def expected_names(edition: Edition) -> set[str]:
    names = {cell_name(t.key, r.key, c.key) for t, r, c in table_cells(edition)}
    names |= {cell_name(t.key, r.key, c.unit_key) for t, r, c in table_cells(edition) if c.unit_key}
    names |= {field_name(f.key) for f in single_fields(edition)}
    names |= {field_name(key) for _, key, _ in list_areas(edition)}
    names |= {field_name(f"{f.key}.{c.key}") for f in edition.fields if f.kind == "fees" for c in edition.fees}
    return names


def _describe(wb: Any) -> str:
    sheets = wb.sheetnames
    shown = "、".join(sheets[:6]) + ("等" if len(sheets) > 6 else "")
    return f"工作簿有 {len(sheets)} 个工作表（{shown}）"


def _edition(wb: Any, source: str, expect: str | None) -> Edition:
    names = _names(wb)
    marker = _marker(wb)
    matches = [e for e in EDITIONS.values() if expected_names(e) <= names]
    how = "请用「reportgen form --edition 版本 -o 填报表.xlsx」生成填报表，把数字填进去再读取。"
    if marker is None and not names:
        raise ReportError.single(source, "", f"这不是 reportgen 的填报表：{_describe(wb)}，"
                                 f"没有本工具的版本标记和单元格名称。{how}")
    if marker not in EDITIONS:
        if len(matches) == 1:
            edition = matches[0]
        else:
            raise ReportError.single(source, "", f"这不是完整的 reportgen 填报表：缺少版本标记"
                                     f"「{MARKER}」，{_describe(wb)}。{how}")
    else:
        edition = EDITIONS[marker]
    if expect is not None and edition.key != expect:
        want = EDITIONS[expect]
        raise ReportError.single(source, "", f"这是{edition.key}版的填报表（{edition.notice}），"
                                 f"此处需要{want.key}版（{want.notice}）。"
                                 f"请用「reportgen form --edition {want.key}」生成新表，把数字转填过去。")
    if matches and edition not in matches:
        other = matches[0]
        raise ReportError.single(source, "", f"工作簿标记为{edition.key}版，但其中的表格是{other.key}版"
                                 f"（{other.notice}）的。请勿在两个版本的填报表之间复制工作表；{how}")
    return edition


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_excel(text: str) -> str:
    """Text as the clerk typed it: Excel stores a line break as ``_x000D_`` and other characters so too."""
    if "_x" not in text:
        return text
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


MAX_AREA = 20_000
"""Cells a defined name of a form may cover (a list area: rows × 2 columns)."""
MAX_OPENPYXL = 16 * 1024 * 1024
"""Largest unzipped workbook read by openpyxl when the fast reader cannot read it (openpyxl takes
about 50 times the size in memory)."""
STRICT = b"purl.oclc.org/ooxml/spreadsheetml"
"""The namespace of the "Strict Open XML" flavour of .xlsx."""


class _Reader:
    def __init__(self, wb: Any, edition: Edition, source: str) -> None:
        self.wb = wb
        self.spec = edition
        self.source = source
        self.problems: list[Problem] = []
        self.where: dict[str, tuple[str, str]] = {}  # data path -> (sheet!cell, label)
        self.memo = Memo()  # each formula cell evaluated once, for the whole workbook

    # -- locating cells -----------------------------------------------------

    def dest(self, name: str, label: str) -> tuple[Any, str, list[list[Any]]] | None:
        """(worksheet, 'sheet!A1', rows of cells) of a defined name, or None with a problem."""
        dn = self.wb.defined_names.get(name)
        if dn is None:
            self.problems.append(Problem(name, "找不到此项的单元格（单元格名称已被删除）；请换用新的填报表", label))
            return None
        try:
            dests = list(dn.destinations)
        except Exception:
            dests = []
        if len(dests) != 1 or dests[0][0] not in self.wb.sheetnames:
            self.problems.append(Problem(name, f"此项的单元格已被删除（名称指向「{dn.attr_text}」）；"
                                         "请换用新的填报表", label))
            return None
        sheet, ref = dests[0]
        ws = self.wb[sheet]
        ref = ref.replace("$", "")
        try:
            size = area(ref)
        except FormulaError:
            size = MAX_AREA + 1
        if size > MAX_AREA:  # checked before the cells are built: a name may point at a whole sheet
            self.problems.append(Problem(name, f"此项的单元格名称指向的区域过大（「{dn.attr_text}」，"
                                         f"上限为 {MAX_AREA} 个单元格）；请换用新的填报表", label))
            return None
        cells = ws[ref]
        if not isinstance(cells, tuple):
            cells = ((cells,),)
        elif cells and not isinstance(cells[0], tuple):
            cells = (cells,)
        return ws, f"{sheet}!{ref.split(':')[0]}", [list(r) for r in cells]

    def problem(self, cell: Any, message: str, label: str) -> None:
        self.problems.append(Problem(f"{cell.parent.title}!{cell.coordinate}", message, label))

    # -- values ---------------------------------------------------------------

    def raw(self, cell: Any, derived: bool = False) -> Any:
        """The cell's value; a formula is evaluated (input) or omitted (derived)."""
        value = cell.value
        if cell.data_type == "f":
            if derived:
                return None
            text = value if isinstance(value, str) else getattr(value, "text", str(value))
            try:
                return evaluate(text, cell.parent, self.wb, memo=self.memo)
            except FormulaError as exc:
                raise _Bad(f"单元格中是公式「{text}」，{exc}；请直接填写数字") from None
        if cell.data_type == "e":
            raise _Bad(f"单元格显示错误值「{value}」，应填数字")
        return value

    def number(self, cell: Any, kind: str, derived: bool = False) -> Any:
        value = self.raw(cell, derived)
        if value is None:
            return None
        if isinstance(value, bool):
            raise _Bad(f"应填数字，实为真/假值「{'TRUE' if value else 'FALSE'}」")
        if isinstance(value, datetime.datetime | datetime.date | datetime.time | datetime.timedelta):
            raise _Bad(f"应填数字，实为日期或时间「{value}」（请把单元格格式改为“常规”或“数值”后重填）")
        try:
            value = number(value, kind)
        except ValueError as exc:
            raise _Bad(str(exc)) from None
        if value is None:
            return None
        if kind == "money" and value < 0:
            raise _Bad(f"金额不能为负数，实为 {value}")
        if kind == "count" and value < 0:
            raise _Bad(f"件数不能为负数，实为 {value}")
        return value

    def text(self, cell: Any) -> str | None:
        value = self.raw(cell)
        if value is None:
            return None
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime.datetime):
            return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
        text = unescape_excel(str(value))
        return text if text.strip() else None

    def year(self, cell: Any) -> int | None:
        value = self.raw(cell)
        if value is None:
            return None
        if isinstance(value, str):
            text = unicodedata.normalize("NFKC", value).strip().removesuffix("年").strip()
            if not text:
                return None
            if not text.isdigit():
                raise _Bad(f"报告年度应为四位数字，如 2024，实为「{value.strip()}」")
            return int(text)
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
            return int(value)
        raise _Bad(f"报告年度应为四位数字，如 2024，实为「{value}」")

    def date(self, cell: Any) -> datetime.date | None:
        value = self.raw(cell)
        if value is None:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
            return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value))
        if isinstance(value, str):
            text = unicodedata.normalize("NFKC", value).strip()
            if not text:
                return None
            m = _DATE.fullmatch(text)
            if m:
                try:
                    return datetime.date(*(int(g) for g in m.groups()))
                except ValueError:
                    pass
        raise _Bad(f"应为日期，如 2025-01-20 或 2025年1月20日，实为「{value}」")

    def get(self, name: str, label: str, path: str, parse: Any, *args: Any) -> Any:
        found = self.dest(name, label)
        if found is None:
            return None
        _, where, cells = found
        self.where[path] = (where, label)
        cell = cells[0][0]
        try:
            return parse(cell, *args)
        except _Bad as exc:
            self.problem(cell, str(exc), label)
            return None

    # -- the report -----------------------------------------------------------

    def data(self) -> dict[str, Any]:
        spec = self.spec
        labels = spec.field_labels
        data: dict[str, Any] = {"edition": spec.key}
        for field in single_fields(spec):
            if field.kind == "edition":
                continue
            parse = {"year": self.year, "date": self.date}.get(field.kind, self.text)
            value = self.get(field_name(field.key), field.label, field.key, parse)
            if value is not None:
                data[field.key] = value
        for table, row, col in table_cells(spec):
            path = f"{table.key}.{row.key}.{col.key}"
            derived = row.derived or col.derived
            value = self.get(cell_name(table.key, row.key, col.key), table.describe(row.key, col.key), path,
                             self.number, col.kind, derived)
            if value is not None:
                _put(data, [table.key, *row.key.split("."), col.key], value)
            if col.unit_key:
                label = table.describe(row.key, col.key) + "的单位"
                unit = self.get(cell_name(table.key, row.key, col.unit_key), label,
                                f"{table.key}.{row.key}.{col.unit_key}", self.text)
                if unit is not None:
                    _put(data, [table.key, *row.key.split("."), col.unit_key], unit.strip())
        for field in spec.fields:
            if field.kind == "fees":
                fees = {}
                for col in spec.fees:
                    label = f"{spec.fees_label}「{col.label}」"
                    value = self.get(field_name(f"{field.key}.{col.key}"), label, f"{field.key}.{col.key}",
                                     self.number, col.kind)
                    if value is not None:
                        fees[col.key] = value
                if fees:
                    data[field.key] = fees
            elif field.kind == "overview":
                intro = self.paragraphs(f"{field.key}.intro", labels[f"{field.key}.intro"])
                items = self.items(f"{field.key}.items", labels[f"{field.key}.items"])
                if intro or items:
                    data[field.key] = {"intro": intro, "items": items}
            elif field.kind in ("paragraphs", "items"):
                values = self.paragraphs(field.key, field.label)
                if values:
                    data[field.key] = values
        return data

    def paragraphs(self, key: str, label: str) -> list[str]:
        found = self.dest(field_name(key), label)
        if found is None:
            return []
        out: list[str] = []
        for row in found[2]:
            try:
                text = self.text(row[-1])
            except _Bad as exc:
                self.problem(row[-1], str(exc), label)
                continue
            if text is not None:
                self.where[f"{key}.{len(out)}"] = (_coord(row[-1]), label)
                out.append(text)
        return out

    def items(self, key: str, label: str) -> list[dict[str, Any]]:
        found = self.dest(field_name(key), label)
        if found is None:
            return []
        items: list[dict[str, Any]] = []
        for row in found[2]:
            try:
                title = self.text(row[0]) if len(row) > 1 else None
                text = self.text(row[-1])
            except _Bad as exc:
                self.problem(row[-1], str(exc), label)
                continue
            if title is not None:
                self.where[f"{key}.{len(items)}.title"] = (_coord(row[0]), label)
                items.append({"title": title, "text": [text] if text is not None else []})
            elif text is not None:
                if not items:
                    self.problem(row[-1], "这一段没有分项小标题：请在左边填写小标题，或把它移到“引言”", label)
                    continue
                items[-1]["text"].append(text)
        return items


def _coord(cell: Any) -> str:
    return f"{cell.parent.title}!{cell.coordinate}"


def _put(data: dict[str, Any], path: list[str], value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def _year_problem(reader: _Reader, year: Any) -> None:
    spec = reader.spec
    if not isinstance(year, int) or spec.covers(year):
        return
    other = next((e for e in EDITIONS.values() if e.covers(year)), None)
    where, label = reader.where["year"]
    if other is None:
        return  # out of range: the model says so
    span = f"{spec.first_year}—{spec.last_year}年度" if spec.last_year else f"{spec.first_year}年度及以后"
    reader.problems.append(Problem(where, f"这是{spec.key}版填报表（{spec.notice}，适用于{span}），"
                                   f"{year}年度的报告应使用{other.key}版（{other.notice}）。请用「reportgen form "
                                   f"--edition {other.key}」生成新表，把数字转填过去", label))


def read_xlsx(path: Source, edition: str | None = None, engine: str = "auto") -> Report:
    """A report from a filled form or a report workbook; ``edition`` insists on one edition.

    ``engine``: "auto" decodes the named cells directly and falls back to
    openpyxl for anything unusual; "openpyxl" always loads the workbook with it.
    """
    return read_bytes(read_input(path), source_name(path), edition, engine)


def read_bytes(data: bytes, source: str, edition: str | None = None, engine: str = "auto") -> Report:
    """``read_xlsx`` of a workbook's bytes; ``source`` names it in messages."""
    check_package(data, source)
    unpacked = _strict_or_size(data, source)
    if engine == "auto":
        try:
            return _read(open_fast(data), source, edition)
        except ReportError:
            raise
        except Exception:
            if unpacked > MAX_OPENPYXL:
                raise ReportError.single(source, "", f"工作簿的结构特殊，且解压后较大（{unpacked / 1048576:.0f} MB），"
                                         f"超过 {MAX_OPENPYXL // 1048576} MB 的上限，无法读取。请用 reportgen form "
                                         "生成新的填报表，把数字填进去再读取。") from None
    return _read(_open(data, source), source, edition)


def _strict_or_size(data: bytes, source: str) -> int:
    """The unzipped size; a workbook saved as Strict Open XML is refused once, clearly."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        unpacked = sum(info.file_size for info in zf.infolist())
        try:
            info = zf.getinfo("xl/workbook.xml")
            head = zf.read(info) if info.file_size < 8 << 20 else b""
        except KeyError:
            head = b""
    if STRICT in head:
        raise ReportError.single(source, "", "这是“严格 Open XML 电子表格”格式的工作簿，本工具不能读取。"
                                 "请在表格软件中“另存为”，保存类型选“Excel 工作簿（.xlsx）”后再试。")
    return unpacked


def _read(wb: Any, source: str, edition: str | None) -> Report:
    spec = _edition(wb, source, edition)
    reader = _Reader(wb, spec, source)
    data = reader.data()
    _year_problem(reader, data.get("year"))
    try:
        report = Report.from_data(data, source)
    except ReportError as exc:
        flagged = {p.path for p in reader.problems}
        for p in exc.problems:
            where = reader.where.get(p.path)
            if where and where[0] in flagged:
                continue  # the cell's own problem says it already
            reader.problems.append(Problem(where[0], p.message, where[1] or p.label) if where else p)
        report = None
    if reader.problems or report is None:
        raise ReportError(reader.problems, source)
    return report


def cell_locations(data: bytes, edition: Edition) -> dict[tuple[str, str, str], str]:
    """Where each table cell of a form sits, as 表三!E12, for pointing a finding at its cell.

    Empty when the workbook cannot be read that way (the findings then name the labels only).
    """
    try:
        wb = open_fast(data)
    except (Unsupported, ReportError):
        return {}
    out: dict[tuple[str, str, str], str] = {}
    for table, row, col in table_cells(edition):
        name = wb.defined_names.get(cell_name(table.key, row.key, col.key))
        try:
            sheet, coord = next(iter(name.destinations)) if name else ("", "")
        except ValueError:
            continue
        if sheet:
            out[(table.key, row.key, col.key)] = f"{sheet}!{coord.replace('$', '')}"
    return out | _field_locations(wb, edition)


def _field_locations(wb: Any, edition: Edition) -> dict[tuple[str, str, str], str]:
    """Cells of the fields and list items, keyed (field key, rest of the data path, ""):
    ("problems", "1", "") -> 报告正文!B31, the place a warning about ``problems.1`` points to."""
    reader = _Reader(wb, edition, "")
    try:
        reader.data()
    except Exception:
        return {}
    out: dict[tuple[str, str, str], str] = {}
    for path, (where, _) in reader.where.items():
        head, _, rest = path.partition(".")
        if head not in {t.key for t in edition.tables}:
            out[(head, rest, "")] = where
    return out
