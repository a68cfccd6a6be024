"""``new --from`` and ``form --from``: this year's starter from last year's report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..formats import load, registry, save
from ..model import Report
from ..review import next_year
from . import EXIT_INPUT, EXIT_OK


def from_last(args: argparse.Namespace, out: Path) -> int:
    """Write next year's starter of ``args.last`` to ``out``, as a data file or a form by its suffix."""
    last = load(args.last)
    data, notes = next_year(last)
    if getattr(args, "agency", None):
        data["agency"] = args.agency
    if getattr(args, "year", None) not in (None, last.year + 1) or getattr(args, "edition", None) not in (
            None, data["edition"]):
        print(f"--from 生成的是 {last.year + 1}年度（{data['edition']}版）的报告，请不要同时指定其他年度或版本。",
              file=sys.stderr)
        return EXIT_INPUT
    report = Report.from_data(data)
    fmt = registry.for_suffix(out)
    if fmt is None or fmt.write is None or not (fmt.data_file or fmt.form):
        fmt = registry.data_format(out)
    save(report, out, format=fmt.name)
    print(f"已生成 {out}（{report.agency} {report.year}年，{report.spec.key}版），"
          f"从 {args.last}（{last.year}年）开始：")
    for line in notes:
        print(f"  - {line}")
    print(f"填好后检查：reportgen check {out} --previous {args.last}")
    return EXIT_OK
