"""Reading a YAML data file (issue #16, target 1): the careful reader as it was against the fast pass.

    .venv/bin/python bench/bench_yaml.py [--n 100] [--runs 7]

CPU ms per file (``time.process_time``, best of --runs) of ``formats.yaml.parse_careful`` (before)
and ``formats.yaml.parse`` (after; the fast pass, the careful reader only for the unusual), on the
files the end-to-end bench feeds the batch (random valid reports, both editions), on the samples,
and on a blank starter of each edition as ``reportgen new`` writes it (about 18 KB). Not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import e2e  # bench/e2e.py: the same input files as the per-stage table

from reportgen.cli.new import starter
from reportgen.fileio import decode_text
from reportgen.formats import yaml as yaml_format
from reportgen.formats.yaml.fast import UNSURE, load_fast

TARGET = 1.3
"""ms of CPU to parse a samples- or starter-style file (issue #16)."""


def best_ms(parsers: list[Callable[[str, str], object]], texts: list[str], runs: int) -> list[float]:
    """Best CPU ms per text of each parser, runs interleaved so that a burst of load hits both alike."""
    best = [float("inf")] * len(parsers)
    for _ in range(runs):
        for i, parse in enumerate(parsers):
            start = time.process_time()
            for text in texts:
                parse(text, "x")
            best[i] = min(best[i], (time.process_time() - start) / len(texts) * 1000)
    return best


def corpora(n: int, tmp: Path) -> dict[str, list[str]]:
    inputs = [decode_text(p.read_bytes(), "x") for p in e2e.write_inputs(n, tmp, "yaml")]
    samples = [p.read_text(encoding="utf-8") for p in sorted((e2e.ROOT / "samples").glob("*.yaml"))]
    starters = [yaml_format.dumps(starter(edition, "测试机关", year))
                for edition, year in (("2019", 2020), ("2021", 2025))]
    return {f"e2e bench inputs ({n})": inputs, "samples/*.yaml": samples * 20, "reportgen new starters": starters * 20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        groups = corpora(args.n, Path(tmp))
    print(f"YAML parse, CPU ms per file, best of {args.runs} (load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores)")
    print(f"  {'files':<30} {'KB':>5} {'before':>7} {'after':>7} {'speed-up':>8}  fast pass   target <= {TARGET}")
    for name, texts in groups.items():
        unsure = sum(load_fast(t) is UNSURE for t in texts)
        assert all(yaml_format.parse(t, "x") == yaml_format.parse_careful(t, "x") for t in texts), name
        before, after = best_ms([yaml_format.parse_careful, yaml_format.parse], texts, args.runs)
        size = sum(len(t.encode()) for t in texts) / len(texts) / 1024
        mark = "ok" if after <= TARGET else "over target"
        print(f"  {name:<30} {size:5.1f} {before:7.2f} {after:7.2f} {before / after:7.1f}x  "
              f"{len(texts) - unsure}/{len(texts)}   {mark}")


if __name__ == "__main__":
    sys.exit(main())
