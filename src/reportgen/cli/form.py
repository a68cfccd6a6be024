"""reportgen form: the blank collection form (.xlsx) of an edition."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..editions import EDITIONS, edition_for_year, get_edition
from ..fileio import atomic_path
from ..formats import registry
from ..types import xml_problem
from . import EXIT_INPUT, EXIT_OK
from .defaults import default_year
from .paths import refuse_existing, refuse_windows_paths
from .start import from_last


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("form", help="生成空白填报表（Excel）",
                       description="生成一份空白的 Excel 填报表：表二、表三、表四和报告正文。合计项是公式，"
                       "填写项只接受合规的数字。填好后可用 reportgen check / render / import 读取。")
    p.add_argument("--edition", choices=sorted(EDITIONS),
                   help="格式版本（省略时按 --year 确定；都省略时为现行的 2021 版）")
    p.add_argument("--agency", metavar="机关名称", help="预先填入机关名称")
    p.add_argument("--year", type=int, metavar="年度", help="预先填入的报告年度（默认为上一年）")
    p.add_argument("--from", dest="last", metavar="上年报告",
                   help="从上一年度的报告开始：填入年度、机关名称、上年结转数和待改写的上年正文")
    p.add_argument("-o", "--output", required=True, metavar="填报表.xlsx")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    fmt = registry.for_suffix(out)
    if fmt is None or fmt.form is None:
        suffixes = "、".join(f.suffix for f in registry.formats() if f.form)
        print(f"{out}：填报表的文件名应以 {suffixes} 结尾。", file=sys.stderr)
        return EXIT_INPUT
    if refuse_existing([out], args.force):
        return EXIT_INPUT
    if refuse_windows_paths([args.output]):
        return EXIT_INPUT
    problem = xml_problem(args.agency) if args.agency else None
    if problem:
        print(f"--agency（机关名称）：{problem}。", file=sys.stderr)
        return EXIT_INPUT
    if args.last:
        return from_last(args, out)
    if args.year is None:
        args.year = default_year(args.edition)
    if not 2019 <= args.year <= 2099:
        print(f"报告年度应在 2019 至 2099 之间，实为 {args.year}。", file=sys.stderr)
        return EXIT_INPUT
    edition = get_edition(args.edition) if args.edition else edition_for_year(args.year)
    if not edition.covers(args.year):
        right = edition_for_year(args.year)
        print(f"{args.year}年度的报告应使用{right.key}版（{right.notice}），"
              f"不是{edition.key}版。请改用 --edition {right.key}，或省略 --edition。", file=sys.stderr)
        return EXIT_INPUT
    data = fmt.form(edition, agency=args.agency, year=args.year)
    with atomic_path(out) as tmp:
        tmp.write_bytes(data)
    print(f"已生成 {out}（{edition.key}版填报表，{edition.notice}）。")
    print("浅黄色单元格为填写项，灰色为自动计算的合计项。填好后：")
    print(f"  检查：reportgen check {out}")
    print(f"  生成 Word 报告：reportgen render {out} -o 输出文件夹")
    return EXIT_OK
