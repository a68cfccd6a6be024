"""PDF: the Word reports converted by LibreOffice (``libreoffice``), many files in one run."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..base import Format


def _convert(docx: Sequence[Path], out_dir: Path) -> list[Path]:
    from .libreoffice import convert_many

    return convert_many(list(docx), out_dir)


def _missing() -> str | None:
    from .libreoffice import INSTALL_HINT, find_soffice

    return INSTALL_HINT if find_soffice() is None else None


FORMAT = Format(name="pdf", title="PDF", suffixes=(".pdf",), convert=_convert, source_format="docx",
                missing=_missing)

__all__ = ["FORMAT"]
