"""PDF on every core: `convert_many(jobs=N)` shares the files among N LibreOffice processes (issue #16)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

import reportgen
from reportgen.formats.pdf import libreoffice
from reportgen.testing import balanced_data


def test_files_are_shared_among_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if libreoffice.find_soffice() is None or not shutil.which("pdftotext"):
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs soffice and pdftotext (libreoffice-writer-nogui, poppler-utils)")
        pytest.skip("LibreOffice not installed")
    sources = []
    for i in range(4):
        report = reportgen.Report.from_data({**balanced_data("2021", seed=i), "agency": f"第{i}镇人民政府"})
        path = tmp_path / f"{i}.docx"
        path.write_bytes(reportgen.to_docx(report))
        sources.append(path)
    runs: list[tuple[int, int]] = []
    real = libreoffice._run

    def counted(docx: list[Path], timeout: float) -> object:
        runs.append((len(docx), threading.get_ident()))
        return real(docx, timeout)

    monkeypatch.setattr(libreoffice, "_run", counted)
    made = libreoffice.convert_many(sources, tmp_path / "pdf", jobs=2)
    assert [p.name for p in made] == [f"{i}.pdf" for i in range(4)]
    assert all(p.read_bytes().startswith(b"%PDF") for p in made)
    assert sorted(n for n, _ in runs) == [2, 2] and len({t for _, t in runs}) == 2  # two processes, two halves
