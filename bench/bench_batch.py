"""Batch performance (issue 5): the naive docxtpl/openpyxl loop against reportgen's batch path.

    .venv/bin/python bench/bench_batch.py [--n 200] [--rss 100 10000] [--no-pdf] [--e2e-only [--per-report]]

Measures, on the same random valid reports (both editions) and the project's own templates:
  (a) naive: DocxTemplate(path) + render + save, and load_workbook + fill + save, per report;
  (b) reportgen on one core: render_docx / render_xlsx (templates compiled once);
  (c) reportgen batch on all cores: data files in, .docx + .xlsx out (render_many);
and prints ms per report, the ratios, peak RSS of a batch of 100 and of 10,000 reports,
the time of `import reportgen`, and `reportgen render` of a sample end to end.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import e2e  # bench/e2e.py: the end-to-end figures of issue #16

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def _reports(n: int) -> list:  # type: ignore[type-arg]
    from reportgen.testing import random_report

    return [random_report("2019" if i % 2 else "2021", seed=i) for i in range(n)]


def _per_report(fn: Callable[[object], None], reports: list) -> float:  # type: ignore[type-arg]
    start = time.perf_counter()
    for r in reports:
        fn(r)
    return (time.perf_counter() - start) / len(reports) * 1000


def naive_docx(report: object) -> None:
    from docxtpl import DocxTemplate

    from reportgen.formats.display import context
    from reportgen.formats.docx.writer import shipped_template

    doc = DocxTemplate(str(shipped_template(report.spec.key)))  # type: ignore[attr-defined]
    doc.render(context(report), autoescape=True)  # type: ignore[arg-type]
    doc.save(io.BytesIO())


def naive_xlsx(report: object) -> None:
    from openpyxl import load_workbook

    from reportgen.formats.xlsx.writer import report_values, template_path

    wb = load_workbook(template_path(report.spec.key))  # type: ignore[attr-defined]
    values, _ = report_values(report)  # type: ignore[arg-type]
    for name, value in values.items():
        dn = wb.defined_names.get(name)
        if dn is None:
            continue
        for sheet, coord in dn.destinations:
            wb[sheet][coord.replace("$", "")].value = value if not hasattr(value, "as_tuple") else str(value)
    wb.save(io.BytesIO())


def fast_docx(report: object) -> None:
    from reportgen import render_docx

    render_docx(report, io.BytesIO())  # type: ignore[arg-type]


def fast_xlsx(report: object) -> None:
    from reportgen import render_xlsx

    render_xlsx(report, io.BytesIO())  # type: ignore[arg-type]


def _write_inputs(n: int, folder: Path, fmt: str) -> list[Path]:
    import importlib

    from reportgen.testing import random_report

    writer = importlib.import_module(f"reportgen.formats.{fmt}").write
    paths = []
    for i in range(n):  # one report at a time: the batch's memory is what is measured
        report = random_report("2019" if i % 2 else "2021", seed=i)
        path = folder / f"r{i:05d}.{fmt}"
        data = report.model_dump()
        data["agency"] = f"第{i}号测试机关"
        writer(type(report).model_validate(data), path)
        paths.append(path)
    return paths


def _batch_child(n: int, jobs: int, fmt: str) -> None:
    """In a fresh process: write n data files, batch-render them, print seconds and peak RSS (MB)."""
    from reportgen.batch import render_many

    with tempfile.TemporaryDirectory() as tmp:
        inputs = _write_inputs(n, Path(tmp), fmt)
        start = time.perf_counter()
        done = sum(o.ok for o in render_many(inputs, Path(tmp) / "out", jobs=jobs))
        seconds = time.perf_counter() - start
    assert done == n, f"{done} of {n} rendered"
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{seconds} {own} {kids}")


def _run_child(n: int, jobs: int, fmt: str = "json") -> tuple[float, float, float]:
    out = subprocess.run([PY, __file__, "--child", str(n), str(jobs), fmt], capture_output=True, text=True,
                         check=True)
    seconds, own, kids = map(float, out.stdout.split())
    return seconds, own, kids


def _import_time() -> float:
    code = "import time; t = time.perf_counter(); import reportgen; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(7)]
    return statistics.median(runs) * 1000


def _cli_render() -> float:
    exe = Path(PY).with_name("reportgen")
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([str(exe), "render", str(ROOT / "samples" / "sample-2021.yaml"), "-o", tmp, "--force"],
                           capture_output=True, check=True)
            runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="reports for the per-report timings")
    parser.add_argument("--rss", type=int, nargs=2, default=(100, 10_000), metavar=("SMALL", "LARGE"))
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--e2e-child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF scaling (LibreOffice)")
    parser.add_argument("--e2e-only", action="store_true", help="only the end-to-end figures of issue #16")
    parser.add_argument("--per-report", action="store_true",
                        help="with --e2e-only: the stages and the batch per extra report only (no commands, no PDF)")
    args = parser.parse_args()
    if args.child:
        _batch_child(int(args.child[0]), int(args.child[1]), args.child[2])
        return
    if args.e2e_child:
        e2e.batch_child(int(args.e2e_child[0]), args.e2e_child[1])
        return
    if args.e2e_only:
        e2e.report(args.n, pdf=not args.no_pdf and not args.per_report, commands=not args.per_report)
        return

    cores = os.cpu_count() or 1
    print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}, {platform.system()}")
    reports = _reports(args.n)
    for fn in (naive_docx, naive_xlsx, fast_docx, fast_xlsx):
        fn(reports[0])  # imports and one-time template compilation are not per-report costs
    a_docx, a_xlsx = _per_report(naive_docx, reports), _per_report(naive_xlsx, reports)
    b_docx, b_xlsx = _per_report(fast_docx, reports), _per_report(fast_xlsx, reports)
    print(f"\nper report, {args.n} reports, one core (ms)      docx    xlsx    both")
    print(f"(a) naive docxtpl + openpyxl              {a_docx:7.2f} {a_xlsx:7.2f} {a_docx + a_xlsx:7.2f}")
    print(f"(b) reportgen, templates compiled once    {b_docx:7.2f} {b_xlsx:7.2f} {b_docx + b_xlsx:7.2f}")
    print(f"    ratio (a)/(b)                         {a_docx / b_docx:6.1f}x {a_xlsx / b_xlsx:6.1f}x "
          f"{(a_docx + a_xlsx) / (b_docx + b_xlsx):6.1f}x")

    n = args.n
    print(f"\nbatch end to end: data files in, .docx + .xlsx files out ({n} reports; load and check included)")
    for fmt in ("json", "yaml"):
        one, many = _run_child(n, 1, fmt), _run_child(n, cores, fmt)
        print(f"(b) {fmt:4}, 1 core:  {one[0] / n * 1000:6.2f} ms per report, {n / one[0]:7.1f} reports/s")
        print(f"(c) {fmt:4}, {cores} cores: {many[0] / n * 1000:6.2f} ms per report, {n / many[0]:7.1f} reports/s")

    small, large = args.rss
    rs, rl = _run_child(small, 1), _run_child(large, 1)
    print(f"\npeak RSS of a one-core batch: {small} reports {rs[1]:.1f} MB, {large} reports {rl[1]:.1f} MB "
          f"(ratio {rl[1] / rs[1]:.2f}); {large} reports took {rl[0]:.1f} s")

    print(f"\nimport reportgen: {_import_time():.1f} ms (median of 7)")
    print(f"reportgen render samples/sample-2021.yaml -o DIR: {_cli_render() * 1000:.0f} ms end to end (median of 3)")
    e2e.report(args.n, pdf=not args.no_pdf)


if __name__ == "__main__":
    main()
