"""Issue 14, items 1, 3 and 4: what a clerk typed that would print wrongly is warned about, and printed right."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from factories import balanced_data, plain
from reportgen.checks.advice import advise, strip_numbering
from reportgen.cli import main
from reportgen.formats import display
from reportgen.model import Report

FILLED = {
    "overview": {"intro": ["本年度工作稳步推进。"], "items": [{"title": "主动公开", "text": "有序推进。"}]},
    "problems": ["公开内容不够全面。"],
    "improvements": ["加强培训。"],
}


def _report(edition: str = "2021", **extra: Any) -> Report:
    data = {**plain(balanced_data(edition)), **FILLED, **extra}
    return Report.from_data(data)


@pytest.mark.parametrize(("typed", "text", "removed"), [
    ("（二）依申请公开", "依申请公开", "（二）"),
    ("2.基层政务公开标准化", "基层政务公开标准化", "2."),
    ("二、加强培训", "加强培训", "二、"),
    ("1、丰富公开形式", "丰富公开形式", "1、"),
    ("一是队伍不强", "队伍不强", "一是"),
    ("(1) 培训不足", "培训不足", "(1)"),
    ("①培训不足", "培训不足", "①"),
    ("1.5万元的经费不足", "1.5万元的经费不足", ""),
    ("2024年工作不足", "2024年工作不足", ""),
    ("十分重视", "十分重视", ""),
])
def test_strip_numbering(typed: str, text: str, removed: str) -> None:
    assert strip_numbering(typed) == (text, removed)


def test_own_numbering_is_not_doubled_and_is_warned_about() -> None:
    report = _report(
        overview={"items": [{"title": "主动公开", "text": "x"}, {"title": "（二）依申请公开", "text": "y"}]},
        problems=["一是队伍不强", "2.基层力量薄弱", "（三）培训不足"],
        improvements=["二、加强培训", "1、丰富形式"],
    )
    ctx = display.context(report)
    assert ctx["problems"] == ["一是队伍不强", "二是基层力量薄弱", "三是培训不足"]
    assert ctx["improvements"] == ["一是加强培训", "二是丰富形式"]
    assert [i["heading"] for i in ctx["overview"].items] == ["（一）主动公开。", "（二）依申请公开。"]
    warned = {(f.table, f.row) for f in advise(report)}
    assert warned == {("overview", "items.1.title"), ("problems", "0"), ("problems", "1"), ("problems", "2"),
                      ("improvements", "0"), ("improvements", "1")}
    text = next(f.text for f in advise(report) if f.row == "1" and f.table == "problems")
    assert "「2.」" in text and "二是基层力量薄弱" in text and "problems.1" in text


def test_empty_report_is_warned_about_not_refused() -> None:
    report = Report.from_data({"agency": "示例县人民政府", "year": 2024})
    findings = advise(report)
    assert {f.table for f in findings} == {"overview", "problems", "improvements"}
    assert not any(f.is_error for f in findings)
    assert all("没有填写" in f.text for f in findings)
    assert advise(_report()) == []


def test_placeholder_text_is_warned_about() -> None:
    report = _report(contact="XX县人民政府办公室", problems=["某某方面有待加强"])
    assert {(f.table, f.row) for f in advise(report)} == {("contact", None), ("problems", "0")}


def test_2019_procurement_in_yuan_is_warned_about_in_both_units() -> None:
    data = plain(balanced_data("2019"))
    data["active_disclosure"]["procurement"] = {"projects": 3, "amount": "1265000"}
    findings = advise(Report.from_data({**data, **FILLED}))
    assert len(findings) == 1
    text = findings[0].text
    assert "1265000 万元" in text and "12650000000 元" in text and "采购总金额" in text
    data["active_disclosure"]["procurement"]["amount"] = "126.5"
    assert advise(Report.from_data({**data, **FILLED})) == []
    data["active_disclosure"]["procurement"].update(amount="1265000", amount_unit="元")
    assert advise(Report.from_data({**data, **FILLED})) == []


def test_2021_fee_amounts_are_bounded() -> None:
    data = plain(balanced_data("2021"))
    data["active_disclosure"]["fees"] = {"amount": "36000000"}
    data["fees"] = {"notices_count": 1, "notices_amount": "5000000", "collected_amount": "20"}
    found = {(f.table, f.column or f.row) for f in advise(Report.from_data({**data, **FILLED}))}
    assert found == {("active_disclosure", "amount"), ("fees", "notices_amount")}
    assert advise(_report(fees={"notices_count": 1, "notices_amount": "50", "collected_amount": "50"})) == []


def test_check_prints_the_warnings_and_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.yaml"
    data = {**plain(balanced_data("2021")), **FILLED, "problems": ["（三）培训不足"]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 个警告" in out and "（三）" in out and "problems.0" in out


def test_money_is_decimal_in_findings() -> None:
    data = plain(balanced_data("2019"))
    data["active_disclosure"]["procurement"] = {"amount": "2000000"}
    (finding,) = advise(Report.from_data({**data, **FILLED}))
    assert finding.found == Decimal("2000000")


def test_a_web_address_with_xxgk_is_not_a_placeholder() -> None:
    """Nearly every portal's disclosure pages live under /xxgk/: neither the check nor strict mode may call
    that a left-in 「XX」, while XX县 still is one."""
    from reportgen.review import check_strict

    def left_in(text: str) -> list[str]:
        report = Report.from_data({**balanced_data("2021"), "problems": [text]})
        return [f.message for f in advise(report) + check_strict(report) if "XX" in f.message.upper()]

    assert left_in("本机关在门户网站（http://www.shixian.gov.cn/xxgk/）设置政府信息公开专栏。") == []
    assert left_in("XX县加强培训。") != []
