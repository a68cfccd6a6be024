"""One module per file format, each with its reader and its writer (as in tablib)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING

from ..errors import ReportError

if TYPE_CHECKING:
    from ..model import Report

READERS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".xlsx": "xlsx"}
"""File suffix -> format module that reads a report from it."""


def format_for(path: str | os.PathLike[str]) -> ModuleType:
    suffix = Path(path).suffix.lower()
    name = READERS.get(suffix)
    if name is None:
        known = "、".join(READERS)
        raise ReportError.single(str(path), "", f"不支持的文件类型「{suffix or '无扩展名'}」，可用：{known}")
    return importlib.import_module(f"{__name__}.{name}")


def load(path: str | os.PathLike[str] | IO[bytes], format: str | None = None) -> Report:
    """Read a report from a data file (.yaml/.yml/.json) or a filled form (.xlsx).

    ``path`` may also be a binary stream (an upload); its format is then ``format``
    ("yaml", "json" or "xlsx"), its name's suffix, or what its first bytes look like.
    Raises ReportError listing every problem, each with its key path (or cell)
    and official label.
    """
    if format is not None:
        module = importlib.import_module(f"{__name__}.{READERS.get('.' + format, format)}")
    elif hasattr(path, "read") and not Path(str(getattr(path, "name", ""))).suffix:
        module = importlib.import_module(f"{__name__}.{_sniff(path)}")  # type: ignore[arg-type]
    else:
        module = format_for(path.name if hasattr(path, "read") else path)  # type: ignore[union-attr]
    return module.read(path)


def _sniff(stream: IO[bytes]) -> str:
    """xlsx for a zip, json for a leading brace, else yaml; the stream is left where it was."""
    start = stream.tell() if stream.seekable() else None
    head = stream.read(64) if start is not None else b""
    if start is not None:
        stream.seek(start)
    if head.startswith(b"PK"):
        return "xlsx"
    return "json" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")) else "yaml"
