"""reportgen's own pages are not read back from a folder; a saved portal page is."""

from __future__ import annotations

import shutil
from pathlib import Path

from reportgen.batch import find_inputs
from reportgen.formats import loads, registry, to_bytes
from reportgen.testing import random_report

PUBLISHED = Path(__file__).parent / "fixtures" / "published" / "cms_2021.html"


def test_own_pages_are_skipped_in_a_folder_and_portal_pages_are_not(tmp_path: Path) -> None:
    report = random_report("2021")
    (tmp_path / "fragment.html").write_bytes(to_bytes(report, "html"))
    (tmp_path / "page-网页.html").write_bytes(to_bytes(report, "html-page"))
    shutil.copy(PUBLISHED, tmp_path / "portal.html")
    assert [p.name for p in find_inputs([tmp_path])] == ["portal.html"]
    assert all(registry.is_own_output(p, p.read_bytes()) for p in tmp_path.glob("*.html") if p.name != "portal.html")


def test_an_own_fragment_named_explicitly_still_reads() -> None:
    report = random_report("2021")
    again = loads(to_bytes(report, "html"), "html")
    assert again.cell("applications", "results_total", "total") == report.cell("applications", "results_total", "total")
