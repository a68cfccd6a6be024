"""The progress display of audit/aggregate on a terminal without rich (the optional "cli" extra)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.cli.progress import progress
from yearly_helpers import data, write


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _terminal_without_rich(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    """Set in the test itself: pytest puts its own sys.stdout back between a fixture and the test."""
    for name in [m for m in sys.modules if m == "rich" or m.startswith("rich.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "rich", None)  # import rich fails, find_spec says None
    monkeypatch.setitem(sys.modules, "rich.progress", None)
    stream = _Terminal()
    monkeypatch.setattr(sys, "stdout", stream)
    return stream


def test_progress_prints_lines_on_a_terminal_without_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal_without_rich = _terminal_without_rich(monkeypatch)
    with progress(2, "读取报告") as advance:
        advance("a.yaml", True)
        advance("b.yaml", False)
    assert terminal_without_rich.getvalue().splitlines() == ["读取报告：1/2", "无法读取：b.yaml", "读取报告：2/2"]


def test_aggregate_on_a_terminal_without_rich(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for n, name in enumerate(("张村镇人民政府", "李庄镇人民政府")):
        write(tmp_path / f"{n}.yaml", data("2021", name, 2023, seed=n + 1))
    out = tmp_path / "out" / "汇总.yaml"
    out.parent.mkdir()
    terminal_without_rich = _terminal_without_rich(monkeypatch)
    assert main(["aggregate", str(tmp_path), "--agency", "某某县人民政府", "-o", str(out)]) == 0
    assert "读取报告：2/2" in terminal_without_rich.getvalue() and out.exists()
