"""A future edition is a new description plus its templates, not edits across the code.

A throw-away edition is described here, entirely as data: the 2021 edition with one more
narrative section (七、工作亮点, a list of items) and Table 4's first row relabelled. Built
from the description alone, it renders to Word, to Excel and to YAML, and a form filled
with its figures reads back as the same report.
"""

from __future__ import annotations

import dataclasses
import html
import io
import zipfile
from typing import Any

import pytest
from docx import Document

from reportgen.editions import EDITIONS, Field, Section, get_edition
from reportgen.editions.spec import Block, Row
from reportgen.formats import loads, to_bytes
from reportgen.formats.docx.engine import Renderer
from reportgen.formats.docx.layout import template_bytes as docx_template
from reportgen.formats.xlsx.layout import template_bytes as xlsx_template
from reportgen.formats.xlsx.reader import read_bytes
from reportgen.formats.xlsx.template import Template
from reportgen.formats.xlsx.writer import report_values
from reportgen.model import report_class
from reportgen.testing import balanced_data

HIGHLIGHTS = Field("highlights", "七、工作亮点", "items", help="每项一段，依次印为“一是……二是……”", capacity=3)
NEW_LABEL = "行政复议（含行政裁决）"


def _edition() -> Any:
    base = get_edition("2021")
    reviews = base.table("reviews")
    first, *rest = reviews.blocks[0].rows
    block = Block(None, reviews.blocks[0].columns, (dataclasses.replace(first, label=NEW_LABEL), *rest))
    tables = tuple(dataclasses.replace(reviews, blocks=(block,)) if t is reviews else t for t in base.tables)
    return dataclasses.replace(
        base, key="2099", first_year=2099, last_year=None, notice="国办公开办函〔2099〕1号", tables=tables,
        fields=(*base.fields, HIGHLIGHTS),
        sections=(*base.sections, Section("七、工作亮点", ("highlights",), empty="无。")),
    )


@pytest.fixture()
def edition(monkeypatch: pytest.MonkeyPatch) -> Any:
    edition = _edition()
    monkeypatch.setitem(EDITIONS, edition.key, edition)  # what registering a new edition module does
    return edition


def _report(edition: Any) -> Any:
    data = {**balanced_data("2021"), "edition": edition.key, "year": 2099,
            "highlights": ["建成政策文件库。", "开通“一件事”专区。"]}
    return report_class(edition).model_validate(data)


def test_the_model_follows_the_description(edition: Any) -> None:
    report = _report(edition)
    assert report.highlights == ["建成政策文件库。", "开通“一件事”专区。"]  # type: ignore[attr-defined]
    assert report.check() == []
    assert edition.field_labels["highlights"] == "七、工作亮点"
    assert Row("review", NEW_LABEL) == edition.table("reviews").row("review")


def test_word_report_has_the_new_section_and_label(edition: Any) -> None:
    report = _report(edition)
    data = Renderer(docx_template(edition), edition=edition.key).render_bytes(report)
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    start = paragraphs.index("七、工作亮点")
    assert paragraphs[start + 1: start + 3] == ["一是建成政策文件库。", "二是开通“一件事”专区。"]
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert NEW_LABEL in cells and "行政复议" not in cells


def test_word_report_says_so_when_the_new_section_is_empty(edition: Any) -> None:
    report = _report(edition).model_copy(update={"highlights": []})
    data = Renderer(docx_template(edition), edition=edition.key).render_bytes(report)
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert paragraphs[paragraphs.index("七、工作亮点") + 1] == "无。"


def test_form_has_the_new_section_and_reads_back(edition: Any) -> None:
    report = _report(edition)
    template = Template(xlsx_template(edition))
    workbook = template.fill(*report_values(report), report=True)
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        text = html.unescape(b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/")).decode("utf-8"))
    assert "七、工作亮点" in text and NEW_LABEL in text
    assert read_bytes(workbook, "新版本.xlsx") == report


def test_yaml_has_the_new_section_and_reads_back(edition: Any) -> None:
    report = _report(edition)
    text = to_bytes(report, "yaml")
    assert "# 七、工作亮点：每项一段" in text.decode("utf-8")
    assert loads(text, "yaml") == report
