"""The official blank template (tag-less .docx) filled by its labels, and read back by label."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from docx_helpers import distinct_data
from official_templates import VARIANTS, build
from reportgen.cli import main
from reportgen.editions import EDITIONS, Edition
from reportgen.editions.blank import PLACEHOLDER_PATTERN
from reportgen.errors import ReportError
from reportgen.formats import load
from reportgen.formats.docx import docx_bytes, render_docx
from reportgen.formats.docx.official import OfficialTemplate, is_tagless
from reportgen.model import Report, report_class

CASES = [(e, v) for e in EDITIONS.values() for v in VARIANTS]


def _report(edition: Edition) -> Report:
    data = distinct_data(edition)
    data.update(
        agency="测试镇人民政府",
        overview={"intro": ["总体情况引言。"],
                  "items": [{"title": "主动公开", "text": ["主动公开正文。", "第二段。"]}]},
        problems=["问题甲。"], improvements=["改进乙。"], other_matters=["其他事项丙。"], date="2025-01-20",
    )
    if edition.fees:
        data["fees"] = {"notices_count": 2, "notices_amount": "150.5", "collected_amount": "100"}
    return report_class(edition).model_validate(data)


def _texts(data: bytes) -> list[str]:
    d = docx.Document(io.BytesIO(data))
    return [p.text for p in d.paragraphs]


@pytest.mark.parametrize(("edition", "variant"), CASES, ids=[f"{e.key}-{v}" for e, v in CASES])
def test_filled_template_reads_back_every_figure_by_label(edition: Edition, variant: str, tmp_path: Path) -> None:
    template = build(edition, variant)
    assert is_tagless(template)
    report = _report(edition)
    out = tmp_path / "filled.docx"
    render_docx(report, out, template=template)
    back = load(out)
    assert back.spec is edition
    for table in edition.tables:
        for row, col in table.cells():
            assert back.cell(table.key, row.key, col.key) == report.cell(table.key, row.key, col.key), \
                (variant, table.describe(row.key, col.key))
    texts = _texts(out.read_bytes())
    assert texts[0] == report.title_text
    assert not any(PLACEHOLDER_PATTERN.match(t) for t in texts)
    for expected in ("总体情况引言。", "（一）主动公开。主动公开正文。", "第二段。", "（一）主要问题。", "一是问题甲。",
                     "（二）改进措施。", "一是改进乙。", "其他事项丙。", "测试镇人民政府", "2025年1月20日"):
        assert expected in texts, expected
    if edition.fees:
        assert any("150.5" in t and "100" in t for t in texts)
    assert back.overview.intro == ["总体情况引言。"] and back.problems == ["问题甲。"]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _layout_xml(document_xml: bytes) -> list[bytes]:
    """What the filler must not touch: section and table properties, grids, row and cell properties."""
    root = etree.fromstring(document_xml)
    tags = [qn("w:sectPr"), qn("w:tblPr"), qn("w:tblGrid"), qn("w:trPr"), qn("w:tcPr")]
    return [etree.tostring(el) for el in root.iter(*tags)]


@pytest.mark.parametrize(("edition", "variant"), CASES, ids=[f"{e.key}-{v}" for e, v in CASES])
def test_filling_leaves_the_template_layout_untouched(edition: Edition, variant: str) -> None:
    template = build(edition, variant)
    filled = docx_bytes(_report(edition), template)
    before, after = _parts(template), _parts(filled)
    for name in ("word/styles.xml", "word/settings.xml", "word/fontTable.xml"):
        if name in before:
            assert after[name] == before[name], name
    assert _layout_xml(after["word/document.xml"]) == _layout_xml(before["word/document.xml"])


def _paragraph_props(data: bytes) -> dict[str, bytes]:
    d = docx.Document(io.BytesIO(data))
    out = {}
    for p in d.paragraphs:
        ppr = p._p.find(qn("w:pPr"))
        out[p.text] = etree.tostring(ppr) if ppr is not None else b""
    return out


@pytest.mark.parametrize("variant", VARIANTS)
def test_section_text_takes_the_placeholder_paragraph_style(variant: str) -> None:
    edition = EDITIONS["2021"]
    template = build(edition, variant)
    placeholder = next(v for k, v in _paragraph_props(template).items() if PLACEHOLDER_PATTERN.match(k))
    props = _paragraph_props(docx_bytes(_report(edition), template))
    for text in ("总体情况引言。", "一是问题甲。", "其他事项丙。"):
        assert props[text] == placeholder, text


def _without_row(template: bytes, label: str) -> bytes:
    d = docx.Document(io.BytesIO(template))
    for table in d.tables:
        for row in table.rows:
            if any(c.text == label for c in row.cells):
                row._tr.getparent().remove(row._tr)
                buf = io.BytesIO()
                d.save(buf)
                return buf.getvalue()
    raise AssertionError(label)


def test_incomplete_template_is_refused_listing_what_is_missing(tmp_path: Path) -> None:
    edition = EDITIONS["2021"]
    template = _without_row(build(edition, "restyled"), "2.重复申请")
    with pytest.raises(ReportError) as err:
        OfficialTemplate(template, edition)
    text = str(err.value)
    assert "未能按标签找到" in text and "表三「（五）不予处理 2.重复申请」行" in text
    out = tmp_path / "out.docx"
    with pytest.raises(ReportError):
        render_docx(_report(edition), out, template=template)
    assert not out.exists()


def test_template_of_the_other_edition_is_refused_naming_both() -> None:
    with pytest.raises(ReportError) as err:
        OfficialTemplate(build(EDITIONS["2019"], "official"), EDITIONS["2021"])
    assert "模板像是2019版格式，报告是2021版" in str(err.value)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_cli_render_with_the_blank_template(tmp_path: Path) -> None:
    edition = EDITIONS["2019"]
    template = _write(tmp_path, "格式模板.docx", build(edition, "official"))
    source = Path(__file__).resolve().parents[1] / "samples" / "zhangcun-2019.yaml"
    out = tmp_path / "out"
    assert main(["render", str(source), "-o", str(out), "--no-xlsx", "--template", str(template)]) == 0
    (written,) = out.iterdir()
    back = load(written)
    report = load(source)
    assert all(back.cell(t.key, r.key, c.key) == report.cell(t.key, r.key, c.key)
               for t in edition.tables for r, c in t.cells())


def test_cli_template_check_reports_the_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edition = EDITIONS["2021"]
    good = _write(tmp_path, "good.docx", build(edition, "restyled"))
    assert main(["template", "check", str(good)]) == 0
    text = capsys.readouterr().out
    assert "2021版" in text and "表三：175/175 格" in text and "一、总体情况：第" in text and "全部找到" in text
    bad = _write(tmp_path, "bad.docx", _without_row(build(edition, "restyled"), "2.重复申请"))
    assert main(["template", "check", str(bad)]) == 1
    text = capsys.readouterr().out
    assert "未找到（1 处" in text and "2.重复申请" in text


def test_cli_render_refuses_an_incomplete_template_writing_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edition = EDITIONS["2021"]
    bad = _write(tmp_path, "格式模板.docx", _without_row(build(edition, "official"), "2.重复申请"))
    source = Path(__file__).resolve().parents[1] / "samples" / "sample-2021.yaml"
    out = tmp_path / "out"
    assert main(["render", str(source), "-o", str(out), "--no-xlsx", "--template", str(bad)]) == 2
    captured = capsys.readouterr()
    text = captured.out + captured.err  # a refused template is an error: stderr
    assert "未能按标签找到" in text and "2.重复申请" in text and "Traceback" not in text
    assert not out.exists() or not any(out.iterdir())


def test_text_word_cannot_hold_is_refused_in_chinese_as_with_the_shipped_template() -> None:
    """However the text got in (here past validation), the blank template's filler refuses it as the shipped
    template does, naming the field, instead of failing in lxml's English."""
    edition = EDITIONS["2021"]
    report = _report(edition)
    report.__dict__["problems"] = ["问题\x01甲。"]  # what validation would have refused
    template = OfficialTemplate(build(edition, "official"), edition)
    for render in (template.render_bytes, lambda r: docx_bytes(r)):
        with pytest.raises(ReportError) as err:
            render(report)
        assert "U+0001" in str(err.value) and "problems" in str(err.value)


def test_blank_template_has_the_limits_of_a_tagged_one() -> None:
    """A template without tags is refused for macros as a tagged one is, in Chinese, before python-docx reads it."""
    edition = EDITIONS["2021"]
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build(edition, "official"))) as zin, zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("word/vbaProject.bin", b"\0" * 16)
    with pytest.raises(ReportError, match="宏"):
        OfficialTemplate(buf.getvalue(), edition)
    with pytest.raises(ReportError, match="不是有效的 Word 文档"):
        OfficialTemplate(b"PK\x03\x04 broken", edition)
