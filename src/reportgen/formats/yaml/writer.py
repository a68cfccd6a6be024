"""Writing a YAML data file: every key present and commented with its official label."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import yaml

from ...editions.spec import Column, Edition, Field, Table
from ...fileio import Dest, write_text
from ...model import Report


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return str(value)
    text = yaml.safe_dump(value, allow_unicode=True, width=2**31 - 1, default_flow_style=True)
    return text.removesuffix("\n...\n").rstrip("\n")


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, text: str, indent: int = 0) -> None:
        self.lines.append(" " * indent + f"# {text}")

    def key(self, key: str, value: Any = None, note: str = "", indent: int = 0, block: bool = False) -> None:
        text = " " * indent + f"{key}:"
        if not block:
            shown = _scalar(value)
            text += f" {shown}" if shown else ""
        if note:
            text = f"{text:<40} # {note}" if len(text) < 40 else f"{text}  # {note}"
        self.lines.append(text)

    def items(self, values: list[str], indent: int) -> None:
        for v in values:
            self.lines.append(" " * indent + f"- {_scalar(v)}")


def _write_row(w: _Writer, report: Report, table: Table, row_key: str, leaf: str,
               columns: tuple[Column, ...], indent: int) -> None:
    row = table.row(row_key)
    w.key(leaf, note=row.label, indent=indent, block=True)
    for col in columns:
        derived = row.derived or col.derived
        given = report.is_given(table.key, row_key, col.key)
        value = report.cell(table.key, row_key, col.key) if (given or not derived) else None
        note = col.label + ("（合计，可留空，自动计算）" if derived else "")
        if col.unit and col.unit not in col.label:
            note += f"，单位：{col.unit}"
        w.key(col.key, value, note + _origin(report, (table.key, row_key, col.key)), indent + 2)
        if col.unit_key:
            w.key(col.unit_key, report.cell(table.key, row_key, col.unit_key),
                  f"{col.label}的单位：元、万元或亿元", indent + 2)


def _origin(report: Report, cell: tuple[str, str, str]) -> str:
    """For a report read from a published document: what the document printed, when it was not a plain figure."""
    provenance = report.provenance
    source = provenance.cells.get(cell) if provenance is not None else None
    if source is None or not getattr(source, "found", True):
        return ""
    if source.blank:
        return f"；原文{source.shown}"
    if not source.note:
        return ""
    return f"；{source.note}" if f"「{source.text}」" in source.note else f"；原文「{source.text}」：{source.note}"


def _write_provenance(w: _Writer, report: Report) -> None:
    """The head of a data file imported from a published document: where from, and what was not understood."""
    provenance = report.provenance
    if provenance is None:
        return
    w.comment(f"由已发布的报告导入：{provenance.source}。原文留空的格子注明“原文未填写”，带说明文字的格子注明原文。")
    for problem in provenance.unplaced:
        w.comment(f"未能读入：{problem}")
    for text in [*provenance.warnings, *provenance.notes]:
        w.comment(f"注意：{text}")


def _write_table(w: _Writer, report: Report, table: Table) -> None:
    w.lines.append("")
    w.comment(f"{table.heading}（{table.name}）")
    w.key(table.key, block=True)
    open_groups: list[str] = []
    for block in table.blocks:
        if block.heading:
            w.comment(block.heading, 2)
        for row in block.rows:
            *groups, leaf = row.key.split(".")
            common = 0
            while common < min(len(groups), len(open_groups)) and groups[common] == open_groups[common]:
                common += 1
            for depth in range(common, len(groups)):
                w.key(groups[depth], note=row.group or "", indent=2 + 2 * depth, block=True)
            open_groups = groups
            _write_row(w, report, table, row.key, leaf, block.columns, 2 + 2 * len(groups))


def _write_overview(w: _Writer, value: Any, key: str) -> None:
    w.key(key, block=True)
    if value.intro:
        w.key("intro", block=True, indent=2)
        w.items(value.intro, 4)
    else:
        w.lines.append("  intro: []")
    if not value.items:
        w.lines.append("  items: []")
    else:
        w.key("items", block=True, indent=2)
        for item in value.items:
            w.lines.append(f"    - title: {_scalar(item.title)}")
            w.lines.append("      text:")
            w.items(item.text, 8)


def _write_fees(w: _Writer, value: Any, key: str, spec: Edition) -> None:
    if value is None:
        w.lines.append(f"{key}:")
        return
    w.key(key, block=True)
    for col in spec.fees:
        w.key(col.key, getattr(value, col.key), col.label + (f"，单位：{col.unit}" if col.unit else ""), 2)


def _write_field(w: _Writer, report: Report, field: Field) -> None:
    """One narrative field, after a comment with its label and how to fill it in."""
    spec = report.spec
    value = getattr(report, field.key)
    w.lines.append("")
    w.comment(f"{field.label}：{spec.help_of(field)}")
    if field.kind == "overview":
        w.comment("intro 为引言段落；items 为分项，每项有 title（小标题）和 text（段落）")
        _write_overview(w, value, field.key)
    elif field.kind == "fees":
        _write_fees(w, value, field.key, spec)
    elif value:
        w.key(field.key, block=True)
        w.items(value, 2)
    else:
        w.lines.append(f"{field.key}: []")


def dumps(report: Report) -> str:
    """The report as a YAML data file, every key present and commented with its label."""
    spec = report.spec
    w = _Writer()
    w.comment(f"{report.title_text} — 数据文件")
    w.comment(f"格式：{spec.key}版（{spec.notice}）。数字留空或省略按 0 计；合计项可留空，自动计算。")
    w.comment("检查：reportgen check 本文件；生成 Word：reportgen render 本文件 -o 输出文件夹")
    _write_provenance(w, report)
    for field in spec.fields:
        if field.single:
            value = getattr(report, field.key)
            value = value.isoformat() if isinstance(value, datetime.date) else value
            w.key(field.key, value, f"{field.label}（{spec.help_of(field)}）")
    for field in spec.fields:
        if not field.single and field.kind != "fees":
            _write_field(w, report, field)
    for table in spec.tables:
        _write_table(w, report, table)
    for field in spec.fields:
        if field.kind == "fees":
            _write_field(w, report, field)
    return "\n".join(w.lines) + "\n"


def write(report: Report, dest: Dest) -> None:
    write_text(dest, dumps(report))
