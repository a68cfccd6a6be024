"""The pipeline of one input: load → check → refuse, or write every chosen format to bytes.

``produce`` is what ``render`` and each of ``batch``'s workers run; ``render_one`` / ``output_files``
are the same for bytes in and bytes out (a cluster's tasks); ``edition_templates`` matches custom
template files to editions; ``warm`` compiles the shipped templates ahead of time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..checks import Finding
from ..checks.advice import advise
from ..errors import Problem, ReportError
from ..fileio import output_stem
from ..formats import load, loads, registry, to_bytes
from ..model import Report

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
    from ..editions import EDITIONS

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


def warm(formats: Sequence[str] = ()) -> None:
    """Load and compile the shipped templates of every edition (before forking workers, or a server's start)."""
    from ..editions import EDITIONS

    for edition in EDITIONS.values():
        blank = Report.from_data({"edition": edition.key, "agency": "预热", "year": edition.first_year})
        for fmt in formats or default_outputs():
            if registry.get(fmt).write is not None:
                to_bytes(blank, fmt)
