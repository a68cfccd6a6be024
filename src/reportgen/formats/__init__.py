"""Every file format reportgen reads or writes, behind one registry (as in tablib).

    load(path | stream, format=None) -> Report     read any input format
    loads(data, format=None) -> Report              the same from bytes
    to_bytes(report, format) -> bytes               any output format that has a writer
    to_docx(report) / to_xlsx(report) -> bytes      the same for Word and Excel
    save(report, dest, format=None)                 the same, written atomically to a path
    registry                                        the formats, for batch and the CLI

Each format is one module or package here declaring a ``FORMAT`` (see
``reportgen.formats.base``); ``register_builtins`` lists them once, in the order
content is sniffed. Nothing outside this package names a format.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Any

from ..errors import ReportError
from ..fileio import atomic_path, read_input, source_name
from .base import Format, Registry

if TYPE_CHECKING:
    from ..model import Report
    from ..review.records import Audit, Breakdown
    from .published import Reading

Source = str | os.PathLike[str] | IO[bytes]

registry = Registry()


def register_builtins() -> None:
    """The shipped formats: zip-based ones first; YAML, the fallback of detection, is the first data file."""
    from . import docx, html, json, pdf, xlsx, yaml

    for fmt in (docx.FORMAT, xlsx.FORMAT, pdf.FORMAT, html.FORMAT, html.PAGE, yaml.FORMAT, json.FORMAT):
        registry.register(fmt)


register_builtins()


def _input_format(name: str, has_suffix: bool, format: str | None) -> Format | None:
    if format is not None:
        try:
            fmt = registry.get(format)
        except ValueError as exc:
            raise ValueError(str(exc)) from None
        if not fmt.is_input:
            raise ValueError(f"格式「{fmt.name}」只能输出，不能读取")
        return fmt
    return registry.input_for(name) if has_suffix else None


def loads(data: bytes, format: str | None = None, name: str = "（上传的数据）") -> Report:
    """A report from the bytes of a file; ``format`` is the format's name, else it is sniffed."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("loads 需要文件的字节内容（bytes）；文件路径请用 load")
    data = bytes(data)
    fmt = _input_format(name, False, format) or registry.detect(data) or registry.data_format("")
    return fmt.read(data, name)  # type: ignore[misc]


def load(source: Source, format: str | None = None) -> Report:
    """Read a report from a path or a binary stream (an upload).

    The format is ``format`` (a registered name such as "yaml", "json" or "xlsx"),
    else the suffix of the path or of the stream's name, else what the content
    looks like. Raises ReportError listing every problem, each with its key path
    (or sheet and cell) and official label.
    """
    name = source_name(source)
    has_suffix = not hasattr(source, "read") or bool(os.path.splitext(name)[1])
    if format is None and not hasattr(source, "read") and registry.for_suffix(name) is None \
            and not os.path.exists(name):  # a folder misspelt, a file without its suffix: not a file type
        raise ReportError.single(name, "", "文件或文件夹不存在")
    fmt = _input_format(name, has_suffix, format)
    data = read_input(source)
    if fmt is None:
        fmt = registry.detect(data) or registry.data_format("")
    return fmt.read(data, name)  # type: ignore[misc]


def read_published(data: bytes, name: str, format: str | None = None, strict: bool = False) -> Reading:
    """What was read from a published document (page, .docx, PDF): figures, their places, what was not understood.

    ``load`` gives the Report of the same document (``report.provenance`` is this reading).
    """
    from .published import read_document

    fmt = registry.get(format) if format else (registry.for_suffix(name) or registry.detect(data))
    if fmt is None or fmt.extract is None:
        raise ReportError.single(name, "", "不是可读取的已发布报告（网页、Word 或 PDF）")
    return read_document(fmt.extract(data, name), name, strict)


def to_bytes(report: Report, format: str, template: Any = None) -> bytes:
    """The report as a file of ``format`` ("docx", "xlsx", "yaml", "json")."""
    fmt = registry.get(format)
    if fmt.write is None:
        raise ValueError(f"格式「{fmt.name}」不能直接由报告生成")
    return fmt.write(report, template=template) if fmt.templated else fmt.write(report)


def to_docx(report: Report, template: Any = None) -> bytes:
    """The Word report's bytes (the shipped template of its edition, or ``template``)."""
    return to_bytes(report, "docx", template)


def to_xlsx(report: Report, template: Any = None) -> bytes:
    """The Excel workbook's bytes (the shipped workbook of its edition, or ``template``)."""
    return to_bytes(report, "xlsx", template)


def save(report: Report, dest: str | os.PathLike[str], format: str | None = None, template: Any = None) -> None:
    """Write the report to a path (replaced atomically); the format from its suffix unless given."""
    fmt = registry.get(format) if format else registry.for_suffix(dest)
    if fmt is None:
        raise ReportError.single(str(dest), "", "无法从文件名判断输出格式，请指定 format=")
    data = to_bytes(report, fmt.name, template)
    with atomic_path(dest) as tmp:
        tmp.write_bytes(data)


def _workbook_format(dest: str | os.PathLike[str], hook: str, what: str) -> Format:
    fmt = registry.for_suffix(dest)
    if fmt is None or getattr(fmt, hook) is None:
        known = "、".join(f.suffix for f in registry.formats() if getattr(f, hook) is not None)
        raise ReportError.single(str(dest), "", f"{what}的文件名应以 {known} 结尾")
    return fmt


def breakdown_bytes(breakdown: Breakdown, dest: str | os.PathLike[str]) -> bytes:
    """汇总明细 in the format of ``dest``'s suffix (.xlsx)."""
    return _workbook_format(dest, "breakdown", "汇总明细").breakdown(breakdown)  # type: ignore[misc]


def audit_bytes(audit: Audit, dest: str | os.PathLike[str]) -> bytes:
    """审核结果 in the format of ``dest``'s suffix (.xlsx, or .html for a page)."""
    return _workbook_format(dest, "audit", "审核结果").audit(audit)  # type: ignore[misc]


__all__ = ["Format", "Reading", "Registry", "audit_bytes", "breakdown_bytes", "load", "loads", "read_published",
           "registry", "save", "to_bytes", "to_docx", "to_xlsx"]
