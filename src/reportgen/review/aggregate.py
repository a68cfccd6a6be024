"""汇总: the tables of many bodies' reports of one edition and year, summed into one report's data.

Every input cell of every table is summed (derived cells are computed again by the model);
a money column whose unit travels with it (edition 2019 采购总金额) is summed in its default
unit; the fees of section 六 are summed when any body gave them. Narrative is left to the
compiling office, but for one paragraph of 六 that lists the bodies that went in.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..editions.spec import Column, Edition
from ..errors import Problem, ReportError
from ..types import UNIT_FACTORS
from .base import Reviewed


def _put(data: dict[str, Any], table: str, row: str, col: str, value: Any) -> None:
    node = data.setdefault(table, {})
    for part in row.split("."):
        node = node.setdefault(part, {})
    node[col] = value


def _in_unit(report: Reviewed, table: str, row: str, col: Column) -> Any:
    value = report.cell(table, row, col.key)
    if not col.unit_key:
        return value
    unit = str(report.cell(table, row, col.unit_key))
    target = col.default_unit or "元"
    return Decimal(value) * UNIT_FACTORS[unit] / UNIT_FACTORS[target]


def _refuse(reports: Sequence[Reviewed], sources: Sequence[str]) -> None:
    """ReportError when the reports do not share one edition and one year, naming the odd ones out."""
    first = reports[0]
    problems = [Problem(src, f"{r.agency}：{r.year}年、{r.spec.key}版，与 {sources[0]}（{first.year}年、"
                             f"{first.spec.key}版）不同，不能汇总")
                for r, src in zip(reports, sources, strict=True)
                if r.spec is not first.spec or r.year != first.year]
    if problems:
        raise ReportError(problems, "汇总")


def bodies_sentence(agencies: Sequence[str]) -> str:
    return f"本报告汇总了以下 {len(agencies)} 个单位的年度报告：{'、'.join(agencies)}。"


def aggregate_data(reports: Sequence[Reviewed], agency: str, sources: Sequence[str] | None = None) -> dict[str, Any]:
    """The data of one report whose tables are the sums of ``reports``' (one edition, one year).

    Raises ReportError when there is nothing to sum, or when editions or years differ.
    """
    if not reports:
        raise ReportError.single("汇总", "", "没有可汇总的报告")
    names = list(sources) if sources else [r.agency for r in reports]
    _refuse(reports, names)
    spec: Edition = reports[0].spec
    data: dict[str, Any] = {"edition": spec.key, "agency": agency, "year": reports[0].year}
    for table in spec.tables:
        for row, col in table.cells():
            if row.derived or col.derived:
                continue
            total = sum((_in_unit(r, table.key, row.key, col) for r in reports),
                        Decimal(0) if col.kind == "money" else 0)
            _put(data, table.key, row.key, col.key, total)
            if col.unit_key:
                _put(data, table.key, row.key, col.unit_key, col.default_unit or "元")
    fees_field = next((f for f in spec.fields if f.kind == "fees"), None)
    given = [r.data().get(fees_field.key) for r in reports] if fees_field else []
    if fees_field and any(given):
        data[fees_field.key] = {c.key: sum(((g or {}).get(c.key, 0) for g in given),
                                           Decimal(0) if c.kind == "money" else 0) for c in spec.fees}
    data["other_matters"] = [bodies_sentence([r.agency for r in reports])]
    return data


def key_figures(spec: Edition) -> list[tuple[str, str, str, str]]:
    """(table, row, column, label) of the figures the breakdown shows for each body.

    Table 3: 一、二、（七）总计、四 in the 总计 column; Table 4: the 总计 of each group.
    """
    out = []
    for table in spec.tables:
        if table.layout == "blocks":
            continue
        total = next(c for c in table.blocks[0].columns if c.derived)
        for row in table.rows:
            if table.layout == "grid" and row.section and not row.derived:
                continue
            label = f"{table.name}{row.full_label}"
            if table.layout == "column_groups":
                label += total.label
            out.append((table.key, row.key, total.key, label))
    return out
