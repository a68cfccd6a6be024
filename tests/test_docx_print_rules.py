"""GB/T 9704 print rules of the Word report: 28 characters a body line, Table 3 never split
across pages by a spanning label (kept whole; header rows repeat; rows never split)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from reportgen.cli import main
from reportgen.editions import EDITIONS
from reportgen.formats import load, to_bytes
from reportgen.formats.pdf.libreoffice import find_soffice

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {"2019": ROOT / "samples" / "zhangcun-2019.yaml", "2021": ROOT / "samples" / "sample-2021.yaml"}


def _table3(edition: str) -> object:
    d = docx.Document(io.BytesIO(to_bytes(load(SAMPLES[edition]), "docx")))
    table = EDITIONS[edition].table("applications")
    first = table.rows[0].label
    return next(t for t in d.tables if any(first in c.text for c in t.columns[0].cells))


@pytest.mark.parametrize("edition", sorted(SAMPLES))
def test_table3_keeps_together_repeats_its_header_and_never_splits_a_row(edition: str) -> None:
    t = _table3(edition)
    rows = t.rows  # type: ignore[attr-defined]
    for i, row in enumerate(rows):
        tr_pr = row._tr.find(qn("w:trPr"))
        assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None, i
        keep = [p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs]
        assert all(keep) == (i < len(rows) - 1), i  # each row keeps with the next, the last ends the chain
    assert all(r._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for r in rows[:3])


def test_body_spacing_fits_28_characters_to_the_line() -> None:
    d = docx.Document(io.BytesIO(to_bytes(load(SAMPLES["2021"]), "docx")))
    normal = d.styles["Normal"].element
    spacing = normal.rPr.find(qn("w:spacing"))
    size = int(normal.rPr.find(qn("w:sz")).get(qn("w:val"))) / 2
    pitch = size + int(spacing.get(qn("w:val"))) / 20
    section = d.sections[0]
    line = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU -> pt
    assert 28 * pitch <= line < 29 * pitch


def _need_tools() -> None:
    missing = [t for t in ("pdftotext",) if not shutil.which(t)] + (["soffice"] if find_soffice() is None else [])
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs {', '.join(missing)} (libreoffice-writer-nogui, poppler-utils)")
        pytest.skip(f"{', '.join(missing)} not installed")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each sample printed by LibreOffice: the text of every page."""
    _need_tools()
    out = tmp_path_factory.mktemp("print")
    assert main(["render", *(str(p) for p in SAMPLES.values()), "-o", str(out), "--pdf", "--no-xlsx"]) == 0
    texts = {}
    for key, sample in SAMPLES.items():
        report = load(sample)
        pdf = next(out.glob(f"{report.agency}{report.year}*.pdf"))
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout
        texts[key] = text.decode().split("\f")
    return texts


@pytest.mark.parametrize("edition", sorted(SAMPLES))
def test_printed_table3_is_on_one_page(pages: dict[str, list[str]], edition: str) -> None:
    table = EDITIONS[edition].table("applications")
    first, last = table.rows[0].label, table.rows[-1].label
    on = [i for i, page in enumerate(pages[edition]) if first in page.replace(" ", "")]
    assert on and last in pages[edition][on[0]].replace(" ", ""), (first, last)


@pytest.mark.parametrize("edition", sorted(SAMPLES))
def test_printed_body_lines_hold_28_characters(pages: dict[str, list[str]], edition: str) -> None:
    lines = [ln.strip() for page in pages[edition] for ln in page.splitlines()]
    chinese = [ln for ln in lines if ln and not re.search(r"[\x00-\x7f]", ln)]
    # A closing mark may hang at the end of a full line (it never starts one): 28 + 1.
    assert max(len(ln.rstrip("。，、；：！？）》”")) for ln in chinese) == 28
