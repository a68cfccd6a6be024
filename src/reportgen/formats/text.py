"""What the text data files (YAML, JSON) share: bytes -> text -> data -> Report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..fileio import decode_text
from ..model import Report
from .base import Reader


def text_reader(parse: Callable[[str, str], Any]) -> Reader:
    """A reader from a parser of text: decoded (UTF-8 or GB18030), parsed, validated."""

    def read(data: bytes, source: str) -> Report:
        return Report.from_data(parse(decode_text(data, source), source), source)

    return read


def text_writer(dumps: Callable[[Report], str]) -> Callable[[Report], bytes]:
    def write(report: Report, **_: Any) -> bytes:
        return dumps(report).encode("utf-8")

    return write
