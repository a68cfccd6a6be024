"""Fill plans are exact: the Excel writer gives, byte for byte, what splicing every sheet afresh gave.

The reference is the straightforward writer of before the plans (``xlsx_reference``); the reports are
random and varied (long and empty lists that grow the areas, line breaks, markup characters, money
beyond a double's digits, optional fields present or not), in both editions.
"""

from __future__ import annotations

import datetime
import io
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import xlsx_reference as reference
from reportgen import Report, load
from reportgen.editions import EDITIONS
from reportgen.formats.xlsx.names import field_name
from reportgen.formats.xlsx.report import shown_values, workbook_template
from reportgen.formats.xlsx.template import Template
from reportgen.formats.xlsx.writer import XlsxRenderer, form_bytes, render_bytes, report_values, template_path
from reportgen.testing import random_report

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["一段正文。", "含有 & < > \" ' 的文字", "第一行\n第二行\n\n第四行", "Plain ASCII text that is long " * 9,
         "很长的中文段落" * 60, "  前后空格  ", "https://www.example.gov.cn/xxgk/index.html?a=1&b=2"]


def varied(key: str, seed: int) -> Report:
    """A random valid report with random texts, list lengths and optional fields."""
    rng = random.Random(seed)
    report = random_report(key, seed=seed, derived=seed % 3 == 0)

    def texts(most: int) -> list[str]:
        return [rng.choice(TEXTS) + str(i) for i in range(rng.randint(0, most))]

    changes: dict[str, Any] = {
        "problems": texts(9), "improvements": texts(4), "other_matters": texts(3),
        "overview": {"intro": texts(4), "items": [{"title": rng.choice(TEXTS)[:20] or "分项", "text": texts(3)}
                                                  for _ in range(rng.randint(0, 6))]},
        "title": rng.choice([None, "某某机关2024年政府信息公开工作年度报告"]),
        "preamble": rng.choice([None, "自定的前言。\n第二段。"]),
        "website": rng.choice([None, "https://www.example.gov.cn"]),
        "signed_by": rng.choice([None, "某某办公室"]),
        "date": rng.choice([None, datetime.date(2025, 1, rng.randint(1, 31))]),
    }
    if EDITIONS[key].fees:
        amount = rng.choice([Decimal("0"), Decimal("12.5"), Decimal("300.00"), Decimal("0.1234"),
                             Decimal("12345678901234.56")])
        changes["fees"] = rng.choice([None, {"notices_count": rng.randint(0, 9), "notices_amount": amount,
                                             "collected_amount": amount}])
    return report.replace(changes)


REPORTS = [varied("2019" if i % 2 else "2021", i) for i in range(60)]


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: f"{r.spec.key}-{r.agency}")
def test_values_as_the_straightforward_reading(report: Report) -> None:
    values, lists = report_values(report)
    expected_values, expected_lists = reference.report_values(report)
    assert list(values.items()) == list(expected_values.items())
    assert list(lists.items()) == list(expected_lists.items())


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: f"{r.spec.key}-{r.agency}")
def test_report_workbook_byte_identical(report: Report) -> None:
    values, lists = reference.report_values(report)
    template = workbook_template(report.spec.key)
    expected = reference.fill(template, {**values, **shown_values(report)}, lists, report=True)
    assert render_bytes(report) == expected


def test_plans_cover_growing_areas() -> None:
    """The reports above grow the list areas in many ways, and leave them as they are too."""
    shapes = set()
    for report in REPORTS:
        _, lists = report_values(report)
        template = workbook_template(report.spec.key)
        shapes.add(tuple(len(rows) > len(template.state.ref(name).cells()) for name, rows in lists.items()))
    assert len(shapes) > 4 and (False,) * 5 in shapes


@pytest.mark.parametrize("report", REPORTS[:16], ids=lambda r: f"{r.spec.key}-{r.agency}")
def test_form_template_byte_identical(report: Report) -> None:
    """A custom template (here the collection form) filled as a report, and the blank form itself."""
    values, lists = reference.report_values(report)
    template = Template(template_path(report.spec.key).read_bytes())
    expected = reference.fill(Template(template_path(report.spec.key).read_bytes()), values, lists, report=True)
    assert XlsxRenderer(template_path(report.spec.key)).render_bytes(report) == expected
    assert template.fill(values, lists, report=True) == expected
    given = {field_name("agency"): report.agency, field_name("year"): report.year}
    assert form_bytes(report.spec.key, report.agency, report.year) == reference.fill(template, given)


def test_restyled_template_missing_cells_byte_identical(tmp_path: Path) -> None:
    """A template whose named cells lost their ``<c>`` elements (restyled by hand) gets them back, as before."""
    wb = load_workbook(template_path("2021"))
    ws = wb["表三"]
    cells = ws._cells  # an empty cell dropped from the XML, as some programs save it
    removed = [key for key, c in cells.items() if c.value is None and key[0] % 2]
    for key in removed:
        del cells[key]
    buf = io.BytesIO()
    wb.save(buf)
    assert removed
    report = load(ROOT / "samples" / "sample-2021.yaml")
    values, lists = reference.report_values(report)
    for fill_report in (True, False):
        expected = reference.fill(Template(buf.getvalue()), values, lists, report=fill_report)
        fresh = Template(buf.getvalue())
        assert fresh.fill(values, lists, report=fill_report) == expected
        assert fresh.fill(values, lists, report=fill_report) == expected  # the plan, once made
