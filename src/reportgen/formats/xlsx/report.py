"""The publishable report workbook: ``templates/<edition>/report-workbook.xlsx`` filled from a report.

The workbook (built by ``report_layout``) shares the form's defined names, so
the form's reader reads it back, equal to the report. The title, the preamble and
the signing body as printed (the defaults when the report gives none) go into
cells of their own, named ``SHOWN`` (outside the ``rg_`` scheme, so never read);
the data fields themselves are on the 基本信息 sheet.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ...model import Report
from ..base import once_per_key
from ..display import preamble
from .template import Template, Value

WORKBOOK = "report-workbook.xlsx"
SHOWN = {"title": "shown_title", "preamble": "shown_preamble", "signed_by": "shown_signer"}
"""Field -> the defined name of the cell that shows it as printed."""


def workbook_path(edition: str) -> Path:
    return Path(str(resources.files("reportgen.templates") / edition / WORKBOOK))


def _load_workbook(edition: str) -> Template:
    data = (resources.files("reportgen.templates") / edition / WORKBOOK).read_bytes()  # zip-safe
    return Template(data, str(workbook_path(edition)))


workbook_template = once_per_key(_load_workbook)
"""The report workbook template of an edition, loaded once per process (thread-safe, as the form's)."""


def shown_values(report: Report) -> dict[str, Value]:
    """The named cells whose shown text is not the data's own: the defaults as printed."""
    return {
        SHOWN["title"]: report.title_text,
        SHOWN["preamble"]: "\n".join(preamble(report)),
        SHOWN["signed_by"]: report.signer,
    }
