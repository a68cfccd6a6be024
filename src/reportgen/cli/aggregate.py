"""reportgen aggregate: 汇总 — many bodies' reports summed into one, with the breakdown by body."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ReportError
from ..fileio import atomic_path
from ..formats import breakdown_bytes, registry, save
from ..survey import aggregate_files
from ..survey.collect import count_inputs
from . import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from .paths import refuse_existing
from .progress import progress


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("aggregate", help="汇总多个单位的报告",
                       description="汇总：把同一年度、同一版本的多个单位报告（数据文件、填报表、已发布的网页/Word/PDF）"
                       "的表二至表四逐格相加，生成一份汇总报告的数据文件，并生成汇总明细（每个单位一行，最后一行为合计）。")
    p.add_argument("inputs", nargs="+", metavar="路径", help="各单位的报告文件或文件夹（逐层查找）")
    p.add_argument("--agency", required=True, metavar="机关名称", help="汇总报告的机关名称，如：某某县人民政府")
    p.add_argument("-o", "--output", required=True, metavar="汇总.yaml", help="汇总报告的数据文件")
    p.add_argument("--breakdown", metavar="汇总明细.xlsx",
                   help="汇总明细的文件名（默认为数据文件名加“明细”，如 汇总明细.xlsx）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件；有单位报告勾稽关系有错误时仍然汇总")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    detail = Path(args.breakdown) if args.breakdown else out.with_name(out.stem + "明细.xlsx")
    if refuse_existing((out, detail), args.force):
        return EXIT_INPUT
    total = count_inputs(args.inputs, (out, detail))
    if not total:
        print(f"没有找到报告文件（{'/'.join(registry.input_suffixes())}）。", file=sys.stderr)
        return EXIT_INPUT
    try:
        with progress(total, "读取报告") as advance:
            compiled = aggregate_files(args.inputs, args.agency, advance, (out, detail))
        detail_bytes = breakdown_bytes(compiled.breakdown, detail)
    except ReportError as exc:
        print(exc, file=sys.stderr)
        print("未生成任何文件。", file=sys.stderr)
        return EXIT_INPUT
    faulty = [b for b in compiled.breakdown.bodies if "错误" in b.status]
    if faulty and not args.force:
        print(f"有 {len(faulty)} 个单位的报告勾稽关系有错误，未汇总（请先更正，或加 --force 仍然汇总）：")
        for body in faulty:
            print(f"  - {body.agency}（{body.source}）：{body.status}")
        return EXIT_FINDINGS
    save(compiled.report, out, format=registry.data_format(out).name)
    with atomic_path(detail) as tmp:
        tmp.write_bytes(detail_bytes)
    report = compiled.report
    print(f"已汇总 {len(compiled.sources)} 个单位（{report.year}年，{report.spec.key}版）：")
    for body in compiled.breakdown.bodies:
        print(f"  - {body.agency}（{body.source}）：{body.status}")
    print(f"已生成 {out}（汇总报告数据，正文请汇总单位自行撰写）和 {detail}（汇总明细）。")
    findings = report.check()
    if findings:
        print("汇总后的报告：")
        for f in findings:
            print(f"  {f.text}")
    print(f"生成 Word 报告：reportgen render {out} -o 输出文件夹")
    return EXIT_FINDINGS if faulty else EXIT_OK
