"""Next year's starter from last year's report: the year, the edition, the carried figures.

    data, notes = next_year(last)     # a data mapping for Report.from_data, and what to tell the clerk

Carried figures follow the new edition's description: each ``Carry`` rule (二、上年结转 ←
四、结转下年度继续办理; edition 2019 上一年项目数量 ← 上一年项目数量 + 本年增/减) fills this
year's cell from last year's, and each ``Stock`` (edition 2021 现行有效件数) starts from last
year's figure. Rows and columns that the new edition lays out differently (2020 → 2021) are
left at 0 and explained in the notes. Narrative is kept, each paragraph marked to be rewritten.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..editions import Edition, edition_for_year
from ..editions.spec import Table
from .base import Reviewed

REWRITE_MARK = "【请改写】"
"""Put before each paragraph kept from last year's narrative; ``check --strict`` reports it until removed."""

KEPT = ("agency", "website", "contact", "signed_by")


def _put(data: dict[str, Any], table: str, row: str, col: str, value: Any) -> None:
    node = data.setdefault(table, {})
    for part in row.split("."):
        node = node.setdefault(part, {})
    node[col] = value


def _mark(value: Any) -> str:
    text = str(value)
    return text if not text.strip() or text.startswith(REWRITE_MARK) else REWRITE_MARK + text


def _narrative(spec: Edition, old: dict[str, Any], data: dict[str, Any]) -> None:
    for field in spec.fields:
        value = old.get(field.key)
        if not value:
            continue
        if field.kind == "overview" and isinstance(value, dict):
            data[field.key] = {
                "intro": [_mark(t) for t in value.get("intro") or []],
                "items": [{"title": item.get("title"), "text": [_mark(t) for t in item.get("text") or []]}
                          for item in value.get("items") or []],
            }
        elif field.kind in ("items", "paragraphs") and isinstance(value, list):
            data[field.key] = [_mark(t) for t in value]


def _carries(spec: Edition, last: Reviewed, data: dict[str, Any]) -> list[str]:
    """Fill this year's carried cells; notes for the ones that cannot be carried (a negative count)."""
    notes = []
    for carry in spec.continuity:
        table = spec.table(carry.table)
        for row in carry.rows:
            cols = [carry.column] if carry.column else [c.key for c in table.columns_of(row) if not c.derived]
            for col in cols:
                try:
                    value = sum(last.cell(carry.table, carry.last_row or row, c) for c in carry.last_columns or (col,))
                except AttributeError:
                    continue  # last year's edition has no such cell
                column = table.column(row, col)
                if column.kind == "count" and value < 0:
                    notes.append(f"{table.describe(row, col)}按上年数字计算为 {value}（负数），未带入，请核实后填写。")
                    continue
                _put(data, carry.table, row, col, value)
    if last.spec is not spec:
        return notes
    for stock in spec.stocks:
        for row in stock.rows:
            _put(data, stock.table, row, stock.column, last.cell(stock.table, row, stock.column))
    return notes


def _quote(labels: list[str]) -> str:
    return "、".join(f"「{label}」" for label in labels)


def _table_notes(new: Table, old: Table, last: Reviewed, edition: Edition) -> list[str]:
    """What changed in one table between the editions, for the clerk."""
    notes = []
    old_keys = {r.key for r in old.rows}
    new_keys = {r.key for r in new.rows}
    for row in old.rows:
        if row.key in new_keys:
            continue
        parts = [r for r in new.rows if r.key.startswith(row.key + ".")]
        total = next((c.key for c in old.columns_of(row.key) if c.derived), None)
        was = f"（上年为 {last.cell(old.key, row.key, total)}）" if total else ""
        if parts:
            notes.append(f"{new.name}「{row.full_label}」在{edition.key}版分为{_quote([r.label for r in parts])}，"
                         f"已置为 0，请按新分项填写{was}。")
        else:
            notes.append(f"{new.name}「{row.label}」在{edition.key}版中没有，不再填写。")
    for block in new.blocks:
        old_block = next((b for b in old.blocks if b.heading == block.heading), None)
        rows = [r for r in block.rows if r.key in old_keys]
        if old_block is None or not rows:
            continue
        if [c.key for c in old_block.columns] != [c.key for c in block.columns]:
            notes.append(f"{new.name}「{block.heading}」的栏目由{_quote([c.label for c in old_block.columns])}"
                         f"改为{_quote([c.label for c in block.columns])}，本年请按新栏目填写。")
    return notes


def next_year(last: Reviewed) -> tuple[dict[str, Any], list[str]]:
    """This year's starter data from last year's report, and the notes for the clerk (in Chinese)."""
    year = last.year + 1
    spec = edition_for_year(year)
    old = last.data()
    data: dict[str, Any] = {"edition": spec.key, "year": year}
    data.update({k: old[k] for k in KEPT if old.get(k)})
    for key in ("title", "preamble"):
        if old.get(key):
            data[key] = str(old[key]).replace(f"{last.year}年", f"{year}年")
    _narrative(spec, old, data)
    carry_notes = _carries(spec, last, data)
    if spec.fees:
        data["fees"] = {c.key: Decimal(0) if c.kind == "money" else 0 for c in spec.fees}
    notes = list(carry_notes)
    if last.spec is not spec:
        notes.append(f"{year}年度起使用{spec.key}版格式（{spec.notice}），上年为{last.spec.key}版。")
        for table in spec.tables:
            notes += _table_notes(table, last.spec.table(table.key), last, spec)
    kept = [f.label for f in spec.fields if f.key in data and f.kind in ("overview", "items", "paragraphs")]
    if kept:
        notes.append(f"{_quote(kept)}沿用上年文字，每段前标有{REWRITE_MARK}，请改写后删除该标记。")
    return data, notes
