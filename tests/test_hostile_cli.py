"""The command line under hostile conditions: closed pipes, odd file names, signals, empty folders.

Issue 15, items 8, 11, 14 and 16.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from factories import balanced_data, plain
from reportgen.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _bad_and_good(folder: Path, count: int = 30) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        data = balanced_data("2021", seed=i)
        data["agency"] = f"第{i}镇人民政府"
        if i == 0:
            data["applications"]["granted"]["natural_person"] = 123456  # breaks a balance: an error
        (folder / f"r{i:02}.yaml").write_text(yaml.safe_dump(plain(data), allow_unicode=True), encoding="utf-8")


class _ClosedPipe(io.StringIO):
    """stdout after ``| head -1`` has read its line: every write fails."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self._fd


def test_exit_status_survives_a_closed_pipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _bad_and_good(tmp_path / "in", 3)
    read, write = os.pipe()
    try:
        monkeypatch.setattr(sys, "stdout", _ClosedPipe(write))
        assert main(["check", str(tmp_path / "in")]) == 1  # errors were found, though nobody read them
    finally:
        os.close(read)
        os.close(write)


def test_exit_status_survives_head(tmp_path: Path) -> None:
    _bad_and_good(tmp_path / "in")
    shell = f"{sys.executable} -m reportgen check {tmp_path / 'in'} | head -1; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_check_of_an_empty_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "没有可检查的文件" in captured.out + captured.err


def test_jobs_are_capped_at_the_core_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _bad_and_good(tmp_path / "in", 2)
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "100000"]) == 1
    assert f"按 {os.cpu_count()} 个进程运行" in capsys.readouterr().out


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses undecodable file names")
def test_an_undecodable_file_name_does_not_stop_the_batch(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _bad_and_good(src, 3)  # r00 has an error: its name is printed
    os.rename(src / "r00.yaml", os.fsencode(src) + b"/\xff\xfe.yaml")
    done = subprocess.run([sys.executable, "-m", "reportgen", "batch", str(src), "-o", str(tmp_path / "out"),
                           "-j", "2"], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 1, done.stderr
    assert "共 3 个文件：已生成 2 份" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_leaves_no_staging_folder(tmp_path: Path, jobs: str) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    _bad_and_good(src, 40)
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", "batch", str(src), "-o", str(out), "-j", jobs],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.monotonic() + 60
    while not list(out.glob(".reportgen-batch-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(out.glob(".reportgen-batch-*")), "the batch never started"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (130, -signal.SIGINT)  # a shell sees 130 either way (exit status or killed by SIGINT)
    assert "Traceback" not in err
    assert not list(out.glob(".reportgen-batch-*"))
    assert not list(out.glob(".*.tmp"))


def test_form_refuses_an_agency_xml_cannot_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "f.xlsx"
    assert main(["form", "--agency", "甲\x07乙", "--edition", "2021", "-o", str(out)]) == 2
    assert "U+0007" in _both(capsys)
    assert not out.exists()


def test_the_workbook_writer_never_writes_a_character_xml_cannot_hold() -> None:
    from reportgen import ReportError
    from reportgen.formats.xlsx import form_bytes

    with pytest.raises(ReportError, match="U\\+001B"):
        form_bytes("2021", "甲\x1b")


def test_a_custom_template_does_not_stop_at_an_unreadable_first_file(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from reportgen.formats.docx.writer import shipped_template

    (tmp_path / "broken.yaml").write_text("agency: [\n", encoding="utf-8")
    _bad_and_good(tmp_path / "in", 2)
    template = tmp_path / "t.docx"
    template.write_bytes(shipped_template("2021").read_bytes())
    out = tmp_path / "out"
    status = main(["render", str(tmp_path / "broken.yaml"), str(tmp_path / "in" / "r01.yaml"), "-o", str(out),
                   "--template", str(template)])
    assert status == 2
    assert "YAML 语法错误" in _both(capsys)
    assert len(list(out.glob("*.docx"))) == 1


def test_ctrl_c_during_start_up_prints_no_traceback(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import reportgen.cli as cli

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt  # while the sub-commands' modules are being imported

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert main(["check", "x.yaml"]) == 130
    assert capsys.readouterr().err == "已中断。\n"


def _both(capsys: pytest.CaptureFixture[str]) -> str:
    """What the command printed: its report on stdout, its errors and warnings on stderr."""
    captured = capsys.readouterr()
    return captured.out + captured.err
