"""A Word template part as a substitution plan: the characters Jinja would give, without Jinja.

The shipped templates use a small part of Jinja, and so may a custom one:

    {{ a.b.c }}                          a value: a name, then keys or attributes; XML-escaped as autoescape does
    {% for x in a.b %} … {% endfor %}    over a list
    {% if [not] a.b [and|or …] %} … {% elif … %} … {% else %} … {% endif %}

``compile_plan`` reads a part as the engine prepares it for Jinja (docxtpl's cleaning done, a line
break before each paragraph) and returns None for anything else: filters, calls, literals, brackets,
whitespace control, comments, names Jinja treats specially (``loop``, ``self`` …) or the sandbox
refuses (``_…``, ``update`` …), loops nested deeper than ``MAX_LOOP_DEPTH``. Such a part keeps the
Jinja path, which also gives every error.

``Plan.render`` evaluates nothing but lookups: a key of a dict (not one of dict's own attributes, which
Jinja would return instead), an attribute stored in a SimpleNamespace. It prints only str, tests the
truth only of plain data, loops only over lists and tuples. Anything else (another type, a missing
key, more loop iterations than ``MAX_ITERATIONS``, output past half of ``MAX_OUTPUT``) makes it return
None, and the Jinja path renders the part instead: its result or its error, exactly.

Jinja's output differs from the plan's in one way, undone by the engine: the line break before each
paragraph (``"\\n<w:p"`` -> ``"<w:p"``). The plan removes it from its literal text when compiling; a
part where that could differ (a literal ending in a line break or starting ``<w:p`` without one) has
no plan.
"""

from __future__ import annotations

import keyword
import re
from types import SimpleNamespace
from typing import Any

from .limits import MAX_ITERATIONS, MAX_LOOP_DEPTH, MAX_OUTPUT, REFUSED_METHODS

_NAME = r"[A-Za-z][A-Za-z0-9_]*"
_PATH = rf"{_NAME}(?:\.{_NAME})*"
_OPEN = re.compile(r"\{[{%#]")
_VAR = re.compile(rf"\{{\{{\s*({_PATH})\s*\}}\}}")
_FOR = re.compile(rf"\{{%\s*for\s+({_NAME})\s+in\s+({_PATH})\s*%\}}")
_IF = re.compile(r"\{%\s*(if|elif)\s+([A-Za-z0-9_.\s]+?)\s*%\}")
_BARE = re.compile(r"\{%\s*(else|endif|endfor)\s*%\}")
_NEWLINES = re.compile(r"\r\n?")
"""Jinja's lexer reads \\r\\n and \\r as \\n."""
_PARAGRAPH = "\n<w:p"
_SPLIT_ENDS = ("\n", "\n<", "\n<w", "\n<w:")
_SPECIAL = re.compile(r"[&<>\"']").search
_RESERVED = frozenset({*keyword.kwlist, "true", "false", "none", "loop", "self", "super", "caller", "varargs",
                       "kwargs", "rg_loop", "recursive", "elif", "endif", "endfor", "block", "set"}) | REFUSED_METHODS
"""Names Jinja reads as keywords, constants or its own variables, or the sandbox refuses: no plan."""
_DICT_ATTRS = frozenset(n for n in dir(dict) if not n.startswith("_"))
"""``d.items`` is dict.items in Jinja, not d["items"]: such a lookup in a dict goes to Jinja."""
_PLAIN = frozenset({str, list, tuple, dict, type(None), bool, int, SimpleNamespace})
"""Types whose truth a condition may test (what the report context holds)."""
SIZE_LIMIT = MAX_OUTPUT // 2
"""Output (UTF-8 bytes) past this goes to Jinja: Jinja's text (characters, a line break more before each
"<w:p") is at most 5/4 of the plan's bytes, so below this Jinja never reaches MAX_OUTPUT, and above it
Jinja decides."""

_MAX_DEPTH = 16
"""Blocks inside blocks; deeper goes to Jinja."""
_UNBOUND = object()

TEXT, VALUE, LOOP, BRANCH, RUN = 0, 1, 2, 3, 4
Path = tuple[str, tuple[str, ...]]
Node = tuple[Any, ...]


class Unplanned(Exception):
    """Raised while rendering when Jinja must render the part instead."""


class Plan:
    """The compiled part: a tree of (TEXT, UTF-8), (RUN, texts, values by parent, count) for text and
    values in a row, (LOOP, name, path, body), (BRANCH, [(condition, body), …], else body)."""

    def __init__(self, body: list[Node], tags: int) -> None:
        self.body = body
        self.tags = tags
        """Tags read, each ``{{ }}`` or ``{% %}`` (as the engine counts them against MAX_TAGS)."""

    def render(self, context: dict[str, Any]) -> bytes | None:
        """The rendered part in UTF-8, or None when Jinja must render it."""
        state = _State(dict(context))
        try:
            _run(self.body, state)
            if state.size + sum(map(len, state.out[state.mark:])) > SIZE_LIMIT:
                return None
        except Unplanned:
            return None
        return b"".join(state.out)


class _State:
    __slots__ = ("count", "mark", "out", "scope", "size")

    def __init__(self, scope: dict[str, Any]) -> None:
        self.scope = scope
        self.out: list[bytes] = []
        self.count = 0
        self.size = 0
        self.mark = 0


def escape(text: str) -> str:
    """What autoescape (markupsafe.escape) makes of a str."""
    if not _SPECIAL(text):
        return text
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
            .replace('"', "&#34;"))


def lookup(scope: dict[str, Any], path: Path) -> Any:
    """The value at a path, as the sandbox would find it; Unplanned when it would not be plain data."""
    root, attrs = path
    try:
        value = scope[root]
        for attr in attrs:
            kind = type(value)
            if kind is dict:
                if attr in _DICT_ATTRS:
                    raise Unplanned
                value = value[attr]
            elif kind is SimpleNamespace:
                value = value.__dict__[attr]
            else:
                raise Unplanned
    except KeyError:
        raise Unplanned from None
    return value


def _run(body: list[Node], state: _State) -> None:
    out = state.out
    for node in body:
        kind = node[0]
        if kind == TEXT:
            out.append(node[1])
        elif kind == RUN:
            _run_values(node, state)
        elif kind == LOOP:
            _loop(node, state)
        else:
            for condition, branch in node[1]:
                if _true(condition, state.scope):
                    _run(branch, state)
                    break
            else:
                _run(node[2], state)


def _run_values(node: Node, state: _State) -> None:
    """Text and values in a row: each parent looked up once, the values escaped and encoded together."""
    _, texts, groups, count = node
    values: list[Any] = [None] * count
    for prefix, leaves, clash in groups:
        parent = state.scope if prefix is None else lookup(state.scope, prefix)
        kind = type(parent)
        if kind is SimpleNamespace and prefix is not None:
            parent = parent.__dict__
        elif kind is not dict or clash:
            raise Unplanned
        try:
            for name, index in leaves:
                values[index] = parent[name]
        except KeyError:
            raise Unplanned from None
    if any(type(value) is not str for value in values):
        raise Unplanned
    joined = "\x00".join(values)  # escaping and encoding are per character: done to all values at once
    try:
        if joined.count("\x00") == count - 1:
            encoded = escape(joined).encode("utf-8").split(b"\x00")
        else:  # a value holds NUL itself
            encoded = [escape(value).encode("utf-8") for value in values]
    except UnicodeEncodeError:  # a lone surrogate: Jinja's error
        raise Unplanned from None
    out: list[bytes] = [b""] * (2 * count + 1)
    out[0::2] = texts
    out[1::2] = encoded
    state.out += out


def _loop(node: Node, state: _State) -> None:
    _, name, path, body = node
    items = lookup(state.scope, path)
    if type(items) is not list and type(items) is not tuple:
        raise Unplanned
    scope, out = state.scope, state.out
    outer = scope.get(name, _UNBOUND)
    for item in items:
        state.count += 1
        if state.count > MAX_ITERATIONS:
            raise Unplanned
        scope[name] = item
        _run(body, state)
        state.size += sum(map(len, out[state.mark:]))
        state.mark = len(out)
        if state.size > SIZE_LIMIT:
            raise Unplanned
    if outer is _UNBOUND:
        scope.pop(name, None)
    else:
        scope[name] = outer


def _true(condition: Node, scope: dict[str, Any]) -> bool:
    op = condition[0]
    if op == "not":
        return not _true(condition[1], scope)
    if op == "and":
        return _true(condition[1], scope) and _true(condition[2], scope)
    if op == "or":
        return _true(condition[1], scope) or _true(condition[2], scope)
    value = lookup(scope, condition[1])
    if type(value) not in _PLAIN:
        raise Unplanned
    return bool(value)


# -- compiling -------------------------------------------------------------------------------------


def compile_plan(xml: str) -> Plan | None:
    """The plan of a prepared template part, or None when it uses more than the subset."""
    text = _NEWLINES.sub("\n", xml)
    root: list[Node] = []
    body = root
    stack: list[tuple[str, list[Node], Node]] = []  # (kind, enclosing body, open node)
    pos = tags = 0
    while True:
        match = _OPEN.search(text, pos)
        literal = text[pos:match.start() if match else len(text)]
        if literal:
            if literal.endswith(_SPLIT_ENDS) or literal.startswith("<w:p"):
                return None
            body.append((TEXT, literal.replace(_PARAGRAPH, "<w:p").encode("utf-8")))
        if match is None:
            break
        start = match.start()
        if tag := _VAR.match(text, start):
            path = _path(tag[1])
            if path is None:
                return None
            body.append((VALUE, path))
        elif tag := _FOR.match(text, start):
            path = _path(tag[2])
            if path is None or _bad(tag[1]) or sum(k == "for" for k, _, _ in stack) >= MAX_LOOP_DEPTH:
                return None
            node: Node = (LOOP, tag[1], path, [])
            body.append(node)
            stack.append(("for", body, node))
            body = node[3]
        elif tag := _IF.match(text, start):
            condition = _condition(tag[2].split())
            if condition is None:
                return None
            if tag[1] == "if":
                node = (BRANCH, [(condition, [])], [])
                body.append(node)
                stack.append(("if", body, node))
            elif not stack or stack[-1][0] != "if":
                return None
            else:
                stack[-1][2][1].append((condition, []))
            body = stack[-1][2][1][-1][1]
        elif tag := _BARE.match(text, start):
            word, top = tag[1], stack[-1][0] if stack else None
            if top not in {"endfor": ("for",), "endif": ("if", "else"), "else": ("if",)}[word]:
                return None
            if word == "else":
                stack[-1] = ("else", stack[-1][1], stack[-1][2])  # no elif or else after it
                body = stack[-1][2][2]
            else:
                body = stack.pop()[1]
        else:
            return None
        if len(stack) > _MAX_DEPTH:
            return None
        tags += 1
        pos = tag.end()
    return Plan(_runs(root), tags) if not stack else None


def _runs(body: list[Node]) -> list[Node]:
    """Each row of text and values (with at least one value) as one RUN node, inside loops and branches too."""
    out: list[Node] = []
    row: list[Node] = []
    for node in body:
        if node[0] in (TEXT, VALUE):
            row.append(node)
            continue
        out += _run_of(row)
        row = []
        if node[0] == LOOP:
            out.append((LOOP, node[1], node[2], _runs(node[3])))
        else:
            out.append((BRANCH, [(c, _runs(b)) for c, b in node[1]], _runs(node[2])))
    return out + _run_of(row)


def _run_of(row: list[Node]) -> list[Node]:
    return [_run_node(row)] if any(n[0] == VALUE for n in row) else row


def _run_node(row: list[Node]) -> Node:
    """(RUN, texts around the values, groups of values by parent, number of values)."""
    texts: list[bytes] = [b""]
    paths: list[Path] = []
    for node in row:
        if node[0] == TEXT:
            texts[-1] += node[1]
        else:
            paths.append(node[1])
            texts.append(b"")
    groups: dict[Path | None, list[tuple[str, int]]] = {}
    for index, (root, attrs) in enumerate(paths):
        prefix = (root, attrs[:-1]) if attrs else None
        groups.setdefault(prefix, []).append((attrs[-1] if attrs else root, index))
    return (RUN, tuple(texts), tuple((prefix, tuple(leaves), prefix is not None and any(
        name in _DICT_ATTRS for name, _ in leaves)) for prefix, leaves in groups.items()), len(paths))


def _bad(name: str) -> bool:
    return name in _RESERVED


def _path(dotted: str) -> Path | None:
    names = dotted.split(".")
    if any(_bad(n) for n in names):
        return None
    return names[0], tuple(names[1:])


def _condition(words: list[str]) -> Node | None:
    """``[not] a.b [and|or [not] c …]`` as a tree (or binds looser than and, as in Jinja); None otherwise."""
    alternatives: list[Node] = []
    for part in " ".join(words).split(" or "):
        terms: list[Node] = []
        for term in part.split(" and "):
            node = _negation(term.split())
            if node is None:
                return None
            terms.append(node)
        alternatives.append(_fold("and", terms))
    return _fold("or", alternatives)


def _negation(words: list[str]) -> Node | None:
    nots = 0
    while nots < len(words) - 1 and words[nots] == "not":
        nots += 1
    if len(words) != nots + 1:
        return None
    path = _path(words[-1])
    if path is None:
        return None
    node: Node = ("path", path)
    for _ in range(nots):
        node = ("not", node)
    return node


def _fold(op: str, nodes: list[Node]) -> Node:
    node = nodes[0]
    for other in nodes[1:]:
        node = (op, node, other)
    return node
