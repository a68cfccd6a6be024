"""Atomic output: bad input writes nothing; a render failing midway leaves no partial file
and never touches an existing one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from catalogue import CASES, TEMPLATE_CASES, content_of
from reportgen import render_docx
from reportgen.cli import main
from reportgen.fileio import atomic_path, output_stem
from reportgen.testing import random_report

ROOT = Path(__file__).resolve().parents[1]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An output folder already holding a report of the name a bad file would want."""
    out = tmp_path / "out"
    out.mkdir()
    for suffix in ("docx", "xlsx"):
        (out / f"{output_stem('甲', 2021)}.{suffix}").write_bytes(f"earlier {suffix}".encode())
    return out


@pytest.mark.parametrize(("name", "filename", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_render_of_a_bad_file_exits_2_and_writes_nothing(tmp_path: Path, out_dir: Path,
                                                         capsys: pytest.CaptureFixture[str], name: str,
                                                         filename: str, content: object,
                                                         expected: list[str]) -> None:
    path = tmp_path / filename
    path.write_bytes(content_of(content))
    before = _snapshot(out_dir)
    assert main(["render", str(path), "-o", str(out_dir)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert expected[0] in captured.err  # errors go to stderr
    assert _snapshot(out_dir) == before


def test_writer_failing_midway_leaves_the_old_file(tmp_path: Path) -> None:
    dest = tmp_path / "r.docx"
    dest.write_bytes(b"old")

    with pytest.raises(RuntimeError), atomic_path(dest) as tmp:
        tmp.write_bytes(b"PK partial")
        raise RuntimeError("disk gone")
    assert dest.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]


def test_rename_failing_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "r.docx"
    dest.write_bytes(b"old")

    def no_space(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError):
        render_docx(random_report("2021"), dest)
    assert dest.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]


def test_cli_render_failing_midway_exits_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import reportgen.formats.xlsx.writer as xlsx

    src = tmp_path / "sample-2021.yaml"
    shutil.copy(ROOT / "samples" / "sample-2021.yaml", src)
    out = tmp_path / "out"
    out.mkdir()
    stem = output_stem("示例县人民政府", 2024)
    (out / f"{stem}.xlsx").write_bytes(b"earlier workbook")

    def broken(*args: object, **kwargs: object) -> bytes:
        raise MemoryError("simulated failure while filling the workbook")

    monkeypatch.setattr(xlsx, "render_bytes", broken)
    status = main(["render", str(src), "-o", str(out)])
    captured = capsys.readouterr()
    assert status == 3 and "Traceback" not in captured.out + captured.err
    assert "内部错误" in captured.err
    assert (out / f"{stem}.xlsx").read_bytes() == b"earlier workbook"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(("name", "template", "expected"), TEMPLATE_CASES, ids=[c[0] for c in TEMPLATE_CASES])
def test_hostile_or_broken_template_exits_2_and_writes_nothing(tmp_path: Path, out_dir: Path,
                                                               capsys: pytest.CaptureFixture[str], name: str,
                                                               template: object, expected: str) -> None:
    path = tmp_path / "restyled.docx"
    path.write_bytes(content_of(template))
    before = _snapshot(out_dir)
    assert main(["render", str(ROOT / "samples" / "sample-2021.yaml"), "-o", str(out_dir),
                 "--template", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert f"{path}：{expected}" in captured.err
    assert _snapshot(out_dir) == before
