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

from jinja2 import TemplateError, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ...errors import ReportError
from ...fileio import read_input, write_bytes
from ..display import context
from ..zipparts import Packed, build_zip, pack
from . import sandbox

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
    return sandbox.environment()


_JINJA = (
    (re.compile(r"'([^']+)' is undefined"), "没有「{0}」这一项（可用 reportgen template check 列出可用的标签）"),
    (re.compile(r"'[^']+' object has no attribute '([^']+)'"), "没有「{0}」这一项"),
    (re.compile(r"Expected an expression, got '([^']+)'"), "缺少表达式（遇到「{0}」）"),
    (re.compile(r"unexpected '([^']+)'"), "多余的「{0}」"),
    (re.compile(r"Unexpected end of template.*"), "标签没有结束（缺少 endif、endfor 或 }}}}）"),
    (re.compile(r"Encountered unknown tag '([^']+)'.*"), "无法识别的标签「{0}」"),
    (re.compile(r"access to attribute '([^']+)' of '[^']+' object is unsafe"), "不能使用「{0}」"),
    (re.compile(r"no filter named '([^']+)'"), "没有名为「{0}」的过滤器"),
    (re.compile(r"no test named '([^']+)'"), "没有名为「{0}」的测试"),
    (re.compile(r"expected token '([^']+)', got '([^']+)'"), "此处应为「{0}」，实为「{1}」"),
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
    return text if re.search("[\u4e00-\u9fff]", text) else "无法处理此处的标签"


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
                _check_parts(zin, str(self.source))
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
        self.env = _environment()
        self._asts: dict[str, nodes.Template] = {}
        for name, xml in self.sources.items():
            tags = len(_TAG.findall(xml))
            if tags > sandbox.MAX_TAGS:  # before parsing: the parse of 300,000 tags takes gigabytes
                raise ReportError.single(str(self.source), "", sandbox.too_many_tags(tags))
            try:  # parsed twice: one tree inspected (tags), one with its loops counted compiled
                self._asts[name] = self.env.parse(xml)
                why = sandbox.refusal(self._asts[name], tags)
                if why:
                    raise ReportError.single(str(self.source), "", why)
                self.parts[name] = self.env.from_string(sandbox.guard_loops(self.env.parse(xml)))
            except TemplateSyntaxError as exc:
                raise self._error(exc, xml) from None
            except RecursionError:
                raise ReportError.single(str(self.source), "", "模板标签嵌套过深") from None
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
                out[name] = sandbox.render_bounded(template, context).replace("\n<w:p", "<w:p").encode("utf-8")
            except sandbox.LimitError as exc:
                raise ReportError.single(str(self.source), "", f"模板超出限制，已停止填写：{exc.message}") from None
            except TemplateError as exc:
                raise self._error(exc, self.sources[name]) from None
            except RecursionError:
                raise ReportError.single(str(self.source), "", "模板中的调用层数过多，已停止填写") from None
            except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
                kind = _KINDS.get(type(exc), "计算错误")
                raise ReportError.single(str(self.source), "", f"模板无法填写：表达式出错（{kind}）") from None
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


_KINDS: dict[type, str] = {TypeError: "类型不符", ZeroDivisionError: "除数为零", KeyError: "没有这一项",
                           IndexError: "序号超出范围", ValueError: "值无效", OverflowError: "数值过大"}
MAX_PART_BYTES = 50 * 1024 * 1024
"""Largest part of a template once unzipped, checked from the zip directory before reading."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""Largest total of a template's parts once unzipped."""
_MACROS = ("vbaProject", "macroEnabled", "vbaData", "activeX")


def _check_parts(zin: zipfile.ZipFile, source: str) -> None:
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
