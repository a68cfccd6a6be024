"""What publishing costs: the official blank template mapped and filled, the report workbook.

    .venv/bin/python bench/bench_publish.py [--n 50]

Prints ms per call, on random valid reports of each edition:
  - mapping a tag-less 格式模板 by its labels (once per template), for both test layouts;
  - filling it (per report), against the shipped docxtpl template (per report);
  - rendering the report workbook (per report).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from official_templates import VARIANTS, build  # noqa: E402
from reportgen.editions import EDITIONS  # noqa: E402
from reportgen.formats import to_bytes  # noqa: E402
from reportgen.formats.docx.official import OfficialTemplate  # noqa: E402
from reportgen.testing import random_report  # noqa: E402


def _ms(fn: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=50)
    n = parser.parse_args().n
    for key, edition in EDITIONS.items():
        reports = [random_report(key, seed) for seed in range(n)]
        it = iter(reports * 4)
        take = it.__next__
        for variant in VARIANTS:
            data = build(edition, variant)
            mapping = _ms(lambda data=data, edition=edition: OfficialTemplate(data, edition), 5)
            template = OfficialTemplate(data, edition)
            fill = _ms(lambda template=template, take=take: template.render_bytes(take()), n)
            print(f"{key} 格式模板（{variant}）：识别 {mapping:.1f} ms（每个模板一次），填写 {fill:.1f} ms/份")
        shipped = _ms(lambda take=take: to_bytes(take(), "docx"), n)
        workbook = _ms(lambda take=take: to_bytes(take(), "xlsx"), n)
        print(f"{key} 内置 Word 模板 {shipped:.1f} ms/份；报表工作簿 {workbook:.1f} ms/份")


if __name__ == "__main__":
    main()
