"""Time to read a ~100 KB portal page (target < 100 ms) and a five-page PDF (target < 1 s).

    .venv/bin/python bench/bench_published.py
"""

from __future__ import annotations

import time
from pathlib import Path

from reportgen.formats import read_published

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "published"


def best_of(n: int, data: bytes, name: str, kind: str) -> float:
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        read_published(data, name, kind)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    page = (FIXTURES / "cms_2021.html").read_bytes()
    page = page.replace(b"</body>", b"<div>" + b"<p>\xe5\xaf\xbc\xe8\x88\xaa</p>" * 3000 + b"</div></body>")
    pdf = (FIXTURES / "reportgen_2021.pdf").read_bytes()
    seconds = best_of(5, page, "p.html", "html")
    print(f"portal page {len(page) / 1024:.0f} KB: {seconds * 1000:.1f} ms (target < 100 ms)")
    print(f"PDF {len(pdf) / 1024:.0f} KB: {best_of(3, pdf, 'r.pdf', 'pdf') * 1000:.0f} ms (target < 1000 ms)")


if __name__ == "__main__":
    main()
