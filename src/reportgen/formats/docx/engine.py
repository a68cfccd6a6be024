"""Renderer: a Word template loaded and compiled once, rendered many times.

Loading reads the template's zip once, cleans its tags as docxtpl does (``patch_xml``: tags
split over runs, ``{%p %}``/``{%tr %}`` tags) and compiles ``word/document.xml`` (and any
header, footer or core properties holding tags) into a substitution plan (``plan``) when it
uses only the small part of Jinja the shipped templates use: loading then imports neither
Jinja, docxtpl nor python-docx. Any other template is compiled by the sandboxed, autoescaping
Jinja environment (``compiled``), which also renders, with the same bytes, whatever a plan
leaves to it and gives every error. Every other part is deflated once; rendering deflates
the rendered parts and assembles the zip directly (``formats.zipparts``: fixed dates, so the
same report gives the same bytes). Values from a report are data only: they are XML-escaped,
never evaluated.
"""

from __future__ import annotations

import io
import os
import re
import threading
import zipfile
from typing import IO, TYPE_CHECKING, Any

from ...errors import ReportError
from ...fileio import read_input, write_bytes
from ..display import context
from ..zipparts import Packed, build_zip, pack
from .cleaning import patch_xml as patch_xml
from .limits import MAX_TAGS
from .plan import Plan, compile_plan

if TYPE_CHECKING:
    from ...model import Report
    from .compiled import JinjaParts

TemplateSource = str | os.PathLike[str] | bytes | IO[bytes]
_RENDERED = re.compile(r"^(word/(document|header\d*|footer\d*)|docProps/core)\.xml$")
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
_SMALL_PART, _SMALL_PARTS_KEPT = 4096, 64


class Renderer:
    """A compiled Word template of one edition; ``render(report, dest)`` may run in several threads."""

    def __init__(self, template: TemplateSource, edition: str | None = None) -> None:
        self.source = template if isinstance(template, str | os.PathLike) else "模板"
        self.edition = edition
        data = _read_template(template, str(self.source))
        self.sources: dict[str, str] = {}
        self.packed: dict[str, Packed | None] = {}
        """Every part in the template's order, deflated once; None for a part rendered per report."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zin:
                names = zin.namelist()
                if "word/document.xml" not in names:
                    raise ReportError.single(str(self.source), "", "不是 Word 文档（.docx），缺少正文部分")
                check_parts(zin, str(self.source))
                for name in names:
                    raw = zin.read(name)
                    if _RENDERED.match(name) and (name == "word/document.xml" or b"{{" in raw or b"{%" in raw):
                        self.sources[name] = self._prepare(_decode(raw, name, str(self.source)))
                        self.packed[name] = None
                    else:
                        self.packed[name] = pack(raw)
        except ReportError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
            raise ReportError.single(str(self.source), "", "不是有效的 Word 文档（.docx）") from None
        self.plans: dict[str, Plan | None] = {name: _plan(xml) for name, xml in self.sources.items()}
        """Each rendered part's plan; None for a part only Jinja renders."""
        self._jinja: JinjaParts | None = None
        self._lock = threading.Lock()
        self._small: dict[bytes, Packed] = {}
        """Small rendered parts deflated before (headers, mostly the same for every report)."""
        if None in self.plans.values():
            self._compiled()  # compiled now: its refusals are load errors

    def __getstate__(self) -> dict[str, Any]:
        """Sent to a worker process without its lock and what it rebuilds on first need."""
        state = dict(self.__dict__)
        state.update(_jinja=None, _lock=None, _small={})
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @staticmethod
    def _prepare(xml: str) -> str:
        patched = patch_xml(xml)
        # One paragraph a line, so that an error can name its paragraph; undone after rendering
        # (data cannot hold "\n<w:p": its "<" is escaped).
        return patched.replace("<w:p ", "\n<w:p ").replace("<w:p>", "\n<w:p>")

    def _compiled(self) -> JinjaParts:
        """The parts compiled by Jinja (on first need when every part has a plan)."""
        if self._jinja is None:
            with self._lock:
                if self._jinja is None:
                    from .compiled import JinjaParts

                    self._jinja = JinjaParts(self.sources, str(self.source))
        return self._jinja

    # -- rendering -------------------------------------------------------------

    def render_parts(self, context: dict[str, Any]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for name, plan in self.plans.items():
            rendered = plan.render(context) if plan is not None else None
            out[name] = rendered if rendered is not None else self._compiled().render(name, context)
        return out

    def render_context(self, context: dict[str, Any]) -> bytes:
        """The bytes of the .docx for a prepared context."""
        parts = self.render_parts(context)
        return build_zip({name: packed or self._pack(parts[name]) for name, packed in self.packed.items()})

    def _pack(self, data: bytes) -> Packed:
        if len(data) > _SMALL_PART:
            return pack(data)
        packed = self._small.get(data)
        if packed is None:
            if len(self._small) >= _SMALL_PARTS_KEPT:
                self._small.clear()
            packed = self._small[data] = pack(data)
        return packed

    def render_bytes(self, report: Report) -> bytes:
        if self.edition and report.spec.key != self.edition:
            raise ReportError.single(
                str(self.source), "edition",
                f"模板是{self.edition}版，报告是{report.spec.key}版（{report.spec.notice}），请使用对应版本的模板",
                "版本")
        report.ensure_renderable()
        return self.render_context(context(report))

    def render(self, report: Report, dest: str | os.PathLike[str] | IO[bytes]) -> None:
        """Write the report to ``dest``: a path (replaced atomically) or a binary stream."""
        data = self.render_bytes(report)
        write_bytes(dest, data)

    # -- inspection ------------------------------------------------------------

    def tags(self) -> dict[str, set[str]]:
        """Tags the template reads: {"paths": dotted paths from the context, "unsafe": internal attributes}."""
        return self._compiled().tags()


def _plan(xml: str) -> Plan | None:
    plan = compile_plan(xml)
    return plan if plan is not None and plan.tags <= MAX_TAGS else None


MAX_PART_BYTES = 50 * 1024 * 1024
"""Largest part of a template once unzipped, checked from the zip directory before reading."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""Largest total of a template's parts once unzipped."""
_MACROS = ("vbaProject", "macroEnabled", "vbaData", "activeX")


def check_parts(zin: zipfile.ZipFile, source: str) -> None:
    """Refuse before reading: parts too large once unzipped, and macro-enabled (.docm) content."""
    infos = zin.infolist()
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES or any(i.file_size > MAX_PART_BYTES for i in infos):
        raise ReportError.single(source, "", f"模板解压后过大（上限为每部分 {MAX_PART_BYTES // 1048576} MB、"
                                 f"合计 {MAX_UNPACKED_BYTES // 1048576} MB），可能是恶意构造的文件，已拒绝读取")
    types = zin.read("[Content_Types].xml") if "[Content_Types].xml" in zin.namelist() else b""
    if any(m in i.filename for i in infos for m in _MACROS) or any(m.encode() in types for m in _MACROS):
        raise ReportError.single(source, "", "模板中含有宏（.docm 内容），不能用作模板；"
                                 "请在 Word 中另存为“Word 文档（.docx）”后再用")


def _decode(raw: bytes, part: str, source: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ReportError.single(source, "", f"模板的 {part} 不是 UTF-8 编码（Word 保存的文档总是 UTF-8）；"
                                 "请在 Word 中打开模板并另存为 .docx 后再用") from None


def _read_template(template: TemplateSource, source: str) -> bytes:
    if isinstance(template, bytes):
        return template
    if not isinstance(template, str | os.PathLike):
        return template.read()
    return read_input(template, MAX_TEMPLATE_BYTES)
