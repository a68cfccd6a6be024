"""Output names that are links: where they lead decides what the batch may write there.

The batch resolves its output folder once and follows an output's name only where it is a
link; these cases pin what that must keep: a link to another input is a clash with that input,
a link to the input itself leaves it alone, and a link replaced by a report is that report's name.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factories import balanced_data, plain
from reportgen.batch import render_many
from reportgen.fileio import output_stem

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX links")


def _input(folder: Path, name: str, agency: str, seed: int = 1) -> Path:
    data = balanced_data("2021", seed=seed)
    data["agency"] = agency
    path = folder / name
    path.write_text(json.dumps(plain(data), ensure_ascii=False), encoding="utf-8")
    return path


def _docx(out: Path, path: Path) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    return out / (output_stem(data["agency"], data["year"]) + ".docx")


def test_a_link_to_another_input_is_a_clash(tmp_path: Path) -> None:
    a = _input(tmp_path, "a.json", "甲机关")
    b = _input(tmp_path, "b.json", "乙机关")
    out = tmp_path / "out"
    out.mkdir()
    _docx(out, a).symlink_to(b)
    before = b.read_bytes()
    outcomes = list(render_many([a, b], out))
    assert [o.status for o in outcomes] == ["conflict", "rendered"]
    assert "是本次的另一个输入文件" in outcomes[0].notes[0]
    assert b.read_bytes() == before and _docx(out, a).is_symlink()
    assert not (out / (_docx(out, a).stem + ".xlsx")).exists()  # all or none


def test_a_link_to_the_input_itself_is_left_alone(tmp_path: Path) -> None:
    a = _input(tmp_path, "a.json", "甲机关")
    out = tmp_path / "out"
    out.mkdir()
    _docx(out, a).symlink_to(a)
    [outcome] = render_many([a], out)
    assert outcome.status == "rendered"
    assert outcome.notes == (f"「{_docx(out, a)}」就是输入的文件，未覆盖",)
    assert outcome.outputs == (str(out / (_docx(out, a).stem + ".xlsx")),)
    assert _docx(out, a).is_symlink()


def test_a_link_replaced_by_a_report_is_that_reports_name(tmp_path: Path) -> None:
    """The name the first report took (where a link to elsewhere was) clashes with a second report of that name."""
    elsewhere = tmp_path / "elsewhere.docx"
    elsewhere.write_bytes(b"kept")
    a = _input(tmp_path, "a.json", "甲机关", seed=1)
    twin = _input(tmp_path, "twin.json", "甲机关", seed=2)
    out = tmp_path / "out"
    out.mkdir()
    _docx(out, a).symlink_to(elsewhere)
    outcomes = list(render_many([a, twin], out))
    assert [o.status for o in outcomes] == ["rendered", "conflict"]
    assert "重名" in outcomes[1].notes[0] and str(a) in outcomes[1].notes[0]
    assert not _docx(out, a).is_symlink() and elsewhere.read_bytes() == b"kept"
