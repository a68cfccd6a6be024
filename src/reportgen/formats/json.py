"""JSON data files: reading (numbers with a fraction become Decimal) and writing."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from ..errors import ReportError
from ..fileio import Dest, write_text
from ..model import Report
from ..types import show
from .base import Format
from .text import text_reader, text_writer

_PROBLEMS = {
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting property name enclosed in double quotes": "键名应加双引号（或最后一项后多了逗号）",
    "Expecting value": "缺少值（或多了逗号）",
    "Extra data": "内容结束后还有多余的文字",
    "Unterminated string starting at": "文字缺少结束的双引号",
    "Invalid control character at": "文字中有控制字符",
    "Invalid \\escape": "文字中有无法识别的转义符「\\」",
}


def _integer(text: str) -> int | Decimal:
    return Decimal(text) if len(text) > 30 else int(text)  # a huge one is refused by the model


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice (as YAML does): the last would silently win."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _duplicate(text: str, key: str) -> str:
    lines = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)]
    where = ""
    if len(lines) == 2:
        where = f"（第 {lines[0]} 行）" if lines[0] == lines[1] else f"（第 {lines[0]} 行与第 {lines[1]} 行）"
    return f"JSON 内容错误：同一层中键「{show(key)}」重复出现{where}，请只保留一个"


def parse(text: str, source: str) -> Any:
    try:
        # NaN and Infinity become Decimal: the model refuses them with their key path
        return json.loads(text, parse_float=Decimal, parse_int=_integer, parse_constant=Decimal,
                          object_pairs_hook=_object)
    except _Duplicate as exc:
        raise ReportError.single(source, "", _duplicate(text, exc.key)) from None
    except json.JSONDecodeError as exc:
        where = f"（第 {exc.lineno} 行第 {exc.colno} 列）"
        raise ReportError.single(source, "", f"JSON 语法错误{where}：{_PROBLEMS.get(exc.msg, '格式有误')}") from None
    except ValueError:
        raise ReportError.single(source, "", "JSON 内容错误：无法解析") from None
    except RecursionError:
        raise ReportError.single(source, "", "JSON 嵌套层数过多") from None


def dumps(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"


def write(report: Report, dest: Dest) -> None:
    write_text(dest, dumps(report))


def _sniff(data: bytes) -> bool:
    return data[:256].lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


FORMAT = Format(name="json", title="JSON 数据文件", suffixes=(".json",),
                read=text_reader(parse), write=text_writer(dumps), sniff=_sniff, data_file=True)
