"""End-to-end measurements for bench_batch.py (issue #16): stages, per extra report, single commands, PDF.

CPU time (``time.process_time``) on one core for the per-report figures; wall time for commands.
"""

from __future__ import annotations

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
TARGETS = {"yaml": 4.5, "json": 3.5}
"""ms of CPU per extra report, data file in -> .docx and .xlsx out (issue #16)."""


def write_inputs(n: int, folder: Path, fmt: str) -> list[Path]:
    """n data files of random valid reports (both editions), each a different agency."""
    from reportgen import to_bytes
    from reportgen.testing import random_report

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        report = random_report("2019" if i % 2 else "2021", seed=i).replace(agency=f"第{i}号测试机关")
        path = folder / f"r{i:05d}.{fmt}"
        path.write_bytes(to_bytes(report, fmt))
        paths.append(path)
    return paths


def _cpu(fn: Callable[[Any], Any], items: list[Any]) -> tuple[float, list[Any]]:
    """ms of CPU per item, and the results."""
    start = time.process_time()
    out = [fn(x) for x in items]
    return (time.process_time() - start) / len(items) * 1000, out


def stages(n: int) -> list[tuple[str, float, float]]:
    """(stage, ms YAML, ms JSON) per report, each stage measured alone over n reports."""
    from reportgen import to_docx, to_xlsx
    from reportgen.fileio import decode_text
    from reportgen.formats import json as json_format
    from reportgen.formats import yaml as yaml_format
    from reportgen.formats.display import context
    from reportgen.formats.docx.writer import shipped_renderer
    from reportgen.formats.xlsx.writer import report_values
    from reportgen.model import Report

    rows: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, module in (("yaml", yaml_format), ("json", json_format)):
            blobs = [p.read_bytes() for p in write_inputs(n, Path(tmp) / fmt, fmt)]
            for blob in blobs[:2]:  # first use: classes and templates built, not a per-report cost
                to_xlsx(Report.from_data(module.parse(decode_text(blob, "x"), "x")))
                to_docx(Report.from_data(module.parse(decode_text(blob, "x"), "x")))
            parse, data = _cpu(lambda b, m=module: m.parse(decode_text(b, "x"), "x"), blobs)
            model, reports = _cpu(Report.from_data, data)
            check, _ = _cpu(lambda r: r.check(), reports)
            values, contexts = _cpu(context, reports)
            plan, _ = _cpu(lambda rc: shipped_renderer(rc[0].spec.key).render_parts(rc[1]),
                            list(zip(reports, contexts, strict=True)))
            docx, files = _cpu(to_docx, reports)
            xvalues, _ = _cpu(report_values, reports)
            xlsx, sheets = _cpu(to_xlsx, reports)
            out = Path(tmp) / f"w-{fmt}"  # new files for each format, as a batch writes (not rewrites)
            out.mkdir(exist_ok=True)
            pairs = list(enumerate(zip(files, sheets, strict=True)))
            write, _ = _cpu(lambda item, out=out: _write_two(out, *item), pairs)
            measured = {"parse": parse, "pydantic + derived cells": model, "checks": check,
                        "docx (all)": docx, "  docx values (display.context)": values,
                        "  docx render (plan)": plan, "  docx zip (rest)": docx - values - plan,
                        "xlsx (all)": xlsx, "  xlsx values": xvalues, "  xlsx splice + zip (rest)": xlsx - xvalues,
                        "write two files": write}
            for name, ms in measured.items():
                rows.setdefault(name, []).append(ms)
    return [(name, y, j) for name, (y, j) in rows.items()]


def _write_two(out: Path, i: int, pair: tuple[bytes, bytes]) -> None:
    for suffix, data in zip(("docx", "xlsx"), pair, strict=True):
        fd = os.open(out / f"{i}.{suffix}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)


def batch_child(n: int, fmt: str) -> None:
    """In a fresh process: CPU seconds of render_many (jobs=1) over n data files, printed."""
    from reportgen.batch import render_many

    with tempfile.TemporaryDirectory() as tmp:
        inputs = write_inputs(n, Path(tmp) / "in", fmt)
        start = time.process_time()
        done = sum(o.ok for o in render_many(inputs, Path(tmp) / "out", jobs=1))
        seconds = time.process_time() - start
    assert done == n, f"{done} of {n}"
    print(seconds)


def per_extra_report(fmt: str, small: int = 20, large: int = 220) -> float:
    """ms of CPU per extra report in a one-core batch: (T(large) - T(small)) / (large - small), best of 3."""
    def run(n: int) -> float:
        os.sync()  # earlier runs' files written back first: the kernel's writeback is not this batch's cost
        out = subprocess.run([PY, str(ROOT / "bench" / "bench_batch.py"), "--e2e-child", str(n), fmt],
                             capture_output=True, text=True, check=True)
        return float(out.stdout)

    return min((run(large) - run(small)) / (large - small) * 1000 for _ in range(3))


COMMAND_RUNS = 11
"""Runs of each single command: this virtual machine gives a run in four or five a third more CPU time."""


def command_time(args: list[str], runs: int = COMMAND_RUNS, warm: bool = True) -> tuple[float, float, float]:
    """Median wall, median CPU (user + system, with its children) and best wall seconds of ``reportgen ARGS``.

    Run as an installed command runs: with the modules' bytecode written (pip compiles it at
    install; a first, unmeasured run writes it here even where PYTHONDONTWRITEBYTECODE is set).
    """
    exe = Path(PY).with_name("reportgen")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if warm:  # not for a batch: its second run would find its outputs there
        subprocess.run([str(exe), *args], capture_output=True, check=False, env=env)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(exe), *args], capture_output=True, check=False, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus), min(walls)


def single_commands() -> dict[str, tuple[float, float, float]]:
    sample = str(ROOT / "samples" / "sample-2021.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        return {"check": command_time(["check", sample]),
                "render": command_time(["render", sample, "-o", tmp, "--force"])}


PDF_REPORTS = 40
"""Reports in the PDF scaling run: a county's bodies (each LibreOffice start, ~1.5 s, is paid once a process)."""

def pdf_scaling(n: int = PDF_REPORTS) -> dict[int, float]:
    """Wall seconds of `reportgen batch --pdf --jobs J` over n data files, for J = 1 and 2."""
    out: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        write_inputs(n, Path(tmp) / "in", "json")
        for jobs in (1, 2):
            target = Path(tmp) / f"out{jobs}"
            out[jobs] = command_time(["batch", str(Path(tmp) / "in"), "-o", str(target), "--docx", "--pdf",
                                      "--jobs", str(jobs)], runs=1, warm=False)[0]
            assert len(list(target.glob("*.pdf"))) == n, f"PDFs missing with --jobs {jobs}"
    return out


TOP_STAGES = ("parse", "pydantic + derived cells", "checks", "docx (all)", "xlsx (all)", "write two files")
"""The stages that add up to a report (the indented ones are parts of these)."""


def report(n: int, pdf: bool = True, commands: bool = True) -> None:
    print(f"\nper-stage CPU time, one core, {n} reports (ms per report)        YAML    JSON")
    rows = stages(n)
    for name, y, j in rows:
        print(f"  {name:<58} {y:6.2f}  {j:6.2f}")
    total = {"yaml": sum(y for name, y, _ in rows if name in TOP_STAGES),
             "json": sum(j for name, _, j in rows if name in TOP_STAGES)}
    print("\nbatch, per extra report, data file in -> .docx + .xlsx out (CPU ms, one core, best of 3)")
    for fmt in ("yaml", "json"):
        ms = per_extra_report(fmt)
        mark = "ok" if ms <= TARGETS[fmt] else "over target"
        print(f"  {fmt:4}: {ms:6.2f} ms   target <= {TARGETS[fmt]} ms   {mark}   "
              f"(stages {total[fmt]:.2f}, the rest {ms - total[fmt]:+.2f}: reading, staging, renames, advice)")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other processes inflate CPU time too)")
    if not commands:
        return
    times = single_commands()
    print(f"\nsingle command, median of {COMMAND_RUNS} (load average now {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores)")
    for name, target in (("check", 300), ("render", 600)):
        wall, cpu, best = times[name]
        mark = "ok" if wall < target / 1000 else "over target"
        print(f"  reportgen {name} sample-2021.yaml: wall {wall * 1000:5.0f} ms (best {best * 1000:.0f}), "
              f"CPU {cpu * 1000:5.0f} ms   target < {target} ms wall   {mark}")
    if pdf:
        scaling = pdf_scaling()
        print(f"\nPDF: reportgen batch --docx --pdf over {PDF_REPORTS} reports, wall time")
        print(f"  --jobs 1: {scaling[1]:5.1f} s   --jobs 2: {scaling[2]:5.1f} s   "
              f"speed-up {scaling[1] / scaling[2]:.2f}x   target >= 1.6x")
