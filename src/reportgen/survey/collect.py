"""Reading many inputs, one failure never stopping the rest (as ``batch.produce`` does for one)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..batch import find_inputs
from ..batch.outputs import path_key
from ..errors import ReportError
from ..fileio import describe_os_error
from ..formats import load, registry
from ..model import Report

Progress = Callable[[str, bool], None]
"""Called after each input with its name and whether it was read."""


@dataclass(frozen=True)
class Loaded:
    """One input: its report, or why it could not be read."""

    source: str
    kind: str
    """What the file is, for a person: Excel 报表, 已发布报告（Word 报告）…"""
    report: Report | None = None
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.report is not None


def _kind(path: str, report: Report | None) -> str:
    fmt = registry.for_suffix(path)
    title = fmt.title if fmt else (Path(path).suffix or "未知类型")
    if report is not None and report.provenance is not None:
        return f"已发布报告（{title.split('（')[0]}）"
    return title


def load_one(path: str | os.PathLike[str]) -> Loaded:
    """Read one input; a file that cannot be read gives its problems, never an exception."""
    name = str(path)
    try:
        report = load(path)
    except ReportError as exc:
        return Loaded(name, _kind(name, None), problems=tuple(map(str, exc.problems)))
    except OSError as exc:
        return Loaded(name, _kind(name, None), problems=(describe_os_error(exc),))
    except Exception as exc:  # one broken file must not stop the others
        return Loaded(name, _kind(name, None),
                      problems=(f"内部错误（{type(exc).__name__}: {exc}），这是 reportgen 的缺陷，请反馈此文件",))
    return Loaded(name, _kind(name, report), report)


def inputs_of(paths: Iterable[str | os.PathLike[str]], outputs: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Every input among ``paths`` (folders walked as ``batch`` walks them), reports reportgen made
    included (published reports are read here, many of them made by reportgen), but never a file
    the command itself writes (``outputs``: an earlier run's 汇总.yaml or 审核结果.xlsx in the folder)."""
    written = {path_key(p) for p in outputs}
    return [p for p in find_inputs(paths, own_outputs=True) if not written or path_key(p) not in written]


def load_all(paths: Iterable[str | os.PathLike[str]], progress: Progress | None = None,
             outputs: Iterable[str | os.PathLike[str]] = ()) -> Iterator[Loaded]:
    """Every input among ``paths`` (``inputs_of``), read in order."""
    for path in inputs_of(paths, outputs):
        loaded = load_one(path)
        if progress:
            progress(loaded.source, loaded.ok)
        yield loaded


def count_inputs(paths: Iterable[str | os.PathLike[str]], outputs: Iterable[str | os.PathLike[str]] = ()) -> int:
    return len(inputs_of(paths, outputs))
