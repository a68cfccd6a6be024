"""The publishable report workbook: ``templates/<edition>/report-workbook.xlsx`` filled from a report.

The workbook (built by ``report_layout``) shares the form's defined names, so
the form's reader reads it back; only what it shows differs: the title, the
preamble and the signing body as printed (the default ones when the report
gives none), every figure a value.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from ...model import Report
from ..display import preamble
from .names import field_name
from .template import Template, Value

WORKBOOK = "report-workbook.xlsx"


def workbook_path(edition: str) -> Path:
    return Path(str(resources.files("reportgen.templates") / edition / WORKBOOK))


@cache
def workbook_template(edition: str) -> Template:
    """The report workbook template of an edition, loaded once per process."""
    path = workbook_path(edition)
    return Template(path.read_bytes(), str(path))


def shown_values(report: Report) -> dict[str, Value]:
    """The named cells whose shown text is not the data's own: the defaults as printed."""
    return {
        field_name("title"): report.title_text,
        field_name("preamble"): "\n".join(preamble(report)),
        field_name("signed_by"): report.signer,
    }
