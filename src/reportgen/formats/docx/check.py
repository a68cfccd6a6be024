"""Checking a custom Word template: which tags it lacks, and which it reads that do not exist."""

from __future__ import annotations

from typing import Any

from ...editions import get_edition
from ..display import sample_context
from .engine import Renderer
from .writer import shipped_renderer

ALTERNATIVES = {"title_lines": "title", "title": "title_lines", "preamble_parts": "preamble",
                "preamble": "preamble_parts"}
"""A template shows the title either whole or as lines, the preamble as text or as parts."""
OPTIONAL = {"draft", "draft_note"}
"""Tags added after templates were first exported: a template without them still renders every figure."""


def _resolves(context: Any, path: list[str]) -> bool:
    node = context
    for part in path:
        if isinstance(node, list):
            return True  # an item of a list: checked where the loop reads it
        if isinstance(node, dict):
            if part not in node:
                return False
            node = node[part]
        elif hasattr(node, "__dict__") and part in vars(node):
            node = vars(node)[part]
        else:
            return False
    return True


def check_template(renderer: Renderer, edition: str) -> tuple[list[str], list[str]]:
    """(missing, unknown) tags of a custom template, against the shipped one of ``edition``."""
    expected = shipped_renderer(edition).tags()["paths"]
    found = renderer.tags()["paths"]
    context = sample_context(get_edition(edition))

    def covered(path: str) -> bool:
        parts = path.split(".")
        prefixes = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
        return bool(prefixes & found) or ALTERNATIVES.get(path) in found

    missing = sorted(p for p in expected - OPTIONAL
                     if not covered(p) and not any(f.startswith(p + ".") for f in found))
    unknown = sorted(p for p in found if not _resolves(context, p.split(".")))
    return missing, unknown
