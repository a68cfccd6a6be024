"""Property tests: any valid report renders to a .docx and an .xlsx that python-docx and openpyxl
open, whose every part parses as XML and whose every figure reads back equal; any text either
renders literally or is refused with a clear error."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl import load_workbook

from docx_helpers import cell_text, grid, open_docx
from reportgen import Report, ReportError, render_docx, render_xlsx
from reportgen.editions import EDITIONS, Edition
from reportgen.formats.display import format_number
from reportgen.formats.xlsx.names import cell_name

PROFILE = settings(max_examples=25, derandomize=True, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ODD = st.text(st.characters(exclude_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=30).map(str.strip).filter(bool)


def _value(col: Any) -> st.SearchStrategy[Any]:
    if col.kind == "money":
        return st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
    if col.kind == "signed":
        return st.integers(-10**6, 10**6)
    return st.integers(0, 10**9)


@st.composite
def reports(draw: st.DrawFn, edition: Edition) -> Report:
    data: dict[str, Any] = {"edition": edition.key, "agency": draw(ODD), "year": edition.first_year,
                            "problems": draw(st.lists(ODD, max_size=3)),
                            "other_matters": draw(st.lists(ODD, max_size=2))}
    for table in edition.tables:
        for row, col in table.cells():
            if row.derived or col.derived:
                continue
            node = data.setdefault(table.key, {})
            for part in row.key.split("."):
                node = node.setdefault(part, {})
            node[col.key] = draw(_value(col))
            if col.unit_key:
                node[col.unit_key] = draw(st.sampled_from(["元", "万元", "亿元"]))
    return Report.from_data(data)


def _xml_parts(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))  # raises on anything that is not well-formed


def _check_docx(report: Report, data: bytes) -> None:
    doc = open_docx(data)
    tables = {t.heading: grid(w) for t, w in zip(report.spec.tables, doc.tables, strict=True)}
    for table in report.spec.tables:
        for row, col in table.cells():
            expected = format_number(report.cell(table.key, row.key, col.key), col,
                                     report.unit(table.key, row.key, col))
            assert cell_text(tables[table.heading], table, row, col) == expected, (table.key, row.key, col.key)
    text = [p.text for p in doc.paragraphs]
    for item in report.other_matters:
        assert item in text


def _check_xlsx(report: Report, data: bytes) -> None:
    wb = load_workbook(io.BytesIO(data))
    for table in report.spec.tables:
        for row, col in table.cells():
            (sheet, coord), = wb.defined_names[cell_name(table.key, row.key, col.key)].destinations
            found = wb[sheet][coord.replace("$", "")].value
            expected = report.cell(table.key, row.key, col.key)
            assert Decimal(str(found)) == expected, (table.key, row.key, col.key, found)


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_any_valid_report_renders_and_reads_back(key: str) -> None:
    @PROFILE
    @given(reports(EDITIONS[key]))
    def run(report: Report) -> None:
        docx_out, xlsx_out = io.BytesIO(), io.BytesIO()
        render_docx(report, docx_out)
        render_xlsx(report, xlsx_out)
        for data in (docx_out.getvalue(), xlsx_out.getvalue()):
            _xml_parts(data)
        _check_docx(report, docx_out.getvalue())
        _check_xlsx(report, xlsx_out.getvalue())

    run()


@PROFILE
@given(st.text(min_size=1, max_size=40))
def test_any_text_renders_literally_or_is_refused(text: str) -> None:
    try:
        report = Report.from_data({"agency": "甲", "year": 2022, "improvements": [text]})
    except ReportError as exc:
        (problem,) = exc.problems
        assert problem.path == "improvements.0" and problem.label == "五、改进情况第1项"
        str(exc).encode("utf-8")  # printable
        return
    docx_out, xlsx_out = io.BytesIO(), io.BytesIO()
    render_docx(report, docx_out)
    render_xlsx(report, xlsx_out)
    for data in (docx_out.getvalue(), xlsx_out.getvalue()):
        _xml_parts(data)
    paragraphs = "\n".join(p.text for p in open_docx(docx_out.getvalue()).paragraphs)
    if text.strip():
        assert text.strip() in paragraphs
