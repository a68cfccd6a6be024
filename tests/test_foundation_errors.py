"""Bad data files: one ReportError listing every problem with its key path and label."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import ReportError, load


def _load(tmp_path: Path, text: str, name: str = "r.yaml") -> ReportError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReportError) as err:
        load(path)
    assert err.value.source == str(path)
    return err.value


def _only(err: ReportError) -> tuple[str, str, str]:
    assert len(err.problems) == 1, err.problems
    p = err.problems[0]
    return p.path, p.message, p.label


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path, message, _ = _only(_load(tmp_path, "agency: 甲\nyear: 2021\napplications: [\n"))
    assert path == "" and "YAML 语法错误" in message and "第 4 行" in message


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    _, message, _ = _only(_load(tmp_path, '{"agency": "甲",\n "year": 2021,,}', "r.json"))
    assert "JSON 语法错误（第 2 行" in message


def test_unknown_key_suggests_the_likely_one(tmp_path: Path) -> None:
    text = "agency: 甲\nyear: 2021\napplications:\n  withheld:\n    state_secrt: {natural_person: 1}\n"
    path, message, label = _only(_load(tmp_path, text))
    assert path == "applications.withheld.state_secrt"
    assert "state_secret" in message
    assert label == "表三「（三）不予公开」"


def test_unknown_top_level_key_suggests(tmp_path: Path) -> None:
    path, message, _ = _only(_load(tmp_path, "agency: 甲\nyear: 2021\nproblem: [x]\n"))
    assert path == "problem" and "「problems」" in message


@pytest.mark.parametrize(
    ("text", "path", "other"),
    [
        ("agency: 甲\nyear: 2022\nactive_disclosure:\n  procurement: {projects: 1}\n",
         "active_disclosure.procurement", "2019"),
        ("agency: 甲\nyear: 2019\napplications:\n  other_handling:\n    unpaid_fee: {natural_person: 1}\n",
         "applications.other_handling.unpaid_fee", "2021"),
        ("agency: 甲\nyear: 2020\nfees: {notices_count: 1}\n", "fees", "2021"),
    ],
)
def test_key_of_the_other_edition_is_named_as_such(tmp_path: Path, text: str, path: str, other: str) -> None:
    got_path, message, _ = _only(_load(tmp_path, text))
    assert got_path == path
    assert f"{other}版" in message and "没有此项" in message


def test_wrong_types_negative_and_fractional_counts_all_listed(tmp_path: Path) -> None:
    text = (
        "agency: 甲\nyear: 2021\n"
        "applications:\n"
        "  withheld:\n    state_secret: {natural_person: -1}\n"
        "  granted: {commercial: 2.5, research: 很多}\n"
        "reviews:\n  review: [1, 2]\n"
        "problems: {a: 1}\n"
    )
    err = _load(tmp_path, text)
    by_path = {p.path: p for p in err.problems}
    neg = by_path["applications.withheld.state_secret.natural_person"]
    assert "负数" in neg.message and neg.label == "表三「（三）不予公开 1.属于国家秘密」行「自然人」列"
    frac = by_path["applications.granted.commercial"]
    assert "小数" in frac.message and "2.5" in frac.message and "「商业企业」列" in frac.label
    word = by_path["applications.granted.research"]
    assert "应为整数" in word.message and "很多" in word.message
    assert "应为键值映射" in by_path["reviews.review"].message
    assert by_path["reviews.review"].label == "表四「行政复议」"
    assert "应为列表" in by_path["problems"].message
    assert len(err.problems) == 5
    text_all = str(err)
    assert "共 5 处问题" in text_all and "applications.granted.research" in text_all


def test_missing_agency_and_year(tmp_path: Path) -> None:
    err = _load(tmp_path, "edition: '2021'\nproblems: []\n")
    found = {p.path: p for p in err.problems}
    assert "缺少此项" in found["agency"].message and found["agency"].label == "机关名称"
    assert "缺少此项" in found["year"].message and found["year"].label == "报告年度"


@pytest.mark.parametrize("year", [2018, 2100, "二〇二一"])
def test_year_out_of_range_or_not_a_number(tmp_path: Path, year: object) -> None:
    path, message, label = _only(_load(tmp_path, f"agency: 甲\nyear: {year}\n"))
    assert path == "year" and label == "报告年度"
    assert str(year) in message


def test_unknown_edition(tmp_path: Path) -> None:
    path, message, _ = _only(_load(tmp_path, "agency: 甲\nyear: 2021\nedition: '2008'\n"))
    assert path == "edition" and "2008" in message and "2019" in message


def test_python_object_tag_is_refused(tmp_path: Path) -> None:
    _, message, _ = _only(_load(tmp_path, "agency: !!python/object/apply:os.system ['echo hi']\nyear: 2021\n"))
    assert "不允许的 YAML 标签" in message


def test_duplicate_key_is_refused(tmp_path: Path) -> None:
    _, message, _ = _only(_load(tmp_path, "agency: 甲\nyear: 2021\nagency: 乙\n"))
    assert "「agency」重复" in message


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    _, message, _ = _only(_load(tmp_path, "- 1\n- 2\n"))
    assert "顶层应为键值映射" in message


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="文件不存在"):
        load(tmp_path / "none.yaml")
    other = tmp_path / "r.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(ReportError, match="不支持的文件类型"):
        load(other)


def test_nan_and_infinity_are_refused(tmp_path: Path) -> None:
    err = _load(tmp_path, "agency: 甲\nyear: 2022\nactive_disclosure:\n  fees: {amount: .nan}\n"
                          "  licensing: {decisions: .inf}\n")
    paths = {p.path for p in err.problems}
    assert paths == {"active_disclosure.fees.amount", "active_disclosure.licensing.decisions"}


def test_count_beyond_what_a_spreadsheet_holds(tmp_path: Path) -> None:
    path, message, _ = _only(_load(tmp_path, "agency: 甲\nyear: 2022\nactive_disclosure:\n"
                                             "  licensing: {decisions: 9007199254740993}\n"))
    assert path == "active_disclosure.licensing.decisions" and "超出上限" in message
