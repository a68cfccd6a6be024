"""The limits of a custom Word template: what it may do, and how much work and output it may cause.

Jinja's sandbox keeps a template away from Python's internals; it does not bound
work. A template is a file from outside, so here it is bounded too:

* nothing is computed while compiling (no constant folding: ``{{ 'a' * 10**9 }}``
  would be evaluated by ``template check``);
* ``*``, ``**``, ``+`` and ``%`` refuse results larger than ``MAX_STRING``
  characters or items, or numbers of more than ``MAX_BITS`` bits;
* every loop counts its iterations, all loops of one rendering together
  (``MAX_ITERATIONS``), and a rendered part is at most ``MAX_OUTPUT`` characters;
* filters and methods that make text wider or mark it safe are refused
  (``safe`` would also let report data inject Word markup);
* ``include``, ``extends`` and ``import`` are refused (a template is one file),
  as are more than ``MAX_TAGS`` tags.
"""

from __future__ import annotations

import contextvars
import operator
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from .limits import (
    MAX_BITS,
    MAX_ITERATIONS,
    MAX_LOOP_DEPTH,
    MAX_OUTPUT,
    MAX_STRING,
    MAX_TAGS,
    REFUSED_FILTERS,
    REFUSED_METHODS,
    too_many_tags,
)

_iterations: contextvars.ContextVar[list[int]] = contextvars.ContextVar("reportgen_template_iterations")


class LimitError(SecurityError):
    """A template asked for more work or output than allowed."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


class GuardedEnvironment(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "**":
            if isinstance(left, int | float) and isinstance(right, int | float):
                bits = abs(int(left)).bit_length() * abs(int(right)) if right > 0 else 0
                if bits > MAX_BITS:
                    raise LimitError(f"乘方的结果过大（超过 {MAX_BITS} 位二进制数）")
            return operator.pow(left, right)
        if op == "*":
            for seq, times in ((left, right), (right, left)):
                if _size(seq) and isinstance(times, int) and _size(seq) * times > MAX_STRING:
                    raise LimitError(f"重复生成的文字或列表过长（超过 {MAX_STRING} 个）")
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_BITS:
                raise LimitError(f"乘法的结果过大（超过 {MAX_BITS} 位二进制数）")
            return operator.mul(left, right)
        if op == "%" and isinstance(left, str):
            raise LimitError("模板中不能用「%」格式化文字")
        if op == "+" and _size(left) + _size(right) > MAX_STRING:
            raise LimitError(f"拼接的文字或列表过长（超过 {MAX_STRING} 个）")
        return super().call_binop(context, op, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return attr not in REFUSED_METHODS and super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute in REFUSED_METHODS:  # before Jinja's own handling of str.format
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument in REFUSED_METHODS and not isinstance(obj, Mapping):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)


def environment() -> GuardedEnvironment:
    env = GuardedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                             optimized=False)  # no constant folding: nothing is computed while compiling
    env.globals.clear()  # no range(), dict(), lipsum() …: a template only places values
    env.globals["rg_loop"] = counted
    for name in REFUSED_FILTERS:
        env.filters.pop(name, None)
    return env


def counted(iterable: Iterable[Any]) -> Iterator[Any]:
    """An iterable whose items count against the rendering's ``MAX_ITERATIONS``."""
    count = _iterations.get(None)
    for item in iterable:
        if count is not None:
            count[0] += 1
            if count[0] > MAX_ITERATIONS:
                raise LimitError(f"模板中的循环次数过多（合计超过 {MAX_ITERATIONS} 次）")
        yield item


def render_bounded(template: Any, context: dict[str, Any]) -> str:
    """The rendered text, its loops counted and its size bounded while it is produced."""
    token = _iterations.set([0])
    try:
        chunks: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise LimitError(f"模板生成的内容过长（超过 {MAX_OUTPUT} 个字符）")
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _iterations.reset(token)


def refusal(ast: nodes.Template, tags: int) -> str | None:
    """Why a parsed template is refused before it is compiled, or None."""
    if tags > MAX_TAGS:
        return too_many_tags(tags)
    for kind, what in ((nodes.Include, "include"), (nodes.Extends, "extends"), (nodes.Import, "import"),
                       (nodes.FromImport, "import")):
        if next(ast.find_all(kind), None) is not None:
            return f"模板不能使用「{what}」标签（模板只能是一个文件，不能引用其他模板）"
    for name in ast.find_all(nodes.Filter):
        if name.name in REFUSED_FILTERS:
            return f"模板不能使用过滤器「{name.name}」（会改变文字的转义，或使文字成倍增长）"
    if _depth(ast) > MAX_LOOP_DEPTH:
        return f"模板中的循环嵌套过深（超过 {MAX_LOOP_DEPTH} 层）"
    cycle = _recursive_macro(ast)
    if cycle:
        return f"模板中的宏「{cycle}」调用了自身（递归），已被拒绝"
    return None


def _recursive_macro(ast: nodes.Template) -> str | None:
    """A macro that calls itself, directly or through others: its work would have no bound."""
    macros = {m.name: m for m in ast.find_all(nodes.Macro)}
    calls = {name: {c.node.name for c in m.find_all(nodes.Call) if isinstance(c.node, nodes.Name)} & set(macros)
             for name, m in macros.items()}
    for start in calls:
        seen: set[str] = set()
        todo = list(calls[start])
        while todo:
            name = todo.pop()
            if name == start:
                return start
            if name not in seen:
                seen.add(name)
                todo.extend(calls[name])
    return None


def _depth(node: nodes.Node) -> int:
    inner = max((_depth(child) for child in node.iter_child_nodes()), default=0)
    return inner + 1 if isinstance(node, nodes.For) else inner


def guard_loops(ast: nodes.Template) -> nodes.Template:
    """Every ``{% for %}`` iterates through ``counted``, so that all loops share one bound."""
    for loop in ast.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.Name("rg_loop", "load"), [loop.iter], [], None, None, lineno=loop.lineno)
    return ast
