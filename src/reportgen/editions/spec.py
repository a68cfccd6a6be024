"""The vocabulary in which an official edition of the report is described.

An edition is pure data: its tables (blocks, rows, columns and their official
labels), the arithmetic its figures must satisfy, and its fixed wording. The
model, the checker and every reader and writer are driven by these objects, so
a new edition is a new description, not edits across the code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

Kind = Literal["count", "signed", "money"]
"""count: a whole number >= 0; signed: any whole number; money: a Decimal amount."""


@dataclass(frozen=True)
class Column:
    """One numeric column of a table (or one numeric fact)."""

    key: str
    label: str
    kind: Kind = "count"
    derived: bool = False
    parent: str | None = None
    """Label of a header cell spanning this column and its neighbours."""
    unit: str | None = None
    """Fixed unit of a money column, when the edition fixes it."""
    unit_key: str | None = None
    """Data key carrying the unit of a money column whose unit varies."""
    default_unit: str | None = None


FieldKind = Literal["edition", "line", "year", "date", "text", "paragraphs", "items", "overview", "fees"]
"""edition: the edition key; line: one line of text; year, date; text: a block of text;
paragraphs: a list of paragraphs; items: a list printed 一是…二是…; overview: intro
paragraphs and numbered subsections; fees: the edition's fee figures (``Edition.fees``)."""

SINGLE_KINDS = ("edition", "line", "year", "date", "text")
"""Kinds that hold one value (a cell of the form's 基本信息 sheet)."""


@dataclass(frozen=True)
class Field:
    """One part of the report outside the tables: metadata or narrative."""

    key: str
    label: str
    """The official label (五、存在的主要问题) or the name a clerk knows (机关名称)."""
    kind: FieldKind
    help: str = ""
    """How to fill it in: shown on the form and in the starter file."""
    required: bool = False
    heading: str | None = None
    """A subheading printed before its items (（一）主要问题。)."""
    capacity: int = 4
    """Rows the blank form gives a list (more are inserted when a report needs them)."""

    @property
    def single(self) -> bool:
        return self.kind in SINGLE_KINDS


@dataclass(frozen=True)
class Section:
    """One numbered section of the report: its heading and what it holds, in order."""

    heading: str
    parts: tuple[str, ...]
    """Keys of fields and tables."""
    empty: str | None = None
    """Fixed wording printed when every part is empty (无。)."""


@dataclass(frozen=True)
class Row:
    """One row of a table; ``key`` is a dotted path in the data file."""

    key: str
    label: str
    group: str | None = None
    """Label of the numbered group spanning this row and its siblings."""
    section: str | None = None
    """Label of the section spanning several groups (三、本年度办理结果)."""
    derived: bool = False

    @property
    def full_label(self) -> str:
        return f"{self.group} {self.label}" if self.group else self.label


@dataclass(frozen=True)
class Block:
    """Rows sharing one header; Table 2 stacks several under article headings."""

    heading: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


Layout = Literal["blocks", "grid", "column_groups"]
"""blocks: Table 2's stacked blocks; grid: Table 3's rows by columns;
column_groups: Table 4, whose rows are laid side by side as column groups."""


@dataclass(frozen=True)
class Table:
    key: str
    name: str
    """Short name used in messages and sheet names, e.g. 表三."""
    heading: str
    """The section heading the table stands under."""
    blocks: tuple[Block, ...]
    layout: Layout
    corner: str | None = None
    header: str | None = None
    """Label spanning all data columns (申请人情况)."""
    item_header: str | None = None
    """Header of the row-label column in each block's header row (Table 2: 信息内容)."""

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(r for b in self.blocks for r in b.rows)

    def row(self, key: str) -> Row:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def block_of(self, row_key: str) -> Block:
        for b in self.blocks:
            if any(r.key == row_key for r in b.rows):
                return b
        raise KeyError(row_key)

    def columns_of(self, row_key: str) -> tuple[Column, ...]:
        return self.block_of(row_key).columns

    def column(self, row_key: str, col_key: str) -> Column:
        for c in self.columns_of(row_key):
            if c.key == col_key:
                return c
        raise KeyError(col_key)

    def keys_at(self, parts: list[str]) -> list[str] | None:
        """The keys a data file accepts inside this table at the dotted row path ``parts``."""
        prefix = ".".join(parts)
        for row in self.rows:
            if row.key == prefix:
                cols = self.columns_of(row.key)
                return [c.key for c in cols] + [c.unit_key for c in cols if c.unit_key]
        depth = len(parts)
        keys = [r.key.split(".")[depth] for r in self.rows
                if r.key.split(".")[:depth] == parts and len(r.key.split(".")) > depth]
        return list(dict.fromkeys(keys)) or None

    def cells(self) -> Iterator[tuple[Row, Column]]:
        """Every (row, column) cell of the table, in reading order."""
        for b in self.blocks:
            for r in b.rows:
                for c in b.columns:
                    yield r, c

    def describe(self, row_key: str | None, col_key: str | None = None) -> str:
        """A Chinese location such as 表三「（七）总计」行「自然人」列."""
        text = self.name
        if row_key is not None:
            row = self.row(row_key)
            text += f"「{row.full_label}」" + ("行" if self.layout != "column_groups" else "")
        if col_key is not None:
            cols = self.columns_of(row_key) if row_key else self.blocks[0].columns
            col = next(c for c in cols if c.key == col_key)
            text += f"「{col.label}」" + ("列" if self.layout != "column_groups" else "")
        return text


@dataclass(frozen=True)
class Sum:
    """A derived line: ``target`` is the sum of ``addends``.

    along="rows": for every column, row ``target`` = sum of rows ``addends``.
    along="columns": for every row, column ``target`` = sum of columns ``addends``.
    """

    rule: int
    table: str
    target: str
    addends: tuple[str, ...]
    along: Literal["rows", "columns"]
    explain: str

    def cells(self, table: Table) -> Iterator[tuple[str, str, list[tuple[str, str]]]]:
        """(target row, target column, addend cells) for each cell this rule defines in ``table``."""
        if self.along == "rows":
            for col in table.columns_of(self.target):
                yield self.target, col.key, [(r, col.key) for r in self.addends]
        else:
            for block in table.blocks:
                if any(c.key == self.target for c in block.columns):
                    for row in block.rows:
                        yield row.key, self.target, [(row.key, c) for c in self.addends]


@dataclass(frozen=True)
class Balance:
    """For every column: sum of rows ``left`` equals sum of rows ``right``."""

    rule: int
    table: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    explain: str


@dataclass(frozen=True)
class Carry:
    """Continuity across years (a warning): this year's cell equals last year's.

    For each row in ``rows``: this year's ``column`` (every column when None)
    equals the sum of last year's ``last_columns`` (the same column when None)
    in ``last_row`` (the same row when None).
    """

    rule: int
    table: str
    rows: tuple[str, ...]
    explain: str
    column: str | None = None
    last_row: str | None = None
    last_columns: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Stock:
    """Continuity of a stock across years (a warning): for each row in ``rows``, this
    year's ``column`` equals last year's ``column`` plus this year's ``added`` minus
    this year's ``removed`` (现行有效件数 = 上年现行有效 + 本年制发 − 本年废止)."""

    rule: int
    table: str
    rows: tuple[str, ...]
    column: str
    added: str
    removed: str
    explain: str


@dataclass(frozen=True, eq=False)
class Edition:
    """One official edition; compared and hashed by identity."""

    key: str
    notice: str
    first_year: int
    last_year: int | None
    tables: tuple[Table, ...]
    sums: tuple[Sum, ...]
    balances: tuple[Balance, ...]
    continuity: tuple[Carry, ...]
    sections: tuple[Section, ...]
    fields: tuple[Field, ...]
    fees: tuple[Column, ...] = ()
    fees_label: str = ""
    title_format: str = "{agency}{year}年政府信息公开工作年度报告"
    preamble_format: str = ""
    preamble_website: str = ""
    preamble_contact: str = ""
    fees_sentence: str = ""
    stocks: tuple[Stock, ...] = ()
    """Stocks carried from one year to the next (checked when last year has the same edition)."""

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        """Pickled by key: compared by identity, an edition sent to a worker process must stay the one it has."""
        return _by_key, (self.key,)

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def keys_at(self, path: tuple[object, ...]) -> list[str] | None:
        """The keys a data file accepts at ``path`` (list indices skipped); None where the path leaves the report."""
        parts = [str(p) for p in path if not isinstance(p, int)]
        if not parts:
            return [f.key for f in self.fields] + [t.key for t in self.tables]
        head, rest = parts[0], parts[1:]
        for t in self.tables:
            if t.key == head:
                return t.keys_at(rest)
        for f in self.fields:
            if f.key != head:
                continue
            if f.kind == "fees" and not rest:
                return [c.key for c in self.fees]
            if f.kind == "overview":
                return {(): ["intro", "items"], ("items",): ["title", "text"]}.get(tuple(rest))
        return None

    def help_of(self, field: Field) -> str:
        """A field's help text, its placeholders filled for this edition."""
        section = self.section_of(field.key)
        example = self.first_year + (1 if self.last_year is None else 0)
        return field.help.format(key=self.key, notice=self.notice, example_year=example,
                                 empty=section.empty if section and section.empty else "")

    def section_of(self, key: str) -> Section | None:
        """The section a field or table is printed in (None for metadata)."""
        return next((s for s in self.sections if key in s.parts), None)

    @cached_property
    def field_labels(self) -> dict[str, str]:
        """Label of every top-level key (and of the two parts of an overview), for messages."""
        labels = {f.key: f.label for f in self.fields}
        for f in self.fields:
            if f.kind == "overview":
                labels[f"{f.key}.intro"] = f"{f.label}（引言）"
                labels[f"{f.key}.items"] = f"{f.label}（分项）"
        for t in self.tables:
            labels[t.key] = f"{t.name} {t.heading.split('、', 1)[-1]}"
        return labels

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


def _by_key(key: str) -> Edition:
    """The edition named ``key`` (unpickling)."""
    from . import get_edition

    return get_edition(key)
