"""The checker: every rule broken in every table it governs, for both editions."""

from __future__ import annotations

import copy

import pytest

from factories import balanced_data, cell
from reportgen import Report, check_continuity
from reportgen.editions import EDITIONS, get_edition


def _set(data: dict, table: str, row: str, col: str, value: object) -> None:
    node = data[table]
    for part in row.split("."):
        node = node.setdefault(part, {})
    node[col] = value


def _findings(data: dict) -> list:
    return Report.from_data(data).check()


@pytest.mark.parametrize("key", sorted(EDITIONS))
@pytest.mark.parametrize("given_totals", [False, True])
def test_one_wrong_results_total_cell(key: str, given_totals: bool) -> None:
    """Done-when: one wrong （七）总计 cell gives one rule-2 and one rule-1 finding for that column,
    plus the row-total finding when 总计 is given."""
    data = balanced_data(key, derived=given_totals)
    report = Report.from_data(data)
    right = report.cell("applications", "results_total", "natural_person")
    _set(data, "applications", "results_total", "natural_person", right - 1)
    findings = _findings(data)
    rule2 = [f for f in findings if f.rule == 2]
    rule1 = [f for f in findings if f.rule == 1]
    rule3 = [f for f in findings if f.rule == 3]
    assert len(rule2) == 1 and len(rule1) == 1
    assert (rule2[0].row, rule2[0].column) == ("results_total", "natural_person")
    assert (rule2[0].expected, rule2[0].found) == (right, right - 1)
    assert rule2[0].message.startswith(f"表三「（七）总计」行「自然人」列：应为 {right}，实为 {right - 1}")
    assert rule1[0].column == "natural_person" and rule1[0].column_label == "自然人"
    assert rule1[0].expected - rule1[0].found == 1
    if given_totals:
        assert len(rule3) == 1 and (rule3[0].row, rule3[0].column) == ("results_total", "total")
        assert rule3[0].row_label == "（七）总计" and rule3[0].column_label == "总计"
    else:
        assert rule3 == []
    assert len(findings) == 2 + given_totals
    assert all(f.severity == "error" and f.table == "applications" for f in findings)


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_rule1_each_column(key: str) -> None:
    apps = get_edition(key).table("applications")
    for col in apps.blocks[0].columns:
        if col.derived:
            continue
        data = balanced_data(key)
        _set(data, "applications", "carried_forward", col.key,
             cell(data, "applications", "carried_forward", col.key) + 2)
        findings = _findings(data)
        assert {(f.rule, f.column) for f in findings} == {(1, col.key), (1, "total")}
        f = next(f for f in findings if f.column == col.key)
        assert f.found - f.expected == 2 and f.row is None
        assert f.message.startswith(f"表三「{col.label}」列：")


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_rule2_each_column_with_given_total(key: str) -> None:
    apps = get_edition(key).table("applications")
    for col in apps.blocks[0].columns:
        data = balanced_data(key, derived=True)
        value = cell(data, "applications", "results_total", col.key)
        _set(data, "applications", "results_total", col.key, value + 3)
        rule2 = [f for f in _findings(data) if f.rule == 2]
        assert [(f.row, f.column, f.expected, f.found) for f in rule2] == [("results_total", col.key, value,
                                                                          value + 3)]


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_rule3_each_row(key: str) -> None:
    apps = get_edition(key).table("applications")
    for row in apps.rows:
        data = balanced_data(key, derived=True)
        value = cell(data, "applications", row.key, "total")
        _set(data, "applications", row.key, "total", value + 1)
        rule3 = [f for f in _findings(data) if f.rule == 3]
        assert [(f.row, f.expected, f.found) for f in rule3] == [(row.key, value, value + 1)]
        assert rule3[0].message.startswith(f"表三「{row.full_label}」行「总计」列：")


@pytest.mark.parametrize("key", sorted(EDITIONS))
def test_rule4_each_group(key: str) -> None:
    for group in get_edition(key).table("reviews").rows:
        data = balanced_data(key, derived=True)
        value = cell(data, "reviews", group.key, "total")
        _set(data, "reviews", group.key, "total", value - 1)
        findings = _findings(data)
        assert [(f.rule, f.table, f.row, f.column, f.expected, f.found) for f in findings] == [
            (4, "reviews", group.key, "total", value, value - 1)]
        assert findings[0].message.startswith(f"表四「{group.full_label}」「总计」：")


def test_continuity_carried_over_and_items() -> None:
    last = balanced_data("2019")
    this = copy.deepcopy(last)
    this["year"] = last["year"] + 1
    apps = get_edition("2019").table("applications")
    for row in ("licensing", "other_services", "penalty", "coercion", "fees"):
        expected = cell(last, "active_disclosure", row, "previous") + cell(last, "active_disclosure", row, "change")
        _set(this, "active_disclosure", row, "previous", expected)
    for col in apps.blocks[0].columns:
        if not col.derived:
            carried = cell(last, "applications", "carried_forward", col.key)
            old = cell(this, "applications", "carried_over", col.key)
            _set(this, "applications", "carried_over", col.key, carried)
            _set(this, "applications", "new_received", col.key,
                 cell(this, "applications", "new_received", col.key) + old - carried)
    r_last, r_this = Report.from_data(last), Report.from_data(this)
    assert r_this.check() == []
    assert check_continuity(r_last, r_this) == []

    _set(this, "active_disclosure", "penalty", "previous", cell(this, "active_disclosure", "penalty", "previous") + 1)
    _set(this, "applications", "carried_over", "research", cell(this, "applications", "carried_over", "research") + 1)
    findings = check_continuity(r_last, Report.from_data(this))
    assert {(f.rule, f.severity, f.table, f.row, f.column) for f in findings} == {
        (5, "warning", "active_disclosure", "penalty", "previous"),
        (5, "warning", "applications", "carried_over", "research"),
        (5, "warning", "applications", "carried_over", "total"),
    }


def test_continuity_across_editions_and_years() -> None:
    last = Report.from_data({"agency": "甲", "year": 2020, "applications": {
        "new_received": {"natural_person": 2}, "granted": {"natural_person": 1},
        "carried_forward": {"natural_person": 1}}})
    this = Report.from_data({"agency": "甲", "year": 2021, "applications": {
        "new_received": {"natural_person": 1}, "granted": {"natural_person": 1}}})
    findings = check_continuity(last, this)
    assert [(f.row, f.column, f.expected, f.found) for f in findings] == [
        ("carried_over", "natural_person", 1, 0), ("carried_over", "total", 1, 0)]
    gap = Report.from_data({"agency": "甲", "year": 2023})
    assert any("2022" in f.message for f in check_continuity(last, gap))


def test_edition_not_for_the_year_is_a_warning() -> None:
    findings = Report.from_data({"agency": "甲", "year": 2023, "edition": "2019"}).check()
    assert [(f.severity, f.found) for f in findings] == [("warning", "2019")]
