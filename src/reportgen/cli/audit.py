"""reportgen audit: many reports checked at once, for supervisors and evaluators."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ..errors import ReportError
from ..fileio import atomic_path, read_input
from ..formats import audit_bytes, registry
from ..review import DEFAULT_THRESHOLD, KIND_LABELS
from ..survey import audit, read_expected
from ..survey.collect import count_inputs
from . import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from .paths import refuse_existing
from .progress import progress


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("audit", help="审核多份报告，生成审核结果表",
                       description="审核：逐份读取文件夹中的报告（数据文件、填报表、已发布的网页/Word/PDF），检查勾稽关系、"
                       "与上年报告的衔接和重复率、正文数字与表格是否一致、严格检查项，结果写入 Excel（每份报告一行，"
                       "另有问题清单）。某个文件无法读取不影响其他文件。")
    p.add_argument("paths", nargs="+", metavar="路径", help="报告文件或文件夹（逐层查找）")
    p.add_argument("-o", "--output", required=True, metavar="审核结果.xlsx")
    p.add_argument("--html", metavar="审核结果.html", help="另生成网页版审核结果")
    p.add_argument("--previous", nargs="+", default=[], metavar="上年报告",
                   help="上一年度的报告（文件或文件夹），只用于核对衔接和重复率，不列入审核")
    p.add_argument("--expect", metavar="名单.txt", help="应报送单位名单（每行一个机关名称），列出未找到报告的单位")
    p.add_argument("--copy-threshold", type=float, default=DEFAULT_THRESHOLD * 100, metavar="百分比",
                   help=f"正文与上年重复超过此比例时警告（默认 {DEFAULT_THRESHOLD:.0%}%）")
    p.add_argument("--no-strict", action="store_true", help="不做严格检查（正文是否为空、占位文字、成文日期等）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    outs = [Path(args.output), *([Path(args.html)] if args.html else [])]
    if refuse_existing(outs, args.force):
        return EXIT_INPUT
    if not 0 <= args.copy_threshold <= 100:
        print(f"--copy-threshold 应在 0 至 100 之间，实为 {args.copy_threshold}。", file=sys.stderr)
        return EXIT_INPUT
    expect = read_expected(read_input(args.expect).decode("utf-8-sig")) if args.expect else []
    total = count_inputs(args.paths, outs)
    if not total:
        print(f"没有找到报告文件（{'/'.join(registry.input_suffixes())}）。", file=sys.stderr)
        return EXIT_INPUT
    with progress(total, "审核报告") as advance:
        result = audit(args.paths, args.previous, expect, not args.no_strict, args.copy_threshold / 100, advance,
                       outs)
    try:
        files = [(path, audit_bytes(result, path)) for path in outs]
    except ReportError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INPUT
    for path, data in files:
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
    statuses = Counter(e.status for e in result.entries)
    kinds = Counter(line.kind for line in result.lines)
    print(f"\n共审核 {len(result.entries)} 份：" + "，".join(f"{k} {v}" for k, v in statuses.items()) + "。")
    if kinds:
        print("问题按类别：" + "，".join(f"{KIND_LABELS.get(k, k)} {v}" for k, v in kinds.items()) + "。")
    for line in result.pairs:
        print(f"配对：{line}")
    if expect:
        print(f"名单 {len(expect)} 个单位，未找到报告 {len(result.missing)} 个" +
              (f"：{'、'.join(result.missing)}" if result.missing else "") + "。")
    print("已生成 " + "、".join(map(str, outs)) + "。")
    bad = statuses["有错误"] + statuses["无法读取"] + len(result.missing)
    return EXIT_FINDINGS if bad else EXIT_OK
