"""Hostile inputs (issue 15): time and peak memory of refusing each case of tests/catalogue.py.

    .venv/bin/python bench/bench_hostile.py [--slowest 10]

Each case runs in a fresh process (so that peak RSS is its own): data files and forms
through ``load``, templates compiled and used on a random report. Prints the slowest
cases and the largest peak RSS; docs/limits.md promises that no small file runs long
or takes much memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_ONE = r"""
import json, resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, "tests")
from catalogue import CASES, TEMPLATE_CASES, content_of
from reportgen import ReportError, load
kind, name = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    if kind == "data":
        _, filename, content, _ = next(c for c in CASES if c[0] == name)
        path = Path(tmp, filename)
        path.write_bytes(content_of(content))
        size = path.stat().st_size
        start = time.perf_counter()
        try:
            load(path)
        except ReportError:
            pass
    else:
        from reportgen.editions import get_edition
        from reportgen.formats import registry, to_bytes
        from reportgen.testing import random_report
        _, make, _ = next(c for c in TEMPLATE_CASES if c[0] == name)
        path = Path(tmp, "t.docx")
        path.write_bytes(make())
        size = path.stat().st_size
        report = random_report("2021")
        start = time.perf_counter()
        try:
            to_bytes(report, "docx", registry.get("docx").load_template(str(path), get_edition("2021")))
        except ReportError:
            pass
    took = time.perf_counter() - start
print(json.dumps({"seconds": took, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "bytes": size}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slowest", type=int, default=10)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from catalogue import CASES, TEMPLATE_CASES

    jobs = [("data", c[0]) for c in CASES] + [("template", c[0]) for c in TEMPLATE_CASES]
    results = []
    for kind, name in jobs:
        done = subprocess.run([sys.executable, "-c", _ONE, kind, name], capture_output=True, text=True,
                              cwd=ROOT, timeout=600, check=True)
        results.append((name, json.loads(done.stdout.strip().splitlines()[-1])))
    results.sort(key=lambda r: -r[1]["seconds"])
    print(f"{len(results)} hostile cases, each in a fresh process")
    print(f"{'case':40} {'file KB':>8} {'refused in s':>13} {'peak RSS MB':>12}")
    for name, r in results[: args.slowest]:
        print(f"{name:40} {r['bytes'] / 1024:8.0f} {r['seconds']:13.3f} {r['rss_mb']:12.0f}")
    print(f"slowest: {results[0][1]['seconds']:.3f} s; largest peak RSS: {max(r['rss_mb'] for _, r in results):.0f} MB")


if __name__ == "__main__":
    main()
