"""The parts of the report model generated from an edition's description: tables, fields, the overview.

``report.py`` assembles them into one ``Report`` subclass per edition. Every field
carries its official label as ``title`` (and its help text, or the rule a derived
cell follows, as ``description``), so that ``model_json_schema()`` speaks the
clerk's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, create_model, field_validator
from pydantic import Field as PydanticField

from ..editions import Column, Edition, Field
from ..editions.spec import Row, Table
from ..types import MAX_ITEMS, Count, Date, Line, Money, Signed, Text, Year

Number = int | Decimal
KIND = {"count": Count, "signed": Signed, "money": Money}
STRICT = ConfigDict(extra="forbid", frozen=True)
"""Reports are immutable: ``report.replace(...)`` re-validates and re-derives (see ``Report``)."""


def empty_list() -> list[Any]:
    """The default of a list field: a Python function, whose signature pydantic reads cheaply (for the
    built-in ``list`` it parses a text signature, some 15 ms of CPU at first use)."""
    return []


class OverviewItem(BaseModel):
    """A subsection of 一、总体情况, numbered （一）（二）… when rendered."""

    model_config = STRICT
    title: Line
    text: list[Text] = PydanticField(default_factory=empty_list, max_length=MAX_ITEMS)

    @field_validator("text", mode="before")
    @classmethod
    def _paragraphs(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Overview(BaseModel):
    model_config = STRICT
    intro: list[Text] = PydanticField(default_factory=empty_list, max_length=MAX_ITEMS)
    items: list[OverviewItem] = PydanticField(default_factory=empty_list, max_length=MAX_ITEMS)

    @field_validator("intro", mode="before")
    @classmethod
    def _paragraphs(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


def column_fields(columns: tuple[Column, ...], derived_row: bool = False, label: str = "") -> dict[str, Any]:
    """The fields of one row of cells, titled ``label``「column」 (rows get their own labels in ``table_model``)."""
    fields: dict[str, Any] = {}
    for col in columns:
        typ = KIND[col.kind]
        title = f"{label}「{col.label}」" if label else col.label
        if col.derived or derived_row:
            fields[col.key] = (typ | None, PydanticField(None, title=title))
        else:
            fields[col.key] = (typ, PydanticField(Decimal(0) if col.kind == "money" else 0, title=title))
        if col.unit_key:
            unit = Literal["元", "万元", "亿元"]
            fields[col.unit_key] = (unit, PydanticField(col.default_unit or "元", title=f"{title}（单位）"))
    return fields


def cell_titles(table: Table, row: Row, columns: tuple[Column, ...],
                rules: Mapping[tuple[str, str], str]) -> dict[str, dict[str, str]]:
    """JSON Schema annotations of one row's cells: each cell's official place, and its rule if derived."""
    out: dict[str, dict[str, str]] = {}
    for col in columns:
        title = table.describe(row.key, col.key)
        rule = rules.get((row.key, col.key))
        out[col.key] = {"title": title, "description": rule} if rule else {"title": title}
        if col.unit_key:
            out[col.unit_key] = {"title": f"{title}（单位）"}
    return out


def cell_rules(edition: Edition, table: Table) -> dict[tuple[str, str], str]:
    """(row, column) -> the rule a derived cell follows, for the JSON Schema's descriptions."""
    out: dict[tuple[str, str], str] = {}
    for s in edition.sums:
        if s.table == table.key:
            for row, col, _ in s.cells(table):
                out.setdefault((row, col), f"规则{s.rule}：{s.explain}（可不填，由程序计算）")
    return out


def default_of(model: type[BaseModel]) -> Any:
    return PydanticField(default_factory=model)


def table_model(edition: Edition, table: Table) -> type[BaseModel]:
    """A pydantic model of one table: rows nest by the dots of their keys.

    Rows with the same cells share one model class (building a pydantic model costs some
    0.2 ms a field, and Table 3 has 25 rows of the same seven cells); each row's field
    carries its official labels (表三「（七）总计」行「自然人」列) and rules as JSON Schema
    annotations beside the shared model's ``$ref``.
    """
    tree: dict[str, Any] = {}
    rules = cell_rules(edition, table)
    cells: dict[tuple[tuple[Column, ...], bool], type[BaseModel]] = {}
    for block in table.blocks:
        for row in block.rows:
            *groups, leaf = row.key.split(".")
            node = tree
            for g in groups:
                node = node.setdefault(g, {})
            node[leaf] = (block.columns, row)

    def row_field(columns: tuple[Column, ...], row: Row) -> tuple[type[BaseModel], Any]:
        shape = (columns, row.derived)
        model = cells.get(shape)
        if model is None:
            name = f"{table.key}_{edition.key}_cells{len(cells) + 1}{'_derived' if row.derived else ''}"
            model = cells[shape] = create_model(name, __config__=STRICT, **column_fields(*shape))
        extra: dict[str, Any] = {"properties": cell_titles(table, row, columns, rules)}
        return model, PydanticField(default_factory=model, title=table.describe(row.key), json_schema_extra=extra)

    def build(name: str, node: dict[str, Any]) -> type[BaseModel]:
        fields: dict[str, Any] = {}
        for key, sub in node.items():
            if isinstance(sub, dict):
                model = build(f"{name}_{key}", sub)
                fields[key] = (model, default_of(model))
            else:
                fields[key] = row_field(*sub)
        return create_model(name, __config__=STRICT, **fields)

    return build(f"{table.key}_{edition.key}", tree)


def as_list(value: Any) -> Any:
    """A list of paragraphs may be written as one text, or left empty."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def as_overview(value: Any) -> Any:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"intro": [value]}
    if isinstance(value, list):
        return {"intro": value}
    return value


def edition_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Paragraphs = Annotated[list[Text], BeforeValidator(as_list), PydanticField(max_length=MAX_ITEMS)]
OverviewValue = Annotated[Overview, BeforeValidator(as_overview)]


def field_type(edition: Edition, f: Field) -> tuple[Any, Any]:
    """The pydantic (type, default) of one field of the description."""
    title, description = f.label, edition.help_of(f) or None
    about: dict[str, Any] = {"title": title, "description": description}
    if f.kind == "edition":
        return Annotated[Literal[edition.key], BeforeValidator(edition_text)], PydanticField(edition.key, **about)
    if f.kind in ("paragraphs", "items"):
        return Paragraphs, PydanticField(default_factory=empty_list, **about)
    if f.kind == "overview":
        return OverviewValue, PydanticField(default_factory=Overview, **about)
    if f.kind == "fees":
        columns = column_fields(edition.fees, label=edition.fees_label)
        fees = create_model(f"fees_{edition.key}", __config__=STRICT, **columns)
        return fees | None, PydanticField(None, **about)
    typ = {"line": Line, "year": Year, "date": Date, "text": Text}[f.kind]
    return (typ, PydanticField(..., **about)) if f.required else (typ | None, PydanticField(None, **about))
