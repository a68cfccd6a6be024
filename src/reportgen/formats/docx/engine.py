"""Renderer: a docxtpl template loaded and compiled once, rendered many times.

Loading reads the template's zip once, lets docxtpl clean its tags
(``patch_xml``: tags split over runs, ``{%p %}``/``{%tr %}`` tags), and compiles
``word/document.xml`` (and any header or footer holding tags) with a sandboxed,
autoescaping Jinja environment. Every other part is deflated once; rendering
deflates the rendered parts and assembles the zip directly (``formats.zipparts``:
fixed dates, so the same report gives the same bytes). Values from a
report are data only: they are XML-escaped, never evaluated.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from jinja2 import StrictUndefined, TemplateError, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ...errors import ReportError
from ...fileio import read_input, write_bytes
from ..display import context
from ..zipparts import Packed, build_zip, pack

if TYPE_CHECKING:
    from ...model import Report

TemplateSource = str | os.PathLike[str] | bytes | IO[bytes]
_RENDERED = re.compile(r"^(word/(document|header\d*|footer\d*)|docProps/core)\.xml$")
_PARAGRAPH = re.compile(r"<w:p([ >])")
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
_TAG = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)
_INTERNAL = re.compile(r"""(?:\.|\[\s*['"]|attr\(\s*['"])\s*(_\w*)""")
"""An attribute starting with _ (``x.__class__``, ``x['_y']``, ``x|attr('__dict__')``): refused at load."""


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.globals.clear()  # no range(), dict(), lipsum() …: a template only places values
    return env


_JINJA = (
    (re.compile(r"'([^']+)' is undefined"), "没有「{0}」这一项（可用 reportgen template check 列出可用的标签）"),
    (re.compile(r"'[^']+' object has no attribute '([^']+)'"), "没有「{0}」这一项"),
    (re.compile(r"Expected an expression, got '([^']+)'"), "缺少表达式（遇到「{0}」）"),
    (re.compile(r"unexpected '([^']+)'"), "多余的「{0}」"),
    (re.compile(r"Unexpected end of template.*"), "标签没有结束（缺少 endif、endfor 或 }}}}）"),
    (re.compile(r"Encountered unknown tag '([^']+)'.*"), "无法识别的标签「{0}」"),
)


_TOKENS = {"end of statement block": "%}", "end of print statement": "}}", "end of template": "模板结尾"}


def _jinja_message(exc: TemplateError) -> str:
    """Jinja's message in Chinese where it is a common one, else as it is."""
    text = str(exc.message or exc)
    for pattern, chinese in _JINJA:
        match = pattern.search(text)
        if match:
            groups = [_TOKENS.get(g, g) for g in match.groups()]
            return chinese.format(*groups)
    return text


def _paragraph_text(xml_line: str) -> str:
    return re.sub(r"<[^>]+>", "", xml_line).strip()


class Renderer:
    """A compiled Word template of one edition; ``render(report, dest)`` may run in several threads."""

    def __init__(self, template: TemplateSource, edition: str | None = None) -> None:
        self.source = template if isinstance(template, str | os.PathLike) else "模板"
        self.edition = edition
        data = _read_template(template, str(self.source))
        self.parts: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.packed: dict[str, Packed | None] = {}
        """Every part in the template's order, deflated once; None for a part rendered per report."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zin:
                names = zin.namelist()
                if "word/document.xml" not in names:
                    raise ReportError.single(str(self.source), "", "不是 Word 文档（.docx），缺少正文部分")
                for name in names:
                    raw = zin.read(name)
                    if _RENDERED.match(name) and (name == "word/document.xml" or b"{{" in raw or b"{%" in raw):
                        self.sources[name] = self._prepare(raw.decode("utf-8"))
                        self.packed[name] = None
                    else:
                        self.packed[name] = pack(raw)
        except zipfile.BadZipFile:
            raise ReportError.single(str(self.source), "", "不是有效的 Word 文档（.docx）") from None
        self.env = _environment()
        self._asts: dict[str, nodes.Template] = {}
        for name, xml in self.sources.items():
            try:  # parsed once: the tree is both inspected (tags) and compiled
                self._asts[name] = self.env.parse(xml)
                self.parts[name] = self.env.from_string(self._asts[name])
            except TemplateSyntaxError as exc:
                raise self._error(exc, xml) from None
        unsafe = {name for xml in self.sources.values() for tag in _TAG.findall(xml) for name in _INTERNAL.findall(tag)}
        if unsafe:
            listed = "、".join(sorted(unsafe))
            raise ReportError.single(str(self.source), "", f"模板试图访问内部属性，已被拒绝：{listed}")

    @staticmethod
    def _prepare(xml: str) -> str:
        patched = patch_xml(xml)
        # One paragraph a line, so that an error can name its paragraph; undone after rendering
        # (data cannot hold "\n<w:p": its "<" is escaped).
        return _PARAGRAPH.sub(r"\n<w:p\1", patched)

    def _error(self, exc: TemplateError, xml: str | None = None) -> ReportError:
        where = ""
        lineno = getattr(exc, "lineno", None)
        if xml is not None and lineno:
            text = _paragraph_text(xml.splitlines()[lineno - 1]) if lineno <= xml.count("\n") + 1 else ""
            where = f"（出错的段落：「{text[:80]}」）" if text else ""
        if isinstance(exc, SecurityError):
            what = "模板试图访问内部属性，已被拒绝"
        elif isinstance(exc, TemplateSyntaxError):
            what = "模板标签有语法错误"
        elif isinstance(exc, UndefinedError):
            what = "模板使用了未知的标签"
        else:
            what = "模板无法填写"
        return ReportError.single(str(self.source), "", f"{what}：{_jinja_message(exc)}{where}")

    # -- rendering -------------------------------------------------------------

    def render_parts(self, context: dict[str, Any]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for name, template in self.parts.items():
            try:
                out[name] = template.render(context).replace("\n<w:p", "<w:p").encode("utf-8")
            except TemplateError as exc:
                raise self._error(exc, self.sources[name]) from None
        return out

    def render_context(self, context: dict[str, Any]) -> bytes:
        """The bytes of the .docx for a prepared context."""
        parts = self.render_parts(context)
        return build_zip({name: packed or pack(parts[name]) for name, packed in self.packed.items()})

    def render_bytes(self, report: Report) -> bytes:
        if self.edition and report.spec.key != self.edition:
            raise ReportError.single(
                str(self.source), "edition",
                f"模板是{self.edition}版，报告是{report.spec.key}版（{report.spec.notice}），请使用对应版本的模板")
        report.ensure_renderable()
        return self.render_context(context(report))

    def render(self, report: Report, dest: str | os.PathLike[str] | IO[bytes]) -> None:
        """Write the report to ``dest``: a path (replaced atomically) or a binary stream."""
        data = self.render_bytes(report)
        write_bytes(dest, data)

    # -- inspection ------------------------------------------------------------

    def tags(self) -> dict[str, set[str]]:
        """Tags the template reads: {"paths": dotted paths from the context, "unsafe": internal attributes}."""
        paths: set[str] = set()
        unsafe: set[str] = set()
        for ast in self._asts.values():
            roots = _roots(ast)
            for path in _paths(ast):
                if any(part.startswith("_") for part in path):
                    unsafe.update(part for part in path if part.startswith("_"))
                elif path[0] in roots:
                    paths.add(".".join(path))
        return {"paths": paths, "unsafe": unsafe}


# Anything docxtpl's cleaning would change besides {%p %} paragraphs: a tag split over
# runs, holding markup or typographic quotes, or another of docxtpl's special tags.
_NEEDS_DOCXTPL = re.compile(
    r"\{(?:<[^>]*>)+[{%#]|[%}#](?:<[^>]*>)+\}|{%-|-%}|{#|(?:{%|{{)(?:tr|tc|r) |{{p "
    r"|\b(?:colspan|cellbg|vm|hm)\b")
_PRESERVE = re.compile(r"<w:t>((?:(?!<w:t>).)*)({{.*?}}|{%.*?%})", re.DOTALL)
_P_TAG = re.compile(r"<w:p[ >](?:(?!<w:p[ >]).)*({%|{{)p ([^}%]*(?:%}|}})).*?</w:p>", re.DOTALL)


def patch_xml(xml: str) -> str:
    """docxtpl's cleaning of a template part (``DocxTemplate.patch_xml``).

    A part whose tags are whole, plain and at most ``{%p %}`` (the shipped templates) is
    cleaned here with docxtpl's own ``{%p %}`` rule, which spares importing docxtpl and
    python-docx when rendering; any other goes through docxtpl itself.
    """
    tags = _TAG.findall(xml)
    if _NEEDS_DOCXTPL.search(xml) or any(ch in tag for tag in tags for ch in "<&“”‘’"):
        from docxtpl import DocxTemplate

        patched: str = DocxTemplate(io.BytesIO()).patch_xml(xml)
        return patched
    xml = _PRESERVE.sub(r'<w:t xml:space="preserve">\1\2', xml)
    return _P_TAG.sub(r"\1 \2", xml)


def _roots(ast: nodes.Template) -> set[str]:
    """Names read from the context: every name loaded, less those a loop or assignment binds."""
    bound = {n.name for node in ast.find_all((nodes.For, nodes.Assign, nodes.With, nodes.Macro))
             for n in node.find_all(nodes.Name) if n.ctx in ("store", "param")}
    return {n.name for n in ast.find_all(nodes.Name) if n.ctx == "load"} - bound


def _chain(node: nodes.Node) -> list[str] | None:
    """['a', 'b', 'c'] for a.b.c / a['b'].c; None if not rooted in a name."""
    parts: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            parts.append(str(node.arg.value))
            node = node.node
        elif isinstance(node, nodes.Name):
            parts.append(node.name)
            return parts[::-1]
        else:
            return ["?", *parts[::-1]] if parts else None


def _paths(node: nodes.Node) -> Iterator[list[str]]:
    if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Name):
        chain = _chain(node)
        if chain is not None:
            yield chain
            if chain[0] != "?":
                return
    for child in node.iter_child_nodes():
        yield from _paths(child)


def _read_template(template: TemplateSource, source: str) -> bytes:
    if isinstance(template, bytes):
        return template
    if not isinstance(template, str | os.PathLike):
        return template.read()
    return read_input(template, MAX_TEMPLATE_BYTES)
