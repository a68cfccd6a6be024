"""reportgen batch: render every data file and form found, in parallel, with progress."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from ..batch import Outcome, convert, edition_templates, find_inputs, render_many
from ..errors import ReportError
from ..formats import registry
from . import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, outputs
from ._streams import interrupted
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
                   help="并行进程数（默认为 CPU 核数，也是上限）")
    outputs.add_options(p)
    p.add_argument("--force", action="store_true", help="覆盖输出文件夹中已存在的同名文件")
    p.add_argument("--allow-errors", action="store_true",
                   help="勾稽关系有错误时仍然生成（文档页眉标「草稿」），并列出错误")
    p.add_argument("--template", action="append", metavar="模板.docx",
                   help="使用自定义的 Word 模板；两个版本的报告各给一个（见 reportgen template）")
    p.add_argument("--json-result", action="store_true", help="以 JSON 输出每个文件的结果（供其他程序读取）")
    p.set_defaults(func=run)


def _until_interrupted(outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
    """The outcomes, until Ctrl-C or SIGTERM, even one a library swallowed while a file was processed
    (that file's outcome is then an internal error, which is not reported: the batch stops)."""
    try:
        for outcome in outcomes:
            if interrupted():
                raise KeyboardInterrupt
            yield outcome
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()  # render_many's clean-up now: no staging folder left


def _progress(outcomes: Iterator[Outcome], total: int, quiet: bool = False) -> Iterator[Outcome]:
    if quiet:
        yield from outcomes
        return
    if sys.stdout.isatty() and importlib.util.find_spec("rich") is not None:  # rich: the optional "cli" extra
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
            print(f"{_STATUS[outcome.status]}：{outcome.source}", file=sys.stderr, flush=True)
        if done % step == 0 or done == total:
            print(f"进度：{done}/{total}", flush=True)
        yield outcome


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        print("--jobs 应为不小于 1 的整数。", file=sys.stderr)
        return EXIT_INPUT
    if refuse_windows_paths([*args.paths, args.output]):
        return EXIT_INPUT
    cores = os.cpu_count() or 1
    if args.jobs > cores:
        print(f"--jobs {args.jobs} 超过本机的 CPU 核数，按 {cores} 个进程运行。")
        args.jobs = cores
    out = Path(args.output)
    inputs = find_inputs(args.paths, exclude=out)
    if not inputs:
        print(f"没有找到数据文件或填报表（{'/'.join(registry.input_suffixes())}）。", file=sys.stderr)
        return EXIT_INPUT
    formats, warnings = outputs.available(outputs.chosen(args))  # without LibreOffice: all but the PDF
    if warnings:
        print("\n".join(warnings), file=sys.stderr)
    if not outputs.written(formats):
        return EXIT_INPUT
    records: list[dict[str, object]] = []
    counts: Counter[str] = Counter()
    failures: list[Outcome] = []
    written: list[str] = []
    try:
        by_edition = edition_templates(args.template) if args.template else None
    except ReportError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INPUT
    rendered = render_many(inputs, out, outputs.written(formats), args.jobs, args.allow_errors, replace=args.force,
                           by_edition=by_edition)
    for outcome in _progress(_until_interrupted(rendered), len(inputs), args.json_result):
        records.append(_record(outcome))
        counts[outcome.status] += 1
        if not outcome.ok:
            failures.append(outcome)
        written += outcome.outputs
    if args.json_result:
        convert_failed = _convert(written, formats, out, records, args.jobs)
        print(json.dumps(records, ensure_ascii=False, indent=2, default=str))
    else:
        convert_failed = _convert(written, formats, out, jobs=args.jobs)
        _summary(counts, failures, out)
    return EXIT_FINDINGS if failures or convert_failed or warnings else EXIT_OK


def _record(outcome: Outcome) -> dict[str, object]:
    """One input's result for --json-result (the keys of ``reportgen render --json-result``)."""
    return {"file": outcome.source, "status": outcome.status, "outputs": list(outcome.outputs),
            "findings": [asdict(f) for f in outcome.findings], "problems": [asdict(p) for p in outcome.problems],
            "notes": list(outcome.notes)}


def _convert(written: list[str], formats: tuple[str, ...], out: Path,
             records: list[dict[str, object]] | None = None, jobs: int = 1) -> bool:
    """The converted formats (PDF), in as few runs as possible; True when it failed."""
    if len(outputs.written(formats)) == len(formats) or not written:
        return False
    try:
        made = convert(written, formats, out, jobs)
    except ReportError as exc:
        if records is None:
            print(f"转换失败：{exc}", file=sys.stderr)
        else:
            records.append({"file": "", "status": "failed", "outputs": [], "findings": [],
                            "problems": [asdict(p) for p in exc.problems], "notes": []})
        return True
    for name, files in made.items():
        if records is None:
            print(f"已转换 {registry.get(name).title}：{len(files)} 份。")
        else:
            records += [{"file": str(f), "status": "converted", "outputs": [str(f)], "findings": [], "problems": [],
                         "notes": []} for f in files]
    return False


def _summary(counts: Counter[str], failures: list[Outcome], out: Path) -> None:
    total = sum(counts.values())
    print(f"\n共 {total} 个文件：已生成 {counts['rendered']} 份（在 {out}），"
          f"检查未通过 {counts['refused']}，无法读取 {counts['unreadable']}，"
          f"输出重名 {counts['conflict']}，生成失败 {counts['failed']}"
          + (f"，已存在未覆盖 {counts['exists']}（加 --force 覆盖）" if counts["exists"] else "") + "。")
    for outcome in failures:
        print(f"\n{_STATUS[outcome.status]}：{outcome.source}", file=sys.stderr)
        messages = outcome_lines(outcome)
        for message in messages[:10]:
            print(f"  - {message}", file=sys.stderr)
        if len(messages) > 10:
            print(f"  ……另有 {len(messages) - 10} 条", file=sys.stderr)
