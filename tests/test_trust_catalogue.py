"""Every bad input of the catalogue: the exact problems, exit status 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue import CASES, ODD_BUT_VALID, content_of
from reportgen import Report, ReportError, load
from reportgen.cli import main


def test_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({name for name, *_ in CASES}) == len(CASES)


@pytest.mark.parametrize(("name", "filename", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_load_gives_the_exact_problems(tmp_path: Path, name: str, filename: str, content: object,
                                       expected: list[str]) -> None:
    path = tmp_path / filename
    path.write_bytes(content_of(content))
    with pytest.raises(ReportError) as err:
        load(path)
    assert [str(p) for p in err.value.problems] == expected
    assert err.value.source == str(path)


@pytest.mark.parametrize(("name", "filename", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_cli_check_exits_2_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                             filename: str, content: object, expected: list[str]) -> None:
    path = tmp_path / filename
    path.write_bytes(content_of(content))
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert expected[0] in captured.err  # errors go to stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"agency: x\nyear: 2021\n" + b"#" * (21 * 1024 * 1024))
    with pytest.raises(ReportError) as err:
        load(path)
    assert [str(p) for p in err.value.problems] == ["文件过大（21.0 MB），上限为 20 MB"]


def test_directory_given_as_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    with pytest.raises(ReportError) as err:
        load(folder)
    assert [str(p) for p in err.value.problems] == ["这是一个文件夹，不是报告文件"]


@pytest.mark.parametrize(("name", "text"), ODD_BUT_VALID, ids=[c[0] for c in ODD_BUT_VALID])
def test_odd_but_valid_text_loads_unchanged(name: str, text: str) -> None:
    report = Report.from_data({"agency": "甲", "year": 2021, "problems": [text], "overview": [text]})
    assert report.problems == [text] and report.overview.intro == [text]


@pytest.mark.parametrize(("name", "text"), ODD_BUT_VALID, ids=[c[0] for c in ODD_BUT_VALID])
def test_odd_but_valid_text_renders_literally(tmp_path: Path, name: str, text: str) -> None:
    import docx

    from reportgen import read_xlsx, render_docx, render_xlsx

    report = Report.from_data({"agency": "甲", "year": 2021, "problems": [text], "other_matters": [text]})
    render_docx(report, tmp_path / "r.docx")
    render_xlsx(report, tmp_path / "r.xlsx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert text in paragraphs  # 六: the paragraph as given
    assert any(p.endswith(text) for p in paragraphs if p.startswith("一是"))  # 五: numbered
    assert read_xlsx(tmp_path / "r.xlsx") == report
