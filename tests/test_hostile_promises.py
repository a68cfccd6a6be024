"""Promises of docs/batch.md and docs/limits.md without a test elsewhere (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from catalogue import _template
from factories import balanced_data, plain
from reportgen.cli import main


def test_progress_lines_in_a_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        data = balanced_data("2021", seed=i)
        data["agency"] = f"第{i}镇人民政府"
        (src / f"r{i}.yaml").write_text(yaml.safe_dump(plain(data), allow_unicode=True), encoding="utf-8")
    (src / "broken.yaml").write_text("agency: [\n", encoding="utf-8")
    assert main(["batch", str(src), "-o", str(tmp_path / "out"), "-j", "1"]) == 1
    lines = _both(capsys).splitlines()  # captured: not a terminal, as in a scheduled job's log
    assert [line for line in lines if line.startswith("进度：")] == ["进度：1/4", "进度：2/4", "进度：3/4", "进度：4/4"]
    assert f"无法读取：{src / 'broken.yaml'}" in lines


def test_template_check_refuses_what_render_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(_template("{% include 'other.xml' %}"))
    assert main(["template", "check", str(path), "--edition", "2021"]) == 2
    assert "模板不能使用「include」标签" in capsys.readouterr().err


def test_template_check_renders_as_render_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A limit met only while filling in (a loop without end) is reported by template check too."""
    path = tmp_path / "t.docx"
    path.write_bytes(_template("{% for a in 'x' * 1000 %}{% for b in 'x' * 1000 %}{% for c in 'x' * 1000 %}"
                               "{% endfor %}{% endfor %}{% endfor %}"))
    assert main(["template", "check", str(path), "--edition", "2021"]) == 2
    assert "模板中的循环次数过多" in capsys.readouterr().err


def test_template_check_refuses_a_template_that_breaks_the_document(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(_template("{% if agency %}</w:t></w:r></w:p>{% endif %}"))
    assert main(["template", "check", str(path), "--edition", "2021"]) == 2
    assert "word/document.xml 不是完整的 XML" in capsys.readouterr().err


def _both(capsys: pytest.CaptureFixture[str]) -> str:
    """What the command printed: its report on stdout, its errors and warnings on stderr."""
    captured = capsys.readouterr()
    return captured.out + captured.err
