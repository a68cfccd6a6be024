"""`reportgen batch --jobs J` end to end: CPU and wall time per extra report, and the fixed cost of a run.

    .venv/bin/python bench/bench_jobs.py [--small 20] [--large 220] [--runs 3] [--jobs 1 2] [--fmt json]
                                         [--src DIR ...]

For each J, runs the command over ``small`` and ``large`` data files (random valid reports, both
editions) and prints, best of ``runs``: the CPU seconds of the whole run (user + system, the command
and its worker processes), the wall seconds, and per extra report (T(large) - T(small)) / (large - small)
in ms of CPU and of wall time. ``--src DIR ...``: source trees put first on PYTHONPATH (e.g. an older
commit's ``src`` from ``git archive``), their runs alternating so that other load hits each alike.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import e2e  # bench/e2e.py: write_inputs

EXE = Path(sys.executable).with_name("reportgen")


def run(inputs: Path, out: Path, jobs: int, src: str) -> tuple[float, float]:
    """CPU and wall seconds of one `reportgen batch` into a fresh ``out``, with ``src`` (if any) on PYTHONPATH."""
    env = {**os.environ, "PYTHONPATH": src} if src else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(EXE), "batch", str(inputs), "-o", str(out), "--jobs", str(jobs)],
                   capture_output=True, check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--large", type=int, default=220)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--fmt", default="json")
    parser.add_argument("--src", nargs="+", default=[""])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sizes = (args.small, args.large)
        folders = {n: Path(tmp, f"in{n}") for n in sizes}
        for n, folder in folders.items():
            e2e.write_inputs(n, folder, args.fmt)
        print(f"reportgen batch over {args.fmt} inputs, best of {args.runs}")
        print(f"{'jobs':>4} {'n':>5} {'CPU s':>8} {'wall s':>8}  tree")
        for jobs in args.jobs:
            times: dict[tuple[str, int], list[tuple[float, float]]] = {}
            for i in range(args.runs):
                for n in sizes:
                    for src in args.src:
                        out = Path(tmp, f"out{jobs}-{n}-{i}-{args.src.index(src)}")
                        times.setdefault((src, n), []).append(run(folders[n], out, jobs, src))
            for src in args.src:
                best = {n: (min(c for c, _ in times[src, n]), min(w for _, w in times[src, n])) for n in sizes}
                for n in sizes:
                    print(f"{jobs:>4} {n:>5} {best[n][0]:>8.3f} {best[n][1]:>8.3f}  {src or 'installed'}")
                extra = args.large - args.small
                cpu = (best[args.large][0] - best[args.small][0]) / extra * 1000
                wall = (best[args.large][1] - best[args.small][1]) / extra * 1000
                print(f"{jobs:>4}  per extra report: {cpu:.2f} ms CPU, {wall:.2f} ms wall  {src or 'installed'}")

if __name__ == "__main__":
    main()
