"""reportgen: the annual report on government-information disclosure
(政府信息公开工作年度报告), checked and rendered to the official Word and Excel formats.

    >>> import reportgen
    >>> report = reportgen.load("samples/sample-2021.yaml")
    >>> [f.message for f in report.check()]
    []
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import Outcome, render_many, warm
    from .checks import Finding
    from .editions import EDITIONS, Edition, edition_for_year, get_edition
    from .errors import Problem, ReportError
    from .fileio import output_stem
    from .formats import load, loads, save, to_bytes, to_docx, to_xlsx
    from .formats.docx import Renderer, render_docx
    from .formats.html import render_html
    from .formats.xlsx import XlsxRenderer, form_xlsx, read_xlsx, render_xlsx
    from .model import AnyReport, Report, Report2019, Report2021
    from .review import check_continuity

# Public name -> module; loaded on first use so that `import reportgen` stays fast.
_EXPORTS = {
    "Report": "model",
    "Report2019": "model",
    "Report2021": "model",
    "AnyReport": "model",
    "output_stem": "fileio",
    "warm": "batch",
    "render_many": "batch",
    "Outcome": "batch",
    "to_docx": "formats",
    "to_xlsx": "formats",
    "ReportError": "errors",
    "Problem": "errors",
    "Finding": "checks",
    "check_continuity": "review",
    "load": "formats",
    "loads": "formats",
    "save": "formats",
    "to_bytes": "formats",
    "EDITIONS": "editions",
    "Edition": "editions",
    "get_edition": "editions",
    "edition_for_year": "editions",
    "render_docx": "formats.docx",
    "render_xlsx": "formats.xlsx",
    "render_html": "formats.html",
    "read_xlsx": "formats.xlsx",
    "Renderer": "formats.docx",
    "XlsxRenderer": "formats.xlsx",
    "form_xlsx": "formats.xlsx",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("reportgen")
        except PackageNotFoundError:
            return "dev"
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reportgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "EDITIONS", "AnyReport", "Edition", "Finding", "Outcome", "Problem", "Renderer", "Report", "Report2019",
    "Report2021", "ReportError", "XlsxRenderer", "check_continuity", "edition_for_year", "form_xlsx", "get_edition",
    "load", "loads", "output_stem", "read_xlsx", "render_docx", "render_html", "render_many", "render_xlsx", "save",
    "to_bytes", "to_docx", "to_xlsx", "warm",
]
