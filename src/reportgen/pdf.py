"""Deprecated alias of ``reportgen.formats.pdf.libreoffice``; removed in 0.3."""

from __future__ import annotations

import warnings

from .formats.pdf.libreoffice import INSTALL_HINT, PdfError, convert, convert_many, find_soffice, fonts_conf

warnings.warn("reportgen.pdf 已移至 reportgen.formats.pdf，旧路径将在 0.3 版删除", DeprecationWarning, stacklevel=2)

__all__ = ["INSTALL_HINT", "PdfError", "convert", "convert_many", "find_soffice", "fonts_conf"]
