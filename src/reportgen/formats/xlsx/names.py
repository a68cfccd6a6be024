"""The defined-name scheme of the reportgen workbook (template, form and report).

Every cell the library reads or writes carries a workbook-level defined name, so
that a clerk may restyle a sheet or insert rows without breaking the form:

* a table cell: ``rg_<table>__<row>__<column>``, the row's dots written ``__``,
  e.g. ``rg_applications__withheld__state_secret__natural_person``;
* the unit of a money cell whose unit varies: ``rg_<table>__<row>__<unit key>``;
* a fee figure (edition 2021): ``rg_fees__<key>``;
* a single field: ``rg_<field>`` (``rg_agency``, ``rg_year``, ``rg_date`` …);
* a list (one paragraph per row): ``rg_problems``, ``rg_improvements``,
  ``rg_other_matters``, ``rg_overview__intro`` (one column) and
  ``rg_overview__items`` (two columns: subsection title, paragraph);
* the marker ``reportgen_edition``, a constant such as ``"2021"``: the
  workbook is a reportgen form of that edition;
* the marker ``reportgen_rendered`` (written only by ``render``): the workbook
  is a report reportgen wrote, not a form a clerk filled.

Keys never contain ``__``, so names are unique.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...editions.spec import Column, Edition, Field, Row, Table

PREFIX = "rg_"
MARKER = "reportgen_edition"
RENDERED = "reportgen_rendered"



def single_fields(edition: Edition) -> list[Field]:
    """Fields holding one value (a cell each), in the order of the 基本信息 sheet."""
    return [f for f in edition.fields if f.single]


def list_areas(edition: Edition) -> list[tuple[Field, str, int]]:
    """(field, area key, columns) of every list area, in the order of the 报告正文 sheet.

    An overview has two areas: ``<key>.intro`` (one column) and ``<key>.items``
    (two: subsection title, paragraph); a list of paragraphs or items has one.
    """
    out: list[tuple[Field, str, int]] = []
    for section in edition.sections:
        for key in section.parts:
            field = next((f for f in edition.fields if f.key == key), None)
            if field is None or field.single:
                continue
            if field.kind == "overview":
                out += [(field, f"{key}.intro", 1), (field, f"{key}.items", 2)]
            elif field.kind in ("paragraphs", "items"):
                out.append((field, key, 1))
    return out


def cell_name(table: str, row: str, col: str) -> str:
    return f"{PREFIX}{table}__{row.replace('.', '__')}__{col}"


def field_name(key: str) -> str:
    """Name of a single field, a list (``overview.items``) or a fee (``fees.notices_count``)."""
    return PREFIX + key.replace(".", "__")


def table_cells(edition: Edition) -> Iterator[tuple[Table, Row, Column]]:
    """Every numeric cell of the edition's tables, in reading order."""
    for table in edition.tables:
        for row, col in table.cells():
            yield table, row, col
