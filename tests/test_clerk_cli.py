"""Issue 14, items 5, 6, 8 and 9: files replaced, stale or not announced; paths; one vocabulary."""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.fileio import output_stem
from reportgen.formats import load

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sample-2021.yaml"
STEM = output_stem(load(SAMPLE).agency, load(SAMPLE).year)


def _broken(tmp_path: Path) -> Path:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["applications"]["new_received"]["total"] = 1
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _docx_text(path: Path) -> str:
    """The text of the body and the page headers (not style names)."""
    doc = Document(str(path))
    headers = [p.text for s in doc.sections for h in (s.header, s.even_page_header) for p in h.paragraphs]
    return "\n".join([*headers, *(p.text for p in doc.paragraphs)])


def test_render_does_not_replace_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(SAMPLE), "-o", str(tmp_path)]) == 0
    docx = tmp_path / f"{STEM}.docx"
    docx.write_bytes(b"hand-edited")
    assert main(["render", str(SAMPLE), "-o", str(tmp_path)]) == 2
    out = _both(capsys)
    assert "已存在" in out and "--force" in out
    assert docx.read_bytes() == b"hand-edited"
    assert main(["render", str(SAMPLE), "-o", str(tmp_path), "--force"]) == 0
    assert "已替换" in capsys.readouterr().out
    assert zipfile.is_zipfile(docx)


def test_allow_errors_lists_errors_exits_1_and_marks_a_draft(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(_broken(tmp_path)), "-o", str(tmp_path / "o"), "--allow-errors"]) == 1
    out = capsys.readouterr().out
    assert "草稿" in out and "规则3" in out
    text = _docx_text(tmp_path / "o" / f"{STEM}.docx")
    assert "草稿" in text and "未通过勾稽关系检查" in text
    assert main(["render", str(SAMPLE), "-o", str(tmp_path / "ok")]) == 0
    assert "草稿" not in _docx_text(tmp_path / "ok" / f"{STEM}.docx")


def test_batch_force_and_allow_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    _broken(src)
    out = tmp_path / "out"
    assert main(["batch", str(src), "-o", str(out), "-j", "1", "--allow-errors", "--docx"]) == 0
    docx = out / f"{STEM}.docx"
    assert "草稿" in _docx_text(docx)
    docx.write_bytes(b"hand-edited")
    assert main(["batch", str(src), "-o", str(out), "-j", "1", "--allow-errors", "--docx"]) == 1
    assert "已存在" in capsys.readouterr().out and docx.read_bytes() == b"hand-edited"
    assert main(["batch", str(src), "-o", str(out), "-j", "1", "--allow-errors", "--docx", "--force"]) == 0
    assert zipfile.is_zipfile(docx)


def test_stale_files_are_announced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(SAMPLE), "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["render", str(SAMPLE), "-o", str(tmp_path), "--no-xlsx", "--force"]) == 0
    out = capsys.readouterr().out
    assert f"{STEM}.xlsx 是之前生成的" in out and "过时" in out and "去掉 --no-xlsx" in out
    (tmp_path / f"{STEM}.pdf").write_bytes(b"%PDF old")
    assert main(["render", str(SAMPLE), "-o", str(tmp_path), "--force"]) == 0
    out = capsys.readouterr().out
    assert f"{STEM}.pdf 是之前生成的" in out and "加 --pdf" in out and f"{STEM}.xlsx 是之前" not in out


def test_render_defaults_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(SAMPLE)]) == 0
    assert (tmp_path / f"{STEM}.docx").exists()


@pytest.mark.parametrize(("args", "suffixes"), [
    (["--docx"], [".docx"]),
    (["--no-xlsx"], [".docx"]),
    (["--xlsx"], [".xlsx"]),
    ([], [".docx", ".xlsx"]),
])
def test_one_vocabulary_for_render_and_batch(tmp_path: Path, args: list[str], suffixes: list[str]) -> None:
    assert main(["render", str(SAMPLE), "-o", str(tmp_path / "r"), *args]) == 0
    assert sorted(p.suffix for p in (tmp_path / "r").iterdir()) == suffixes
    assert main(["batch", str(SAMPLE), "-o", str(tmp_path / "b"), "-j", "1", *args]) == 0
    assert sorted(p.suffix for p in (tmp_path / "b").iterdir() if not p.name.startswith(".")) == suffixes


def test_unknown_option_shows_the_commands_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["render", str(SAMPLE), "--dcx"])
    err = capsys.readouterr().err
    assert "reportgen render" in err and "--docx" in err and "是否想用" in err


def test_form_and_new_default_to_the_same_year(tmp_path: Path) -> None:
    last = datetime.date.today().year - 1
    assert main(["form", "-o", str(tmp_path / "f.xlsx")]) == 0
    wb = load_workbook(io.BytesIO((tmp_path / "f.xlsx").read_bytes()))
    ((sheet, coord),) = wb.defined_names["rg_year"].destinations
    assert wb[sheet][coord.replace("$", "")].value == last
    assert main(["new", "--agency", "甲", "-o", str(tmp_path / "n.yaml")]) == 0
    assert load(tmp_path / "n.yaml").year == last
    assert main(["form", "--edition", "2019", "-o", str(tmp_path / "g.xlsx")]) == 0  # its last year: 2020


@pytest.mark.skipif(os.name == "nt", reason="Windows paths are real paths there")
@pytest.mark.parametrize("command", [
    ["check", r"C:\Users\clerk\Desktop\数据.yaml"],
    ["render", str(SAMPLE), "-o", r"D:\报告\2024"],
    ["batch", str(SAMPLE), "-o", r"D:\报告\2024"],
    ["new", "--agency", "甲", "-o", r"D:\报告\数据.yaml"],
    ["form", "-o", r"D:\报告\填报表.xlsx"],
    ["import", r"C:\Users\clerk\填报表.xlsx", "-o", "数据.yaml"],
    ["template", "export", "--edition", "2021", "-o", r"D:\模板.docx"],
])
def test_windows_paths_are_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(command) == 2
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "Windows 的路径写法" in out and "/" in out
    assert list(tmp_path.iterdir()) == []  # no folder named D:\报告\2024


def test_expected_phrasing_is_shown_in_new_and_form(tmp_path: Path) -> None:
    assert main(["new", "--agency", "示例县人民政府", "-o", str(tmp_path / "n.yaml")]) == 0
    starter = (tmp_path / "n.yaml").read_text(encoding="utf-8")
    assert "示例县人民政府门户网站“政府信息公开”专栏" in starter
    assert "示例县人民政府办公室（电话：" in starter
    assert main(["form", "-o", str(tmp_path / "f.xlsx")]) == 0
    wb = load_workbook(tmp_path / "f.xlsx")
    texts = " ".join(str(c.value) for row in wb["基本信息"].iter_rows() for c in row if c.value)
    assert "示例县人民政府门户网站“政府信息公开”专栏" in texts and "示例县人民政府办公室（电话：" in texts


def test_a_long_url_does_not_stretch_its_line(tmp_path: Path) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["website"] = "示例县人民政府门户网站（http://www.example.gov.cn/col/col1229012345/index.html）"
    path = tmp_path / "url.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["render", str(path), "-o", str(tmp_path), "--docx"]) == 0
    doc = Document(str(tmp_path / f"{STEM}.docx"))
    with_url = [p for p in doc.paragraphs if "http://" in p.text]
    assert len(with_url) == 1
    assert with_url[0].style.name == "正文左对齐"
    assert with_url[0].style.paragraph_format.alignment == 0  # WD_ALIGN_PARAGRAPH.LEFT, not justified


def test_template_of_the_other_edition_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample_2019 = ROOT / "samples" / "zhangcun-2019.yaml"
    t2021, t2019 = tmp_path / "t2021.docx", tmp_path / "t2019.docx"
    assert main(["template", "export", "--edition", "2021", "-o", str(t2021)]) == 0
    assert main(["template", "export", "--edition", "2019", "-o", str(t2019)]) == 0
    capsys.readouterr()
    assert main(["render", str(sample_2019), "-o", str(tmp_path / "r"), "--template", str(t2021)]) == 2
    out = _both(capsys)
    assert "2019版" in out and "2021版" in out and "reportgen template export --edition 2019" in out
    assert "attribute" not in out
    args = ["--template", str(t2021), "--template", str(t2019), "--docx"]
    assert main(["render", str(sample_2019), str(SAMPLE), "-o", str(tmp_path / "r"), *args]) == 0
    assert len(list((tmp_path / "r").glob("*.docx"))) == 2
    assert main(["batch", str(sample_2019), "-o", str(tmp_path / "b"), "-j", "1", "--template", str(t2021)]) == 1
    assert "reportgen template export --edition 2019" in _both(capsys)
    assert main(["batch", str(sample_2019), str(SAMPLE), "-o", str(tmp_path / "b2"), "-j", "1", *args]) == 0


def test_batch_pdf_without_libreoffice_still_writes_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["batch", str(SAMPLE), "-o", str(tmp_path / "o"), "-j", "1", "--pdf"]) == 1
    assert "未生成PDF" in _both(capsys)
    assert sorted(p.suffix for p in (tmp_path / "o").iterdir() if not p.name.startswith(".")) == [".docx", ".xlsx"]


def _both(capsys: pytest.CaptureFixture[str]) -> str:
    """What the command printed: its report on stdout, its errors and warnings on stderr."""
    captured = capsys.readouterr()
    return captured.out + captured.err
