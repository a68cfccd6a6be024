"""Continuity (with renames and the 2021 stock rule), text against tables, copy rate, strict mode."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import reportgen
from reportgen.cli import main
from reportgen.review import (
    check_continuity,
    check_copy_rate,
    check_strict,
    check_text_figures,
    copy_rate,
    kind_of,
    pair,
    same_body,
)
from yearly_helpers import data, put, report, write

# --- continuity and pairing ----------------------------------------------------


def test_a_renamed_body_is_paired_and_a_different_one_is_not() -> None:
    assert same_body("洪泽区人民政府", "淮安市洪泽区人民政府") == "renamed"
    assert same_body("淮安市 洪泽区人民政府", "淮安市洪泽区人民政府") == "same"
    assert same_body("张村镇人民政府", "李张村镇人民政府") is None  # 李 is not a place
    assert same_body("区人民政府", "淮安市区人民政府") is None  # too short a name to trust
    assert same_body("生态环境局", "淮安市生态环境局") is None
    bodies = [("洪泽区人民政府", 2022), ("淮安市洪泽区人民政府", 2023), ("张村镇人民政府", 2022),
              ("张村镇人民政府", 2023), ("李村镇人民政府", 2023)]
    made = {(p.last, p.this, p.how) for p in pair(bodies)}
    assert made == {(0, 1, "renamed"), (2, 3, "same")}


def test_the_2021_stock_rule_warns_with_both_years_figures() -> None:
    last = report("2021", "张村镇人民政府", 2022)
    mapping = data("2021", "张村镇人民政府", 2023)
    for col in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other"):
        put(mapping, "applications", "carried_over", col, last.cell("applications", "carried_forward", col))
    in_force = last.cell("active_disclosure", "normative_documents", "in_force")
    put(mapping, "active_disclosure", "normative_documents", "issued", 5)
    put(mapping, "active_disclosure", "normative_documents", "repealed", 2)
    put(mapping, "active_disclosure", "normative_documents", "in_force", in_force + 5 - 2 + 1)
    put(mapping, "active_disclosure", "regulations", "in_force",
        last.cell("active_disclosure", "regulations", "in_force") + mapping["active_disclosure"]["regulations"][
            "issued"] - mapping["active_disclosure"]["regulations"]["repealed"])
    this = reportgen.Report.from_data(mapping)
    findings = [f for f in check_continuity(last, this) if f.table == "active_disclosure"]
    assert len(findings) == 1
    f = findings[0]
    assert (f.row, f.column, f.expected, f.found, f.severity) == ("normative_documents", "in_force", in_force + 3,
                                                                   in_force + 4, "warning")
    assert f"上年 {in_force} + 本年制发件数 5 − 本年废止件数 2" in f.message
    assert "表二「行政规范性文件」行「现行有效件数」列" in f.message
    assert kind_of(f) == "continuity"


def test_check_previous_pairs_reports_whatever_their_names(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    last = write(tmp_path / "2022.yaml", data("2021", "洪泽区人民政府", 2022))
    this_data = data("2021", "淮安市洪泽区人民政府", 2023)
    put(this_data, "applications", "carried_over", "natural_person", 999)
    put(this_data, "applications", "new_received", "natural_person", 0)
    this = write(tmp_path / "2023.yaml", this_data)
    main(["check", str(this), "--previous", str(last)])
    out = capsys.readouterr().out
    assert "「二、上年结转政府信息公开申请数量」行「自然人」列：应为" in out
    # Automatic pairing in a folder says which pair it made.
    main(["check", str(tmp_path)])
    out = capsys.readouterr().out
    assert f"配对：{this} ← {last}（名称变更" in out
    assert "「二、上年结转政府信息公开申请数量」行「自然人」列：应为" in out


def test_2020_to_2021_continuity_checks_the_carried_applications_only() -> None:
    last = report("2019", "张村镇人民政府", 2020)
    this = last.next_year()
    assert check_continuity(last, this) == []
    mapping = this.data()
    put(mapping, "applications", "carried_over", "commercial", 1234)
    del mapping["applications"]["carried_over"]["total"]  # computed again
    findings = check_continuity(last, reportgen.Report.from_data(mapping))
    assert [(f.row, f.column) for f in findings] == [("carried_over", "commercial"), ("carried_over", "total")]


# --- text against tables -----------------------------------------------------------


def _with_narrative(text: str, **extra: object) -> reportgen.Report:
    return report("2021", "张村镇人民政府", 2023, overview={"intro": [text]}, **extra)


def test_a_figure_different_from_its_table_is_a_warning_quoting_the_sentence() -> None:
    base = report("2021", "张村镇人民政府", 2023)
    received = base.cell("applications", "new_received", "total")
    granted = base.cell("applications", "granted", "total") + base.cell("applications", "partially_granted", "total")
    reviews = base.cell("reviews", "review", "total")
    sentence = f"全年共收到政府信息公开申请{received + 1}件，予以公开及部分公开{granted}件。"
    findings = check_text_figures(_with_narrative(sentence + f"发生行政复议{reviews}件。"))
    assert len(findings) == 1
    f = findings[0]
    assert f.message == (f"一、总体情况第1段：文字「{sentence}」写收到申请数为 {received + 1}，"
                         f"而表三「一、本年新收政府信息公开申请数量」行「总计」列为 {received}，两者应一致")
    assert (f.expected, f.found, f.severity, kind_of(f)) == (received, received + 1, "warning", "text")


def test_last_years_text_kept_to_be_rewritten_is_not_compared() -> None:
    """After `new --from`, kept paragraphs carry 【请改写】 and last year's figures: strict mode lists them;
    comparing their figures with this year's tables would only add false warnings."""
    from reportgen.review import REWRITE_MARK

    received = report("2021", "张村镇人民政府", 2023).cell("applications", "new_received", "total")
    sentence = f"全年共收到政府信息公开申请{received + 1}件。"
    assert len(check_text_figures(_with_narrative(sentence))) == 1
    assert check_text_figures(_with_narrative(REWRITE_MARK + sentence)) == []


def test_sums_of_groups_are_compared_and_named() -> None:
    base = report("2021", "张村镇人民政府", 2023)
    withheld = sum(base.cell("applications", r.key, "total") for r in base.spec.table("applications").rows
                   if r.key.startswith("withheld."))
    findings = check_text_figures(_with_narrative(f"不予公开{withheld + 2}件。"))
    assert [f.expected for f in findings] == [withheld]
    assert "表三「（三）不予公开」各项「总计」之和" in findings[0].message


def test_the_samples_and_agreeing_figures_raise_nothing() -> None:
    root = Path(__file__).parents[1] / "samples"
    for path in root.glob("*.yaml"):
        assert check_text_figures(reportgen.load(path)) == [], path
    base = report("2021", "张村镇人民政府", 2023)
    ok = f"本年度共收到政府信息公开申请{base.cell('applications', 'new_received', 'total')}件，较上年增加3件。"
    assert check_text_figures(_with_narrative(ok + "上年度共收到申请1件。自然人申请予以公开9999件。")) == []


# --- copy rate ------------------------------------------------------------------------

LAST = [f"第{n}项工作：全面落实政务公开第{n}类事项标准目录，规范发布流程并开展专项检查第{n}轮。" for n in range(10)]
NEW = [f"新举措{n}：围绕营商环境优化开设{n}个专题专栏，邀请企业代表参加政策解读会议和座谈交流。" for n in range(10)]


def _copied(share: int) -> tuple[reportgen.Report, reportgen.Report]:
    last = report("2021", "张村镇人民政府", 2022, overview={"intro": LAST}, problems=[], improvements=[])
    # A copied sentence with new figures still counts as copied.
    kept = [s.replace("第", "第1") for s in LAST[:share]]
    this = report("2021", "张村镇人民政府", 2023, overview={"intro": kept + NEW[share:]}, problems=[],
                  improvements=[])
    return last, this


@pytest.mark.parametrize(("share", "warned"), [(3, False), (8, True)])
def test_copy_rate_at_30_and_80_percent(share: int, warned: bool) -> None:
    last, this = _copied(share)
    rate = copy_rate(last, this)
    assert rate.repeated == share and rate.total == 10
    assert abs(rate.rate - share / 10) < 0.05
    findings = check_copy_rate(last, this)
    assert bool(findings) is warned
    if warned:
        assert findings[0].message.startswith(f"正文有 {rate.rate:.0%} 的文字与2022年报告重复（10 句中 8 句")
        assert kind_of(findings[0]) == "copy"


def test_copy_threshold_is_the_users(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    last, this = _copied(3)
    assert check_copy_rate(last, this, threshold=0.25)
    a = write(tmp_path / "a.yaml", last.data())
    b = write(tmp_path / "b.yaml", this.data())
    main(["check", str(b), "--previous", str(a), "--copy-threshold", "25"])
    assert "超过 25%" in capsys.readouterr().out
    main(["check", str(b), "--previous", str(a)])
    assert "重复" not in capsys.readouterr().out


# --- strict mode ----------------------------------------------------------------------


def test_strict_mode_findings() -> None:
    clean = report("2021", "张村镇人民政府", 2023, date=datetime.date(2024, 1, 20))
    assert check_strict(clean) == []
    bad = report("2021", "张村镇人民政府", 2023, overview={}, problems=[], improvements=["（文字描述）"],
                 other_matters=["XX单位联系电话：XXXX"], date=datetime.date(2024, 5, 1), fees=None)
    messages = [f.message for f in check_strict(bad)]
    assert messages == [
        "一、总体情况：未填写内容",
        "五、存在的主要问题：未填写内容",
        "留有待替换的文字「（文字描述）」：五、改进情况第1项",
        "留有待替换的文字「XX」：六、其他需要报告的事项第1项",
        "留有待替换的文字「XXXX」：六、其他需要报告的事项第1项",
        "成文日期：2024-05-01 不在 2024年1月至3月之间（报告应于次年年初发布）",
        "六、信息处理费：未填写（2021版要求在第六部分报告信息处理费）",
    ]
    assert all(kind_of(f) == "strict" and not f.is_error for f in check_strict(bad))


def test_strict_is_off_unless_asked(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "a.yaml", data("2021", "张村镇人民政府", 2023, problems=[]))
    assert main(["check", str(path)]) == 0
    assert "严格检查" not in capsys.readouterr().out
    assert main(["check", str(path), "--strict"]) == 0  # warnings only
    out = capsys.readouterr().out
    assert "[警告] 严格检查：五、存在的主要问题：未填写内容" in out
    assert "[警告] 严格检查：成文日期：未填写" in out


def test_check_json_gives_each_findings_kind(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    path = write(tmp_path / "a.yaml", data("2021", "张村镇人民政府", 2023, overview={"intro": ["行政复议9999件。"]}))
    main(["check", str(path), "--json", "--strict"])
    findings = json.loads(capsys.readouterr().out)[0]["findings"]
    assert {f["kind"] for f in findings} == {"text", "strict"}
