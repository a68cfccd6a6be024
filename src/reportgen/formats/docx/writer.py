"""The Word writer: a report rendered through the shipped template of its edition, or a custom one."""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ...editions import Edition
from ...fileio import read_input, write_bytes
from ..base import once_per_key
from .engine import Renderer

if TYPE_CHECKING:
    from ...model import Report
    from .official import OfficialTemplate


def shipped_template(edition: str) -> Path:
    """The path of the shipped template of an edition."""
    return Path(str(resources.files("reportgen.templates") / edition / "report.docx"))


def _load_shipped(edition: str) -> Renderer:
    data = (resources.files("reportgen.templates") / edition / "report.docx").read_bytes()  # zip-safe
    return Renderer(data, edition=edition)


shipped_renderer = once_per_key(_load_shipped)
"""The shared renderer of a shipped template (loaded on first use, once, whatever the threads)."""


def render_docx(report: Report, dest: str | os.PathLike[str] | IO[bytes], template: Any = None) -> None:
    """Write ``report`` as a Word document to ``dest`` (a path, replaced atomically, or a binary stream).

    ``template``: a custom template (path, bytes or stream) or a ``Renderer``;
    by default the shipped template of the report's edition. A template without
    tags (the official blank 格式模板) is filled by its labels (``official``).
    """
    data = docx_bytes(report, template)
    write_bytes(dest, data)


def docx_bytes(report: Report, template: Any = None) -> bytes:
    """The bytes of the Word report (``template`` as for ``render_docx``)."""
    return renderer_for(report.spec, template).render_bytes(report)


def renderer_for(edition: Edition, template: Any = None) -> Renderer | OfficialTemplate:
    """The compiled renderer for ``template`` (shipped when None; a custom file compiled once while unchanged).

    A tag-less template is mapped by its labels instead (ReportError listing what
    it lacks when it cannot be mapped completely)."""
    if template is None:
        return shipped_renderer(edition.key)
    from .official import OfficialTemplate, is_tagless  # python-docx: only for a custom template

    if isinstance(template, Renderer | OfficialTemplate):
        return template
    if isinstance(template, str | os.PathLike):
        path = Path(template).resolve()
        try:
            stat = path.stat()
        except OSError:
            return Renderer(template, edition=edition.key)  # reports the missing file in Chinese
        return _file_renderer(str(path), stat.st_mtime_ns, stat.st_size, edition.key)
    data = template if isinstance(template, bytes) else read_input(template)
    if is_tagless(data):
        return OfficialTemplate(data, edition)
    return Renderer(data, edition=edition.key)


@lru_cache(maxsize=8)
def _file_renderer(path: str, mtime_ns: int, size: int, edition: str) -> Renderer | OfficialTemplate:
    """A custom template file compiled (or mapped, when it has no tags) once while it is unchanged."""
    from ...editions import get_edition
    from .official import OfficialTemplate, is_tagless

    data = read_input(path)
    if is_tagless(data):
        return OfficialTemplate(data, get_edition(edition), path)
    return Renderer(path, edition=edition)
