"""Forms that are odd but valid read exactly; formula work is bounded (issue 15, items 3 and 16)."""

from __future__ import annotations

import io
import zipfile

import pytest

from catalogue import _form_with, _rewrite
from reportgen import ReportError, load, loads
from reportgen.formats.xlsx import render_bytes
from reportgen.formats.xlsx.evaluate import MAX_VISITS, FormulaError, Memo, evaluate
from reportgen.formats.xlsx.fastview import open_fast
from reportgen.formats.xlsx.package import tidy
from reportgen.testing import random_report

NAME = "rg_applications__granted__natural_person"


def _doubling(depth: int) -> dict[str, object]:
    """計算!A1 = A2 + A2, A2 = A3 + A3 … : 2**depth evaluations without a memo."""
    cells: dict[str, object] = {f"A{i}": f"=A{i + 1}+A{i + 1}" for i in range(1, depth)}
    cells[f"A{depth}"] = 1
    return cells


def test_each_formula_cell_is_evaluated_once() -> None:
    wb = open_fast(_form_with({NAME: "=计算!A1"}, _doubling(19)))
    memo = Memo()
    assert evaluate("=A1", wb["计算"], wb, memo=memo) == 2 ** 18
    assert memo.visits < 100  # 2**19 without the memo


def test_a_doubling_form_reads_with_the_right_figure() -> None:
    report = loads(_form_with({NAME: "=计算!A1"}, _doubling(19)), "xlsx")
    assert report.cell("applications", "granted", "natural_person") == 2 ** 18


def test_formula_work_has_a_total_bound() -> None:
    wb = open_fast(_form_with({}, {"A1": "=SUM(B1:B9000)+SUM(C1:C9000)", "A2": "=A1"}))
    memo = Memo()
    memo.visits = MAX_VISITS - 10_000
    with pytest.raises(FormulaError, match="公式引用的单元格过多"):
        evaluate("=A1", wb["计算"], wb, memo=memo)


def test_spaced_tags_read_as_excel_writes_them() -> None:
    report = random_report("2021")

    def spaced(part: str, xml: bytes) -> bytes:
        return xml.replace(b"</v>", b"</v >").replace(b"</t>", b"</t\n>") if part.endswith(".xml") else xml

    assert loads(_rewrite(render_bytes(report), spaced), "xlsx") == report
    assert tidy("<c><v >1</v >\n<t xml:space=\"preserve\">a > b</t\t></c>") == \
        '<c><v>1</v>\n<t xml:space="preserve">a > b</t></c>'


def test_excel_line_break_escapes_are_decoded() -> None:
    report = loads(_form_with({"rg_problems": "第一行_x000D_\n第二行"}), "xlsx")
    assert report.problems == ["第一行\n第二行"]


def test_a_count_from_a_form_never_drops_a_comma() -> None:
    for text in ("1,0", "12,5", "1,00", "1,0000"):
        with pytest.raises(ReportError, match="应为整数"):
            loads(_form_with({NAME: text}), "xlsx")
    for text, value in (("1,000", 1000), ("1，000", 1000), ("12,345,678", 12345678)):
        assert loads(_form_with({NAME: text}), "xlsx").cell("applications", "granted", "natural_person") == value


def test_the_rendered_workbook_reads_back_with_its_marker(tmp_path: object) -> None:
    report = random_report("2019")
    data = render_bytes(report)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert b'name="reportgen_rendered"' in zf.read("xl/workbook.xml")
    assert loads(data, "xlsx") == report
    assert load(io.BytesIO(data), "xlsx") == report


def test_broken_parts_are_refused_in_chinese() -> None:
    """Truncated or corrupted XML in any part: a Chinese refusal, never a Python exception or its name."""
    import random

    from test_hostile_messages import foreign_words

    base = _form_with({NAME: 5})
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        parts = [n for n in zf.namelist() if n.endswith((".xml", ".rels"))]
    rnd = random.Random(15)
    for _ in range(60):
        part, cut, byte = rnd.choice(parts), rnd.random(), rnd.randrange(256)

        def damage(name: str, xml: bytes, part: str = part, cut: float = cut, byte: int = byte) -> bytes:
            if name != part:
                return xml
            pos = int(len(xml) * cut)
            return xml[:pos] + bytes([byte]) + xml[pos + 1:] if byte % 2 else xml[:pos]

        try:
            loads(_rewrite(base, damage), "xlsx")
        except ReportError as exc:
            assert not [p.message for p in exc.problems if foreign_words(p.message)]


def test_empty_elements_do_not_swallow_their_neighbours() -> None:
    """The patterns that made the fast reader quadratic also misread: an empty element matched up to the next one."""
    from reportgen.formats.xlsx.fastview import _runs
    from reportgen.formats.xlsx.package import NAME

    assert _runs('<rPh sb="0" eb="1"/><t>keep</t><rPh sb="1"><t>drop</t></rPh>') == "keep"
    xml = '<definedName name="a"/>' * 3 + '<definedName name="b">x!$A$1</definedName>'
    assert {m.group(2): m.group(3) for m in NAME.finditer(xml)} == {"b": "x!$A$1"}
