"""PDF: the Word reports converted by LibreOffice (``libreoffice``), many files in one run;
published PDFs with a text layer read back (``reader``, through ``formats.published``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base import Format

if TYPE_CHECKING:
    from ...model import Report


def _convert(files: Sequence[Path], out: Path, jobs: int = 1) -> list[Path]:
    from .libreoffice import convert_many

    return convert_many(list(files), out, jobs=jobs)


def _missing() -> str | None:
    from .libreoffice import INSTALL_HINT, find_soffice

    return INSTALL_HINT if find_soffice() is None else None


def _extract(data: bytes, source: str) -> Any:
    from .reader import extract

    return extract(data, source)


def _read(data: bytes, source: str) -> Report:
    from ..published import read_report

    return read_report(_extract(data, source), source)


FORMAT = Format(name="pdf", title="PDF", suffixes=(".pdf",), convert=_convert, source_format="docx",
                missing=_missing, read=_read, extract=_extract, sniff=lambda data: data.startswith(b"%PDF"))

__all__ = ["FORMAT"]
