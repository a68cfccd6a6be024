"""The report model: pydantic classes generated from the edition descriptions.

``Report`` holds what both editions share; ``Report.model_validate`` (and
``Report.from_data``) pick the edition class from ``edition`` or ``year``.
Derived cells omitted from the data are computed; given ones are kept as
given, so that the checker can compare them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PrivateAttr,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)
from pydantic import Field as PydanticField

from .checks import Finding, check
from .editions import Column, Edition, Field, edition_for_year, get_edition
from .editions.spec import Table
from .errors import ReportError, problems_from_validation

if TYPE_CHECKING:
    import datetime

from .types import MAX_ITEMS, MAX_TOTAL_TEXT, Count, Date, Line, Money, Signed, Text, Year, text_size, year_of

Number = int | Decimal
_KIND = {"count": Count, "signed": Signed, "money": Money}
_STRICT = ConfigDict(extra="forbid", validate_assignment=True)


class OverviewItem(BaseModel):
    """A subsection of 一、总体情况, numbered （一）（二）… when rendered."""

    model_config = _STRICT
    title: Line
    text: list[Text] = PydanticField(default_factory=list, max_length=MAX_ITEMS)

    @field_validator("text", mode="before")
    @classmethod
    def _paragraphs(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Overview(BaseModel):
    model_config = _STRICT
    intro: list[Text] = PydanticField(default_factory=list, max_length=MAX_ITEMS)
    items: list[OverviewItem] = PydanticField(default_factory=list, max_length=MAX_ITEMS)

    @field_validator("intro", mode="before")
    @classmethod
    def _paragraphs(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


def _column_fields(columns: tuple[Column, ...], derived_row: bool = False) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for col in columns:
        typ = _KIND[col.kind]
        if col.derived or derived_row:
            fields[col.key] = (typ | None, None)
        else:
            fields[col.key] = (typ, Decimal(0) if col.kind == "money" else 0)
        if col.unit_key:
            unit = Literal["元", "万元", "亿元"]
            fields[col.unit_key] = (unit, col.default_unit or "元")
    return fields


def _default(model: type[BaseModel]) -> Any:
    return PydanticField(default_factory=model)


def _table_model(edition: Edition, table: Table) -> type[BaseModel]:
    """A pydantic model of one table: rows nest by the dots of their keys."""
    tree: dict[str, Any] = {}
    for block in table.blocks:
        for row in block.rows:
            *groups, leaf = row.key.split(".")
            node = tree
            for g in groups:
                node = node.setdefault(g, {})
            node[leaf] = (block.columns, row.derived)

    def build(name: str, node: dict[str, Any]) -> type[BaseModel]:
        fields: dict[str, Any] = {}
        for key, sub in node.items():
            sub_name = f"{name}_{key}"
            if isinstance(sub, dict):
                model = build(sub_name, sub)
            else:
                model = create_model(sub_name, __config__=_STRICT, **_column_fields(*sub))
            fields[key] = (model, _default(model))
        return create_model(name, __config__=_STRICT, **fields)

    return build(f"{table.key}_{edition.key}", tree)


def _as_list(value: Any) -> Any:
    """A list of paragraphs may be written as one text, or left empty."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def _as_overview(value: Any) -> Any:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"intro": [value]}
    if isinstance(value, list):
        return {"intro": value}
    return value


def _edition_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Paragraphs = Annotated[list[Text], BeforeValidator(_as_list), PydanticField(max_length=MAX_ITEMS)]
OverviewValue = Annotated[Overview, BeforeValidator(_as_overview)]


def _field(edition: Edition, f: Field) -> tuple[Any, Any]:
    """The pydantic (type, default) of one field of the description."""
    if f.kind == "edition":
        return Annotated[Literal[edition.key], BeforeValidator(_edition_text)], edition.key
    if f.kind in ("paragraphs", "items"):
        return Paragraphs, PydanticField(default_factory=list)
    if f.kind == "overview":
        return OverviewValue, PydanticField(default_factory=Overview)
    if f.kind == "fees":
        fees = create_model(f"fees_{edition.key}", __config__=_STRICT, **_column_fields(edition.fees))
        return fees | None, None
    typ = {"line": Line, "year": Year, "date": Date, "text": Text}[f.kind]
    return (typ, ...) if f.required else (typ | None, None)


class Report(BaseModel):
    """A government-information disclosure annual report, of either edition.

    Its fields are those of its edition's description (``spec.fields`` and
    ``spec.tables``); the ones every edition has are declared here for type checkers.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    spec: ClassVar[Edition]

    if TYPE_CHECKING:
        edition: str
        agency: str
        year: int
        title: str | None
        preamble: str | None
        website: str | None
        contact: str | None
        overview: Overview
        problems: list[str]
        improvements: list[str]
        other_matters: list[str]
        signed_by: str | None
        date: datetime.date | None

    _given: set[tuple[str, str, str]] = PrivateAttr(default_factory=set)
    _provenance: Any = PrivateAttr(default=None)
    _source_findings: tuple[Finding, ...] = PrivateAttr(default=())

    # -- construction ----------------------------------------------------------

    def __new__(cls, *args: Any, **kwargs: Any) -> Report:
        if cls is Report:
            raise TypeError("Report 按版本区分：请用 Report.from_data(data) 或 Report.model_validate(data)")
        return super().__new__(cls)

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Report:
        if cls is Report:
            return report_class(_edition_of(obj)).model_validate(obj, **kwargs)
        return super().model_validate(obj, **kwargs)

    @classmethod
    def from_data(cls, data: Any, source: str | None = None) -> Report:
        """Validate a mapping; raise ReportError listing every problem in Chinese."""
        if data is None:
            raise ReportError.single(source, "", "文件是空的，没有报告数据")
        if not isinstance(data, Mapping):
            raise ReportError.single(source, "", f"数据文件的顶层应为键值映射，实为{_kind_name(data)}")
        try:
            edition = _edition_of(data)
        except (KeyError, ValueError) as exc:
            raise ReportError.single(source, "edition", str(exc.args[0]), "版本") from None
        size = text_size(data)
        if size > MAX_TOTAL_TEXT:
            raise ReportError.single(source, "", f"报告的文字过多（全部段落合计超过 {MAX_TOTAL_TEXT} 个字符）；"
                                     "真实的年度报告约两万字，请检查数据是否重复或有误")
        try:
            return report_class(edition).model_validate(data)
        except ValidationError as exc:
            raise ReportError(problems_from_validation(exc, edition), source) from None

    @model_validator(mode="after")
    def _derive(self) -> Report:
        given: set[tuple[str, str, str]] = set()
        for table in self.spec.tables:
            for row, col in table.cells():
                if (row.derived or col.derived) and self.cell(table.key, row.key, col.key) is not None:
                    given.add((table.key, row.key, col.key))
        self._given = given
        # Derived columns first (rows that are not derived), then derived rows
        # across every column: a derived row's total is the sum of the rows' totals.
        for rules in (
            [s for s in self.spec.sums if s.along == "columns"],
            [s for s in self.spec.sums if s.along == "rows"],
        ):
            for s in rules:
                table = self.spec.table(s.table)
                for target_row, target_col, addends in s.cells(table):
                    if s.along == "columns" and table.row(target_row).derived:
                        continue  # a derived row sums the rows' totals, below
                    if self.cell(s.table, target_row, target_col) is None:
                        value = sum(self.cell(s.table, r, c) or 0 for r, c in addends)
                        self._store(s.table, target_row, target_col, value)
        return self

    # -- access ----------------------------------------------------------------

    @property
    def title_text(self) -> str:
        return self.title or self.spec.title_format.format(agency=self.agency, year=self.year)

    @property
    def signer(self) -> str:
        return self.signed_by or self.agency

    def cell(self, table: str, row: str, col: str) -> Any:
        """The value of one cell, by table, dotted row key and column key."""
        return _getter(table, row, col)(self)

    def _store(self, table: str, row: str, col: str, value: Any) -> None:
        node: Any = getattr(self, table)
        for part in row.split("."):
            node = getattr(node, part)
        node.__dict__[col] = value  # a computed value: valid by construction

    def is_given(self, table: str, row: str, col: str) -> bool:
        """Whether a derived cell was given in the data (rather than computed)."""
        return (table, row, col) in self._given

    def unit(self, table: str, row: str, col: Column) -> str | None:
        if col.unit_key:
            return str(self.cell(table, row, col.unit_key))
        return col.unit

    def check(self) -> list[Finding]:
        """The findings of rules 1-4 (see ``reportgen.checks``), and those of the document it was read from."""
        return check(self, self._source_findings)

    @property
    def provenance(self) -> Any:
        """Where each figure came from, for a report read from a published document (else None).

        A ``reportgen.formats.published.Reading``: ``cells`` maps (table, row, column) to the
        printed text and its place (blank cells show as 未填写), ``unplaced`` lists what could
        not be understood, ``warnings`` and ``notes`` what was read with a remark.
        """
        return self._provenance

    def with_provenance(self, provenance: Any, findings: tuple[Finding, ...] = ()) -> Report:
        """This report, remembering the document it was read from and that document's own findings."""
        self._provenance = provenance
        self._source_findings = tuple(findings)
        return self

    def data(self) -> dict[str, Any]:
        """A plain mapping as a data file holds it: Decimal and dates as Python values, empty parts left out."""
        return self.model_dump(mode="python", exclude_none=True)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__


@cache
def _getter(table: str, row: str, col: str) -> Callable[[Any], Any]:
    return attrgetter(f"{table}.{row}.{col}")


def _kind_name(value: Any) -> str:
    return {list: "列表", str: "文字", int: "数字", float: "数字"}.get(type(value), type(value).__name__)


def _edition_of(data: Any) -> Edition:
    if not isinstance(data, Mapping):
        raise ValueError("报告数据应为键值映射")
    if data.get("edition") is not None:
        return get_edition(str(data["edition"]))
    year = year_of(data.get("year"))
    if isinstance(year, int) and not isinstance(year, bool):
        try:
            return edition_for_year(year)
        except KeyError:
            pass
    return get_edition("2021")


@cache
def report_class(edition: Edition) -> type[Report]:
    """The Report subclass of one edition, generated from its description."""
    fields: dict[str, Any] = {f.key: _field(edition, f) for f in edition.fields}
    for table in edition.tables:
        model = _table_model(edition, table)
        fields[table.key] = (model, _default(model))
    cls = create_model(f"Report{edition.key}", __base__=Report, **fields)
    cls.spec = edition
    return cls
