"""Every command's --help prints (argparse reads % in a help text as a format code: a bare 50% crashed it)."""

from __future__ import annotations

import pytest

from reportgen.cli import COMMANDS, main

HELPS = [[name.rstrip("_"), "--help"] for name in COMMANDS] + [["template", "export", "--help"],
                                                              ["template", "check", "--help"], ["--help"]]


@pytest.mark.parametrize("argv", HELPS, ids=" ".join)
def test_help_prints(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(argv)
    captured = capsys.readouterr()
    assert done.value.code == 0, captured.err
    assert "用法" in captured.out or "usage" in captured.out.lower()
    assert "内部错误" not in captured.out + captured.err
