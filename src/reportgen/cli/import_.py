"""reportgen import: a filled form (.xlsx) -> a YAML data file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..checks.advice import advise
from ..formats import load, registry, save
from . import EXIT_INPUT, EXIT_OK
from .check import print_findings, summary
from .paths import refuse_existing, refuse_windows_paths


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="把填好的填报表（Excel）转为数据文件（YAML）",
                       description="读取填好的 Excel 填报表，写成带官方标签注释的 YAML 数据文件。"
                       "单元格填写有误时逐一指出（工作表!单元格 和官方行列名称），不生成文件。")
    p.add_argument("form", metavar="填报表.xlsx")
    p.add_argument("-o", "--output", required=True, metavar="文件.yaml")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if refuse_windows_paths([args.form, args.output]):
        return EXIT_INPUT
    out = Path(args.output)
    fmt = registry.for_suffix(out)
    if fmt is None or not fmt.data_file:
        suffixes = "、".join(s for f in registry.formats() if f.data_file for s in f.suffixes)
        print(f"{out}：数据文件的文件名应以 {suffixes} 结尾。", file=sys.stderr)
        return EXIT_INPUT
    if refuse_existing([out], args.force):
        return EXIT_INPUT
    report = load(args.form)  # a ReportError is printed by main, exit 2
    save(report, out)
    print(f"已生成 {out}（{report.agency} {report.year}年，{report.spec.key}版）。")
    findings = report.check() + advise(report)
    if findings:
        print(f"注意，勾稽关系检查：{summary(findings)}")
        print_findings(findings)
    return EXIT_OK
