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
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .checks import Finding
from .checks.advice import advise
from .errors import Problem, ReportError
from .fileio import describe_os_error, output_stem
from .formats import Format, load, registry, to_bytes
from .model import Report

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
        unknown = {key: fmt.check_template(path, key)[1] for key in EDITIONS}
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


def find_inputs(paths: Iterable[str | os.PathLike[str]], exclude: Path | None = None) -> list[Path]:
    """Input files among ``paths``; folders are walked, hidden and lock files skipped."""
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
                    continue
                found.append(Path(root, name))
    return found


def warm(formats: Sequence[str] = ()) -> None:
    """Load and compile the shipped templates of every edition (before forking workers, or a server's start)."""
    from .editions import EDITIONS

    for edition in EDITIONS.values():
        blank = Report.from_data({"edition": edition.key, "agency": "预热", "year": edition.first_year})
        for fmt in formats or default_outputs():
            if registry.get(fmt).write is not None:
                to_bytes(blank, fmt)


def _stage(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:  # the staging folder is private: no temporary file needed
        fh.write(data)


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
            _stage(dest, data)
            staged.append((str(dest), stem + registry.get(fmt).suffix))
        return Outcome(source, "rendered", findings=product.findings, staged=tuple(staged))
    except ReportError as exc:
        return Outcome(source, "failed", problems=tuple(exc.problems))
    except OSError as exc:
        return Outcome(source, "failed", notes=(describe_os_error(exc),))
    except Exception as exc:
        return Outcome(source, "failed", notes=(f"内部错误（{type(exc).__name__}: {exc}），"
                                                "这是 reportgen 的缺陷，请把此行和所用的文件一并反馈",))


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def render_many(
    inputs: Sequence[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    formats: Sequence[str] | None = None,
    jobs: int = 1,
    force: bool = False,
    templates: Mapping[str, Any] | None = None,
    replace: bool = True,
    by_edition: Mapping[str, Mapping[str, Any]] | None = None,
) -> Iterator[Outcome]:
    """Render every input into ``outdir``, yielding one Outcome per input, in input order.

    ``formats``: names of formats with a writer (default: ``default_outputs()``).
    ``force``: render despite check errors. ``replace``: replace files already in ``outdir``
    (when False such an input is reported as "exists" and nothing of it is written).
    ``by_edition``: custom templates per edition (``edition_templates``), instead of ``templates``.
    """
    if any(not isinstance(p, str | os.PathLike) for p in inputs):
        raise TypeError("render_many 接受数据文件或填报表的路径；已载入的 Report 请用 render_docx / render_xlsx")
    chosen = tuple(formats) if formats is not None else default_outputs()
    for name in chosen:
        fmt: Format = registry.get(name)
        if fmt.write is None:
            raise ValueError(f"格式「{name}」不能直接由报告生成")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".reportgen-batch-", dir=out)
    claimed: dict[str, str] = {}
    tasks = ((i, str(p), staging, chosen, force, templates, by_edition) for i, p in enumerate(inputs))
    warm(chosen)
    pool = _context().Pool(jobs) if jobs > 1 and len(inputs) > 1 else None
    try:
        results = pool.imap(_work, tasks, chunksize=4) if pool else map(_work, tasks)
        for outcome in results:
            yield _place(outcome, out, claimed, replace)
    finally:
        if pool:
            pool.terminate()
            pool.join()
        shutil.rmtree(staging, ignore_errors=True)


def _place(outcome: Outcome, out: Path, claimed: dict[str, str], replace: bool = True) -> Outcome:
    """Move a worker's staged files into place, unless another input claimed the name (or, without
    ``replace``, a file of that name is already there)."""
    if not outcome.ok:
        return outcome
    there = [name for _, name in outcome.staged if not replace and name not in claimed and (out / name).exists()]
    if there:
        for staged, _ in outcome.staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(staged)
        return Outcome(outcome.source, "exists", findings=outcome.findings,
                       notes=(f"输出文件「{'、'.join(there)}」已存在，未覆盖（如需覆盖请加 --force）",))
    clash = next((name for _, name in outcome.staged if name in claimed), None)
    if clash:
        for staged, _ in outcome.staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(staged)
        return Outcome(outcome.source, "conflict", findings=outcome.findings,
                       notes=(f"输出文件「{clash}」与 {claimed[clash]} 重名，未写入（请检查机关名称和年度）",))
    outputs = []
    for staged, name in outcome.staged:
        os.replace(staged, out / name)
        claimed[name] = outcome.source
        outputs.append(str(out / name))
    return Outcome(outcome.source, "rendered", tuple(outputs), outcome.findings)


def convert(outputs: Sequence[str | os.PathLike[str]], formats: Sequence[str], out: Path) -> dict[str, list[Path]]:
    """Make the converted formats (PDF from Word) of the files written, one converter run per format."""
    made: dict[str, list[Path]] = {}
    for name in formats:
        fmt = registry.get(name)
        if fmt.convert is None or fmt.source_format is None:
            continue
        suffix = registry.get(fmt.source_format).suffix
        sources = [Path(p) for p in dict.fromkeys(map(str, outputs)) if str(p).endswith(suffix)]
        if sources:
            made[name] = fmt.convert(sources, out)
    return made
