"""Excel writer: the report workbook and the blank collection form, filled from a report.

    render_xlsx(report, dest)        the report's tables and text, derived cells as values
    form_xlsx(edition, dest, ...)    the blank form: derived cells are live formulas

Both use the workbook of ``templates/<edition>/report.xlsx`` (built by
``reportgen.formats.xlsx.layout``); cells are found through its defined names
(``reportgen.formats.xlsx.names``). ``XlsxRenderer`` keeps loaded templates,
so rendering many reports parses each template once.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import Any

from ...editions import EDITIONS, Edition, get_edition
from ...errors import ReportError
from ...fileio import Dest, read_input, write_bytes
from ...model import Report
from ..base import once_per_key
from .names import MARKER, cell_name, field_name, single_fields, table_cells
from .report import shown_values, workbook_template
from .template import Template, Value

EXCEL_EPOCH = datetime.date(1899, 12, 30)

__all__ = ["XlsxRenderer", "form_bytes", "form_xlsx", "render_bytes", "render_xlsx"]


def template_path(edition: str) -> Path:
    return Path(str(resources.files("reportgen.templates") / edition / "report.xlsx"))


def _load_template(edition: str) -> Template:
    data = (resources.files("reportgen.templates") / edition / "report.xlsx").read_bytes()  # zip-safe
    return Template(data, str(template_path(edition)))


default_template = once_per_key(_load_template)
"""The packaged form template of an edition, loaded once per process (thread-safe)."""


def _money(value: Decimal) -> Value:
    """A number when a spreadsheet's double holds it exactly, else its text (read back exactly)."""
    return value if Decimal(repr(float(value))) == value else format(value, "f")


def _number(value: Any) -> Value:
    return _money(value) if isinstance(value, Decimal) else int(value)


@dataclass(frozen=True)
class _ValuePlan:
    """An edition's named cells as flat lists, made once: a report's values are read in one call."""

    names: tuple[str, ...]
    """The table cells' names (each money cell followed by its unit's, when its unit varies)."""
    numeric: tuple[bool, ...]
    """Whether each holds a figure (else a unit's text)."""
    read: Callable[[Report], tuple[Any, ...]]
    singles: tuple[tuple[str, str], ...]
    """(field key, name) of the single fields."""


def _value_plan(edition: str) -> _ValuePlan:
    spec = EDITIONS[edition]
    names: list[str] = []
    numeric: list[bool] = []
    paths: list[str] = []
    for table, row, col in table_cells(spec):
        for key, figure in ((col.key, True), *(((col.unit_key, False),) if col.unit_key else ())):
            names.append(cell_name(table.key, row.key, key))
            numeric.append(figure)
            paths.append(f"{table.key}.{row.key}.{key}")
    return _ValuePlan(tuple(names), tuple(numeric), attrgetter(*paths),
                      tuple((f.key, field_name(f.key)) for f in single_fields(spec)))


value_plan = once_per_key(_value_plan)


def report_values(report: Report) -> tuple[dict[str, Value], dict[str, list[list[Value]]]]:
    """Named cells and named list areas of a report's workbook."""
    spec = report.spec
    plan = value_plan(spec.key)
    read = plan.read(report)
    if len(plan.names) == 1:
        read = (read,)
    values: dict[str, Value] = dict(zip(plan.names, [
        (v if type(v) is int else _number(v)) if figure else v for v, figure in zip(read, plan.numeric, strict=True)
    ], strict=True))
    for key, name in plan.singles:
        value = getattr(report, key)
        if isinstance(value, datetime.date):
            value = (value - EXCEL_EPOCH).days
        values[name] = value
    lists: dict[str, list[list[Value]]] = {}
    for field in spec.fields:
        if field.kind not in ("fees", "overview", "paragraphs", "items"):
            continue
        value = getattr(report, field.key)
        if field.kind == "fees":
            for col in spec.fees:
                figure = None if value is None else _number(getattr(value, col.key))
                values[field_name(f"{field.key}.{col.key}")] = figure
        elif field.kind == "overview":
            items: list[list[Value]] = []
            for item in value.items:
                texts: list[str | None] = list(item.text) or [None]
                items.append([item.title, texts[0]])
                items.extend([None, t] for t in texts[1:])
            lists[field_name(f"{field.key}.intro")] = [[p] for p in value.intro]
            lists[field_name(f"{field.key}.items")] = items
        else:
            lists[field_name(field.key)] = [[p] for p in value]
    return values, lists


class XlsxRenderer:
    """Renders reports to workbooks; loads each template once.

    ``template``: an .xlsx path to use instead of the packaged template of
    each report's edition (it must be a reportgen workbook of that edition).
    """

    def __init__(self, template: str | os.PathLike[str] | None = None) -> None:
        self._custom: Template | None = None
        if template is not None:
            self._custom = Template(read_input(template), str(template))

    def template(self, edition: str) -> Template:
        if self._custom is None:
            return default_template(edition)
        marker = self._custom.state.names.get(MARKER, "").strip('"')
        if marker != edition:
            found = f"{marker}版的" if marker in EDITIONS else "不是 reportgen 生成的"
            raise ReportError.single(self._custom.source, "", f"模板是{found}工作簿，报告为{edition}版；"
                                     f"请用 reportgen form --edition {edition} 生成的工作簿作模板")
        return self._custom

    def render_bytes(self, report: Report) -> bytes:
        """The publishable report workbook (or, with a custom form template, that template filled), as bytes."""
        report.ensure_renderable()  # a text changed in place, past validation, never reaches a file
        values, lists = report_values(report)
        if self._custom is None:
            return workbook_template(report.spec.key).fill({**values, **shown_values(report)}, lists, report=True)
        return self.template(report.spec.key).fill(values, lists, report=True)

    def render(self, report: Report, dest: Dest | None = None) -> bytes:
        """The workbook's bytes; also written to ``dest`` (a path, replaced atomically, or a stream) when given."""
        data = self.render_bytes(report)
        if dest is not None:
            write_bytes(dest, data)
        return data


def render_bytes(report: Report, template: str | os.PathLike[str] | None = None) -> bytes:
    return XlsxRenderer(template).render(report)


def render_xlsx(report: Report, dest: Dest, template: str | os.PathLike[str] | None = None) -> None:
    """Write the report workbook: every table cell with its value, derived cells as values."""
    data = render_bytes(report, template)
    write_bytes(dest, data)


def form_bytes(edition: str | Edition, agency: str | None = None, year: int | None = None) -> bytes:
    """The blank collection form of an edition, optionally with agency and year filled in."""
    key = edition.key if isinstance(edition, Edition) else get_edition(edition).key
    values: Mapping[str, Value] = {
        field_name(k): v for k, v in (("agency", agency), ("year", year)) if v is not None
    }
    return default_template(key).fill(values)


def form_xlsx(edition: str | Edition, dest: Dest, agency: str | None = None, year: int | None = None) -> None:
    data = form_bytes(edition, agency, year)
    write_bytes(dest, data)


