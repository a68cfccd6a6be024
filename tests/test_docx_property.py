"""Any text a data file may hold comes out of the Word report literally."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportgen
from docx_helpers import distinct_data, open_docx
from reportgen import Report
from reportgen.editions import get_edition

SPECIALS = st.sampled_from(["&", "<", ">", '"', "'", "{{", "}}", "{%", "%}", "{#", "]]>", "<w:p>", "\t", "　"])
CHARS = st.characters(exclude_categories=("Cs", "Cc", "Cn", "Zl", "Zp"))
TEXT = st.lists(st.one_of(SPECIALS, st.text(CHARS, max_size=8)), min_size=1, max_size=12).map("".join).map(
    str.strip).filter(bool)

BASE = distinct_data(get_edition("2021"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=1, max_size=3), signer=TEXT)
def test_text_is_literal(texts: list[str], signer: str) -> None:
    report = Report.from_data({**BASE, "other_matters": texts, "signed_by": signer[:200]})
    buf = io.BytesIO()
    reportgen.render_docx(report, buf)
    paragraphs = [p.text for p in open_docx(buf.getvalue()).paragraphs]
    for text in texts:
        assert text in paragraphs
    assert report.signer in paragraphs
