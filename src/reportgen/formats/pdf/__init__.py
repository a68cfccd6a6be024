"""PDF: the Word reports converted by LibreOffice (``libreoffice``), many files in one run;
published PDFs with a text layer read back (``reader``, through ``formats.published``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..base import Format, published_reader
from ..docx import SUBJECT


def _convert(files: Sequence[Path], out: Path, jobs: int = 1) -> list[Path]:
    from .libreoffice import convert_many

    return convert_many(list(files), out, jobs=jobs)


def _missing() -> str | None:
    from .libreoffice import INSTALL_HINT, find_soffice

    return INSTALL_HINT if find_soffice() is None else None


def _extract(data: bytes, source: str) -> Any:
    from .reader import extract

    return extract(data, source)




_SUBJECT = b"/Subject<FEFF" + SUBJECT.encode("utf-16-be").hex().upper().encode()
"""The Word report's subject as LibreOffice writes it into the PDF's metadata (UTF-16 in hex)."""


def _own(data: bytes) -> bool:
    """A PDF converted from a reportgen Word report: LibreOffice carries the report's subject over."""
    return _SUBJECT in data[-65536:] or _SUBJECT in data[:65536]


FORMAT = Format(name="pdf", title="PDF", suffixes=(".pdf",), convert=_convert, source_format="docx",
                missing=_missing, read=published_reader(_extract), extract=_extract,
                sniff=lambda data: data.startswith(b"%PDF"), own=_own)

__all__ = ["FORMAT"]
