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


def _need_libreoffice() -> None:
    if libreoffice.find_soffice() is None or not shutil.which("pdftotext"):
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs soffice and pdftotext (libreoffice-writer-nogui, poppler-utils)")
        pytest.skip("LibreOffice not installed")


def test_files_are_shared_among_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _need_libreoffice()
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


def test_later_runs_start_from_a_copy_of_the_first_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first run's profile seeds the next ones (LibreOffice sets up a new profile slowly); each run
    still gets its own copy, and the PDF is as good."""
    _need_libreoffice()
    monkeypatch.setattr(libreoffice, "_seed", None)
    docx = tmp_path / "a.docx"
    docx.write_bytes(reportgen.to_docx(reportgen.Report.from_data(balanced_data("2021"))))
    profiles: list[tuple[Path, bool]] = []
    real = libreoffice.subprocess.run

    def spy(cmd: list[str], **kwargs: object) -> object:
        uri = next((a for a in cmd if a.startswith("-env:UserInstallation=")), None)
        if uri is None:
            return real(cmd, **kwargs)  # type: ignore[call-overload]
        profile = Path(uri.split("=", 1)[1].removeprefix("file://"))
        profiles.append((profile, (profile / "user").is_dir()))
        return real(cmd, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(libreoffice.subprocess, "run", spy)
    first = libreoffice.convert(docx, tmp_path / "first.pdf")
    seed = libreoffice._seed
    assert seed is not None and (seed / "user").is_dir() and not seed.is_relative_to(profiles[0][0].parent)
    second = libreoffice.convert(docx, tmp_path / "second.pdf")
    assert [ready for _, ready in profiles] == [False, True]  # new, then a copy of the seed
    assert profiles[0][0] != profiles[1][0] != seed
    text = [subprocess_text(p) for p in (first, second)]
    assert text[0] == text[1] and "政府信息公开" in text[0]


def subprocess_text(pdf: Path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
