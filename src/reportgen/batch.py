"""Rendering many reports: streamed through parallel processes, each output name claimed once.

Workers load, check and render into a staging folder inside the output folder;
the parent moves each finished file into place in input order, so a name two
inputs would share is reported rather than overwritten, a failed render leaves
nothing behind, and nothing is held in memory but the names already written.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import ReportError
from .fileio import describe_os_error, output_stem

INPUT_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
OUTPUT_FORMATS = ("docx", "xlsx")
Status = Literal["rendered", "refused", "unreadable", "conflict", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What became of one input file."""

    source: str
    status: Status
    outputs: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    staged: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return self.status == "rendered"


def find_inputs(paths: Iterable[str | os.PathLike[str]], exclude: Path | None = None) -> list[Path]:
    """Data files and forms among ``paths``; folders are walked, hidden and lock files skipped."""
    found: list[Path] = []
    skip = exclude.resolve() if exclude else None
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            found.append(path)  # a missing file is reported as unreadable
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and (skip is None or Path(root, d).resolve() != skip))
            for name in sorted(files):
                if name.startswith((".", "~$")) or Path(name).suffix.lower() not in INPUT_SUFFIXES:
                    continue
                found.append(Path(root, name))
    return found


def _writer(fmt: str) -> Callable[..., None]:
    """render_docx / render_xlsx: each keeps its compiled templates for the life of the process."""
    return getattr(importlib.import_module(f"reportgen.formats.{fmt}"), f"render_{fmt}")


def _warm(formats: Sequence[str]) -> None:
    """Load and compile the shipped templates once, before the workers are forked from this process."""
    from .editions import EDITIONS
    from .model import Report

    for edition in EDITIONS.values():
        blank = Report.from_data({"edition": edition.key, "agency": "预热", "year": edition.first_year})
        for fmt in formats:
            _writer(fmt)(blank, io.BytesIO())


def _work(task: tuple[int, str, str, tuple[str, ...], bool]) -> Outcome:
    index, source, staging, formats, force = task
    from .formats import load

    try:
        report = load(source)
    except ReportError as exc:
        return Outcome(source, "unreadable", messages=tuple(str(p) for p in exc.problems))
    try:
        findings = report.check()
        errors = tuple(f.text for f in findings if f.is_error)
        if errors and not force:
            return Outcome(source, "refused", messages=errors)
        stem = output_stem(report.agency, report.year)
        staged = []
        for fmt in formats:
            dest = Path(staging, f"{index}.{fmt}")
            with open(dest, "wb") as fh:  # the staging folder is private: no temporary file needed
                _writer(fmt)(report, fh)
            staged.append((str(dest), f"{stem}.{fmt}"))
        warnings = tuple(f.text for f in findings if not f.is_error)
        return Outcome(source, "rendered", messages=errors + warnings, staged=tuple(staged))
    except ReportError as exc:
        return Outcome(source, "failed", messages=tuple(str(p) for p in exc.problems))
    except OSError as exc:
        return Outcome(source, "failed", messages=(describe_os_error(exc),))
    except Exception as exc:
        return Outcome(source, "failed", messages=(f"内部错误（{type(exc).__name__}: {exc}），"
                                                   "这是 reportgen 的缺陷，请把此行和所用的文件一并反馈",))


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def render_many(
    inputs: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    formats: Sequence[str] = OUTPUT_FORMATS,
    jobs: int = 1,
    force: bool = False,
) -> Iterator[Outcome]:
    """Render every input into ``outdir``, yielding one Outcome per input, in input order."""
    if any(not isinstance(p, str | os.PathLike) for p in inputs):
        raise TypeError("render_many 接受数据文件或填报表的路径；已载入的 Report 请用 render_docx / render_xlsx")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    formats = tuple(formats)
    staging = tempfile.mkdtemp(prefix=".reportgen-batch-", dir=out)
    claimed: dict[str, str] = {}
    tasks = ((i, str(p), staging, formats, force) for i, p in enumerate(inputs))
    _warm(formats)
    pool = _context().Pool(jobs) if jobs > 1 and len(inputs) > 1 else None
    try:
        results = pool.imap(_work, tasks, chunksize=4) if pool else map(_work, tasks)
        for outcome in results:
            yield _place(outcome, out, claimed)
    finally:
        if pool:
            pool.terminate()
            pool.join()
        shutil.rmtree(staging, ignore_errors=True)


def _place(outcome: Outcome, out: Path, claimed: dict[str, str]) -> Outcome:
    """Move a worker's staged files into place, unless another input claimed the name."""
    if not outcome.ok:
        return outcome
    clash = next((name for _, name in outcome.staged if name in claimed), None)
    if clash:
        for staged, _ in outcome.staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(staged)
        return Outcome(outcome.source, "conflict",
                       messages=(f"输出文件「{clash}」与 {claimed[clash]} 重名，未写入（请检查机关名称和年度）",))
    outputs = []
    for staged, name in outcome.staged:
        os.replace(staged, out / name)
        claimed[name] = outcome.source
        outputs.append(str(out / name))
    return Outcome(outcome.source, "rendered", tuple(outputs), outcome.messages)
