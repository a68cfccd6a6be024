"""One module per file format, each with its reader and its writer (as in tablib)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

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


def load(path: str | os.PathLike[str]) -> Report:
    """Read a report from a data file (.yaml/.yml/.json) or a filled form (.xlsx).

    Raises ReportError listing every problem, each with its key path (or cell)
    and official label.
    """
    return format_for(path).read(path)
