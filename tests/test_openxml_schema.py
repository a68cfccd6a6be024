"""Every .docx and .xlsx reportgen writes conforms to ECMA-376 (transitional), as openxml-audit checks it.

openxml-audit is modelled on the Open XML SDK validator, which Word and Excel's own
checks follow: a child out of the schema's order (``w:tblCellMar`` had bottom before
left) is what makes Word report unreadable content. The validator's findings that
are not schema errors are listed in ``KNOWN`` with the reason, each checked against
the schema text; anything else fails the test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openxml_audit  # a dev dependency: missing, the test fails (never skips)
import pytest

from docx_helpers import distinct_data
from official_templates import VARIANTS, build
from reportgen.editions import EDITIONS, Edition
from reportgen.formats import load, registry, to_bytes
from reportgen.model import Report, report_class

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {"2021": ROOT / "samples" / "sample-2021.yaml", "2019": ROOT / "samples" / "zhangcun-2019.yaml"}


@dataclass(frozen=True)
class Known:
    part: str
    """A regular expression on the part's name."""
    text: str
    """A regular expression on the finding's description (and its XPath)."""
    reason: str


KNOWN = (
    Known(r"^/xl/styles\.xml$", r"fonts\[1\]/font\[\d+\].*Unexpected element '(b|i|u|sz|color|name|family|scheme|"
          r"charset|strike|vertAlign|outline|shadow|condense|extend)' found",
          "SpreadsheetML CT_Font is <xsd:choice maxOccurs=\"unbounded\"> in sml.xsd (ECMA-376 Part 1, 18.8.22): "
          "its children may come in any order; the validator checks the SDK's sequence. openpyxl writes "
          "every workbook this way and Excel opens them without repair."),
    Known(r"^/xl/worksheets/sheet\d+\.xml$", r"inline-string cell\(s\)",
          "Not a schema finding: CT_Cell t=\"inlineStr\" with <is> is valid (sml.xsd, 18.3.1.4); the "
          "validator warns that Excel moves inline strings to a shared-strings table when it next saves."),
    Known(r"^/word/stylesWithEffects\.xml$", r"stylesWithEffects|docDefaults differ",
          "Only in the filled official template built on python-docx's default document: the Word 2010 "
          "stylesWithEffects part is the clerk's template's own, kept untouched like every style; "
          "not a schema finding (the part is outside ECMA-376), and Word opens python-docx's default files."),
)


def _findings(data: bytes, suffix: str, tmp_path: Path) -> list[str]:
    path = tmp_path / f"checked{suffix}"
    path.write_bytes(data)
    result = openxml_audit.OpenXmlValidator().validate(path)
    out = []
    for err in result.errors:
        part = str(getattr(err, "part_uri", "") or "")
        text = f"{getattr(err, 'path', '')} {getattr(err, 'description', err)}"
        if any(re.search(k.part, part) and re.search(k.text, text) for k in KNOWN):
            continue
        out.append(f"{getattr(err, 'error_type', '')} {part} {text}")
    return out


def _report(edition: Edition) -> Report:
    data = distinct_data(edition)
    data.update(overview={"intro": ["引言。"], "items": [{"title": "主动公开", "text": ["正文。"]}]},
                problems=["问题。"], improvements=["改进。"], other_matters=["其他。"], date="2025-01-20")
    if edition.fees:
        data["fees"] = {"notices_count": 1, "notices_amount": "10", "collected_amount": "5"}
    return report_class(edition).model_validate(data)


def _custom_template(edition: Edition) -> bytes:
    """The shipped template as a clerk customises it: restyled, retitled, saved again by python-docx."""
    import io

    import docx
    from docx.shared import Pt

    fmt = registry.get("docx")
    assert fmt.shipped_template is not None
    d = docx.Document(str(fmt.shipped_template(edition.key)))
    d.styles["Normal"].font.size = Pt(15)
    d.add_paragraph("（本报告由示例单位编制）")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _outputs() -> list[tuple[str, str, Callable[[], bytes]]]:
    out: list[tuple[str, str, Callable[[], bytes]]] = []
    for edition in EDITIONS.values():
        k = edition.key
        for fmt in registry.formats():
            if fmt.shipped_template is not None:
                path = fmt.shipped_template(k)
                out.append((f"{k}-shipped-{path.name}", path.suffix, path.read_bytes))
            if fmt.form is not None:
                out.append((f"{k}-form-{fmt.name}", fmt.suffix, lambda fmt=fmt, k=k: fmt.form(k)))  # type: ignore[misc]
        for path in sorted((ROOT / "templates" / k).glob("*.xlsx")):
            out.append((f"{k}-shipped-{path.name}", ".xlsx", path.read_bytes))
        for name in ("docx", "xlsx"):
            out.append((f"{k}-report-{name}", f".{name}", lambda name=name, e=edition: to_bytes(_report(e), name)))
            out.append((f"{k}-sample-{name}", f".{name}",
                        lambda name=name, k=k: to_bytes(load(SAMPLES[k]), name)))
        out.append((f"{k}-custom-template", ".docx",
                    lambda e=edition: to_bytes(_report(e), "docx", template=_custom_template(e))))
        for variant in VARIANTS:
            out.append((f"{k}-official-{variant}", ".docx",
                        lambda e=edition, v=variant: to_bytes(_report(e), "docx", template=build(e, v))))
    return out


OUTPUTS = _outputs()


@pytest.mark.parametrize(("name", "suffix", "make"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_every_part_conforms_to_the_schema(name: str, suffix: str, make: Callable[[], bytes],
                                           tmp_path: Path) -> None:
    findings = _findings(make(), suffix, tmp_path)
    assert not findings, "\n".join(findings)


def test_the_validator_finds_the_cell_margin_fault(tmp_path: Path) -> None:
    """The test is honest: the order this branch fixed is still an error to the validator."""
    import io
    import zipfile

    data = to_bytes(_report(EDITIONS["2021"]), "docx")
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = re.sub(rb'(<w:left w:w="\d+" w:type="dxa"/>)(<w:bottom w:w="\d+" w:type="dxa"/>)',
                              rb"\2\1", body)
            dst.writestr(item, body)
    assert any("tblCellMar" in f for f in _findings(buf.getvalue(), ".docx", tmp_path))
