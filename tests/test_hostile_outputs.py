"""Inputs are never lost: no output over an input, no own output read back, all files of a render or none.

Issue 15, items 1, 2, 7, 8, 11 and 16 (reproduced first, then fixed as a class).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
import yaml

from catalogue import SPECIAL_INPUTS
from factories import balanced_data, plain
from reportgen.batch import find_inputs, render_many, run
from reportgen.cli import main
from reportgen.fileio import output_stem, read_input, write_all
from reportgen.formats.xlsx import form_bytes

STEM = output_stem("丙县人民政府", 2021)


def _data(path: Path, agency: str = "丙县人民政府", seed: int = 0) -> Path:
    data = balanced_data("2021", seed=seed)
    data["agency"] = agency
    data["year"] = 2021
    path.write_text(yaml.safe_dump(plain(data), allow_unicode=True), encoding="utf-8")
    return path


def _form(path: Path) -> bytes:
    data = form_bytes("2021", "丙县人民政府", 2021)
    path.write_bytes(data)
    return data


def test_batch_into_its_own_folder_never_replaces_a_form_named_like_the_report(tmp_path: Path) -> None:
    form = tmp_path / f"{STEM}.xlsx"
    before = _form(form)
    _data(tmp_path / "draft.yaml")
    assert main(["batch", str(tmp_path), "-o", str(tmp_path), "-j", "1"]) == 1
    assert form.read_bytes() == before  # the clerk's form is intact
    assert not list(tmp_path.glob(".*"))  # nothing half-written beside it


def test_a_second_batch_does_not_read_the_first_runs_reports(tmp_path: Path) -> None:
    _data(tmp_path / "a.yaml", "甲镇人民政府")
    outcomes = list(render_many(find_inputs([tmp_path]), tmp_path))
    assert [o.status for o in outcomes] == ["rendered"]
    assert find_inputs([tmp_path]) == [tmp_path / "a.yaml"]  # the .docx and .xlsx written are not inputs
    written = [Path(p) for p in outcomes[0].outputs]
    assert find_inputs(written) == written  # named explicitly, they are read


def test_a_filled_form_is_still_an_input(tmp_path: Path) -> None:
    _form(tmp_path / "form.xlsx")
    assert find_inputs([tmp_path]) == [tmp_path / "form.xlsx"]


def test_render_never_writes_over_a_later_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _data(tmp_path / "draft.yaml")
    form = tmp_path / f"{STEM}.xlsx"
    before = _form(form)
    status = main(["render", str(tmp_path / "draft.yaml"), str(form), "-o", str(tmp_path)])
    assert form.read_bytes() == before
    assert status != 0
    assert "是本次的另一个输入文件" in _both(capsys)


def test_render_of_two_inputs_with_one_name_keeps_the_first(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    _data(tmp_path / "a.yaml", seed=1)
    _data(tmp_path / "b.yaml", seed=2)
    out = tmp_path / "out"
    assert main(["render", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", str(out)]) == 1
    assert "重名" in _both(capsys)
    from reportgen import load

    assert load(out / f"{STEM}.xlsx") == load(tmp_path / "a.yaml")


def test_a_render_whose_second_file_fails_changes_nothing(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{STEM}.docx").write_bytes(b"old word report")
    (out / f"{STEM}.xlsx").mkdir()  # the Excel file cannot be written
    _data(tmp_path / "a.yaml")
    assert main(["render", str(tmp_path / "a.yaml"), "-o", str(out), "--force"]) == 2
    assert (out / f"{STEM}.docx").read_bytes() == b"old word report"
    text = capsys.readouterr().err
    assert f"{STEM}.xlsx" in text and "均未写入" in text
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}.docx", f"{STEM}.xlsx"]  # no temporary left


def test_disk_full_on_the_second_file_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "a.xlsx"
    first.write_bytes(b"old")
    real = Path.write_bytes
    calls = []

    def full(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OSError) as err:
        write_all([(first, b"new"), (second, b"new")])
    assert err.value.filename == str(second)  # the user's file, not the temporary one
    monkeypatch.undo()
    assert first.read_bytes() == b"old" and not second.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_a_batch_goes_on_when_an_output_name_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i in range(4):
        _data(src / f"r{i}.yaml", f"第{i}镇人民政府", seed=i)
    (out / output_stem("第1镇人民政府", 2021)).mkdir(parents=True)
    (out / (output_stem("第1镇人民政府", 2021) + ".xlsx")).mkdir()
    assert main(["batch", str(src), "-o", str(out), "-j", "2", "--force"]) == 1  # --force: a name taken is replaced
    text = _both(capsys)
    assert "共 4 个文件：已生成 3 份" in text and "生成失败 1" in text and "这是一个文件夹" in text
    assert len(list(out.glob("*.docx"))) == 3
    assert not list(out.glob(".reportgen-batch-*"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_special_files_are_skipped_in_folders_and_refused_when_named(tmp_path: Path) -> None:
    specials = [make(tmp_path) for _, make in SPECIAL_INPUTS]
    _data(tmp_path / "a.yaml")
    assert find_inputs([tmp_path]) == [tmp_path / "a.yaml"]
    for special in specials:
        outcomes = list(render_many([special, tmp_path / "a.yaml"], tmp_path / "out"))
        assert [o.status for o in outcomes] == ["unreadable", "rendered"]
        assert "不是普通文件" in outcomes[0].messages[0]


def test_the_size_cap_holds_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "grows.yaml"
    path.write_bytes(b"x" * 10)
    from reportgen.errors import ReportError

    with pytest.raises(ReportError) as err:
        read_input(path, limit=5)
    assert "上限" in str(err.value)


def test_an_interruption_before_the_workers_start_leaves_no_staging_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _data(tmp_path / "a.yaml")
    _data(tmp_path / "b.yaml", "第二个机关")
    out = tmp_path / "out"

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "warm", interrupted)  # the templates are compiled before the workers start
    with pytest.raises(KeyboardInterrupt):
        list(render_many([tmp_path / "a.yaml", tmp_path / "b.yaml"], out, jobs=2))
    assert list(out.iterdir()) == []


def _both(capsys: pytest.CaptureFixture[str]) -> str:
    """What the command printed: its report on stdout, its errors and warnings on stderr."""
    captured = capsys.readouterr()
    return captured.out + captured.err
