"""reportgen render: data file or filled form -> Word report (+ Excel, + PDF)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..batch import Product, convert, edition_templates, produce
from ..batch.inputs import distinct
from ..checks import Finding
from ..errors import Problem, ReportError
from ..fileio import describe_os_error, output_stem, write_all
from ..formats import registry
from . import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, outputs
from .check import locations, print_findings, summary
from .paths import refuse_windows_paths


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("render", help="生成 Word 报告（及 Excel 报表、PDF）",
                       description="由数据文件（.yaml/.json）或填好的填报表（.xlsx）生成官方格式的 Word 报告，"
                       "同时输出 Excel 报表。数据检查有错误时不生成，除非加 --allow-errors（生成标有「草稿」的文档）；"
                       "输出文件已存在时不覆盖，除非加 --force。")
    p.add_argument("files", nargs="+", metavar="文件", help="数据文件或填报表")
    p.add_argument("-o", "--output", default=".", metavar="目录", help="输出目录（默认为当前文件夹；不存在时自动创建）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的同名文件（如在 Word 中手工改过，改动会丢失）")
    p.add_argument("--allow-errors", action="store_true",
                   help="数据检查有错误时仍然生成：列出错误，文档页眉标「草稿」，退出状态为 1")
    outputs.add_options(p)
    p.add_argument("--template", action="append", metavar="模板.docx",
                   help="使用自定义的 Word 模板（见 reportgen template）；两个版本的报告各给一个")
    p.add_argument("--json-result", action="store_true",
                   help="以 JSON 输出结果（供其他程序读取；--json 另输出 JSON 数据文件）")
    p.set_defaults(func=run)


@dataclass
class _Run:
    """What one render command shares across its inputs."""

    args: argparse.Namespace
    formats: tuple[str, ...]
    templates: dict[str, dict[str, object]] | None
    out_dir: Path
    to_convert: list[Path] = field(default_factory=list)
    replaced: set[Path] = field(default_factory=set)
    claimed: dict[Path, str] = field(default_factory=dict)
    """Output file -> the input that wrote it in this run: a later input of the same name is refused."""
    records: list[dict[str, object]] = field(default_factory=list)

    @property
    def say(self) -> Callable[..., None]:
        """print, or nothing under --json-result (one JSON document at the end)."""
        return _quiet if self.args.json_result else print


def run(args: argparse.Namespace) -> int:
    if refuse_windows_paths([*args.files, args.output, *(args.template or [])]):
        return EXIT_INPUT
    formats, warnings = outputs.available(outputs.chosen(args))
    if not outputs.written(formats):
        print("\n".join(warnings) or "没有要生成的格式：--no-… 把所有格式都去掉了。", file=sys.stderr)
        return EXIT_INPUT
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        print(f"{out_dir}：不是文件夹", file=sys.stderr)
        return EXIT_INPUT
    templates = None
    if args.template:
        try:
            templates = edition_templates(args.template)
        except ReportError as exc:
            print(exc, file=sys.stderr)
            return EXIT_INPUT
    job = _Run(args, formats, templates, out_dir)
    status = EXIT_FINDINGS if warnings else EXIT_OK
    for path in distinct(args.files):
        status = max(status, _render_one(path, job))
    if job.to_convert and len(outputs.written(formats)) < len(formats):
        try:
            for files in convert(job.to_convert, formats, out_dir).values():
                for made in files:
                    job.say(f"  → {made}" + ("（已替换原有的同名文件）" if made in job.replaced else ""))
                    job.records.append(_record(str(made), "converted", outputs=[made]))
        except ReportError as exc:
            job.say(f"转换失败：{exc}", file=sys.stderr)
            job.records.append(_record("", "failed", problems=exc.problems))
            status = max(status, EXIT_INPUT)
    for warning in warnings:
        job.say(warning, file=sys.stderr)
    if args.json_result:
        print(json.dumps(job.records, ensure_ascii=False, indent=2, default=str))
    return status


def _render_one(path: str, job: _Run) -> int:
    """Render one input; the exit status it calls for."""
    args, say, err = job.args, job.say, sys.stderr
    try:
        product = produce(path, outputs.written(job.formats), None, args.allow_errors, job.templates)
    except ReportError as exc:
        say(exc, file=err)
        job.records.append(_record(path, "failed", problems=exc.problems))
        return EXIT_INPUT
    if product.status in ("unreadable", "failed") or product.report is None:
        say(ReportError(list(product.problems), path), file=err)
        job.records.append(_record(path, product.status, problems=product.problems))
        return EXIT_INPUT
    report = product.report
    if product.status == "refused":
        say(f"{path}：数据检查未通过（{summary(list(product.findings))}），未生成报告。"
            "改正后重试；如需先生成草稿核对，加 --allow-errors。"
            + ("（--force 只表示覆盖已有的文件。）" if args.force else ""), file=err)
        if not args.json_result:
            print_findings(list(product.findings), where=locations(path, report), file=err)
        job.records.append(_record(path, "refused", findings=product.findings))
        return EXIT_FINDINGS
    stem = output_stem(report.agency, report.year)
    dests = {name: job.out_dir / (stem + registry.get(name).suffix) for name in job.formats}
    for name, dest in list(dests.items()):
        if dest.resolve() == Path(path).resolve():
            say(f"  提示：{dest} 就是输入的文件，未覆盖；如需另存，请换一个输出目录。", file=err)
            del dests[name]
    refusal = _refusal(path, list(dests.values()), job)
    if refusal:
        say(f"{path}：{refusal}", file=err)
        job.records.append(_record(path, "conflict", findings=product.findings))
        return EXIT_FINDINGS
    existing = [d for d in dests.values() if d.exists()]
    if existing and not args.force:
        say(f"{path}：以下文件已存在，未改动（其中可能有在 Word/Excel 中手工做的修改）："
            + "、".join(str(d) for d in existing) + "。确认要用新生成的替换，请加 --force；或用 -o 换一个输出目录。",
            file=err)
        job.records.append(_record(path, "exists", findings=product.findings))
        return EXIT_INPUT
    try:
        written = _write(product, dests)
    except OSError as exc:  # nothing written: all of this report's files, or none
        say(f"{path}：{describe_os_error(exc)}；本报告的文件均未写入。", file=err)
        job.records.append(_record(path, "failed", problems=[Problem("", describe_os_error(exc))]))
        return EXIT_INPUT
    job.replaced.update(existing)
    job.claimed.update({d.resolve(): path for d in written})
    job.to_convert += written
    note = f"（已替换原有的同名文件：{'、'.join(d.name for d in written if d in existing)}）" \
        if any(d in existing for d in written) else ""
    say(f"{path} → " + "、".join(str(w) for w in written) + note)
    job.records.append(_record(path, "rendered", findings=product.findings, outputs=written))
    _stale(job.out_dir, stem, job.formats, say)
    return _report_findings(path, product, job)


def _refusal(path: str, dests: list[Path], job: _Run) -> str | None:
    """Why none of this input's files may be written: one would replace another input of the run,
    or a file an earlier input of the run wrote (two inputs of one agency and year)."""
    inputs = {Path(f).resolve() for f in job.args.files if Path(f).resolve() != Path(path).resolve()}
    for dest in dests:
        if dest.resolve() in inputs:
            return f"输出文件「{dest}」是本次的另一个输入文件，未覆盖，本报告的文件均未写入（请换一个输出文件夹）"
        if dest.resolve() in job.claimed:
            return f"输出文件「{dest.name}」与 {job.claimed[dest.resolve()]} 重名，未写入（请检查机关名称和年度）"
    return None


def _write(product: Product, dests: dict[str, Path]) -> list[Path]:
    """All of the report's files, or (on any failure) none."""
    files = [(dests[name], data) for name, data in product.files.items() if name in dests]
    write_all(files)
    return [dest for dest, _ in files]


def _stale(out_dir: Path, stem: str, formats: tuple[str, ...], say: Callable[..., None]) -> None:
    """Say which files beside the new ones were left from an earlier run (they may show old figures)."""
    for fmt in registry.outputs():
        old = out_dir / (stem + fmt.suffix)
        if fmt.name not in formats and old.exists():
            again = f"去掉 --no-{fmt.name}" if fmt.default_output else f"加 --{fmt.name}"
            say(f"  注意：{old} 是之前生成的，本次没有更新，其中的数字可能已过时；不再需要请删除，"
                f"或{again} 后重新生成。")


def _report_findings(path: str, product: Product, job: _Run) -> int:
    """List what the check found in a rendered report: errors (a draft, exit 1) and warnings."""
    findings = list(product.findings)
    if not findings:
        return EXIT_OK
    assert product.report is not None
    if product.errors:
        job.say(f"  已按 --allow-errors 生成草稿：文档页眉标有「草稿」，第一页注明未通过检查。"
                f"{summary(findings)}，改正后请重新生成：")
    else:
        job.say(f"  检查：{summary(findings)}（不影响生成，请核对）：")
    if not job.args.json_result:
        print_findings(findings, indent="    ", where=locations(path, product.report))
    return EXIT_FINDINGS if product.errors else EXIT_OK


def _quiet(*args: object, **kwargs: object) -> None:
    """print's stand-in under --json-result."""


def _record(path: str, status: str, findings: Sequence[Finding] = (), problems: Sequence[Problem] = (),
            outputs: Sequence[object] = ()) -> dict[str, object]:
    """One input's result for --json-result (the keys of ``reportgen check --json``, plus status and outputs)."""
    return {"file": path, "status": status, "outputs": [str(o) for o in outputs],
            "findings": [asdict(f) for f in findings], "problems": [asdict(p) for p in problems]}
