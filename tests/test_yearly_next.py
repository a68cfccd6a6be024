"""Starting this year's report from last year's: new --from, form --from, Report.next_year()."""

from __future__ import annotations

from pathlib import Path

import reportgen
from reportgen.cli import main
from reportgen.editions import get_edition
from reportgen.review import REWRITE_MARK, next_year
from yearly_helpers import data, put, report, write


def test_next_year_of_2021_carries_the_carried_forward_and_the_stock() -> None:
    last = report("2021", "张村镇人民政府", 2022, seed=3)
    this = last.next_year()
    assert (this.year, this.spec.key, this.agency) == (2023, "2021", "张村镇人民政府")
    for col in get_edition("2021").table("applications").blocks[0].columns:
        carried = last.cell("applications", "carried_forward", col.key)
        assert this.cell("applications", "carried_over", col.key) == carried
        assert this.cell("applications", "new_received", col.key) == 0
    for row in ("regulations", "normative_documents"):
        assert this.cell("active_disclosure", row, "in_force") == last.cell("active_disclosure", row, "in_force")
        assert this.cell("active_disclosure", row, "issued") == 0
    assert this.date is None
    assert this.fees is not None and this.fees.collected_amount == 0
    # The starter continues last year exactly: no continuity warning.
    assert reportgen.review.check_continuity(last, this) == []


def test_next_year_of_2019_adds_the_change_to_the_previous_count() -> None:
    mapping = data("2019", "张村镇人民政府", 2019, seed=5)
    rows = ("licensing", "other_services", "penalty", "coercion", "fees")
    for n, row in enumerate(rows):
        put(mapping, "active_disclosure", row, "previous", 10 + n)
        put(mapping, "active_disclosure", row, "change", -3 if n % 2 else 4)
    last = reportgen.Report.from_data(mapping)
    this = last.next_year()
    assert (this.year, this.spec.key) == (2020, "2019")
    assert [this.cell("active_disclosure", row, "previous") for row in rows] == [14, 8, 16, 10, 18]
    assert reportgen.review.check_continuity(last, this) == []


def test_a_negative_previous_count_is_not_carried_but_explained() -> None:
    mapping = data("2019", "张村镇人民政府", 2019)
    put(mapping, "active_disclosure", "penalty", "previous", 2)
    put(mapping, "active_disclosure", "penalty", "change", -5)
    payload, notes = next_year(reportgen.Report.from_data(mapping))
    assert "previous" not in payload["active_disclosure"].get("penalty", {})
    assert any("表二「行政处罚」行「上一年项目数量」列按上年数字计算为 -3（负数），未带入" in n for n in notes)


def test_2020_to_2021_maps_the_tables_and_says_so() -> None:
    last = report("2019", "张村镇人民政府", 2020, seed=2)
    payload, notes = next_year(last)
    this = reportgen.Report.from_data(payload)
    assert (this.year, this.spec.key) == (2021, "2021")
    for col in ("natural_person", "commercial", "total"):
        assert this.cell("applications", "carried_over", col) == last.cell("applications", "carried_forward", col)
    for item in ("no_correction", "unpaid_fee", "other"):
        assert this.cell("applications", f"other_handling.{item}", "total") == 0
    text = "\n".join(notes)
    old_total = last.cell("applications", "other_handling", "total")
    assert "表三「（六）其他处理」在2021版分为「1.申请人无正当理由逾期不补正" in text
    assert f"（上年为 {old_total}）" in text
    assert "表二「第二十条第（一）项」的栏目由「本年新制作数量」" in text
    assert "「其他对外管理服务事项」在2021版中没有" in text
    assert this.cell("active_disclosure", "normative_documents", "in_force") == 0  # no 2019 figure to start from


def test_narrative_is_kept_and_marked_to_be_rewritten() -> None:
    last = report("2021", "张村镇人民政府", 2022, problems=["栏目更新不及时。"], improvements=["加强巡查。"])
    this = last.next_year()
    assert this.problems == [REWRITE_MARK + "栏目更新不及时。"]
    assert this.overview.intro == [REWRITE_MARK + "引言段落。"]
    assert this.overview.items[0].title == "主动公开"
    # Marked twice never: a starter of a starter keeps one mark.
    assert this.next_year().problems == [REWRITE_MARK + "栏目更新不及时。"]


def test_cli_new_from_a_data_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    last = write(tmp_path / "2022.yaml", data("2021", "张村镇人民政府", 2022, seed=4))
    out = tmp_path / "2023.yaml"
    assert main(["new", "--from", str(last), "-o", str(out)]) == 0
    this = reportgen.load(out)
    assert (this.year, this.agency) == (2023, "张村镇人民政府")
    assert this.cell("applications", "carried_over", "total") == reportgen.load(last).cell(
        "applications", "carried_forward", "total")
    assert "沿用上年文字" in capsys.readouterr().out


def test_cli_form_from_a_published_report(tmp_path: Path) -> None:
    published = Path(__file__).parent / "fixtures" / "published" / "cms_2021.html"
    last = reportgen.load(published)
    out = tmp_path / "填报表.xlsx"
    assert main(["form", "--from", str(published), "-o", str(out)]) == 0
    this = reportgen.load(out)
    assert (this.year, this.agency, this.spec.key) == (last.year + 1, last.agency, "2021")
    assert this.cell("applications", "carried_over", "total") == last.cell("applications", "carried_forward", "total")


def test_cli_new_from_refuses_another_year(tmp_path: Path) -> None:
    last = write(tmp_path / "2022.yaml", data("2021", "张村镇人民政府", 2022))
    out = tmp_path / "x.yaml"
    assert main(["new", "--from", str(last), "--year", "2030", "-o", str(out)]) == 2
    assert not out.exists()
