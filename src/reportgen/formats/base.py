"""The vocabulary of the format registry: a ``Format`` record and the ``Registry``.

In the manner of tablib's ``formats/``: each file format is one package that
declares a ``Format`` (its name, suffixes, how to recognise it, and its reader
and writer); ``reportgen.formats`` registers them once, in detection order; the
rest of the library only asks the registry. Conventions every format follows:

* a reader takes the bytes of a file and the name messages use for it, and
  returns a ``Report`` (``load`` turns a path, bytes or a binary stream into those);
* a writer takes a report (and, where the format has templates, ``template=``)
  and returns the bytes of the file; ``save`` writes them to a path atomically;
* a format made from another format's files (PDF from Word) has ``convert``
  instead of ``write``: it turns a batch of those files into its own, in one run.
"""

from __future__ import annotations

import importlib
import io
import os
import threading
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..errors import ReportError

if TYPE_CHECKING:
    from ..editions import Edition
    from ..model import Report
    from ..review.records import Audit, Breakdown


class Reader(Protocol):
    def __call__(self, data: bytes, source: str) -> Report: ...


Writer = Callable[..., bytes]
"""``write(report) -> bytes``; a templated format's writer also takes ``template=``."""


class Converter(Protocol):
    """(files of the source format, output folder, jobs) -> the files made, in the same order.

    ``jobs``: how many conversions may run at once (separate processes of the outside program).
    """

    def __call__(self, files: Sequence[Path], out: Path, jobs: int = 1) -> list[Path]: ...
Locator = Callable[[bytes, "Edition"], dict[tuple[str, str, str], str]]
"""Where each table cell sits in an input (表三!E12), for pointing a finding at it."""


@dataclass(frozen=True)
class TemplateMapping:
    """How a template without tags maps to a report: what was found where, and what was not."""

    edition: str
    found: list[str]
    """One line per part found (in Chinese, with its place in the file)."""
    missing: list[str]
    """One line per part not found; empty when the template can be filled."""


@dataclass(frozen=True)
class Format:
    """One file format: what reportgen can read from it and write to it."""

    name: str
    """Short name, used in APIs (``format="xlsx"``) and command-line options (``--xlsx``)."""
    title: str
    """What a clerk calls it, in messages and help texts (Word 报告)."""
    suffixes: tuple[str, ...]
    read: Reader | None = None
    write: Writer | None = None
    sniff: Callable[[bytes], bool] | None = None
    """Whether the first bytes of a file (up to 4 KB) look like this format."""
    convert: Converter | None = None
    source_format: str | None = None
    """For a converted format: the format whose files it is made from."""
    default_output: bool = False
    """Written by ``render`` and ``batch`` unless the user chooses otherwise."""
    templated: bool = False
    """Its writer takes ``template=`` (a custom template of this format)."""
    load_template: Callable[[str, Edition], Any] | None = None
    """Compile a custom template once for many reports (ReportError for a bad one); the writer takes the result."""
    locate: Locator | None = None
    extract: Callable[[bytes, str], Any] | None = None
    """For a published document (page, .docx, PDF): its tables and paragraphs as a
    ``published.Document``, which ``published.read_document`` reads into a report."""
    missing: Callable[[], str | None] | None = None
    """For a format that needs an outside program: a message saying how to install it, when it is absent."""
    data_file: bool = False
    """A text data file a clerk edits (the starter of ``new``, the output of ``import``)."""
    form: Callable[..., bytes] | None = None
    """``form(edition, agency=None, year=None) -> bytes``: a blank collection form in this format."""
    shipped_template: Callable[[str], Path] | None = None
    """The path of the shipped template of an edition (for ``template export``)."""
    check_template: Callable[[str, str], tuple[list[str], list[str]]] | None = None
    """``(path, edition) -> (missing, unknown)`` tags of a custom template (for ``template check``)."""
    breakdown: Callable[[Breakdown], bytes] | None = None
    """汇总明细 of a compiled report (one row per body) in this format (for ``aggregate``)."""
    audit: Callable[[Audit], bytes] | None = None
    """审核结果 of many reports in this format (for ``audit``)."""
    map_template: Callable[[str, str | None], TemplateMapping | None] | None = None
    """``(path, edition or None) -> how a template without tags (the official blank one) maps``;
    None when the template has tags (then ``check_template`` applies)."""
    own: Callable[[bytes], bool] | None = None
    """Whether a file is a report reportgen wrote (a rendered .docx, workbook, PDF): a folder walk
    never reads those back as inputs; named explicitly, they are read."""

    @property
    def is_input(self) -> bool:
        return self.read is not None

    @property
    def is_output(self) -> bool:
        return self.write is not None or self.convert is not None

    @property
    def suffix(self) -> str:
        """The suffix of the files this format writes."""
        return self.suffixes[0]


class Registry:
    """The formats reportgen knows, in detection order."""

    def __init__(self) -> None:
        self._formats: dict[str, Format] = {}

    def register(self, fmt: Format) -> None:
        self._formats[fmt.name] = fmt

    def formats(self) -> Iterator[Format]:
        return iter(self._formats.values())

    def inputs(self) -> list[Format]:
        return [f for f in self._formats.values() if f.is_input]

    def outputs(self) -> list[Format]:
        return [f for f in self._formats.values() if f.is_output]

    def input_suffixes(self) -> tuple[str, ...]:
        """Suffixes of the files reportgen reads, data files first."""
        ordered = sorted(self.inputs(), key=lambda f: not f.data_file)
        return tuple(s for f in ordered for s in f.suffixes)

    def get(self, name: str) -> Format:
        """The format called ``name``; ValueError naming the known ones otherwise."""
        fmt = self._formats.get(str(name).lower().lstrip("."))
        if fmt is None:
            known = "、".join(self._formats)
            raise ValueError(f"未知的格式「{name}」，可用的格式：{known}")
        return fmt

    def for_suffix(self, path: str | os.PathLike[str]) -> Format | None:
        suffix = Path(path).suffix.lower()
        return next((f for f in self._formats.values() if suffix in f.suffixes), None)

    def input_for(self, name: str) -> Format:
        """The reader of a file, by its name's suffix; ReportError for a file reportgen cannot read."""
        fmt = self.for_suffix(name)
        if fmt is None or not fmt.is_input:
            suffix = Path(name).suffix.lower()
            known = "、".join(self.input_suffixes())
            raise ReportError.single(name, "", f"不支持的文件类型「{suffix or '无扩展名'}」，可用：{known}")
        return fmt

    def data_format(self, path: str | os.PathLike[str]) -> Format:
        """The data-file format for writing ``path``: by its suffix, else the first data-file format."""
        fmt = self.for_suffix(path)
        if fmt is not None and fmt.data_file:
            return fmt
        return next(f for f in self._formats.values() if f.data_file)

    def is_own_output(self, path: str | os.PathLike[str], data: bytes) -> bool:
        """Whether ``data`` (the file at ``path``) is a report reportgen wrote."""
        fmt = self.for_suffix(path)
        return bool(fmt and fmt.own and fmt.own(data))

    def detect(self, head: bytes) -> Format | None:
        """The first input format whose sniffer recognises ``head``."""
        return next((f for f in self.inputs() if f.sniff and f.sniff(head)), None)


T = TypeVar("T")


# --- helpers the format packages share ---------------------------------------------------------


def lazy_exports(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A package's ``__getattr__``: ``names`` maps a public name to the submodule it is imported from on first use."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__


def once_per_key(build: Callable[[str], T]) -> Callable[[str], T]:
    """``build(key)`` called once per key for the life of the process, whatever the threads
    (the shipped templates of each edition: loaded and compiled on first use, then shared)."""
    built: dict[str, T] = {}
    lock = threading.Lock()

    def get(key: str) -> T:
        value = built.get(key)
        if value is None:
            with lock:
                value = built.get(key)
                if value is None:
                    value = built[key] = build(key)
        return value

    return get


def zip_part(data: bytes, name: str, limit: int = 8 << 20) -> bytes | None:
    """One part of a zip package (None when it is not a zip, lacks the part, or the part is over ``limit``)."""
    if not data.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo(name)
            return zf.read(info) if info.file_size <= limit else None
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def zip_holds(data: bytes, name: str) -> bool:
    """Whether ``data`` is a zip package with a part called ``name`` (a .docx has word/document.xml)."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return name in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def published_reader(extract: Callable[[bytes, str], Any]) -> Reader:
    """The reader of a published document (page, .docx, PDF): its extractor, then the shared reading."""

    def read(data: bytes, source: str) -> Report:
        from .published import read_report

        return read_report(extract(data, source), source)

    return read
