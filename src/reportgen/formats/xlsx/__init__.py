"""Excel (.xlsx): the report workbook, the blank collection form, and reading a form back.

    render_xlsx(report, dest)        the report's tables and text, derived cells as values
    form_xlsx(edition, dest, ...)    the blank form: derived cells are live formulas
    read_xlsx(path) -> Report        a filled form (or a report workbook) back to a report

Modules: ``package`` (the zip and XML layer the writer and the reader share),
``template`` (a workbook filled at the level of its XML), ``writer``,
``reader`` (with ``fastview`` and ``evaluate``), ``names`` (the defined-name
scheme all of them follow), ``layout`` (builds the shipped workbooks from the
edition description; not imported at run time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..base import Format, lazy_exports, zip_holds, zip_part

if TYPE_CHECKING:
    from ...editions import Edition
    from ...model import Report
    from ...review.records import Audit, Breakdown
    from .reader import cell_locations, read_xlsx
    from .writer import XlsxRenderer, form_bytes, form_xlsx, render_bytes, render_xlsx

_LAZY = {"read_xlsx": "reader", "cell_locations": "reader", "XlsxRenderer": "writer", "form_bytes": "writer",
         "form_xlsx": "writer", "render_bytes": "writer", "render_xlsx": "writer"}


__getattr__ = lazy_exports(__name__, _LAZY)


def _read(data: bytes, source: str) -> Report:
    from .reader import read_bytes

    return read_bytes(data, source)


def _write(report: Report, *, template: Any = None) -> bytes:
    from .writer import render_bytes

    return render_bytes(report, template)


def _form(edition: Edition | str, agency: str | None = None, year: int | None = None) -> bytes:
    from .writer import form_bytes

    return form_bytes(edition, agency, year)


def _locate(data: bytes, edition: Edition) -> dict[tuple[str, str, str], str]:
    from .reader import cell_locations

    return cell_locations(data, edition)


def _breakdown(breakdown: Breakdown) -> bytes:
    from .summary import breakdown_bytes

    return breakdown_bytes(breakdown)


def _audit(audit: Audit) -> bytes:
    from .summary import audit_bytes

    return audit_bytes(audit)


def _sniff(data: bytes) -> bool:
    return zip_holds(data, "xl/workbook.xml")


def _own(data: bytes) -> bool:
    """A report workbook reportgen rendered (its own defined name), not a form a clerk filled."""
    from .names import RENDERED

    workbook = zip_part(data, "xl/workbook.xml")
    return workbook is not None and f'name="{RENDERED}"'.encode() in workbook


FORMAT = Format(name="xlsx", title="Excel 报表", suffixes=(".xlsx",), read=_read, write=_write, sniff=_sniff,
                default_output=True, templated=True, locate=_locate, form=_form, breakdown=_breakdown,
                audit=_audit, own=_own)

__all__ = ["FORMAT", "XlsxRenderer", "cell_locations", "form_bytes", "form_xlsx", "read_xlsx", "render_bytes",
           "render_xlsx"]
