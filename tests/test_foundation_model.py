"""The report model: loading, derived cells, value types."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest

from factories import balanced_data, cell
from reportgen import Report, ReportError, load
from reportgen.editions import EDITIONS, get_edition

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_balanced_report_checks_clean(key: str) -> None:
    report = Report.from_data(balanced_data(key))
    assert type(report).__name__ == f"Report{key}"
    assert report.check() == []


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_derived_cells_are_computed_when_omitted(key: str) -> None:
    data = balanced_data(key)
    report = Report.from_data(data)
    spec = get_edition(key)
    apps = spec.table("applications")
    data_cols = [c.key for c in apps.blocks[0].columns if not c.derived]
    results = [r.key for r in apps.rows if r.section and not r.derived]
    for row in apps.rows:
        if not row.derived:
            assert report.cell("applications", row.key, "total") == sum(cell(data, "applications", row.key, c)
                                                                        for c in data_cols)
    for col in data_cols:
        assert report.cell("applications", "results_total", col) == sum(cell(data, "applications", r, col)
                                                                        for r in results)
    corner = sum(cell(data, "applications", r, c) for r in results for c in data_cols)
    assert report.cell("applications", "results_total", "total") == corner
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = sum(cell(data, "reviews", group, c) for c in ("upheld", "corrected", "other", "pending"))
        assert report.cell("reviews", group, "total") == parts
    assert not report.is_given("applications", "results_total", "total")


def test_handwritten_2019_file_without_derived_cells_is_completed(tmp_path: Path) -> None:
    path = tmp_path / "town.yaml"
    path.write_text(
        "agency: 某镇人民政府\nyear: 2019\n"
        "applications:\n"
        "  new_received: {natural_person: 5, commercial: 2}\n"
        "  carried_over: {natural_person: 1}\n"
        "  granted: {natural_person: 3, commercial: 1}\n"
        "  withheld:\n    third_party_rights: {natural_person: 1}\n"
        "  unavailable:\n    not_held: {commercial: 1}\n"
        "  other_handling: {natural_person: 1}\n"
        "  carried_forward: {natural_person: 1}\n"
        "reviews:\n  review: {upheld: 2, pending: 1}\n  litigation_direct: {corrected: 1}\n",
        encoding="utf-8",
    )
    report = load(path)
    assert report.edition == "2019"
    assert report.check() == []
    c = report.cell
    assert c("applications", "results_total", "natural_person") == 5  # 3 + 1 + 1
    assert c("applications", "results_total", "commercial") == 2
    assert c("applications", "results_total", "total") == 7
    assert c("applications", "new_received", "total") == 7
    assert c("applications", "carried_forward", "total") == 1
    assert c("applications", "withheld.state_secret", "total") == 0
    assert c("reviews", "review", "total") == 3
    assert c("reviews", "litigation_direct", "total") == 1
    assert c("reviews", "litigation_after_review", "total") == 0


def test_given_derived_cell_is_kept_not_overwritten() -> None:
    data = balanced_data("2021")
    data["applications"]["results_total"] = {"natural_person": 1}
    report = Report.from_data(data)
    assert report.cell("applications", "results_total", "natural_person") == 1
    assert report.is_given("applications", "results_total", "natural_person")


def test_edition_follows_year() -> None:
    assert Report.from_data({"agency": "甲", "year": 2020}).edition == "2019"
    assert Report.from_data({"agency": "甲", "year": 2021}).edition == "2021"
    assert Report.from_data({"agency": "甲", "year": 2024, "edition": 2021}).edition == "2021"


def test_change_may_be_negative_and_money_is_decimal_with_unit() -> None:
    data = {"agency": "甲", "year": 2019, "active_disclosure": {
        "licensing": {"previous": 3, "change": -2},
        "procurement": {"projects": 1, "amount": Decimal("12.50")}}}
    report = Report.from_data(data)
    assert report.cell("active_disclosure", "licensing", "change") == -2
    amount = report.cell("active_disclosure", "procurement", "amount")
    assert isinstance(amount, Decimal) and str(amount) == "12.50"
    col = get_edition("2019").table("active_disclosure").column("procurement", "amount")
    assert report.unit("active_disclosure", "procurement", col) == "万元"


def test_yaml_and_json_numbers_are_exact(tmp_path: Path) -> None:
    y = tmp_path / "a.yml"
    y.write_text("agency: 甲\nyear: 2022\nactive_disclosure:\n  fees: {amount: 0.10}\n", encoding="utf-8")
    assert str(load(y).cell("active_disclosure", "fees", "amount")) == "0.10"
    j = tmp_path / "a.json"
    j.write_text(json.dumps({"agency": "甲", "year": 2022, "active_disclosure": {"fees": {"amount": 1}}})
                 .replace('"amount": 1', '"amount": 1.10'), encoding="utf-8")
    assert str(load(j).cell("active_disclosure", "fees", "amount")) == "1.10"


def test_gb18030_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("agency: 某县财政局\nyear: 2023\n".encode("gb18030"))
    assert load(path).agency == "某县财政局"


def test_narrative_shapes() -> None:
    report = Report.from_data({"agency": "甲", "year": 2021, "overview": ["一段。", "二段。"],
                               "problems": "只有一个问题。", "date": "2022-01-10"})
    assert report.overview.intro == ["一段。", "二段。"] and report.overview.items == []
    assert report.problems == ["只有一个问题。"]
    assert report.date == datetime.date(2022, 1, 10)
    assert report.title_text == "甲2021年政府信息公开工作年度报告"
    assert report.signer == "甲"


@pytest.mark.parametrize("text", ["a\x00b", "bell\x07", "lone \ud800 surrogate"])
def test_text_that_xml_cannot_hold_is_refused(text: str) -> None:
    with pytest.raises(ReportError) as err:
        Report.from_data({"agency": "甲", "year": 2021, "problems": [text]})
    assert err.value.problems[0].path == "problems.0"
    message = err.value.problems[0].message
    assert "U+" in message or "代理项" in message
    str(err.value).encode("utf-8")  # printable: no lone surrogate is echoed back


def test_samples_check_clean() -> None:
    for path in sorted((ROOT / "samples").glob("*.yaml")):
        report = load(path)
        assert report.check() == [], path


def test_zhangcun_sample_keeps_the_seed_figures() -> None:
    report = load(ROOT / "samples" / "zhangcun-2019.yaml")
    assert report.cell("active_disclosure", "normative_documents", "made") == 8
    assert report.cell("active_disclosure", "normative_documents", "total_published") == 83
    assert len(report.problems) == 3 and len(report.improvements) == 3


def test_sample_2021_has_non_zero_figures_in_every_table() -> None:
    report = load(ROOT / "samples" / "sample-2021.yaml")
    for table in report.spec.tables:
        assert any(report.cell(table.key, r.key, c.key) for r, c in table.cells()), table.key
    assert report.fees is not None and report.fees.notices_count > 0


def test_what_a_clerk_types_reads_as_meant(tmp_path: Path) -> None:
    path = tmp_path / "clerk.yaml"
    path.write_text("agency: ' 某镇人民政府 '\nyear: 2024年\ndate: 2025年1月20日\nactive_disclosure:\n"
                    "  licensing: {decisions: 010}\n  penalty: {decisions: 1，000}\n  coercion: {decisions: }\n"
                    "  fees: {amount: -0.0}\n", encoding="utf-8")
    report = load(path)
    assert (report.agency, report.year, report.date) == ("某镇人民政府", 2024, datetime.date(2025, 1, 20))
    c = report.cell
    assert c("active_disclosure", "licensing", "decisions") == 10  # decimal, not YAML 1.1 octal
    assert c("active_disclosure", "penalty", "decisions") == 1000
    assert c("active_disclosure", "coercion", "decisions") == 0  # left blank
    assert str(c("active_disclosure", "fees", "amount")) == "0.0"
    assert Report.from_data({"agency": "甲", "year": "2020年"}).edition == "2019"


def test_load_from_a_stream_such_as_an_upload() -> None:
    import io

    from reportgen.formats.json import dumps
    from reportgen.formats.xlsx import render_bytes
    from reportgen.testing import random_report

    report = random_report("2021", seed=5)
    assert load(io.BytesIO(render_bytes(report))) == report
    assert load(io.BytesIO(dumps(report).encode("utf-8"))) == report
    assert load(io.BytesIO("agency: 甲\nyear: 2022\n".encode()), format="yaml").agency == "甲"
    with pytest.raises(ReportError) as err:
        load(io.BytesIO(b"agency: ["))
    assert str(err.value).startswith("（上传的数据）：YAML 语法错误（第 1 行第 10 列）")
