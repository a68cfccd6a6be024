"""reportgen render and reportgen template."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml

from reportgen.cli import main
from reportgen.fileio import output_stem
from reportgen.formats import load
from reportgen.formats.docx.check import check_template
from reportgen.formats.docx.engine import Renderer
from reportgen.formats.docx.writer import shipped_template

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_2021 = ROOT / "samples" / "sample-2021.yaml"
SAMPLE_2019 = ROOT / "samples" / "zhangcun-2019.yaml"


def _broken(tmp_path: Path) -> Path:
    """The 2021 sample with 总计 of 一、本年新收 given wrong (a rule-3 error)."""
    data = yaml.safe_load(SAMPLE_2021.read_text(encoding="utf-8"))
    data["applications"]["new_received"]["total"] = 1
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_render_writes_named_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["render", str(SAMPLE_2021), str(SAMPLE_2019), "-o", str(out), "--no-xlsx"]) == 0
    for sample in (SAMPLE_2021, SAMPLE_2019):
        report = load(sample)
        path = out / f"{output_stem(report.agency, report.year)}.docx"
        assert path.name == f"{report.agency}{report.year}年政府信息公开工作年度报告.docx"
        assert zipfile.is_zipfile(path)
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".docx"]
    assert "→" in capsys.readouterr().out


def test_render_writes_xlsx_beside(tmp_path: Path) -> None:
    pytest.importorskip("reportgen.formats.xlsx")
    assert main(["render", str(SAMPLE_2021), "-o", str(tmp_path)]) == 0
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".docx", ".xlsx"]


def test_render_refuses_errors_unless_allowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["render", str(_broken(tmp_path)), "-o", str(out), "--no-xlsx"]) == 1
    text = capsys.readouterr().err
    assert "未生成" in text and "错误" in text and "--allow-errors" in text
    assert not out.exists() or not any(out.iterdir())
    assert main(["render", str(_broken(tmp_path)), "-o", str(out), "--no-xlsx", "--force"]) == 1  # not the same
    assert not out.exists() or not any(out.iterdir())
    assert main(["render", str(_broken(tmp_path)), "-o", str(out), "--no-xlsx", "--allow-errors"]) == 1
    assert len(list(out.iterdir())) == 1


def test_render_bad_input_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("agency: [\n", encoding="utf-8")
    assert main(["render", str(bad), "-o", str(tmp_path / "o")]) == 2


def test_render_pdf_without_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["render", str(SAMPLE_2021), "-o", str(tmp_path / "o"), "--pdf"]) == 1
    captured = capsys.readouterr()
    assert "apt-get install libreoffice-writer-nogui" in captured.out + captured.err
    assert sorted(p.suffix for p in (tmp_path / "o").iterdir()) == [".docx", ".xlsx"]  # all but the PDF


def test_template_export_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.docx"
    assert main(["template", "export", "--edition", "2019", "-o", str(out)]) == 0
    assert out.read_bytes() == shipped_template("2019").read_bytes()
    assert main(["template", "export", "--edition", "2019", "-o", str(out)]) == 2
    assert main(["template", "check", str(out), "--edition", "2019"]) == 0
    assert main(["template", "check", str(out), "--edition", "2021"]) == 1
    text = capsys.readouterr().out
    assert "缺少的标签" in text and "无法识别的标签" in text


def _edited(tmp_path: Path, old: str, new: str, edition: str = "2021") -> Path:
    """A copy of the shipped template with one piece of document.xml replaced."""
    src = shipped_template(edition).read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            raw = zin.read(info)
            if info.filename == "word/document.xml":
                text = raw.decode()
                assert old in text
                raw = text.replace(old, new, 1).encode()
            zout.writestr(info, raw)
    path = tmp_path / "custom.docx"
    path.write_bytes(buf.getvalue())
    return path


def test_template_missing_and_unknown_tags(tmp_path: Path) -> None:
    path = _edited(tmp_path, "{{ reviews.review.upheld }}", "{{ reviews.review.upheld_count }}")
    missing, unknown = check_template(Renderer(path, edition="2021"), "2021")
    assert missing == ["reviews.review.upheld"] and unknown == ["reviews.review.upheld_count"]


def test_template_syntax_error_is_a_report_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _edited(tmp_path, "{{ signer }}", "{{ signer + }}")
    assert main(["template", "check", str(path), "--edition", "2021"]) == 2
    err = capsys.readouterr().err
    assert "语法错误" in err and "Traceback" not in err


INTERNALS = ["{{ ''.__class__.__mro__ }}", "{{ signer.__class__ }}", "{{ title|attr('__class__') }}"]


@pytest.mark.parametrize("tag", INTERNALS)
def test_template_reaching_for_internals(tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str) -> None:
    path = _edited(tmp_path, "{{ signer }}", tag)
    code = main(["render", str(SAMPLE_2021), "-o", str(tmp_path / "o"), "--no-xlsx", "--template", str(path)])
    assert code == 2
    out = capsys.readouterr()
    assert "内部属性" in out.out + out.err
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_render_with_custom_template(tmp_path: Path) -> None:
    path = _edited(tmp_path, "{{ signer }}", "落款：{{ signer }}")
    assert main(["render", str(SAMPLE_2021), "-o", str(tmp_path / "o"), "--no-xlsx", "--template", str(path)]) == 0
    (docx,) = (tmp_path / "o").iterdir()
    import docx as python_docx

    assert any(p.text.startswith("落款：") for p in python_docx.Document(str(docx)).paragraphs)


def test_custom_template_compiled_once_while_unchanged(tmp_path: Path) -> None:
    from reportgen.formats.docx.writer import renderer_for

    path = _edited(tmp_path, "{{ signer }}", "落款：{{ signer }}")
    edition = load(SAMPLE_2021).spec
    first = renderer_for(edition, path)
    assert renderer_for(edition, str(path)) is first
    path.write_bytes(shipped_template("2021").read_bytes())
    assert renderer_for(edition, path) is not first


def test_not_a_docx_template(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip")
    assert main(["template", "check", str(path), "--edition", "2021"]) == 2


def test_render_never_overwrites_its_input_form(tmp_path: Path) -> None:
    pytest.importorskip("reportgen.formats.xlsx")
    from reportgen.formats.xlsx import render_xlsx

    report = load(SAMPLE_2021)
    form = tmp_path / f"{output_stem(report.agency, report.year)}.xlsx"
    render_xlsx(report, form)
    before = form.read_bytes()
    assert main(["render", str(form), "-o", str(tmp_path)]) == 0
    assert form.read_bytes() == before
    assert form.with_suffix(".docx").exists()


def test_illegal_xml_characters_never_reach_the_file() -> None:
    from reportgen import Report, ReportError

    data = yaml.safe_load(SAMPLE_2021.read_text(encoding="utf-8"))
    for bad in ("\x0b", "\x00", "\ufffe"):
        with pytest.raises(ReportError, match="U\\+"):
            Report.from_data({**data, "other_matters": [f"坏{bad}字符"]})
