"""Batch rendering: the same output as one report at a time, and failures reported per file."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from factories import balanced_data, plain
from reportgen import load, render_docx, render_xlsx
from reportgen.batch import find_inputs, render_many
from reportgen.cli import main
from reportgen.errors import ReportError
from reportgen.fileio import output_stem

ROOT = Path(__file__).resolve().parents[1]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _dump(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(plain(data), allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for sample in (ROOT / "samples").glob("*.yaml"):
        shutil.copy(sample, src / sample.name)
    (src / "more").mkdir()
    for i, edition in enumerate(("2019", "2021", "2021")):
        data = balanced_data(edition, seed=i)
        data["agency"] = f"第{i}测试镇人民政府"
        _dump(src / "more" / f"r{i}.yaml", data)
    return src


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_output_equals_single_report_output(inputs: Path, tmp_path: Path, jobs: int) -> None:
    out = tmp_path / "out"
    outcomes = list(render_many(find_inputs([inputs]), out, jobs=jobs))
    assert len(outcomes) == 5 and all(o.status == "rendered" for o in outcomes)
    for outcome in outcomes:
        report = load(outcome.source)
        stem = output_stem(report.agency, report.year)
        assert outcome.outputs == (str(out / f"{stem}.docx"), str(out / f"{stem}.xlsx"))
        for fmt, render in (("docx", render_docx), ("xlsx", render_xlsx)):
            single = io.BytesIO()
            render(report, single)
            assert _parts((out / f"{stem}.{fmt}").read_bytes()) == _parts(single.getvalue())
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(p).name for o in outcomes for p in o.outputs)


def test_failures_are_reported_per_file_and_do_not_stop_the_rest(inputs: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (inputs / "broken.yaml").write_text("agency: [\n", encoding="utf-8")
    bad = balanced_data("2021", seed=9)
    bad["agency"] = "不平衡镇人民政府"
    bad["applications"]["carried_forward"]["natural_person"] += 1
    _dump(inputs / "unbalanced.yaml", bad)
    twin = yaml.safe_load((ROOT / "samples" / "sample-2021.yaml").read_text(encoding="utf-8"))
    twin["title"] = "同一机关同一年度的另一份"
    _dump(inputs / "zz-twin.yaml", twin)
    (inputs / ".hidden.yaml").write_text("agency: [\n", encoding="utf-8")
    (inputs / "~$lock.xlsx").write_bytes(b"lock")
    out = tmp_path / "out"
    status = main(["batch", str(inputs), "-o", str(out), "--jobs", "2"])
    captured = capsys.readouterr()
    text = captured.out
    assert status == 1
    assert "共 8 个文件：已生成 5 份" in text
    assert "检查未通过 1，无法读取 1，输出重名 1，生成失败 0" in text
    assert f"无法读取：{inputs / 'broken.yaml'}" in captured.err and "YAML 语法错误" in captured.err
    assert f"检查未通过，未生成：{inputs / 'unbalanced.yaml'}" in captured.err and "规则1" in captured.err
    assert f"输出重名：{inputs / 'zz-twin.yaml'}" in captured.err and str(inputs / "sample-2021.yaml") in captured.err
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 10 and not any(n.startswith(".") for n in names)  # no staging left behind
    assert not any("不平衡" in n for n in names)


def test_force_renders_despite_findings(tmp_path: Path) -> None:
    bad = balanced_data("2019", seed=3)
    bad["reviews"]["review"]["total"] = 999
    src = _dump(tmp_path / "bad.yaml", bad)
    outcomes = list(render_many([src], tmp_path / "out", formats=("docx",), force=True))
    assert outcomes[0].status == "rendered" and len(outcomes[0].outputs) == 1
    assert any("规则4" in m for m in outcomes[0].messages)


def test_output_folder_inside_the_input_folder_is_not_read_back(inputs: Path) -> None:
    out = inputs / "out"
    first = list(render_many(find_inputs([inputs], exclude=out), out))
    again = find_inputs([inputs], exclude=out)
    assert len(again) == len(first) == 5
    assert not any(out in p.parents for p in again)


def test_pdf_for_every_rendered_report(inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import subprocess

    from reportgen.formats.pdf.libreoffice import find_soffice

    if find_soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs LibreOffice (libreoffice-writer-nogui)")
        pytest.skip("LibreOffice is not installed")
    for extra in (inputs / "more").iterdir():
        extra.unlink()
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--docx", "--pdf", "--jobs", "2"]) == 0
    assert "已转换 PDF：2 份" in capsys.readouterr().out
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.stem for p in pdfs] == sorted(p.stem for p in out.glob("*.docx"))
    assert not list(out.glob("*.xlsx"))
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert pdf.stem.replace("年政府信息公开工作年度报告", "") in text.replace("\n", "")


def test_render_many_wants_paths(tmp_path: Path) -> None:
    from reportgen.testing import random_report

    with pytest.raises(TypeError, match="render_docx"):
        list(render_many([random_report("2021")], tmp_path))  # type: ignore[list-item]


def test_disk_error_in_one_report_is_reported_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import reportgen.batch.run as run

    def disk_full(path: object, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "staging.docx")

    monkeypatch.setattr(run, "_stage", disk_full)
    outcomes = list(render_many([ROOT / "samples" / "sample-2021.yaml"], tmp_path / "out", jobs=1))
    stem = output_stem(load(ROOT / "samples" / "sample-2021.yaml").agency, 2024)  # the user's file, not staging
    assert [(o.status, o.messages) for o in outcomes] == [
        ("failed", (f"无法读写文件：{tmp_path / 'out' / stem}.docx：磁盘空间不足",))]
    assert not list((tmp_path / "out").iterdir())


def test_a_file_named_or_found_twice_is_taken_once(inputs: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    once = find_inputs([inputs])
    sample = inputs / "sample-2021.yaml"
    assert find_inputs([inputs, f"{inputs}/", inputs / "more", sample, tmp_path / "in" / "." / sample.name]) == once
    out = tmp_path / "out"
    assert main(["batch", str(inputs / "more"), f"{inputs / 'more'}/", "-o", str(out), "--jobs", "1"]) == 0
    assert "共 3 个文件：已生成 3 份" in capsys.readouterr().out
    assert main(["render", str(sample), str(inputs / "." / sample.name), "-o", str(tmp_path / "one")]) == 0
    assert "重名" not in capsys.readouterr().err
    assert len(list((tmp_path / "one").iterdir())) == 2


def test_a_missing_path_is_said_to_be_missing_not_of_an_unknown_type(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothere"
    with pytest.raises(ReportError, match="文件或文件夹不存在"):
        load(missing)
    assert main(["check", str(missing)]) == 2
    assert "文件或文件夹不存在" in capsys.readouterr().err
    assert main(["batch", str(missing), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "文件或文件夹不存在" in text and "不支持的文件类型" not in text
    assert main(["audit", str(missing), "-o", str(tmp_path / "审核结果.xlsx")]) == 1
    lines = openpyxl.load_workbook(tmp_path / "审核结果.xlsx")["问题清单"].iter_rows(min_row=3, values_only=True)
    assert any("文件或文件夹不存在" in str(v) for row in lines for v in row)
