"""A template's parts compiled by the sandboxed, autoescaping Jinja environment (``sandbox``).

The path of every part the substitution plan (``plan``) cannot render, and of every error: a template
beyond the plan's subset is compiled here when it is loaded; one within it only when a report needs
Jinja (a value the plan does not print) or its tags are listed (``template check``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jinja2 import TemplateError, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

from ...errors import ReportError
from . import sandbox
from .cleaning import TAG
from .limits import MAX_TAGS, too_many_tags

_INTERNAL = re.compile(r"""(?:\.|\[\s*['"]|attr\(\s*['"])\s*(_\w*)""")
"""An attribute starting with _ (``x.__class__``, ``x['_y']``, ``x|attr('__dict__')``): refused at load."""


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


class JinjaParts:
    """The rendered parts of a template ({name: prepared XML}) compiled once; ReportError when refused."""

    def __init__(self, sources: dict[str, str], source: str) -> None:
        self.source = source
        self.sources = sources
        self.env = sandbox.environment()
        self.parts: dict[str, Any] = {}
        self._asts: dict[str, nodes.Template] = {}
        for name, xml in sources.items():
            tags = len(TAG.findall(xml))
            if tags > MAX_TAGS:  # before parsing: the parse of 300,000 tags takes gigabytes
                raise ReportError.single(source, "", too_many_tags(tags))
            try:  # parsed twice: one tree inspected (tags), one with its loops counted compiled
                self._asts[name] = self.env.parse(xml)
                why = sandbox.refusal(self._asts[name], tags)
                if why:
                    raise ReportError.single(source, "", why)
                self.parts[name] = self.env.from_string(sandbox.guard_loops(self.env.parse(xml)))
            except TemplateSyntaxError as exc:
                raise self._error(exc, xml) from None
            except RecursionError:
                raise ReportError.single(source, "", "模板标签嵌套过深") from None
        unsafe = {name for xml in sources.values() for tag in TAG.findall(xml) for name in _INTERNAL.findall(tag)}
        if unsafe:
            listed = "、".join(sorted(unsafe))
            raise ReportError.single(source, "", f"模板试图访问内部属性，已被拒绝：{listed}")

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
        return ReportError.single(self.source, "", f"{what}：{_jinja_message(exc)}{where}")

    def render(self, name: str, context: dict[str, Any]) -> bytes:
        """One part rendered (the line break before each paragraph undone), as UTF-8."""
        try:
            text = sandbox.render_bounded(self.parts[name], context)
            return text.replace("\n<w:p", "<w:p").encode("utf-8")
        except sandbox.LimitError as exc:
            raise ReportError.single(self.source, "", f"模板超出限制，已停止填写：{exc.message}") from None
        except TemplateError as exc:
            raise self._error(exc, self.sources[name]) from None
        except RecursionError:
            raise ReportError.single(self.source, "", "模板中的调用层数过多，已停止填写") from None
        except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
            kind = _KINDS.get(type(exc), "计算错误")
            raise ReportError.single(self.source, "", f"模板无法填写：表达式出错（{kind}）") from None

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
