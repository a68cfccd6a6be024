"""Audit and 汇总 performance (issue 12): a county's folder of data files, audited and compiled.

    .venv/bin/python bench/bench_audit.py [--n 60]

Writes ``n`` balanced 2021 reports (with a 20-sentence narrative each) and last year's
reports of the same bodies, then times ``survey.audit`` (check, pairing, continuity, text
against tables, copy rate, strict mode) and ``survey.aggregate_files``, and the copy rate of
one pair of long narratives alone. Prints ms per report.
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import time
from pathlib import Path

import yaml

from reportgen.review import copy_rate
from reportgen.survey import aggregate_files, audit
from reportgen.testing import balanced_data, random_report


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if isinstance(value, int | str | type(None)) else str(value)


def _narrative(seed: int, year: int) -> list[str]:
    return [f"{year}年第{n}项：围绕第{(n * seed) % 17}类重点领域信息公开，规范发布流程并开展专项检查{n}轮，"
            f"回应社会关切{seed + n}次。" for n in range(20)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=60)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as tmp:
        this, last = Path(tmp, "本年"), Path(tmp, "上年")
        this.mkdir()
        last.mkdir()
        for i in range(n):
            for folder, year in ((this, 2023), (last, 2022)):
                data = copy.deepcopy(balanced_data("2021", i + 1))
                data.update(agency=f"第{i}镇人民政府", year=year, overview={"intro": _narrative(i, year)})
                Path(folder, f"{i}.yaml").write_text(yaml.safe_dump(_plain(data), allow_unicode=True),
                                                     encoding="utf-8")
        start = time.perf_counter()
        result = audit([this], [last])
        took = time.perf_counter() - start
        print(f"audit: {n} reports (+{n} of last year) in {took:.2f} s, {took / n * 1000:.0f} ms per report; "
              f"{sum(1 for e in result.entries if e.previous)} paired, {len(result.lines)} findings")
        start = time.perf_counter()
        aggregate_files([this], "某县")
        took = time.perf_counter() - start
        print(f"aggregate: {n} reports in {took:.2f} s, {took / n * 1000:.0f} ms per report")
    a = random_report("2021", 1)
    b = random_report("2021", 2)
    long_a = a.model_copy(update={"overview": a.overview.model_copy(update={"intro": _narrative(1, 2022) * 5})})
    long_b = b.model_copy(update={"overview": b.overview.model_copy(update={"intro": _narrative(2, 2023) * 5})})
    start = time.perf_counter()
    rate = copy_rate(long_a, long_b)
    print(f"copy rate of two 100-sentence narratives: {(time.perf_counter() - start) * 1000:.0f} ms "
          f"(rate {rate.rate:.0%})")


if __name__ == "__main__":
    main()
