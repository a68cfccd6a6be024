"""From input files to written reports: one pipeline for ``render`` and ``batch``.

``produce`` is the pipeline of one input: load → check → refuse, or write every
chosen format to bytes. ``render_many`` streams many inputs through parallel
processes: workers produce into a staging folder inside the output folder; the
parent moves each finished file into place in input order, so a name two inputs
would share is reported rather than overwritten, a failed render leaves nothing
behind, and nothing is held in memory but the names already written.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .checks import Finding
from .checks.advice import advise
from .errors import Problem, ReportError
from .fileio import commit, describe_os_error, is_regular_file, output_stem, read_input, write_all
from .formats import Format, load, loads, registry, to_bytes
from .model import Report

_log = logging.getLogger("reportgen")

Status = Literal["rendered", "refused", "unreadable", "conflict", "exists", "failed"]


def default_outputs() -> tuple[str, ...]:
    """The formats written unless the user chooses: those the registry marks as default."""
    return tuple(f.name for f in registry.outputs() if f.default_output)


@dataclass(frozen=True)
class Product:
    """What the pipeline made of one input: the report, its findings and its files' bytes."""

    source: str
    status: Status
    report: Report | None = None
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    files: dict[str, bytes] = field(default_factory=dict)
    """format name -> bytes, for the formats that write directly."""

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)


def produce(source: str | os.PathLike[str], formats: Sequence[str], templates: Mapping[str, Any] | None = None,
            force: bool = False, by_edition: Mapping[str, Mapping[str, Any]] | None = None) -> Product:
    """Load, check and render one input; refused (no bytes) when the check finds errors, unless ``force``.

    ``templates``: format name -> a custom template for that format's writer.
    ``by_edition``: edition key -> such templates (``edition_templates``); an input of an edition
    without one fails, naming the command that exports the right template.
    """
    name = str(source)
    try:
        report = load(source)
    except ReportError as exc:
        return Product(name, "unreadable", problems=tuple(exc.problems))
    if by_edition is not None:
        if report.spec.key not in by_edition:
            return Product(name, "failed", report, problems=(_no_template(report, by_edition),))
        templates = by_edition[report.spec.key]
    findings = (*report.check(), *advise(report))
    if any(f.is_error for f in findings) and not force:
        return Product(name, "refused", report, findings)
    files = {}
    for fmt in formats:
        if registry.get(fmt).write is not None:
            files[fmt] = to_bytes(report, fmt, (templates or {}).get(fmt))
    return Product(name, "rendered", report, findings, files=files)


def render_one(data: bytes, name: str, formats: Sequence[str] | None = None, force: bool = False) -> dict[str, bytes]:
    """One input's output files, bytes in and bytes out: {suffix: bytes}, such as {".docx": ..., ".xlsx": ...}.

    Pure (no file is read or written) and made of plain data, for a cluster's tasks. ``name``
    names the input in messages. Raises ReportError: the input's problems, or the errors of
    its check (each finding's text) when they refuse it and ``force`` is not set.
    """
    return {Path(file).suffix: content for file, content in output_files(data, name, formats, force).items()}


def output_files(data: bytes, name: str, formats: Sequence[str] | None = None,
                 force: bool = False) -> dict[str, bytes]:
    """``render_one`` keyed by the output file's name (``output_stem`` + suffix), as ``batch`` names it."""
    chosen = tuple(formats) if formats is not None else default_outputs()
    given = registry.for_suffix(name)  # as load() would read a file of that name; else by content
    report = loads(data, given.name if given is not None and given.is_input else None, name)
    errors = [f for f in report.check() if f.is_error]
    if errors and not force:
        raise ReportError([Problem(f.row or "", f.text, f.table_label) for f in errors], name)
    stem = output_stem(report.agency, report.year)
    return {stem + registry.get(out).suffix: to_bytes(report, out) for out in chosen
            if registry.get(out).write is not None}


def edition_templates(paths: Sequence[str]) -> dict[str, dict[str, Any]]:
    """{edition key: {format: compiled template}} of custom template files, each matched to the edition(s)
    whose tags it uses; a ReportError for a file that fits no edition."""
    from .editions import EDITIONS

    out: dict[str, dict[str, Any]] = {}
    for path in paths:
        fmt = registry.for_suffix(path)
        if fmt is None or fmt.load_template is None or fmt.check_template is None:
            known = "、".join(f.suffix for f in registry.formats() if f.load_template)
            raise ReportError.single(path, "", f"不支持的模板文件类型，可用：{known}")
        unknown = {key: fmt.check_template(path, key)[1] for key in EDITIONS}  # refuses a broken template
        mapping = fmt.map_template(path, None) if fmt.map_template else None
        if mapping is not None:  # a template without tags (the official blank one): filled by its labels
            out.setdefault(mapping.edition, {})[fmt.name] = fmt.load_template(path, EDITIONS[mapping.edition])
            continue
        fits = [key for key, tags in unknown.items() if not tags]
        if not fits:
            key, tags = min(unknown.items(), key=lambda kv: len(kv[1]))
            sample = Report.from_data({"edition": key, "agency": "示例", "year": EDITIONS[key].first_year})
            to_bytes(sample, fmt.name, fmt.load_template(path, EDITIONS[key]))  # the writer's own message
            raise ReportError.single(path, "", f"模板中有 {len(tags)} 个标签不属于任何版本（如 {tags[0]}）；"
                                     f"请用「reportgen template check {path} --edition {key}」查看")
        for key in fits:
            out.setdefault(key, {})[fmt.name] = fmt.load_template(path, EDITIONS[key])
    return out


def _no_template(report: Report, by_edition: Mapping[str, Mapping[str, Any]]) -> Problem:
    spec = report.spec
    given = "、".join(f"{key}版" for key in sorted(by_edition))
    return Problem("", f"这是{spec.key}版（{spec.notice}）的报告，而 --template 给出的模板只适用于{given}。"
                   f"请用「reportgen template export --edition {spec.key} -o 模板{spec.key}版.docx」导出"
                   f"{spec.key}版模板，照样修改后再加一个 --template 给出（每个版本一个模板）")


@dataclass(frozen=True)
class Outcome:
    """What became of one input file."""

    source: str
    status: Status
    outputs: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    """Other messages: a disk error, a name clash, an internal error."""
    staged: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return self.status == "rendered"

    @property
    def messages(self) -> tuple[str, ...]:
        """Everything to tell about this file, one line each (errors first)."""
        errors = [f.text for f in self.findings if f.is_error]
        warnings = [f.text for f in self.findings if not f.is_error]
        if self.status == "refused":
            warnings = []
        return (*map(str, self.problems), *self.notes, *errors, *warnings)


def find_inputs(paths: Iterable[str | os.PathLike[str]], exclude: Path | None = None,
                own_outputs: bool = False) -> list[Path]:
    """Input files among ``paths``; folders are walked.

    A walk skips hidden and lock files, whatever is not a regular file (a pipe,
    a device, a link to one) and the reports reportgen itself wrote (so that
    ``batch D -o D`` never reads its own outputs back). A file named explicitly
    is always taken. ``own_outputs``: take reportgen's reports too (to check
    published reports, where nothing is written).
    """
    found: list[Path] = []
    skip = exclude.resolve() if exclude else None
    suffixes = registry.input_suffixes()
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
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
                if is_regular_file(candidate) and (own_outputs or not _written_by_us(candidate)):
                    found.append(candidate)
    return found


_OWN_MAX_BYTES = 4 * 1024 * 1024
"""Largest file looked at as a possible report of reportgen's (they are some 100 KB): a walk stays cheap."""


def _written_by_us(path: Path) -> bool:
    try:
        if path.stat().st_size > _OWN_MAX_BYTES or registry.for_suffix(path) is None:
            return False
        return registry.is_own_output(path, read_input(path, _OWN_MAX_BYTES))
    except (ReportError, OSError):
        return False  # unreadable: taken, and reported as such


def _key(path: str | os.PathLike[str]) -> str:
    return os.path.normcase(os.path.realpath(path))


@dataclass(frozen=True)
class Written:
    """What ``write_product`` did with one report's files."""

    files: tuple[Path, ...] = ()
    replaced: tuple[str, ...] = ()
    """Names of existing files the new ones replaced."""
    skipped: tuple[Path, ...] = ()
    """Files not written because each is the very input they were made from."""
    refusal: str | None = None
    """Why nothing was written (a name is another input of the run, or was written by one)."""


def write_product(product: Product, out_dir: Path, protected: Iterable[str | os.PathLike[str]] = (),
                  claimed: dict[str, str] | None = None) -> Written:
    """Write a rendered product's files into ``out_dir``, all of them or none.

    A file that would replace the input it was made from is skipped (the form
    stays as the clerk filled it). Nothing is written when a file would replace
    another of ``protected`` (the inputs of the run) or a name in ``claimed``
    (name -> the input that wrote it earlier in this run).
    """
    assert product.report is not None
    stem = output_stem(product.report.agency, product.report.year)
    dests = [(out_dir / (stem + registry.get(fmt).suffix), data) for fmt, data in product.files.items()]
    own = _key(product.source)
    skipped = tuple(d for d, _ in dests if _key(d) == own)
    dests = [(d, data) for d, data in dests if _key(d) != own]
    refusal = _refusal([(d, _key(d)) for d, _ in dests], {_key(p) for p in protected}, claimed or {})
    if refusal:
        return Written(refusal=refusal)
    replaced = tuple(d.name for d, _ in dests if d.exists())
    write_all(dests)
    if claimed is not None:
        claimed.update({_key(d): product.source for d, _ in dests})
    return Written(tuple(d for d, _ in dests), replaced, skipped)


def _refusal(dests: Sequence[tuple[Path, str]], protected: set[str], claimed: Mapping[str, str]) -> str | None:
    """Why no file of a report may be written: (path, ``_key`` of the path) of each."""
    for dest, key in dests:
        if key in protected:
            return f"输出文件「{dest}」是本次的另一个输入文件，未覆盖，本报告的文件均未写入（请换一个输出文件夹）"
        if key in claimed:
            return (f"输出文件「{dest.name}」与 {claimed[key]} 重名，未写入（请检查机关名称和年度）")
    return None


def _key_in(folder: str, name: str) -> str:
    """``_key(folder / name)`` for a ``folder`` already resolved by ``_key``: only a link named ``name`` is followed."""
    path = os.path.join(folder, name)
    return _key(path) if os.path.islink(path) else os.path.normcase(path)


def warm(formats: Sequence[str] = ()) -> None:
    """Load and compile the shipped templates of every edition (before forking workers, or a server's start)."""
    from .editions import EDITIONS

    for edition in EDITIONS.values():
        blank = Report.from_data({"edition": edition.key, "agency": "预热", "year": edition.first_year})
        for fmt in formats or default_outputs():
            if registry.get(fmt).write is not None:
                to_bytes(blank, fmt)


def _stage(path: Path, data: bytes) -> None:
    """Write a file of the private staging folder (no temporary file needed), as ``open(path, "wb")`` would."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _work(task: tuple[int, str, str, tuple[str, ...], bool, Mapping[str, Any] | None,
                      Mapping[str, Mapping[str, Any]] | None]) -> Outcome:
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
        return _internal(source, exc)


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (a single-threaded program), else forkserver or spawn (a forked lock stays held)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


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
    from a single-threaded program (else forkserver or spawn).
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
    keys = [_key(p) for p in inputs]
    protected = set(keys)
    folder = _key(out)
    claimed: dict[str, str] = {}
    staging = pool = None
    started = time.perf_counter()
    try:  # from here on, an interruption leaves no staging folder behind
        warm(chosen)
        staging = tempfile.mkdtemp(prefix=".reportgen-batch-", dir=out)
        tasks = ((i, str(p), staging, chosen, force, templates, by_edition) for i, p in enumerate(inputs))
        context = _context() if jobs > 1 and len(inputs) > 1 else None
        if context is not None:
            pool = context.Pool(jobs, initializer=_worker_start)
        _log.info("批量生成 %d 个文件：%d 个进程（%s），预热 %.3f 秒", len(inputs), jobs if pool else 1,
                  context.get_start_method() if context else "本进程", time.perf_counter() - started)
        results = pool.imap(_work, tasks, chunksize=4) if pool else map(_work, tasks)
        for source, own in zip(inputs, keys, strict=True):
            try:
                outcome = next(results)
            except StopIteration:
                break
            except Exception as exc:  # a result that could not come back from its worker
                outcome = _internal(str(source), exc)
            placed = _place(outcome, out, claimed, protected, replace, folder, own)
            _log.debug("%s：%s", placed.source, placed.status)
            yield placed
        _log.info("批量生成完成：%d 个文件，%.3f 秒", len(inputs), time.perf_counter() - started)
    finally:
        if pool:
            pool.terminate()
            pool.join()
        if staging:
            shutil.rmtree(staging, ignore_errors=True)


def _worker_start() -> None:
    """A worker ends quietly when the parent terminates the pool; the parent cleans up."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _internal(source: str, exc: BaseException) -> Outcome:
    return Outcome(source, "failed", notes=(f"内部错误（{type(exc).__name__}），"
                                            "这是 reportgen 的缺陷，请把此行和所用的文件一并反馈",))


def _place(outcome: Outcome, out: Path, claimed: dict[str, str], protected: set[str], replace: bool,
           folder: str, own: str) -> Outcome:
    """Move a worker's staged files into place, all or none, unless a name is taken or is an input
    (or, without ``replace``, a file of that name is already there).

    ``folder``: ``_key(out)``; ``own``: ``_key`` of the input these files were made from.
    """
    if not outcome.ok:
        return outcome
    named = [(Path(staged), out / name, _key_in(folder, name)) for staged, name in outcome.staged]
    there = [dest.name for _, dest, key in named if not replace and key not in claimed and dest.exists()]
    if there:
        for staged, _, _ in named:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(staged)
        return Outcome(outcome.source, "exists", findings=outcome.findings,
                       notes=(f"输出文件「{'、'.join(there)}」已存在，未覆盖（如需覆盖请加 --force）",))
    skipped = [dest for _, dest, key in named if key == own]  # the input itself: left as it is
    moves = [(staged, dest, key) for staged, dest, key in named if key != own]
    left = [staged for staged, _, _ in named]  # staging files to remove (none of those moved into place)
    refusal = _refusal([(dest, key) for _, dest, key in moves], protected, claimed)
    try:
        if refusal:
            return Outcome(outcome.source, "conflict", findings=outcome.findings, notes=(refusal,))
        commit([(staged, dest) for staged, dest, _ in moves])
        left = [staged for staged, _, key in named if key == own]
    except OSError as exc:
        return Outcome(outcome.source, "failed", findings=outcome.findings, notes=(describe_os_error(exc),))
    except Exception as exc:
        return _internal(outcome.source, exc)
    finally:
        for staged in left:
            with contextlib.suppress(OSError):
                os.unlink(staged)
    for _, dest, _ in moves:  # now a file of that name, even where a link was: its own key
        claimed[os.path.normcase(os.path.join(folder, dest.name))] = outcome.source
    notes = tuple(f"「{dest}」就是输入的文件，未覆盖" for dest in skipped)
    return Outcome(outcome.source, "rendered", tuple(str(dest) for _, dest, _ in moves), outcome.findings,
                   notes=notes)


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
