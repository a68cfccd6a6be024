"""The report model: pydantic classes generated from the edition descriptions.

    Report                      the base class (``Report.from_data``, ``model_validate``)
    Report2019, Report2021      the generated class of each edition, built on first use
    AnyReport                   their discriminated union (a FastAPI body, a ``TypeAdapter``)
    report_class(edition)       the generated class of an edition

Modules: ``fields`` (tables, fields and the overview as pydantic parts, with the official
labels as titles), ``report`` (the ``Report`` class, its generated subclasses, immutability
and ``replace``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .fields import Number, Overview, OverviewItem
from .report import Report, report_class, report_union

if TYPE_CHECKING:
    Report2019 = Report
    Report2021 = Report
    AnyReport = Report
else:
    def __getattr__(name: str) -> Any:
        """``Report2019``, ``Report2021`` and ``AnyReport``, built when first used."""
        from . import report

        return getattr(report, name)


__all__ = ["AnyReport", "Number", "Overview", "OverviewItem", "Report", "Report2019", "Report2021", "report_class",
           "report_union"]
