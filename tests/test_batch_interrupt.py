"""An interruption a library swallows still stops the batch (#15, #16).

pydantic-core turns a KeyboardInterrupt raised while it builds a model into its own SchemaError:
the file then fails with an internal error and, without the flag the signal handler leaves, the
batch would run on to the end. The command must stop as for any Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
import yaml

from factories import balanced_data, plain
from reportgen.batch import run
from reportgen.cli import main


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_swallowed_interruption_stops_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str], signum: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        data = {**balanced_data("2021", seed=i), "agency": f"第{i}镇人民政府"}
        (folder / f"{i}.yaml").write_text(yaml.safe_dump(plain(data), allow_unicode=True), encoding="utf-8")
    real = run.produce
    calls: list[str] = []

    def swallowing(source: object, *args: object, **kwargs: object) -> object:
        calls.append(str(source))
        if len(calls) == 2:
            try:
                os.kill(os.getpid(), signum)
                time.sleep(1)  # the handler runs here
            except BaseException:  # what a library that wraps every error does
                pass
            raise RuntimeError("a library's own error")
        return real(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run, "produce", swallowing)
    out = tmp_path / "out"
    status = main(["batch", str(folder), "-o", str(out), "--jobs", "1"])
    printed = capsys.readouterr()
    assert status == 130 and "已中断" in printed.err
    assert len(calls) == 2  # nothing after the interrupted file
    assert "内部错误" not in printed.out + printed.err
    assert not [p for p in out.iterdir() if p.name.startswith(".reportgen-batch-")]
    assert len(list(out.glob("*.docx"))) <= 1  # the file before the interruption, at most
