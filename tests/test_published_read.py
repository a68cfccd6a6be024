"""Reading published reports back: every cell against the known figures, and the variants."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.formats import read_published
from reportgen.formats.published import published_findings, sniff
from reportgen.model import Report

FIXTURES = Path(__file__).parent / "fixtures" / "published"
_spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
assert _spec and _spec.loader
make_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_fixtures)

KIND = {".html": "html", ".docx": "docx", ".pdf": "pdf"}
CLEAN = [
    "cms_2019.html", "cms_2021.html", "layout_2019.docx", "layout_2021.docx",
    "lo_layout_2019.html", "lo_layout_2021.html",
    "reportgen_2019.docx", "reportgen_2021.docx", "reportgen_2019.pdf", "reportgen_2021.pdf",
]


def _read(name: str):  # type: ignore[no-untyped-def]
    path = FIXTURES / name
    return read_published(path.read_bytes(), name, KIND[path.suffix])  # type: ignore[arg-type]


def _differences(expected: Report, got: Report) -> list[tuple[str, str, str, object, object]]:
    return [(t.key, r.key, c.key, expected.cell(t.key, r.key, c.key), got.cell(t.key, r.key, c.key))
            for t in expected.spec.tables for r, c in t.cells()
            if expected.cell(t.key, r.key, c.key) != got.cell(t.key, r.key, c.key)]


@pytest.mark.parametrize("name", CLEAN)
def test_clean_document_reads_every_cell_and_section(name: str) -> None:
    reading = _read(name)
    report = reading.report()
    expected = make_fixtures.expected(name)
    assert reading.unplaced == []
    assert report.edition == expected.edition
    assert (report.agency, report.year) == (expected.agency, expected.year)
    assert _differences(expected, report) == []
    assert report.overview == expected.overview
    assert report.problems == expected.problems
    assert report.improvements == expected.improvements
    if not name.startswith("reportgen"):  # reportgen prints neither date nor these matters
        assert report.other_matters == expected.other_matters
        assert report.date == expected.date
    assert report.check() == []
    assert published_findings(reading, report) == []


TITLE_2021 = "某市生态环境局2023年政府信息公开工作年度报告"


def _portal_page(title_tag: str, body_title: str) -> bytes:
    """cms_2021.html as another portal prints it: ``title_tag`` in <title>, no metadata table, and the
    body's title in a <div class="article-header"> (``body_title`` "header") or not printed ("none")."""
    page = (FIXTURES / "cms_2021.html").read_bytes().decode()
    page = re.sub(r"<title>.*?</title>", f"<title>{title_tag}</title>", page, count=1)
    page = re.sub(r'<table class="meta">.*?</table>', "", page, count=1, flags=re.S)
    header = f'<div class="article-header"><p class="title">{TITLE_2021}</p></div>' if body_title == "header" else ""
    page, n = re.subn(r"<p align=center[^>]*><b><span[^>]*>" + TITLE_2021 + r"</span></b></p>", header, page, count=1)
    assert n == 1
    return page.encode()


@pytest.mark.parametrize(("title_tag", "body_title"), [
    *[(TITLE_2021 + suffix, "none")
      for suffix in ("_某某县人民政府", " - 政府信息公开", "｜某某县人民政府门户网站", " | 政务公开")],
    (TITLE_2021 + "_某某县人民政府", "header"),
    ("某某县人民政府门户网站", "header"),
])
def test_portal_title_with_site_suffix_or_in_header_div_reads_as_the_original(title_tag: str, body_title: str) -> None:
    original = _read("cms_2021.html").report()
    reading = read_published(_portal_page(title_tag, body_title), "p.html", "html")
    report = reading.report()
    assert reading.unplaced == []
    assert (report.agency, report.year, report.date) == (original.agency, original.year, original.date)
    assert _differences(original, report) == []
    assert report.preamble == original.preamble and report.overview == original.overview
    assert (report.problems, report.improvements, report.other_matters) == (
        original.problems, original.improvements, original.other_matters)
    assert report.check() == []


@pytest.mark.parametrize("name", ["lo_layout_2019.pdf", "lo_layout_2021.pdf"])
def test_libreoffice_pdf_of_own_layout(name: str) -> None:
    """Table 3 breaks across pages, and the part on the next page has one label column fewer."""
    reading = _read(name)
    assert _differences(make_fixtures.expected(name), reading.report()) == []


def test_provenance_of_a_cell_names_the_printed_labels_and_page() -> None:
    reading = _read("reportgen_2021.pdf")
    src = reading.cells[("applications", "new_received", "natural_person")]
    assert src.page is not None and not src.blank
    assert "一、本年新收政府信息公开申请数量" in src.row_label and src.col_label == "自然人"
    assert src.text == str(make_fixtures.expected("2021").cell("applications", "new_received", "natural_person"))


class TestVariant:
    """Half-width brackets, garbled and shortened labels, blanks, 「/」「—」, notes, units,
    a blank 总计 column, the old one-row （六）, a note, Table 3 broken in two, 五 renamed, 六 before 五."""

    @pytest.fixture(scope="class")
    @classmethod
    def reading(cls):  # type: ignore[no-untyped-def]
        return _read("cms_variant_2021.html")

    def test_figures_match_once_blanks_are_zero_and_totals_computed(self, reading) -> None:  # type: ignore[no-untyped-def]
        report = reading.report()
        assert reading.unplaced == []
        assert _differences(make_fixtures.expected("variant_2021"), report) == []
        assert report.problems == make_fixtures.NARRATIVE["problems"]
        assert report.improvements == make_fixtures.NARRATIVE["improvements"]
        assert report.other_matters == make_fixtures.NARRATIVE["other_matters"]

    def test_blanks_and_notes(self, reading) -> None:  # type: ignore[no-untyped-def]
        cells = reading.cells
        assert cells[("applications", "granted", "research")].shown == "未填写"
        assert cells[("reviews", "review", "pending")].blank and cells[("reviews", "review", "pending")].text == "/"
        assert cells[("reviews", "litigation_direct", "other")].blank
        issued = cells[("active_disclosure", "regulations", "issued")]
        assert issued.note == "其中修订16件" and reading.data["active_disclosure"]["regulations"]["issued"] == 22
        fees = cells[("active_disclosure", "fees", "amount")]
        assert reading.data["active_disclosure"]["fees"]["amount"] == Decimal("25.1")
        assert "251000元" in (fees.note or "")
        assert any(n.endswith("注：本表“总计”列由系统自动汇总。") for n in reading.notes)

    def test_old_six_row_is_a_warning_naming_what_happened(self, reading) -> None:  # type: ignore[no-untyped-def]
        assert len(reading.warnings) == 1 and "3.其他" in reading.warnings[0]
        findings = published_findings(reading, reading.report())
        old = [f for f in findings if f.row == "other_handling.other"]
        assert len(old) == 1 and old[0].severity == "warning" and "其他处理" in old[0].message

    def test_blank_total_column_is_one_finding_with_every_value(self, reading) -> None:  # type: ignore[no-untyped-def]
        report = reading.report()
        findings = [f for f in published_findings(reading, report) if f.column == "total" and f.row is None]
        assert len(findings) == 1
        message = findings[0].message
        table = report.spec.table("applications")
        for row in table.rows:
            if not reading.cells[("applications", row.key, "total")].found:
                continue  # 2021's （六） items the old one-row layout did not print
            assert f"「{row.full_label}」行应为 {report.cell('applications', row.key, 'total')}" in message


def test_strict_lists_what_was_not_understood(tmp_path: Path) -> None:
    page = (FIXTURES / "cms_2021.html").read_bytes().decode().replace("三方合法权益", "某种未知情形", 1)
    from reportgen.errors import ReportError

    loose = read_published(page.encode(), "p.html", "html")
    assert any("某种未知情形" in p.message for p in loose.unplaced)
    with pytest.raises(ReportError, match="某种未知情形"):
        read_published(page.encode(), "p.html", "html", strict=True)


def test_a_cell_of_thousands_of_digits_is_a_problem_of_that_cell() -> None:
    page = (FIXTURES / "cms_2021.html").read_bytes().decode()
    page = page.replace('<font face="仿宋">4</font>', f'<font face="仿宋">{"9" * 5000}</font>', 1)
    reading = read_published(page.encode(), "p.html", "html")
    assert [p.message for p in reading.unplaced if "位数过多" in p.message] != []
    assert "issued" not in reading.data["active_disclosure"]["regulations"]


def test_no_table_and_no_title_is_an_error() -> None:
    from reportgen.errors import ReportError

    with pytest.raises(ReportError):
        read_published(b"<html><body><p>hello</p></body></html>", "x.html", "html")


def test_sniff() -> None:
    assert sniff((FIXTURES / "reportgen_2021.pdf").read_bytes()[:16]) == "pdf"
    assert sniff((FIXTURES / "cms_2021.html").read_bytes()[:200]) == "html"
    assert sniff((FIXTURES / "layout_2021.docx").read_bytes()) == "docx"
    assert sniff(b"MIME-Version: 1.0\r\n") == "html"
    assert sniff(b"hello") is None


def test_regenerated_libreoffice_fixture_reads_back(tmp_path: Path) -> None:
    """Needs soffice: fails (not skips) in CI, where it is installed."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs soffice (libreoffice-writer-nogui)")
        pytest.skip("soffice not installed")
    report = make_fixtures.expected("2021")
    make_fixtures.own_layout_docx(report, tmp_path / "a.docx")
    make_fixtures.soffice(tmp_path / "a.docx", "html", tmp_path / "a.html")
    reading = read_published((tmp_path / "a.html").read_bytes(), "a.html", "html")
    assert reading.unplaced == [] and _differences(report, reading.report()) == []


def test_pdf_knows_its_own_reports_by_the_word_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF format recognises reportgen's PDFs by the subject the Word format writes, one text for
    both: a copy of the PDF module loaded while docx.SUBJECT is another text looks for that text."""
    import reportgen.formats.docx as docx
    import reportgen.formats.pdf as pdf

    assert pdf.FORMAT.own and pdf.FORMAT.own((FIXTURES / "reportgen_2021.pdf").read_bytes())
    assert not pdf.FORMAT.own((FIXTURES / "lo_layout_2021.pdf").read_bytes())
    assert pdf.__file__
    spec = importlib.util.spec_from_file_location("reportgen.formats._pdf_copy", pdf.__file__,
                                                  submodule_search_locations=[str(Path(pdf.__file__).parent)])
    assert spec and spec.loader
    copy = importlib.util.module_from_spec(spec)
    monkeypatch.setattr(docx, "SUBJECT", "另一种报告（")
    spec.loader.exec_module(copy)
    other = b"%PDF-1.7\n<</Subject<FEFF" + "另一种报告（2023）".encode("utf-16-be").hex().upper().encode() + b">>"
    assert copy.FORMAT.own(other)
    assert not copy.FORMAT.own((FIXTURES / "reportgen_2021.pdf").read_bytes())
