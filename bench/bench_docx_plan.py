"""The shipped Word templates rendered by a substitution plan (issue #16): load, per-report stages, one command.

    .venv/bin/python bench/bench_docx_plan.py [--n 300] [--runs 5]

    PYTHONPATH=OTHER/src .venv/bin/python bench/bench_docx_plan.py   # the same figures for another tree

Prints, in CPU time (``time.process_time``, best of --runs), on one core:
  * loading a shipped template in a fresh process (imports included) and which of
    jinja2 / docxtpl / docx (python-docx) that imported;
  * per report, both editions alternating: values (``display.context``), the
    rendered parts (``Renderer.render_parts``: the plan; and the same parts through the Jinja
    path, for comparison), the zip, and ``to_docx`` whole;
  * ``reportgen render samples/sample-2021.yaml -o DIR --force``: median wall and CPU of --runs.
Not a test: timings vary with the machine and its load (printed).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

_LOAD_CHILD = """
import sys, time
t0 = time.process_time()
from reportgen.formats.docx.writer import shipped_renderer
t1 = time.process_time()
shipped_renderer({edition!r})
t2 = time.process_time()
heavy = [m for m in ("jinja2", "docxtpl", "docx") if m in sys.modules]
print(t1 - t0, t2 - t1, ",".join(heavy) or "-")
"""


def load_cost(edition: str, runs: int) -> tuple[float, float, str]:
    """(ms to import the writer, ms to load the shipped template, heavy modules imported), best of runs."""
    best: tuple[float, float, str] | None = None
    for _ in range(runs):
        out = subprocess.run([PY, "-c", _LOAD_CHILD.format(edition=edition)], capture_output=True, text=True,
                             check=True).stdout.split()
        got = (float(out[0]) * 1000, float(out[1]) * 1000, out[2])
        if best is None or got[1] < best[1]:
            best = got
    assert best is not None
    return best


def _cpu(fn: Callable[[Any], Any], items: list[Any], runs: int) -> float:
    """ms of CPU per item, best of runs."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        for x in items:
            fn(x)
        best = min(best, (time.process_time() - start) / len(items) * 1000)
    return best


def stages(n: int, runs: int) -> dict[str, float]:
    from reportgen import to_docx
    from reportgen.formats.display import context
    from reportgen.formats.docx.writer import shipped_renderer
    from reportgen.formats.zipparts import build_zip, pack
    from reportgen.testing import random_report

    reports = [random_report("2019" if i % 2 else "2021", seed=i) for i in range(n)]
    pairs = [(shipped_renderer(r.spec.key), context(r)) for r in reports]
    for renderer, ctx in pairs[:2]:
        renderer.render_context(ctx)
    rendered = [(renderer, renderer.render_parts(ctx)) for renderer, ctx in pairs]

    def jinja(pair: tuple[Any, dict[str, Any]]) -> None:  # the same parts through the Jinja path
        renderer, ctx = pair
        if not hasattr(renderer, "_compiled"):  # a tree from before the plan (PYTHONPATH): Jinja already
            renderer.render_parts(ctx)
            return
        compiled = renderer._compiled()
        for name in renderer.sources:
            compiled.render(name, ctx)

    def zipped(item: tuple[Any, dict[str, bytes]]) -> None:
        renderer, parts = item
        build_zip({name: packed or pack(parts[name]) for name, packed in renderer.packed.items()})

    return {"values (display.context)": _cpu(context, reports, runs),
            "rendered parts: plan (render_parts)": _cpu(lambda p: p[0].render_parts(p[1]), pairs, runs),
            "rendered parts: Jinja, for comparison": _cpu(jinja, pairs, runs),
            "zip (deflate the parts, assemble)": _cpu(zipped, rendered, runs),
            "to_docx (all, incl. checks)": _cpu(to_docx, reports, runs)}


def command(runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds (user + system) of ``python -m reportgen render sample-2021.yaml``
    (``-m``: PYTHONPATH may name another tree, e.g. the commit before, for a comparison)."""
    sample = str(ROOT / "samples" / "sample-2021.yaml")
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([PY, "-m", "reportgen", "render", sample, "-o", tmp, "--force"], capture_output=True,
                           check=True)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print("\nloading a shipped Word template in a fresh process (CPU ms, best of runs)")
    for edition in ("2019", "2021"):
        imp, load, heavy = load_cost(edition, args.runs)
        print(f"  {edition}: import writer {imp:6.1f}   load template {load:6.1f}   heavy modules imported: {heavy}")
    print(f"\nper report, {args.n} reports of both editions (CPU ms, best of {args.runs})")
    for name, ms in stages(args.n, args.runs).items():
        print(f"  {name:<34} {ms:6.3f}")
    wall, cpu = command(args.runs)
    print(f"\npython -m reportgen render samples/sample-2021.yaml (median of {args.runs}): "
          f"wall {wall * 1000:5.0f} ms, CPU {cpu * 1000:5.0f} ms")


if __name__ == "__main__":
    main()
