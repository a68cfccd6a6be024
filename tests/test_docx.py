"""The Word report: every figure where the official format puts it, layout, fixed wording, safety."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from docx.shared import Mm

import reportgen
from docx_helpers import all_labels, cell_text, distinct_data, grid, open_docx
from reportgen import Report
from reportgen.editions import EDITIONS, get_edition
from reportgen.formats.display import chinese_number, format_number
from reportgen.formats.docx.engine import Renderer
from reportgen.formats.docx.writer import shipped_renderer, shipped_template

SAMPLES = Path(__file__).parent.parent / "samples"
EDITION_KEYS = sorted(EDITIONS)


def render(report: Report) -> bytes:
    buf = io.BytesIO()
    reportgen.render_docx(report, buf)
    return buf.getvalue()


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


@pytest.mark.parametrize("key", EDITION_KEYS)
def test_every_cell_at_its_labels(key: str) -> None:
    edition = get_edition(key)
    report = Report.from_data(distinct_data(edition))
    doc = open_docx(render(report))
    assert len(doc.tables) == len(edition.tables)
    checked = 0
    for doc_table, table in zip(doc.tables, edition.tables, strict=True):
        g = grid(doc_table)
        for row, col in table.cells():
            expected = format_number(report.cell(table.key, row.key, col.key), col,
                                     report.unit(table.key, row.key, col))
            assert cell_text(g, table, row, col) == expected, table.describe(row.key, col.key)
            checked += 1
    assert checked == sum(1 for t in edition.tables for _ in t.cells())


@pytest.mark.parametrize("key", EDITION_KEYS)
def test_empty_cells_print_zero(key: str) -> None:
    edition = get_edition(key)
    report = Report.from_data({"edition": key, "agency": "空白镇人民政府", "year": edition.first_year})
    doc = open_docx(render(report))
    for doc_table, table in zip(doc.tables, edition.tables, strict=True):
        g = grid(doc_table)
        for row, col in table.cells():
            text = cell_text(g, table, row, col)
            assert Decimal(text.removesuffix(report.unit(table.key, row.key, col) or "")) == 0


@pytest.mark.parametrize("key", EDITION_KEYS)
def test_fixed_wording_verbatim(key: str) -> None:
    edition = get_edition(key)
    report = Report.from_data({**distinct_data(edition), "problems": ["甲。"], "improvements": ["乙。"]})
    doc = open_docx(render(report))
    paragraphs = texts(doc)
    subheadings = [f.heading for f in edition.fields if f.heading]
    for heading in (*(s.heading for s in edition.sections), *subheadings):
        assert heading in paragraphs
    cells = {text for t in doc.tables for row in grid(t) for text in row}
    assert all_labels(edition) <= cells
    title = "".join(p.text for p in doc.paragraphs if p.style.name == "报告标题")
    assert title == report.title_text


def test_money_with_its_unit() -> None:
    report = reportgen.load(SAMPLES / "zhangcun-2019.yaml")
    doc = open_docx(render(report))
    table = report.spec.table("active_disclosure")
    row = table.row("procurement")
    col = table.column("procurement", "amount")
    amount = report.cell("active_disclosure", "procurement", "amount")
    unit = report.cell("active_disclosure", "procurement", "amount_unit")
    assert cell_text(grid(doc.tables[0]), table, row, col) == f"{format(amount, 'f')}{unit}"


def test_page_layout_and_fonts() -> None:
    data = render(reportgen.load(SAMPLES / "sample-2021.yaml"))
    doc = open_docx(data)
    section = doc.sections[0]
    for got, mm in ((section.page_width, 210), (section.page_height, 297), (section.top_margin, 37),
                    (section.left_margin, 28), (section.right_margin, 26), (section.bottom_margin, 35)):
        assert abs(got - Mm(mm)) < Mm(0.5)
    assert doc.settings.odd_and_even_pages_header_footer
    styles = doc.styles
    for name, face in (("Normal", "仿宋_GB2312"), ("报告标题", "方正小标宋简体"), ("一级标题", "黑体"),
                       ("二级标题", "楷体_GB2312"), ("表格文字", "仿宋_GB2312")):
        fonts = styles[name].element.rPr.rFonts
        assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == face
    assert styles["报告标题"].font.size.pt == 22
    assert styles["Normal"].font.size.pt == 16
    assert styles["Normal"].paragraph_format.line_spacing.pt == pytest.approx(28.9, abs=0.5)
    assert 'w:eastAsia="zh-CN"' in styles.element.xml
    odd, even = section.footer._element.xml, section.even_page_footer._element.xml
    for xml in (odd, even):
        assert "PAGE" in xml and "— " in xml and " —" in xml
    assert 'w:val="right"' in odd and 'w:val="left"' in even
    body = doc.element.body.xml
    assert "w:tblHeader" in body and "w:cantSplit" in body
    width = sum(int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
                for c in doc.tables[2]._tbl.tblGrid.gridCol_lst)
    assert width <= Mm(156).twips + 5
    fonts_xml = next(p for p in doc.part.package.parts if p.partname.endswith("fontTable.xml")).blob.decode()
    assert 'w:altName w:val="仿宋"' in fonts_xml


def test_overview_problems_other_matters() -> None:
    edition = get_edition("2021")
    data = {
        **distinct_data(edition),
        "overview": {"intro": ["引言。"], "items": [{"title": "主动公开", "text": ["第一段。", "第二段。"]},
                                                  {"title": "依申请公开。", "text": "正文。"}]},
        "problems": ["一是已有序号。", "没有序号。"],
        "improvements": ["改进。"],
        "other_matters": [],
        "date": "2025-01-20",
    }
    paragraphs = texts(open_docx(render(Report.from_data(data))))
    assert "（一）主动公开。第一段。" in paragraphs and "第二段。" in paragraphs
    assert "（二）依申请公开。正文。" in paragraphs
    assert "一是已有序号。" in paragraphs and "二是没有序号。" in paragraphs and "一是改进。" in paragraphs
    after = paragraphs[paragraphs.index(edition.sections[5].heading) + 1]
    assert after == edition.sections[5].empty == "无。"
    assert paragraphs[-1] == "2025年1月20日" and "测试镇人民政府" in paragraphs


def test_fees_sentence() -> None:
    report = reportgen.load(SAMPLES / "sample-2021.yaml")
    paragraphs = texts(open_docx(render(report)))
    fees = report.fees
    sentence = report.spec.fees_sentence.format(
        notices_count=fees.notices_count, notices_amount=format(fees.notices_amount, "f"),
        collected_amount=format(fees.collected_amount, "f"))
    assert sentence in paragraphs
    closing = report.spec.sections[5]
    assert closing.empty not in paragraphs[paragraphs.index(closing.heading):]


HOSTILE = ["a & b < c > d \" e ' f", "{{ 7*7 }}", "{% for x in y %}loop{% endfor %}", "</w:t></w:r><w:r>",
           "{{ ''.__class__.__mro__ }}", "]]><!--"]


def test_hostile_text_is_inert() -> None:
    data = {
        **distinct_data(get_edition("2021")),
        "agency": "测试<&>“机关”",
        "overview": HOSTILE,
        "problems": HOSTILE,
        "other_matters": HOSTILE,
        "website": "{{ title }}",
    }
    report = Report.from_data(data)
    doc = open_docx(render(report))
    paragraphs = texts(doc)
    for text in HOSTILE:
        assert text in paragraphs
    assert "49" not in "".join(paragraphs)
    assert any("{{ title }}下载" in p for p in paragraphs)
    assert report.agency in "".join(paragraphs)


def test_newlines_split_paragraphs() -> None:
    data = {**distinct_data(get_edition("2019")), "other_matters": ["第一行\n第二行"]}
    paragraphs = texts(open_docx(render(Report.from_data(data))))
    assert "第一行" in paragraphs and "第二行" in paragraphs


def test_path_and_stream_and_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = reportgen.load(SAMPLES / "sample-2021.yaml")
    dest = tmp_path / "r.docx"
    reportgen.render_docx(report, dest)
    assert open_docx(dest.read_bytes()).paragraphs
    before = dest.read_bytes()
    renderer = shipped_renderer("2021")

    def boom(context):
        raise RuntimeError("disk full")

    monkeypatch.setattr(renderer, "render_parts", boom)
    with pytest.raises(RuntimeError):
        reportgen.render_docx(report, dest)
    assert dest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]


def test_renderer_reused_and_edition_mismatch() -> None:
    renderer = reportgen.Renderer(shipped_template("2019"), edition="2019")
    a = Report.from_data(distinct_data(get_edition("2019")))
    first, second = renderer.render_bytes(a), renderer.render_bytes(a)
    assert open_docx(first).paragraphs[0].text == open_docx(second).paragraphs[0].text
    with pytest.raises(reportgen.ReportError, match="2019版"):
        renderer.render_bytes(reportgen.load(SAMPLES / "sample-2021.yaml"))


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]


def test_renderer_is_exported() -> None:
    assert reportgen.Renderer is Renderer


def _build_module():
    from reportgen.formats.docx import layout

    return layout


@pytest.mark.parametrize("key", EDITION_KEYS)
def test_properties_in_schema_order(key: str) -> None:
    """Word refuses out-of-order property elements; every part of a rendered report keeps the order."""
    import zipfile

    from lxml import etree

    order = _build_module().SCHEMA_ORDER
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    data = render(Report.from_data(distinct_data(get_edition(key))))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
        assert "word/document.xml" in names and len(set(z.namelist())) == len(z.namelist())
        for name in names:
            root = etree.fromstring(z.read(name))
            for tag, seq in order.items():
                rank = {w + n: i for i, n in enumerate(seq.split())}
                for el in root.iter(w + tag):
                    ranks = [rank[c.tag] for c in el if c.tag in rank]
                    assert ranks == sorted(ranks), f"{name}: {tag} out of order"
            assert b"\n<w:p" not in z.read(name)


@pytest.mark.parametrize("sample", ["zhangcun-2019.yaml", "sample-2021.yaml"])
def test_no_tag_left_behind(sample: str) -> None:
    import zipfile

    data = render(reportgen.load(SAMPLES / sample))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            text = z.read(name)
            assert b"{{" not in text and b"{%" not in text, name


def test_tags_split_over_runs_by_word(tmp_path: Path) -> None:
    """Word often splits a tag over several runs when it is restyled; docxtpl's cleaning joins it."""
    import zipfile

    src = shipped_template("2021").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            raw = zin.read(info)
            if info.filename == "word/document.xml":
                raw = raw.replace(b"{{ signer }}", b"{{ sig</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ner }}")
            zout.writestr(info, raw)
    report = reportgen.load(SAMPLES / "sample-2021.yaml")
    out = io.BytesIO()
    reportgen.render_docx(report, out, template=buf.getvalue())
    assert report.signer in texts(open_docx(out.getvalue()))


@pytest.mark.parametrize("key", EDITION_KEYS)
def test_fast_cleaning_matches_docxtpl(key: str) -> None:
    """The shipped templates are cleaned without docxtpl, exactly as docxtpl would clean them."""
    import zipfile

    from docxtpl import DocxTemplate

    from reportgen.formats.docx.engine import patch_xml

    with zipfile.ZipFile(shipped_template(key)) as z:
        for name in ("word/document.xml", "docProps/core.xml"):
            xml = z.read(name).decode()
            assert patch_xml(xml) == DocxTemplate(io.BytesIO()).patch_xml(xml), name


def test_long_agency_name_breaks_into_balanced_title_lines() -> None:
    from reportgen import Report
    from reportgen.formats.display import title_lines

    report = Report.from_data({"agency": "某某省某某市某某县自然资源和规划局（某某县林业局）", "year": 2024})
    assert title_lines(report) == ["某某省某某市某某县自然资源和规划局", "（某某县林业局）",
                                   "2024年政府信息公开工作年度报告"]
    plain = Report.from_data({"agency": "中华人民共和国某某部某某司某某处某某科某某组某某办公室某某中心", "year": 2024})
    lines = title_lines(plain)
    assert "".join(lines) == plain.title_text and len(lines) == 3
    assert abs(len(lines[0]) - len(lines[1])) <= 1
