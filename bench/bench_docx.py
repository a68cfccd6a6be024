"""Word rendering speed (issue 3: under 150 ms per report, template load included).

    .venv/bin/python bench/bench_docx.py [--n 200]

Prints per edition: the
first report with the template loaded and compiled from disk (a fresh Renderer),
and the mean of --n further reports on the compiled renderer, each to an in-memory
.docx. Not a test: timings vary by machine.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

from reportgen.formats.display import context
from reportgen.formats.docx.engine import Renderer
from reportgen.formats.docx.writer import shipped_template
from reportgen.testing import random_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    for edition in ("2019", "2021"):
        reports = [random_report(edition, seed=i) for i in range(args.n + 1)]
        start = time.perf_counter()
        renderer = Renderer(shipped_template(edition), edition=edition)
        renderer.render(reports[0], io.BytesIO())
        cold = (time.perf_counter() - start) * 1000
        times, ctx_times = [], []
        for report in reports[1:]:
            t0 = time.perf_counter()
            context(report)
            t1 = time.perf_counter()
            renderer.render(report, io.BytesIO())
            t2 = time.perf_counter()
            ctx_times.append((t1 - t0) * 1000)
            times.append((t2 - t1) * 1000)
        print(f"{edition}版：首份（含读取与编译模板）{cold:.1f} ms；"
              f"其后每份 {statistics.mean(times):.2f} ms（中位数 {statistics.median(times):.2f} ms，"
              f"其中整理数据 {statistics.mean(ctx_times):.2f} ms），共 {args.n} 份")


if __name__ == "__main__":
    main()
