"""The samples through LibreOffice: what a clerk sees on paper (one conversion per edition)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import reportgen
from reportgen.cli import main
from reportgen.fileio import output_stem
from reportgen.formats.display import format_number, title_lines
from reportgen.formats.pdf.libreoffice import convert, find_soffice, fonts_conf

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {"2019": ROOT / "samples" / "zhangcun-2019.yaml", "2021": ROOT / "samples" / "sample-2021.yaml"}
MAX_PAGES = 8
"""A clerk expects five to eight pages; more means the tables exploded."""


def _need_tools() -> None:
    missing = [t for t in ("pdftotext", "pdfinfo") if not shutil.which(t)]
    if find_soffice() is None:
        missing.append("soffice")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs {', '.join(missing)} (libreoffice-writer-nogui, poppler-utils)")
        pytest.skip(f"{', '.join(missing)} not installed")


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both samples through `reportgen render --pdf`: one LibreOffice run for the session."""
    _need_tools()
    out = tmp_path_factory.mktemp("pdf")
    assert main(["render", *(str(p) for p in SAMPLES.values()), "-o", str(out), "--pdf", "--no-xlsx"]) == 0
    return out


@pytest.fixture(scope="session", params=sorted(SAMPLES))
def rendered(request: pytest.FixtureRequest, pdf_dir: Path):
    report = reportgen.load(SAMPLES[request.param])
    pdf = pdf_dir / f"{output_stem(report.agency, report.year)}.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=False).stdout.decode()
    return report, text, pages, fonts


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_title_and_headings(rendered) -> None:
    report, text, _, _ = rendered
    flat = _squash(text)
    for line in title_lines(report):
        assert _squash(line) in flat
    for heading in (s.heading for s in report.spec.sections):
        assert heading in flat


def test_figures_in_the_tables(rendered) -> None:
    report, text, _, _ = rendered
    words = set(text.split())
    table = report.spec.table("applications")
    for row_key in ("new_received", "results_total"):
        row = table.row(row_key)
        col = table.column(row_key, "total")
        assert format_number(report.cell("applications", row_key, "total"), col) in words, row.label
    big = [(t, r, c) for t in report.spec.tables for r, c in t.cells()
           if c.kind == "count" and (report.cell(t.key, r.key, c.key) or 0) >= 10]
    assert big
    for t, r, c in big:
        assert str(report.cell(t.key, r.key, c.key)) in words, t.describe(r.key, c.key)


def test_page_count(rendered) -> None:
    _, _, pages, _ = rendered
    assert 2 <= pages <= MAX_PAGES


def test_page_numbers(rendered) -> None:
    _, text, pages, _ = rendered
    for n in range(1, pages + 1):
        assert f"— {n} —" in text or f"—{n}—" in _squash(text)


def test_chinese_faces_not_a_sans_fallback(rendered) -> None:
    _, _, _, fonts = rendered
    assert "Serif" in fonts  # 仿宋/小标宋 → Noto Serif CJK through the alias file
    assert "DejaVu" not in fonts


def test_fonts_conf_names_the_official_faces() -> None:
    conf = fonts_conf()
    for face in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"):
        assert f"<family>{face}</family>" in conf
    assert "/etc/fonts/fonts.conf" in conf


def test_missing_soffice_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.formats.pdf.libreoffice import PdfError

    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfError, match="apt-get install libreoffice-writer-nogui"):
        convert(tmp_path / "a.docx", tmp_path / "a.pdf")
    assert not (tmp_path / "a.pdf").exists()


def test_convert_many_refuses_same_stems(tmp_path: Path) -> None:
    from reportgen.formats.pdf.libreoffice import PdfError, convert_many

    with pytest.raises(PdfError, match="同名"):
        convert_many([tmp_path / "a" / "r.docx", tmp_path / "b" / "r.docx"], tmp_path)
