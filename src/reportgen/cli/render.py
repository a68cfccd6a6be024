"""reportgen render: data file or filled form -> Word report (+ Excel, + PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..batch import Product, convert, edition_templates, produce
from ..errors import ReportError
from ..fileio import atomic_path, output_stem
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
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if refuse_windows_paths([*args.files, args.output, *(args.template or [])]):
        return EXIT_INPUT
    formats, warnings = outputs.available(outputs.chosen(args))
    if not outputs.written(formats):
        print("\n".join(warnings) or "没有要生成的格式：--no-… 把所有格式都去掉了。")
        return EXIT_INPUT
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        print(f"{out_dir}：不是文件夹")
        return EXIT_INPUT
    templates = None
    if args.template:
        try:
            templates = edition_templates(args.template)
        except ReportError as exc:
            print(exc)
            return EXIT_INPUT
    status = EXIT_FINDINGS if warnings else EXIT_OK
    to_convert: list[Path] = []
    replaced: set[Path] = set()
    for path in args.files:
        status = max(status, _render_one(path, args, formats, templates, out_dir, to_convert, replaced))
    if to_convert and len(outputs.written(formats)) < len(formats):
        try:
            for files in convert(to_convert, formats, out_dir).values():
                for made in files:
                    print(f"  → {made}" + ("（已替换原有的同名文件）" if made in replaced else ""))
        except ReportError as exc:
            print(f"转换失败：{exc}")
            status = max(status, EXIT_INPUT)
    for warning in warnings:
        print(warning)
    return status


def _render_one(path: str, args: argparse.Namespace, formats: tuple[str, ...],
                templates: dict[str, dict[str, object]] | None,
                out_dir: Path, to_convert: list[Path], replaced: set[Path]) -> int:
    """Render one input; the exit status it calls for."""
    try:
        product = produce(path, outputs.written(formats), None, args.allow_errors, templates)
    except ReportError as exc:
        print(exc)
        return EXIT_INPUT
    if product.status in ("unreadable", "failed") or product.report is None:
        print(ReportError(list(product.problems), path))
        return EXIT_INPUT
    report = product.report
    if product.status == "refused":
        print(f"{path}：数据检查未通过（{summary(list(product.findings))}），未生成报告。"
              "改正后重试；如需先生成草稿核对，加 --allow-errors。"
              + ("（--force 只表示覆盖已有的文件。）" if args.force else ""))
        print_findings(list(product.findings), where=locations(path, report))
        return EXIT_FINDINGS
    stem = output_stem(report.agency, report.year)
    dests = {name: out_dir / (stem + registry.get(name).suffix) for name in formats}
    for name, dest in list(dests.items()):
        if dest.resolve() == Path(path).resolve():
            print(f"  提示：{dest} 就是输入的文件，未覆盖；如需另存，请换一个输出目录。")
            del dests[name]
    existing = [d for d in dests.values() if d.exists()]
    if existing and not args.force:
        print(f"{path}：以下文件已存在，未改动（其中可能有在 Word/Excel 中手工做的修改）："
              + "、".join(str(d) for d in existing) + "。确认要用新生成的替换，请加 --force；或用 -o 换一个输出目录。")
        return EXIT_INPUT
    replaced.update(existing)
    written = _write(product, dests)
    to_convert += written
    note = f"（已替换原有的同名文件：{'、'.join(d.name for d in written if d in existing)}）" \
        if any(d in existing for d in written) else ""
    print(f"{path} → " + "、".join(str(w) for w in written) + note)
    _stale(out_dir, stem, formats)
    return _report_findings(path, product)


def _write(product: Product, dests: dict[str, Path]) -> list[Path]:
    written = []
    for name, data in product.files.items():
        if name in dests:
            with atomic_path(dests[name]) as tmp:
                tmp.write_bytes(data)
            written.append(dests[name])
    return written


def _stale(out_dir: Path, stem: str, formats: tuple[str, ...]) -> None:
    """Say which files beside the new ones were left from an earlier run (they may show old figures)."""
    for fmt in registry.outputs():
        old = out_dir / (stem + fmt.suffix)
        if fmt.name not in formats and old.exists():
            again = f"去掉 --no-{fmt.name}" if fmt.default_output else f"加 --{fmt.name}"
            print(f"  注意：{old} 是之前生成的，本次没有更新，其中的数字可能已过时；不再需要请删除，"
                  f"或{again}重新生成。")


def _report_findings(path: str, product: Product) -> int:
    """List what the check found in a rendered report: errors (a draft, exit 1) and warnings."""
    findings = list(product.findings)
    if not findings:
        return EXIT_OK
    assert product.report is not None
    if product.errors:
        print(f"  已按 --allow-errors 生成草稿：文档页眉标有「草稿」，第一页注明未通过检查。"
              f"{summary(findings)}，改正后请重新生成：")
    else:
        print(f"  检查：{summary(findings)}（不影响生成，请核对）：")
    print_findings(findings, indent="    ", where=locations(path, product.report))
    return EXIT_FINDINGS if product.errors else EXIT_OK
