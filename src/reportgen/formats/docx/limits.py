"""The limits of a custom Word template, without Jinja: shared by the sandbox (``sandbox``) and the plan (``plan``).

``sandbox`` explains them; ``docs/limits.md`` lists them for users.
"""

from __future__ import annotations

MAX_STRING = 1_000_000
"""Characters of a text (or items of a list) a template expression may make."""
MAX_BITS = 4096
"""Bits of a whole number a template expression may make."""
MAX_ITERATIONS = 1_000_000
"""Loop iterations in one rendering, all loops together."""
MAX_OUTPUT = 50_000_000
"""Characters of one rendered part (word/document.xml, a header …)."""
MAX_TAGS = 20_000
"""Tags ({{ }} and {% %}) in a template; the shipped ones have some 250."""
MAX_LOOP_DEPTH = 4
"""Loops inside loops."""

REFUSED_FILTERS = ("safe", "xmlattr", "urlize", "center", "indent", "wordwrap", "format", "pprint", "tojson",
                   "filesizeformat", "replace", "batch", "slice")
"""Filters that mark text as markup (safe, xmlattr, urlize) or multiply its size."""
REFUSED_METHODS = frozenset({"format", "format_map", "center", "ljust", "rjust", "zfill", "expandtabs", "replace",
                             "join", "mro", "append", "extend", "insert", "update", "pop", "clear", "setdefault"})
"""Methods a template may not call: they widen text or change the report's data."""


def too_many_tags(tags: int) -> str:
    return f"模板中的标签过多（{tags} 个，上限为 {MAX_TAGS} 个）"
