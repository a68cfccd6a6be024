"""审核结果 as a standalone HTML page: the same records as the workbook, for a browser or an intranet."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from ...review.base import KIND_LABELS
from ...review.records import Audit

_ENV = Environment(loader=PackageLoader("reportgen.formats.html", "templates"), autoescape=True,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def audit_page(audit: Audit) -> bytes:
    """The audit as one UTF-8 page: a table of the reports, then every finding, the pairs and the missing."""
    page = _ENV.get_template("audit.html.j2").render(audit=audit, kinds=KIND_LABELS)
    return page.encode("utf-8")
