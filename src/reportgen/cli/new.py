"""reportgen new: a starter data file, every key present and labelled."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from ..editions import EDITIONS
from ..errors import ReportError
from ..formats import registry, save
from ..model import Report
from . import EXIT_INPUT, EXIT_OK
from .defaults import default_year
from .paths import refuse_existing, refuse_windows_paths
from .start import from_last


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("new", help="生成空白数据文件（YAML）",
                       description="生成一份空白的数据文件：每一项都已列出并注明官方标签，填好数字即可检查和生成报告。")
    p.add_argument("--edition", choices=sorted(EDITIONS), help="格式版本（省略时按年度确定）")
    p.add_argument("--agency", metavar="机关名称", help="必填，除非使用 --from")
    p.add_argument("--from", dest="last", metavar="上年报告",
                   help="从上一年度的报告（数据文件、填报表或已发布的网页/Word/PDF）开始：年度加一，结转数带入，正文沿用待改写")
    p.add_argument("--year", type=int, metavar="年度",
                   help="报告年度（默认为上一年）")
    p.add_argument("-o", "--output", required=True, metavar="文件.yaml")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(func=run)


def starter(edition: str | None, agency: str, year: int) -> Report:
    """A blank report of the edition, ready to be filled."""
    data: dict[str, object] = {"agency": agency, "year": year}
    if edition:
        data["edition"] = edition
    report = Report.from_data(data)
    if report.spec.fees:
        report = Report.from_data({**data, "fees": {c.key: Decimal(0) if c.kind == "money" else 0
                                                    for c in report.spec.fees}})
    return report


def run(args: argparse.Namespace) -> int:
    if refuse_windows_paths([args.output]):
        return EXIT_INPUT
    out = Path(args.output)
    if refuse_existing([out], args.force):
        return EXIT_INPUT
    if args.last:
        return from_last(args, out)
    if args.year is None:
        args.year = default_year(args.edition)
    if not args.agency:
        print("请用 --agency 填写机关名称（或用 --from 从上年报告开始）。", file=sys.stderr)
        return EXIT_INPUT
    try:
        report = starter(args.edition, args.agency, args.year)
    except ReportError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INPUT
    save(report, out, format=registry.data_format(out).name)
    print(f"已生成 {out}（{report.spec.key}版，{report.agency} {report.year}年）。")
    print(f"填好后检查：reportgen check {out}")
    return EXIT_OK
