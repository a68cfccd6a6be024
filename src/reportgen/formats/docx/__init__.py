"""Word (.docx): the report rendered through a docxtpl template.

    render_docx(report, dest, template=None)   write the Word report
    docx_bytes(report, template=None)          the same, as bytes
    Renderer(template)                         a template compiled once, rendered many times

Modules: ``engine`` (the compiled template), ``plan`` (a template in the small
part of Jinja the shipped ones use, rendered by substitution), ``compiled`` (any
other, and every error, through the sandboxed Jinja of ``sandbox``, within
``limits``), ``cleaning`` (docxtpl's tag cleaning), ``writer`` (shipped and custom
templates), ``check`` (what a custom template lacks), ``layout`` (builds the
shipped templates from the edition description; not imported at run time).
This package's own namespace stays light, and the shipped templates never import
Jinja, docxtpl or python-docx.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base import Format, TemplateMapping, lazy_exports, published_reader, zip_holds, zip_part

if TYPE_CHECKING:
    from ...editions import Edition
    from ...model import Report
    from .engine import Renderer
    from .official import OfficialTemplate
    from .writer import docx_bytes, render_docx, renderer_for, shipped_renderer, shipped_template

_LAZY = {"Renderer": "engine", "docx_bytes": "writer", "render_docx": "writer", "renderer_for": "writer",
         "shipped_renderer": "writer", "shipped_template": "writer"}


__getattr__ = lazy_exports(__name__, _LAZY)


def _extract(data: bytes, source: str) -> Any:
    from .reader import extract

    return extract(data, source)


def _write(report: Report, *, template: Any = None) -> bytes:
    from .writer import docx_bytes

    return docx_bytes(report, template)


def _shipped(edition: str) -> Path:
    from .writer import shipped_template

    return shipped_template(edition)


def _check(path: str, edition: str) -> tuple[list[str], list[str]]:
    """Missing and unknown tags; a template whose tags are known is also rendered once, as ``render`` would,
    so that ``template check`` never approves a template ``render`` refuses (ReportError)."""
    from defusedxml import ElementTree

    from ...editions import get_edition
    from ...errors import ReportError
    from ..display import sample_context
    from .check import check_template
    from .engine import Renderer

    renderer = Renderer(path, edition=edition)
    missing, unknown = check_template(renderer, edition)
    if not unknown:
        for part, xml in renderer.render_parts(sample_context(get_edition(edition))).items():
            try:
                ElementTree.fromstring(xml)
            except ElementTree.ParseError:
                raise ReportError.single(path, "", f"模板填写后的 {part} 不是完整的 XML"
                                         "（标签可能放在了 Word 标记中间），Word 将无法打开生成的报告") from None
    return missing, unknown


def _load_template(path: str, edition: Edition) -> Renderer | OfficialTemplate:
    from .writer import renderer_for

    return renderer_for(edition, path)


def _map_template(path: str, edition: str | None) -> TemplateMapping | None:
    """How a template without tags (the official blank one) maps; None for a tagged template."""
    from .official import map_file

    return map_file(path, edition)


def _sniff(data: bytes) -> bool:
    return zip_holds(data, "word/document.xml")


SUBJECT = "政府信息公开工作年度报告（"
"""How the subject (File > Properties) of every report reportgen writes begins (see ``layout``)."""


def _own(data: bytes) -> bool:
    """A Word report reportgen rendered: its core properties carry the report's subject."""
    core = zip_part(data, "docProps/core.xml", 1 << 20)
    return core is not None and f"<dc:subject>{SUBJECT}".encode() in core


FORMAT = Format(name="docx", title="Word 报告", suffixes=(".docx",), read=published_reader(_extract),
                extract=_extract, write=_write, sniff=_sniff,
                default_output=True, templated=True, load_template=_load_template,
                shipped_template=_shipped, check_template=_check,
                map_template=_map_template, own=_own)

__all__ = ["FORMAT", "Renderer", "docx_bytes", "render_docx", "renderer_for", "shipped_renderer", "shipped_template"]
