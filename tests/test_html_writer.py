"""The HTML report: every figure in its cell, headers a screen reader resolves, escaping, the page."""

from __future__ import annotations

from decimal import Decimal

import html5lib
import pytest

from html_helpers import (
    locate,
    official_column_path,
    official_row_path,
    parse,
    resolved_headers,
    tables_by_caption,
)
from reportgen.editions import EDITIONS
from reportgen.formats.html import html_bytes, render_html
from reportgen.model import Report
from reportgen.testing import balanced_data, random_report

EVIL = '<script>alert("x")</script> & "引号" \'单引\' 😀'


def expected_text(report: Report, table: str, row: str, col: str) -> str:
    value = report.cell(table, row, col)
    column = report.spec.table(table).column(row, col)
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    unit = report.unit(table, row, column)
    return text + (unit if column.kind == "money" and unit and unit not in column.label else "")


@pytest.mark.parametrize("edition", list(EDITIONS))
@pytest.mark.parametrize("page", [False, True])
def test_every_figure_is_in_its_cell(edition: str, page: bool) -> None:
    report = random_report(edition, seed=3)
    tables = tables_by_caption(parse(render_html(report, page=page)))
    assert len(tables) == len(report.spec.tables)
    for table in report.spec.tables:
        element = tables[report.spec.field_labels[table.key]]
        for row, col in table.cells():
            text = locate(element, official_row_path(table, row), official_column_path(table, row, col))
            assert text == expected_text(report, table.key, row.key, col.key), (table.key, row.key, col.key)


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_figure_resolves_to_its_official_headers(edition: str) -> None:
    """What a screen reader announces for each figure: its column path, then its row path."""
    report = random_report(edition)
    tables = tables_by_caption(parse(render_html(report)))
    for table in report.spec.tables:
        element = tables[report.spec.field_labels[table.key]]
        expected = {}
        for row, col in table.cells():
            path = official_column_path(table, row, col) + official_row_path(table, row)
            expected[expected_text(report, table.key, row.key, col.key), path] = True
        tds = element.iter("td")
        got = {(td.text_content(), resolved_headers(element, td)): True for td in tds}
        assert got == expected
        assert len(list(element.iter("td"))) == len(list(table.cells()))


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_header_cells_carry_scope_and_tables_their_structure(edition: str) -> None:
    root = parse(render_html(random_report(edition)))
    for table in root.iter("table"):
        assert table.find("caption") is not None
        for th in table.iter("th"):
            spans = int(th.get("colspan", 1)) > 1, int(th.get("rowspan", 1)) > 1
            in_body = th.getparent().getparent().tag == "tbody" and th.get("id", "").split("-")[-2][0] == "r"
            expected = ("rowgroup" if spans[1] else "row") if in_body else ("colgroup" if spans[0] else "col")
            assert th.get("scope") == expected, th.text_content()
        for td in table.iter("td"):
            assert "text-align:center" in td.get("style")
    tables = list(root.iter("table"))
    assert [len(t.findall("thead")) for t in tables] == [0, 1, 1]  # Table 2: each block heads its tbody
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def evil_report(edition: str, **extra: object) -> Report:
    data = balanced_data(edition)
    data.update(agency=EVIL, signed_by=EVIL, problems=[EVIL], improvements=[], other_matters=[EVIL])
    data["overview"] = {"intro": [EVIL], "items": [{"title": EVIL, "text": [EVIL, EVIL]}]}
    data.update(extra)
    return Report.from_data(data)


@pytest.mark.parametrize("page", [False, True])
def test_every_text_is_escaped(page: bool) -> None:
    html = render_html(evil_report("2021"), page=page)
    assert "<script" not in html and "&lt;script&gt;" in html
    root = parse(html)
    assert not list(root.iter("script"))
    texts = [el.text_content() for el in root.iter("h1", "p")]
    assert sum(EVIL in t for t in texts) >= 7  # title, preamble, intro, item, 2 paragraphs, 五, 六, signer
    assert EVIL in root.find(".//h1").text_content().replace("\n", "")
    assert root.xpath("//p[last()]")[0].text_content() == EVIL  # the signature


def test_fragment_is_plain_markup() -> None:
    root = parse(render_html(random_report("2021")))
    body = root.find("body")
    assert not [el for el in body.iter() if el.tag in ("script", "style", "link", "meta", "html")]
    assert not [el for el in body.iter() if el.get("class") is not None]
    assert [el.tag for el in body if isinstance(el.tag, str)][:2] == ["h1", "p"]
    assert "reportgen" in body[0].text  # the marker comment that keeps batch from reading its own page back
    assert [h.text_content() for h in body.iter("h2")] == [s.heading for s in EDITIONS["2021"].sections]
    assert all(p.get("style") for p in body.iter("p"))
    signer = body.xpath("./p")[-1]
    assert "text-align:right" in signer.get("style")


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_page_is_valid_html5_and_prints_as_gbt9704(edition: str) -> None:
    html = render_html(random_report(edition), page=True)
    assert html.startswith("<!DOCTYPE html>")
    parser = html5lib.HTMLParser(strict=True)  # raises on any parse error
    document = parser.parse(html)
    ns = "{http://www.w3.org/1999/xhtml}"
    assert document.get("lang") == "zh-CN"
    assert document.find(f"{ns}head/{ns}meta").get("charset") == "utf-8"
    style = document.find(f"{ns}head/{ns}style").text
    for rule in ("size: A4", "margin: 37mm 26mm 35mm 28mm", "display: table-header-group", "break-inside: avoid",
                 "FangSong", "SimSun", "font-size: 10.5pt", "font-size: 16pt", "font-size: 22pt"):
        assert rule in style
    assert not list(document.iter(f"{ns}script"))


def test_html_bytes_is_utf8() -> None:
    report = evil_report("2019")
    data = html_bytes(report, page=True)
    assert data.decode("utf-8") == render_html(report, page=True)
    assert "😀".encode() in data


def test_empty_sections_say_so_and_2021_reports_fees() -> None:
    data = balanced_data("2019")
    data.update(problems=[], improvements=[], other_matters=[])
    root = parse(render_html(Report.from_data(data)))
    paragraphs = [p.text_content() for p in root.iter("p")]
    edition = EDITIONS["2019"]
    h2 = list(root.iter("h2"))
    for heading, section in zip(h2[4:], edition.sections[4:], strict=True):  # 五 and 六: the fixed wording
        assert heading.getnext().text_content() == section.empty == "无。"
    assert not list(root.iter("h3"))
    report = random_report("2021")
    root = parse(render_html(report))
    fees = EDITIONS["2021"].fees_sentence.format(notices_count=3, notices_amount="300.00", collected_amount="150.5")
    assert fees in [p.text_content() for p in root.iter("p")]
    h3 = [h.text_content() for h in root.iter("h3")]
    assert h3 == [f.heading for f in EDITIONS["2021"].fields if f.heading] == ["（一）主要问题。", "（二）改进措施。"]
    assert "一是问题一。" in [p.text_content() for p in root.iter("p")]
    assert "一是问题一。" not in paragraphs


@pytest.mark.parametrize("page", [False, True])
def test_a_report_whose_figures_do_not_add_up_is_marked_draft(page: bool) -> None:
    """render --allow-errors: the web page, like the Word report, can never pass for the final one."""
    from reportgen.formats.display import draft

    data = balanced_data("2021")
    right = Report.from_data(data).cell("applications", "granted", "total")
    data["applications"]["granted"]["total"] = right + 1  # a 总计 that does not add up: rule 3
    wrong = Report.from_data(data)
    note = draft(wrong)[1]
    assert note and "草稿" in note
    assert note in render_html(wrong, page=page)
    assert "草稿" not in render_html(Report.from_data(balanced_data("2021")), page=page)
