"""The cleaning of plain template parts (``formats.docx.cleaning``) gives what docxtpl's expressions give.

The expressions below are docxtpl's (``DocxTemplate.patch_xml``), as the engine used them before they
were replaced by ``str.find`` scans; random markup made of the pieces they react to is cleaned both ways.
"""

from __future__ import annotations

import random
import re

import pytest

from reportgen.formats.docx.cleaning import needs_docxtpl, p_tags, patch_xml, preserve
from reportgen.formats.docx.writer import shipped_template

NEEDS_DOCXTPL = re.compile(
    r"\{(?:<[^>]*>)+[{%#]|[%}#](?:<[^>]*>)+\}|{%-|-%}|{#|(?:{%|{{)(?:tr|tc|r) |{{p "
    r"|\b(?:colspan|cellbg|vm|hm)\b")
PRESERVE = re.compile(r"<w:t>((?:(?!<w:t>).)*)({{.*?}}|{%.*?%})", re.DOTALL)
P_TAG = re.compile(r"<w:p[ >](?:(?!<w:p[ >]).)*({%|{{)p ([^}%]*(?:%}|}})).*?</w:p>", re.DOTALL)

PIECES = ["<w:t>", '<w:t xml:space="preserve">', "</w:t>", "<w:p>", "<w:p ", "<w:pPr>", "</w:p>", "<w:r>", "{{", "}}",
          "{%", "%}", "{%p ", "{{p ", "p ", " ", "a", "if x", "<", ">", "}", "%", "{", "#", "-", "vm", "hm", "colspan",
          "cellbg", "é", "中", "_", "1", "\n", "tr ", "tc ", "r ", "w:t>", "/w:p>"]

FEWER = [p for p in PIECES if p not in ("#", "-", "{{p ", "r ")]
"""Without the pieces that alone send a part to docxtpl: the other reasons and the two rules get exercised."""


def _markup(rng: random.Random) -> str:
    pieces = PIECES if rng.random() < 0.5 else FEWER
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))


@pytest.mark.parametrize("seed", range(8))
def test_the_scans_give_docxtpls_expressions_on_random_markup(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(3000):
        xml = _markup(rng)
        assert preserve(xml) == PRESERVE.sub(r'<w:t xml:space="preserve">\1\2', xml), xml
        assert p_tags(xml) == P_TAG.sub(r"\1 \2", xml), xml
        assert needs_docxtpl(xml) == bool(NEEDS_DOCXTPL.search(xml)), xml


def test_the_shipped_templates_are_cleaned_without_docxtpl_as_docxtpl_would() -> None:
    import zipfile

    for edition in ("2019", "2021"):
        with zipfile.ZipFile(shipped_template(edition)) as zf:
            xml = zf.read("word/document.xml").decode("utf-8")
        assert not NEEDS_DOCXTPL.search(xml)
        assert patch_xml(xml) == P_TAG.sub(r"\1 \2", PRESERVE.sub(r'<w:t xml:space="preserve">\1\2', xml))
        assert "{%p" in xml and "{%p" not in patch_xml(xml)
