"""A published report read back: the data, where each figure came from, what was not understood."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...editions import Edition, edition_for_year
from ...errors import Problem, ReportError
from ...model import Report
from .cells import parse_cell
from .grid import Document
from .narrative import read_narrative
from .placement import Found
from .tables import detect_edition, place

CellKey = tuple[str, str, str]
NOT_FILLED = "未填写"


@dataclass(frozen=True)
class CellSource:
    """Where one figure came from: the text as printed and its place in the document."""

    text: str
    where: str
    table_label: str
    row_label: str
    col_label: str
    page: int | None = None
    blank: bool = True
    note: str | None = None
    found: bool = True

    @property
    def shown(self) -> str:
        return NOT_FILLED if self.blank else self.text

    @property
    def location(self) -> str:
        page = f"第{self.page}页，" if self.page and "页" not in self.where else ""
        return f"{self.table_label}「{self.row_label}」行「{self.col_label}」列（{page}{self.where}）"


@dataclass
class Reading:
    source: str
    edition: Edition
    data: dict[str, Any]
    cells: dict[CellKey, CellSource] = field(default_factory=dict)
    unplaced: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    absorbed: list[tuple[str, str, str]] = field(default_factory=list)

    def report(self) -> Report:
        """The Report (blank cells omitted: derived ones are computed, others count as 0)."""
        return Report.from_data(self.data, self.source)

    def blanks(self) -> list[CellKey]:
        return [k for k, c in self.cells.items() if c.found and c.blank]


def _put(data: dict[str, Any], table: str, row: str, col: str, value: Any) -> None:
    node = data.setdefault(table, {})
    for part in row.split("."):
        node = node.setdefault(part, {})
    node[col] = value


def read_document(doc: Document, source: str, strict: bool = False) -> Reading:
    """Read a Document extracted from a published report; see the package docstring."""
    grids = doc.grids
    edition = detect_edition(grids)
    narrative = read_narrative(doc, edition or edition_for_year(2021))
    if edition is None:
        edition = narrative.edition or _by_year(narrative.data.get("year"))
        if edition is not None:
            narrative = read_narrative(doc, edition)
    fatal: list[Problem] = []
    if edition is None:
        fatal.append(Problem("", "未找到任何统计表，无法确定报告版本"))
    for key, label in (("agency", "机关名称"), ("year", "报告年度")):
        if key not in narrative.data:
            fatal.append(Problem(key, f"未能从标题（如「XX2023年政府信息公开工作年度报告」）中读出{label}", label))
    if fatal or edition is None:
        raise ReportError(fatal, source)
    placement = place(grids, edition)
    if not placement.found:
        raise ReportError([Problem("", "未找到统计表二、三、四中的任何数字"), *placement.unplaced], source)
    data: dict[str, Any] = {"edition": edition.key, **narrative.data}
    reading = Reading(source, edition, data, unplaced=[*placement.unplaced, *narrative.unplaced],
                      warnings=list(placement.warnings), notes=narrative.notes, absorbed=placement.absorbed)
    for f in placement.found:
        _cell(reading, f)
    _missing(reading, set(placement.tables))
    if strict and reading.unplaced:
        raise ReportError(reading.unplaced, source)
    return reading


def _by_year(year: Any) -> Edition | None:
    try:
        return edition_for_year(int(year)) if year else None
    except KeyError:
        return None


def _cell(reading: Reading, f: Found) -> None:
    table = reading.edition.table(f.table)
    col = table.column(f.row, f.col)
    parsed = parse_cell(f.cell.text, col, col.unit)
    key = (f.table, f.row, f.col)
    source = CellSource(f.cell.text, f.cell.where, table.name, f.row_label, f.col_label, f.page,
                        parsed.blank, parsed.note)
    if parsed.error:
        reading.unplaced.append(Problem(f.cell.where, f"{table.describe(f.row, f.col)}：{parsed.error}", table.name))
        reading.cells[key] = CellSource(f.cell.text, f.cell.where, table.name, f.row_label, f.col_label, f.page,
                                        True, parsed.error)
        return
    old = reading.cells.get(key)
    if old is not None and not old.blank and old.text != f.cell.text:
        reading.unplaced.append(Problem(f.cell.where, f"{table.describe(f.row, f.col)}出现两次且数字不同："
                                        f"「{old.text}」（{old.where}）与「{f.cell.text}」", table.name))
        return
    reading.cells[key] = source
    if parsed.blank:
        return
    _put(reading.data, f.table, f.row, f.col, parsed.value)
    if col.unit_key and parsed.unit:
        _put(reading.data, f.table, f.row, col.unit_key, parsed.unit)


def _missing(reading: Reading, tables: set[str]) -> None:
    """Rows of a found table that no printed row supplied: one problem per row."""
    for table in reading.edition.tables:
        if table.key not in tables:
            continue
        for row in table.rows:
            cols = table.columns_of(row.key)
            if any((table.key, row.key, c.key) in reading.cells for c in cols):
                continue
            absorbed = any(t == table.key and r.split(".")[0] == row.key.split(".")[0]
                           for t, r, _ in reading.absorbed)
            for c in cols:
                reading.cells[(table.key, row.key, c.key)] = CellSource(
                    "", "", table.name, row.full_label, c.label, None, True, None, found=False)
            if not absorbed:
                reading.unplaced.append(Problem(table.describe(row.key), f"未找到{table.describe(row.key)}",
                                                table.name))
