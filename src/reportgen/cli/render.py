"""reportgen render: data file or filled form -> Word report (+ Excel, + PDF)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from ..batch import convert, produce, write_product
from ..checks import Finding
from ..errors import Problem, ReportError
from ..fileio import describe_os_error
from ..formats import load, registry
from . import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, outputs
from .check import locations, print_findings, summary


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("render", help="生成 Word 报告（及 Excel 报表、PDF）",
                       description="由数据文件（.yaml/.json）或填好的填报表（.xlsx）生成官方格式的 Word 报告，"
                       "同时输出 Excel 报表。数据未通过检查（有错误）时不生成，除非加 --force。")
    p.add_argument("files", nargs="+", metavar="文件", help="数据文件或填报表")
    p.add_argument("-o", "--output", required=True, metavar="目录", help="输出目录（不存在时自动创建）")
    p.add_argument("--force", action="store_true", help="数据检查有错误时仍然生成")
    outputs.add_options(p, exclusive=False)
    p.add_argument("--template", metavar="模板.docx", help="使用自定义的 Word 模板（见 reportgen template）")
    p.add_argument("--json-result", action="store_true",
                   help="以 JSON 输出结果（供其他程序读取；--json 另输出 JSON 数据文件）")
    p.set_defaults(func=run)


def _compile_template(path: str, files: list[str]) -> dict[str, object]:
    """{format: template} of a custom template, compiled once for every file (refused early when bad).

    The edition is the first readable input's; unreadable inputs are reported in turn by the render.
    """
    fmt = registry.for_suffix(path)
    if fmt is None or fmt.load_template is None:
        known = "、".join(f.suffix for f in registry.formats() if f.load_template)
        raise ReportError.single(path, "", f"不支持的模板文件类型，可用：{known}")
    for name in files:
        try:
            spec = load(name).spec
        except ReportError:
            continue
        return {fmt.name: fmt.load_template(path, spec)}
    return {}


def run(args: argparse.Namespace) -> int:
    formats = outputs.chosen(args, exclusive=False)
    hints = outputs.missing_tools(formats)
    if hints:
        print("\n".join(hints), file=sys.stderr)
        return EXIT_INPUT
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        print(f"{out_dir}：不是文件夹", file=sys.stderr)
        return EXIT_INPUT
    templates = None
    if args.template:
        try:
            templates = _compile_template(args.template, args.files)
        except ReportError as exc:
            print(exc, file=sys.stderr)
            return EXIT_INPUT
    records: list[dict[str, object]] = []
    status = _render_all(args, formats, out_dir, templates, records)
    if args.json_result:
        print(json.dumps(records, ensure_ascii=False, indent=2, default=str))
    return status


def _render_all(args: argparse.Namespace, formats: tuple[str, ...], out_dir: Path,
                templates: dict[str, object] | None, records: list[dict[str, object]]) -> int:
    say: Callable[..., None] = _quiet if args.json_result else print  # --json-result: one document at the end
    err = sys.stderr
    status = EXIT_OK
    written_all: list[Path] = []
    claimed: dict[str, str] = {}
    for path in args.files:
        try:
            product = produce(path, outputs.written(formats), templates, args.force)
        except ReportError as exc:
            say(exc, file=err)
            records.append(_record(path, "failed", problems=exc.problems))
            status = max(status, EXIT_INPUT)
            continue
        if product.status == "unreadable":
            say(ReportError(list(product.problems), path), file=err)
            records.append(_record(path, "unreadable", problems=product.problems))
            status = max(status, EXIT_INPUT)
            continue
        report = product.report
        assert report is not None
        if product.status == "refused":
            say(f"{path}：数据检查未通过（{summary(list(product.findings))}），未生成报告。"
                "改正后重试，或加 --force 强制生成。", file=err)
            if not args.json_result:
                print_findings(list(product.findings), where=locations(path, report), file=err)
            records.append(_record(path, "refused", findings=product.findings))
            status = max(status, EXIT_FINDINGS)
            continue
        try:
            result = write_product(product, out_dir, args.files, claimed)
        except OSError as exc:  # nothing written: all of this report's files, or none
            say(f"{path}：{describe_os_error(exc)}；本报告的文件均未写入。", file=err)
            records.append(_record(path, "failed", problems=[Problem("", describe_os_error(exc))]))
            status = max(status, EXIT_INPUT)
            continue
        if result.refusal:
            say(f"{path}：{result.refusal}", file=err)
            records.append(_record(path, "conflict", findings=product.findings))
            status = max(status, EXIT_FINDINGS)
            continue
        for dest in result.skipped:
            say(f"  提示：{dest} 就是输入的文件，未覆盖；如需另存，请换一个输出目录。", file=err)
        written, replaced = list(result.files), list(result.replaced)
        note = f"（检查：{summary(list(product.findings))}）" if product.findings else ""
        if replaced:
            note += f"（已替换原有的同名文件：{'、'.join(replaced)}）"
        say(f"{path} → " + "、".join(str(w) for w in written) + note)
        records.append(_record(path, "rendered", findings=product.findings, outputs=written))
        written_all += written
    if written_all and len(outputs.written(formats)) < len(formats):
        try:
            for files in convert(written_all, formats, out_dir).values():
                for made in files:
                    say(f"  → {made}")
                    records.append(_record(str(made), "converted", outputs=[made]))
        except ReportError as exc:
            say(f"转换失败：{exc}", file=err)
            records.append(_record("", "failed", problems=exc.problems))
            status = max(status, EXIT_INPUT)
    return status


def _quiet(*args: object, **kwargs: object) -> None:
    """print's stand-in under --json-result."""


def _record(path: str, status: str, findings: Sequence[Finding] = (), problems: Sequence[Problem] = (),
            outputs: Sequence[object] = ()) -> dict[str, object]:
    """One input's result for --json-result (the keys of ``reportgen check --json``, plus status and outputs)."""
    return {"file": path, "status": status, "outputs": [str(o) for o in outputs],
            "findings": [asdict(f) for f in findings], "problems": [asdict(p) for p in problems]}
