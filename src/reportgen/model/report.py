"""The report model: pydantic classes generated from the edition descriptions.

``Report`` holds what both editions share; ``Report.model_validate`` (and
``Report.from_data``) pick the edition class from ``edition`` or ``year``.
Derived cells omitted from the data are computed; given ones are kept as
given, so that the checker can compare them.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Self, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    PrivateAttr,
    Tag,
    ValidationError,
    create_model,
    model_validator,
)
from pydantic import Field as PydanticField

from ..checks import Finding, check
from ..editions import EDITIONS, Column, Edition, edition_for_year, get_edition
from ..errors import Problem, ReportError, label_of, problems_from_validation
from ..types import MAX_TOTAL_TEXT, text_size, xml_problem, year_of
from .fields import Overview, field_type, table_model

if TYPE_CHECKING:
    import datetime


class Report(BaseModel):
    """A government-information disclosure annual report, of either edition.

    Its fields are those of its edition's description (``spec.fields`` and
    ``spec.tables``); the ones every edition has are declared here for type checkers.

    A report is immutable (frozen, as its derived totals are computed once from
    the given figures): assigning a field raises pydantic's ``ValidationError``
    (``frozen_instance``). ``report.replace(...)`` (or ``model_copy(update=...)``)
    returns a new report, validated and with its totals derived again.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
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
    _checked: tuple[tuple[Finding, ...], list[Finding]] | None = PrivateAttr(default=None)
    """(source findings, result) of the last ``check()``: the report cannot change, so rules run once."""
    _text_checked: list[Problem] | None = PrivateAttr(default=None)

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
        plan = _derivation(type(self))
        nodes = [node.__dict__ for node in plan.rows(self)]  # each row's fields, as pydantic keeps them
        self._given = {key for key, i, col in plan.derived if nodes[i][col] is not None}
        # Derived columns first (rows that are not derived), then derived rows
        # across every column: a derived row's total is the sum of the rows' totals.
        for i, col, addends in plan.steps:
            row = nodes[i]
            if row[col] is None:
                row[col] = sum(nodes[j][c] or 0 for j, c in addends)  # a computed value: valid by construction
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

    def is_given(self, table: str, row: str, col: str) -> bool:
        """Whether a derived cell was given in the data (rather than computed)."""
        return (table, row, col) in self._given

    def unit(self, table: str, row: str, col: Column) -> str | None:
        if col.unit_key:
            return str(self.cell(table, row, col.unit_key))
        return col.unit

    def check(self) -> list[Finding]:
        """The findings of rules 1-4 (see ``reportgen.checks``), and those of the document it was read from.

        Computed once a report (it is immutable; a batch asks for the findings, then the Word draft mark)."""
        done = self._checked
        if done is None or done[0] is not self._source_findings:
            done = self._checked = (self._source_findings, check(self, self._source_findings))
        return list(done[1])

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

    def next_year(self) -> Report:
        """Next year's starter: year + 1, its edition, carried figures, last year's text marked to be rewritten.

        ``reportgen.review.next_year(report)`` gives the same data and the notes for the clerk.
        """
        from ..review.nextyear import next_year  # the review package is loaded only when used

        data, _notes = next_year(self)
        return Report.from_data(data)

    def data(self, mode: Literal["python", "json"] = "python") -> dict[str, Any]:
        """A plain mapping as a data file holds it, empty parts left out.

        ``mode="python"``: Decimal and dates as Python values; ``mode="json"``: what
        ``json.dumps`` takes (amounts as text such as "200.00", dates as "2025-01-20").
        """
        return self.model_dump(mode=mode, exclude_none=True)

    # -- changes -----------------------------------------------------------------

    def given_data(self) -> dict[str, Any]:
        """The data this report was made of: derived cells that were computed are left out."""
        data = self.model_dump(mode="python", exclude_none=True)
        for table in self.spec.tables:
            for row, col in table.cells():
                if (row.derived or col.derived) and not self.is_given(table.key, row.key, col.key):
                    node = data[table.key]
                    for part in row.key.split("."):
                        node = node[part]
                    node.pop(col.key, None)
        return data

    def replace(self, changes: Mapping[str, Any] | None = None, /, **fields: Any) -> Self:
        """A new report with ``changes`` applied, validated, and its totals derived again.

        Keys are field names or dotted key paths (``"applications.granted.natural_person"``);
        a mapping is merged into the part it replaces. Raises ReportError (key path and
        official label) for a bad value. The result forgets the document it was read from.
        """
        data = self.given_data()
        for key, value in {**(changes or {}), **fields}.items():
            _merge(data, str(key).split("."), value)
        return type(self).from_data(data)  # type: ignore[return-value]

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; with ``update``, the same as ``replace(update)`` (validated, totals derived again)."""
        if update:
            return self.replace(update)
        return super().model_copy(deep=deep)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its edition and its given data (the generated classes are rebuilt on the other side)."""
        return _unpickle, (self.spec.key, self.given_data(), self._provenance, self._source_findings)

    def text_problems(self) -> list[Problem]:
        """Texts a .docx or .xlsx cannot hold (checked again at render time, however the text got in;
        once a report, as it cannot change)."""
        if self._text_checked is None:
            self._text_checked = self._find_text_problems()
        return list(self._text_checked)

    def _find_text_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        stack: list[tuple[tuple[Any, ...], Any]] = []
        for f in self.spec.fields:  # only the text parts: the tables hold numbers, validated on the way in
            value = getattr(self, f.key)
            if isinstance(value, Overview):
                value = {"intro": value.intro, "items": [{"title": i.title, "text": i.text} for i in value.items]}
            if isinstance(value, str | list | dict):
                stack.append(((f.key,), value))
        while stack:
            path, value = stack.pop()
            if isinstance(value, str):
                message = xml_problem(value)
                if message:
                    problems.append(Problem(".".join(map(str, path)), message, label_of(self.spec, path)))
            elif isinstance(value, dict):
                stack += [((*path, k), v) for k, v in value.items()]
            elif isinstance(value, list):
                stack += [((*path, i), v) for i, v in enumerate(value)]
        return sorted(problems, key=lambda p: p.path)

    def ensure_renderable(self, source: str | None = None) -> None:
        """Raise ReportError when a text cannot be written to a document (see ``text_problems``)."""
        problems = self.text_problems()
        if problems:
            raise ReportError(problems, source)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__


def _merge(data: dict[str, Any], path: list[str], value: Any) -> None:
    """Put ``value`` at ``path`` in ``data``, merging a mapping into the mapping it replaces."""
    node = data
    for part in path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python", exclude_none=True)
    current = node.get(path[-1])
    if isinstance(value, Mapping) and isinstance(current, dict):
        for key, sub in value.items():
            _merge(current, [str(key)], sub)
    else:
        node[path[-1]] = copy.deepcopy(value)


def _unpickle(edition: str, data: dict[str, Any], provenance: Any, findings: tuple[Finding, ...]) -> Report:
    report = report_class(get_edition(edition)).model_validate(data)
    return report.with_provenance(provenance, findings) if provenance is not None or findings else report


@lru_cache(maxsize=4096)  # bounded: cell() takes any strings
def _getter(table: str, row: str, col: str) -> Callable[[Any], Any]:
    return attrgetter(f"{table}.{row}.{col}")


@dataclass(frozen=True)
class _Derivation:
    """How an edition's derived cells are found and computed, as flat lists made once per report class."""

    rows: Callable[[Any], tuple[Any, ...]]
    """Every table row holding a derived cell or an addend, in one call."""
    derived: tuple[tuple[tuple[str, str, str], int, str], ...]
    """((table, row, column), row index, column) of every derived cell."""
    steps: tuple[tuple[int, str, tuple[tuple[int, str], ...]], ...]
    """(row index, column, addends as (row index, column)) of each sum, in the order they are computed."""


_DERIVATIONS: dict[type, _Derivation] = {}


def _derivation(cls: type[Report]) -> _Derivation:
    plan = _DERIVATIONS.get(cls)
    if plan is None:
        spec = cls.spec
        rows: dict[str, int] = {}

        def at(table: str, row: str) -> int:
            return rows.setdefault(f"{table}.{row}", len(rows))

        derived = tuple(((table.key, row.key, col.key), at(table.key, row.key), col.key)
                        for table in spec.tables for row, col in table.cells() if row.derived or col.derived)
        steps = []
        for along in ("columns", "rows"):
            for s in spec.sums:
                if s.along != along:
                    continue
                table = spec.table(s.table)
                for target_row, target_col, addends in s.cells(table):
                    if along == "columns" and table.row(target_row).derived:
                        continue  # a derived row sums the rows' totals, below
                    steps.append((at(s.table, target_row), target_col,
                                  tuple((at(s.table, r), c) for r, c in addends)))
        # a last path, never used: even a single row comes back in a tuple
        plan = _DERIVATIONS[cls] = _Derivation(attrgetter(*rows, "__class__"), derived, tuple(steps))
    return plan


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


_CLASSES: dict[Edition, type[Report]] = {}
_CLASSES_LOCK = threading.Lock()


def report_class(edition: Edition) -> type[Report]:
    """The Report subclass of one edition, generated from its description once per process (thread-safe)."""
    cls = _CLASSES.get(edition)
    if cls is None:
        with _CLASSES_LOCK:
            cls = _CLASSES.get(edition)
            if cls is None:
                cls = _CLASSES[edition] = _build_class(edition)
    return cls


def _build_class(edition: Edition) -> type[Report]:
    fields: dict[str, Any] = {f.key: field_type(edition, f) for f in edition.fields}
    for table in edition.tables:
        model = table_model(edition, table)
        fields[table.key] = (model, PydanticField(default_factory=model, title=edition.field_labels[table.key]))
    cls: type[Report] = create_model(f"Report{edition.key}", __base__=Report, __module__=__name__, **fields)
    cls.spec = edition
    return cls


def _tag(value: Any) -> str | None:
    if isinstance(value, Report):
        return value.spec.key
    try:
        return _edition_of(value).key
    except (KeyError, ValueError):
        return None


@cache
def report_union() -> Any:
    """``Annotated[Report2019 | Report2021, Discriminator]``: a FastAPI body or a ``TypeAdapter`` of any edition."""
    members = tuple(Annotated[report_class(e), Tag(k)] for k, e in EDITIONS.items())
    return Annotated[Union[members], Discriminator(_tag)]  # noqa: UP007


if TYPE_CHECKING:
    Report2019 = Report
    Report2021 = Report
    AnyReport = Report
else:
    def __getattr__(name: str) -> Any:
        """``Report2019``, ``Report2021`` (the generated classes) and ``AnyReport`` (their union), built when used."""
        if name == "AnyReport":
            return report_union()
        if name.startswith("Report") and name[6:] in EDITIONS:
            return report_class(EDITIONS[name[6:]])
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
