"""Deprecated alias of ``reportgen.formats.docx`` (the Word engine moved there); removed in 0.3."""

from __future__ import annotations

import warnings

from .formats.docx.check import check_template
from .formats.docx.engine import Renderer, patch_xml
from .formats.docx.writer import shipped_renderer, shipped_template

warnings.warn("reportgen.render 已移至 reportgen.formats.docx，旧路径将在 0.3 版删除", DeprecationWarning, stacklevel=2)

__all__ = ["Renderer", "check_template", "patch_xml", "shipped_renderer", "shipped_template"]
