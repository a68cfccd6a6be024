"""reportgen batch: render every data file and form found, in parallel, with progress."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..batch import Outcome, convert, edition_templates, find_inputs, render_many
from ..errors import ReportError
from ..formats import registry
from . import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, outputs
from .check import outcome_lines
from .paths import refuse_windows_paths

_STATUS = {
    "rendered": "已生成",
    "refused": "检查未通过，未生成",
    "unreadable": "无法读取",
    "conflict": "输出重名",
    "exists": "文件已存在，未覆盖",
    "failed": "生成失败",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("batch", help="批量生成多份报告",
                       description="批量生成：逐个读取数据文件和填报表（文件夹会逐层查找），并行生成报告。"
                       "某个文件出错不影响其他文件，最后汇总列出。")
    p.add_argument("paths", nargs="+", metavar="路径", help="数据文件、填报表或文件夹")
    p.add_argument("-o", "--output", required=True, metavar="输出文件夹")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="并行进程数（默认为 CPU 核数）")
    outputs.add_options(p)
    p.add_argument("--force", action="store_true", help="覆盖输出文件夹中已存在的同名文件")
    p.add_argument("--allow-errors", action="store_true",
                   help="勾稽关系有错误时仍然生成（文档页眉标「草稿」），并列出错误")
    p.add_argument("--template", action="append", metavar="模板.docx",
                   help="使用自定义的 Word 模板；两个版本的报告各给一个（见 reportgen template）")
    p.set_defaults(func=run)


def _progress(outcomes: Iterator[Outcome], total: int) -> Iterator[Outcome]:
    if sys.stdout.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn()) as bar:
            task = bar.add_task("生成报告", total=total)
            for outcome in outcomes:
                if not outcome.ok:
                    bar.console.print(f"{_STATUS[outcome.status]}：{outcome.source}")
                bar.advance(task)
                yield outcome
        return
    step = max(1, total // 20)
    for done, outcome in enumerate(outcomes, 1):
        if not outcome.ok:
            print(f"{_STATUS[outcome.status]}：{outcome.source}", flush=True)
        if done % step == 0 or done == total:
            print(f"进度：{done}/{total}", flush=True)
        yield outcome


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        print("--jobs 应为不小于 1 的整数。")
        return EXIT_INPUT
    if refuse_windows_paths([*args.paths, args.output]):
        return EXIT_INPUT
    out = Path(args.output)
    inputs = find_inputs(args.paths, exclude=out)
    if not inputs:
        print(f"没有找到数据文件或填报表（{'/'.join(registry.input_suffixes())}）。")
        return EXIT_INPUT
    formats, warnings = outputs.available(outputs.chosen(args))  # without LibreOffice: all but the PDF
    if warnings:
        print("\n".join(warnings))
    if not outputs.written(formats):
        return EXIT_INPUT
    counts: Counter[str] = Counter()
    failures: list[Outcome] = []
    written: list[str] = []
    try:
        by_edition = edition_templates(args.template) if args.template else None
    except ReportError as exc:
        print(exc)
        return EXIT_INPUT
    rendered = render_many(inputs, out, outputs.written(formats), args.jobs, args.allow_errors, replace=args.force,
                           by_edition=by_edition)
    for outcome in _progress(rendered, len(inputs)):
        counts[outcome.status] += 1
        if not outcome.ok:
            failures.append(outcome)
        written += outcome.outputs
    convert_failed = _convert(written, formats, out)
    _summary(counts, failures, out)
    return EXIT_FINDINGS if failures or convert_failed or warnings else EXIT_OK


def _convert(written: list[str], formats: tuple[str, ...], out: Path) -> bool:
    """The converted formats (PDF), in as few runs as possible; True when it failed."""
    if len(outputs.written(formats)) == len(formats) or not written:
        return False
    try:
        made = convert(written, formats, out)
    except ReportError as exc:
        print(f"转换失败：{exc}")
        return True
    for name, files in made.items():
        print(f"已转换 {registry.get(name).title}：{len(files)} 份。")
    return False


def _summary(counts: Counter[str], failures: list[Outcome], out: Path) -> None:
    total = sum(counts.values())
    print(f"\n共 {total} 个文件：已生成 {counts['rendered']} 份（在 {out}），"
          f"检查未通过 {counts['refused']}，无法读取 {counts['unreadable']}，"
          f"输出重名 {counts['conflict']}，生成失败 {counts['failed']}"
          + (f"，已存在未覆盖 {counts['exists']}（加 --force 覆盖）" if counts["exists"] else "") + "。")
    for outcome in failures:
        print(f"\n{_STATUS[outcome.status]}：{outcome.source}")
        messages = outcome_lines(outcome)
        for message in messages[:10]:
            print(f"  - {message}")
        if len(messages) > 10:
            print(f"  ……另有 {len(messages) - 10} 条")
