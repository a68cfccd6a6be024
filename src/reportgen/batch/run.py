"""``render_many``: many inputs through the pipeline, in this process or in worker processes.

Workers produce into a staging folder inside the output folder; the parent moves each finished
file into place in input order, so a name two inputs would share is reported rather than
overwritten, a failed render leaves nothing behind, and nothing is held in memory but the names
already written. An interruption (Ctrl-C, SIGTERM) leaves no staging folder behind.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import ReportError
from ..fileio import describe_os_error, output_stem
from ..formats import Format, registry
from .outputs import Outcome, internal_error, path_key, place
from .pipeline import default_outputs, produce, warm

_log = logging.getLogger("reportgen")

_Task = tuple[int, str, str, tuple[str, ...], bool, Mapping[str, Any] | None, Mapping[str, Mapping[str, Any]] | None]
"""(index, input, staging folder, formats, force, templates, templates by edition)."""


def render_many(
    inputs: Iterable[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    formats: Sequence[str] | None = None,
    jobs: int = 1,
    force: bool = False,
    templates: Mapping[str, Any] | None = None,
    replace: bool = True,
    by_edition: Mapping[str, Mapping[str, Any]] | None = None,
) -> Iterator[Outcome]:
    """Render every input into ``outdir``, yielding one Outcome per input, in input order.

    ``inputs``: any iterable of paths (a list, ``Path.glob(...)``), not a single path.
    ``formats``: names of formats with a writer (default: ``default_outputs()``), checked
    before anything is created. Each Outcome is data: ``status``, ``outputs`` (the paths
    written), ``findings`` and ``problems``. With ``jobs > 1`` the workers are forked only
    from a single-threaded program (else forkserver or spawn); an input whose worker process
    dies (out of memory, killed) is run again alone, and fails if its worker dies again.
    ``force``: render despite check errors. ``replace``: replace files already in ``outdir``
    (when False such an input is reported as "exists" and nothing of it is written).
    ``by_edition``: custom templates per edition (``edition_templates``), instead of ``templates``.
    """
    if isinstance(inputs, str | bytes | os.PathLike):
        raise TypeError("render_many 接受路径的列表（或任何可迭代对象）；单个文件请写成 [路径]")
    inputs = list(inputs)
    if any(not isinstance(p, str | os.PathLike) for p in inputs):
        raise TypeError("render_many 接受数据文件或填报表的路径；已载入的 Report 请用 render_docx / render_xlsx")
    if isinstance(formats, str):
        raise TypeError(f"formats 应为格式名称的列表，如 [\"{formats}\"]")
    chosen = tuple(formats) if formats is not None else default_outputs()
    for name in chosen:
        fmt: Format = registry.get(name)
        if fmt.write is None:
            raise ValueError(f"格式「{name}」不能直接由报告生成")
    if jobs < 1:
        raise ValueError("jobs 应为不小于 1 的整数")
    return _render(inputs, Path(outdir), chosen, jobs, force, templates, replace, by_edition)


def _render(inputs: list[str | os.PathLike[str]], out: Path, chosen: tuple[str, ...], jobs: int, force: bool,
            templates: Mapping[str, Any] | None, replace: bool = True,
            by_edition: Mapping[str, Mapping[str, Any]] | None = None) -> Iterator[Outcome]:
    out.mkdir(parents=True, exist_ok=True)
    keys = [path_key(p) for p in inputs]
    protected = set(keys)
    folder = path_key(out)
    claimed: dict[str, str] = {}
    staging = None
    results: Iterator[Outcome] = iter(())
    started = time.perf_counter()
    try:  # from here on, an interruption leaves no staging folder behind
        processes = min(jobs, len(inputs))
        if processes > 1:  # compiled once, before the workers are forked; in this process, only what is used
            warm(chosen)
        staging = tempfile.mkdtemp(prefix=".reportgen-batch-", dir=out)
        tasks = ((i, str(p), staging, chosen, force, templates, by_edition) for i, p in enumerate(inputs))
        method = "本进程"
        results = map(_work, tasks)
        if processes > 1:
            from . import workers  # imported only here: a one-process run (or `render`) does without it

            method = workers.context().get_start_method()
            results = workers.ordered(_work_all, tasks, processes, _lost)
        _log.info("批量生成 %d 个文件：%d 个进程（%s），预热 %.3f 秒", len(inputs), processes, method,
                  time.perf_counter() - started)
        for outcome, own in zip(results, keys, strict=True):
            placed = place(outcome, out, claimed, protected, replace, folder, own)
            _log.debug("%s：%s", placed.source, placed.status)
            yield placed
        _log.info("批量生成完成：%d 个文件，%.3f 秒", len(inputs), time.perf_counter() - started)
    finally:
        if isinstance(results, Generator):
            results.close()  # the workers stopped before their staging folder goes
        if staging:
            shutil.rmtree(staging, ignore_errors=True)


def _work_all(tasks: list[_Task]) -> list[Outcome]:
    """A worker's chunk; ``_work`` looked up when called (so that a forked worker runs what the parent has)."""
    return [_work(task) for task in tasks]


def _lost(task: _Task, exc: BaseException) -> Outcome:
    """The outcome of a task that never came back from its worker."""
    from .workers import PoolGaveUp, WorkerLost

    source = task[1]
    if isinstance(exc, WorkerLost):
        return Outcome(source, "failed", notes=("处理该文件的工作进程意外退出（可能内存不足），"
                                                "当时它只在处理这一个文件，故未生成；请检查该文件（是否过大），"
                                                "或在内存更多的机器上重试",))
    if isinstance(exc, PoolGaveUp):
        return Outcome(source, "failed", notes=("工作进程多次意外退出（可能内存不足），已停止处理，该文件未生成；"
                                                "请减少 --jobs 后重试",))
    return internal_error(source, exc)  # a result that could not come back from its worker


def _stage(path: Path, data: bytes) -> None:
    """Write a file of the private staging folder (no temporary file needed), as ``open(path, "wb")`` would."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _work(task: _Task) -> Outcome:
    index, source, staging, formats, force, templates, by_edition = task
    try:
        product = produce(source, formats, templates, force, by_edition)
        if product.status != "rendered" or product.report is None:
            return Outcome(source, product.status, findings=product.findings, problems=product.problems)
        stem = output_stem(product.report.agency, product.report.year)
        staged = []
        for fmt, data in product.files.items():
            dest = Path(staging, f"{index}.{fmt}")
            name = stem + registry.get(fmt).suffix
            try:
                _stage(dest, data)
            except OSError as exc:  # named as the user will know it, not by the staging file
                return Outcome(source, "failed", notes=(describe_os_error(
                    type(exc)(exc.errno, exc.strerror, str(Path(staging).parent / name))),))
            staged.append((str(dest), name))
        return Outcome(source, "rendered", findings=product.findings, staged=tuple(staged))
    except ReportError as exc:
        return Outcome(source, "failed", problems=tuple(exc.problems))
    except OSError as exc:
        return Outcome(source, "failed", notes=(describe_os_error(exc),))
    except Exception as exc:
        return internal_error(source, exc)


def convert(outputs: Sequence[str | os.PathLike[str]], formats: Sequence[str], out: Path,
            jobs: int = 1) -> dict[str, list[Path]]:
    """Make the converted formats (PDF from Word) of the files written, in ``jobs`` converter processes."""
    made: dict[str, list[Path]] = {}
    for name in formats:
        fmt = registry.get(name)
        if fmt.convert is None or fmt.source_format is None:
            continue
        suffix = registry.get(fmt.source_format).suffix
        sources = [Path(p) for p in dict.fromkeys(map(str, outputs)) if str(p).endswith(suffix)]
        if sources:
            made[name] = fmt.convert(sources, out, jobs=jobs)
    return made
