"""Finding the input files of a run, and recognising the reports reportgen itself wrote."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import ReportError
from ..fileio import is_regular_file, read_input
from ..formats import registry
from .outputs import path_key

_log = logging.getLogger("reportgen")


def find_inputs(paths: Iterable[str | os.PathLike[str]], exclude: Path | None = None,
                own_outputs: bool = False) -> list[Path]:
    """Input files among ``paths``; folders are walked.

    A walk skips hidden and lock files, whatever is not a regular file (a pipe,
    a device, a link to one) and the reports reportgen itself wrote (so that
    ``batch D -o D`` never reads its own outputs back). A file named explicitly
    is always taken. ``own_outputs``: take reportgen's reports too (to check
    published reports, where nothing is written). A file found twice (named
    twice, or in two of the folders given) is taken once.
    """
    found: list[Path] = []
    seen: set[str] = set()
    skip = exclude.resolve() if exclude else None
    suffixes = registry.input_suffixes()
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            if _first(path, seen):
                found.append(path)  # a missing file is reported as unreadable
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and (skip is None or Path(root, d).resolve() != skip))
            for name in sorted(files):
                if name.startswith((".", "~$")) or Path(name).suffix.lower() not in suffixes:
                    _log.debug("跳过 %s（隐藏文件、锁文件或不是报告文件）", Path(root, name))
                    continue
                candidate = Path(root, name)
                if is_regular_file(candidate) and (own_outputs or not _written_by_us(candidate)) \
                        and _first(candidate, seen):
                    found.append(candidate)
    return found


def distinct(paths: Iterable[str]) -> list[str]:
    """``paths`` in order, each file once (``render a.yaml ./a.yaml`` renders it once)."""
    seen: set[str] = set()
    return [p for p in paths if _first(Path(p), seen)]


def _first(path: Path, seen: set[str]) -> bool:
    """Whether ``path`` names a file not in ``seen`` (which it joins)."""
    key = path_key(path)
    if key in seen:
        return False
    seen.add(key)
    return True


_OWN_MAX_BYTES = 4 * 1024 * 1024
"""Largest file looked at as a possible report of reportgen's (they are some 100 KB): a walk stays cheap."""


def _written_by_us(path: Path) -> bool:
    try:
        if path.stat().st_size > _OWN_MAX_BYTES or registry.for_suffix(path) is None:
            return False
        return registry.is_own_output(path, read_input(path, _OWN_MAX_BYTES))
    except (ReportError, OSError):
        return False  # unreadable: taken, and reported as such
