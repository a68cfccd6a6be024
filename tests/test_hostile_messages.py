"""Every message a user can meet is Chinese: no English from Python or its libraries (issue 15, item 17).

Walks every error path of the catalogue (data files, forms, templates) and fails on an
ASCII word that is not a name a clerk knows (YAML, Excel …) or a quotation of the input.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalogue import CASES, TEMPLATE_CASES, content_of
from reportgen import ReportError, load

KNOWN = {"YAML", "JSON", "Excel", "Word", "WPS", "NaN", "UTF", "GB18030", "MB", "KB", "Tab", "DTD", "ENTITY",
         "XML", "OOXML", "PDF", "HTML", "xlsx", "docx", "docm", "xls", "reportgen", "form", "edition", "template",
         "check", "render", "Jinja", "zip"}
"""Words a message may use: formats and programs a clerk knows, and reportgen's own commands."""
_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"]*\"|（出错的段落：.*?）$")
_WORD = re.compile(r"[A-Za-z_][A-Za-z_]{2,}")


def foreign_words(message: str) -> list[str]:
    """ASCII words of a message that are neither known names nor quotations of the input."""
    text = re.sub(r"__\w+__", "", _QUOTED.sub("", message))  # a template's own words, quoted back
    text = re.sub(r"[\w/.-]*\.[A-Za-z]+\b|--\w+", "", text)  # file names, suffixes, parts and options
    return [w for w in _WORD.findall(text) if w not in KNOWN]


def test_the_detector_catches_library_english() -> None:
    for leak in ("Keys should be strings", "超出上限 Decimal('1')", "内部错误（ValueError）",
                 "access to attribute '__class__' of 'str' object is unsafe", "无法读写文件：x：File exists"):
        assert foreign_words(leak), leak
    assert not foreign_words("YAML 语法错误（第 3 行第 1 列）：键「year」重复出现")


@pytest.mark.parametrize(("name", "filename", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_every_catalogue_message_is_chinese(tmp_path: Path, name: str, filename: str, content: object,
                                            expected: list[str]) -> None:
    path = tmp_path / filename
    path.write_bytes(content_of(content))
    with pytest.raises(ReportError) as err:
        load(path)
    for problem in err.value.problems:
        assert not foreign_words(problem.message), problem.message


@pytest.mark.parametrize(("name", "make", "expected"), TEMPLATE_CASES, ids=[c[0] for c in TEMPLATE_CASES])
def test_every_template_message_is_chinese(tmp_path: Path, name: str, make: object, expected: str) -> None:
    from reportgen.editions import get_edition
    from reportgen.formats import registry, to_bytes
    from reportgen.testing import random_report

    path = tmp_path / "t.docx"
    path.write_bytes(make())  # type: ignore[operator]
    compile_template = registry.get("docx").load_template
    assert compile_template is not None
    with pytest.raises(ReportError) as err:  # compiled, then used: whichever refuses it
        to_bytes(random_report("2021"), "docx", compile_template(str(path), get_edition("2021")))
    for problem in err.value.problems:
        assert not foreign_words(problem.message), problem.message
