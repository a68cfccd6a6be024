"""YAML data files: the reader, and a writer that comments every key with its official label.

    parse(text, source) -> data      one fast pass for the usual file (``fast.py``), else the
                                     careful reader (``reader.py``), which gives every message
    dumps(report) -> str             the commented data file (``writer.py``)
"""

from __future__ import annotations

from typing import Any

from ..base import Format
from ..text import text_reader, text_writer
from .fast import UNSURE, load_fast
from .reader import MAX_ALIASES, parse_careful
from .writer import dumps, write

__all__ = ["FORMAT", "MAX_ALIASES", "dumps", "parse", "parse_careful", "write"]


def parse(text: str, source: str) -> Any:
    """The data of a YAML file; ReportError with line and column for a bad one."""
    data = load_fast(text)
    return parse_careful(text, source) if data is UNSURE else data


FORMAT = Format(
    name="yaml", title="YAML 数据文件", suffixes=(".yaml", ".yml"),
    read=text_reader(parse), write=text_writer(dumps), data_file=True,
)
