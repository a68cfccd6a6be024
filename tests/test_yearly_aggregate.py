"""汇总: three bodies' reports summed, checked against a sum computed here from the data files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import reportgen
from reportgen.cli import main
from reportgen.errors import ReportError
from reportgen.survey import aggregate_files
from yearly_helpers import data, put, write

BODIES = ("张村镇人民政府", "李庄镇人民政府", "县教育局")


def _leaves(node: Any) -> int:
    return sum(_leaves(v) for v in node.values()) if isinstance(node, dict) else int(node)


def _folder(tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path / "提交材料"
    folder.mkdir()
    mappings = [data("2021", name, 2023, seed=n + 1) for n, name in enumerate(BODIES)]
    for n, mapping in enumerate(mappings):
        write(folder / f"{n}.yaml", mapping)
    return folder, mappings


def test_three_bodies_sum_to_what_we_add_up_ourselves(tmp_path: Path) -> None:
    folder, mappings = _folder(tmp_path)
    compiled = aggregate_files([folder], "某某县人民政府")
    report = compiled.report
    assert (report.agency, report.year, report.spec.key) == ("某某县人民政府", 2023, "2021")
    apps = [m["applications"] for m in mappings]
    assert report.cell("applications", "new_received", "total") == sum(_leaves(a["new_received"]) for a in apps)
    assert report.cell("applications", "carried_forward", "natural_person") == sum(
        a["carried_forward"]["natural_person"] for a in apps)
    results = sum(_leaves(v) for a in apps for k, v in a.items()
                  if k not in ("new_received", "carried_over", "carried_forward"))
    assert report.cell("applications", "results_total", "total") == results
    assert report.cell("reviews", "review", "total") == sum(_leaves(m["reviews"]["review"]) for m in mappings)
    assert report.cell("active_disclosure", "fees", "amount") == sum(
        Decimal(str(m["active_disclosure"]["fees"]["amount"])) for m in mappings)
    assert report.fees is not None
    assert report.fees.notices_count == sum(m["fees"]["notices_count"] for m in mappings)
    assert report.check() == []
    assert report.other_matters == [f"本报告汇总了以下 3 个单位的年度报告：{'、'.join(BODIES)}。"]


def test_cli_writes_the_compiled_report_and_a_breakdown_whose_total_row_is_the_aggregate(tmp_path: Path) -> None:
    folder, mappings = _folder(tmp_path)
    out = tmp_path / "汇总.yaml"
    assert main(["aggregate", str(folder), "--agency", "某某县人民政府", "-o", str(out)]) == 0
    report = reportgen.load(out)
    ws = openpyxl.load_workbook(tmp_path / "汇总明细.xlsx").active
    assert ws is not None
    header = [c.value for c in ws[2]]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [r[1] for r in rows] == [*BODIES, "合计（3 个单位）"]
    assert [r[2] for r in rows[:3]] == ["通过"] * 3
    col = header.index("表三（七）总计")
    own = [sum(_leaves(v) for k, v in m["applications"].items()
               if k not in ("new_received", "carried_over", "carried_forward")) for m in mappings]
    assert [r[col] for r in rows] == [*own, sum(own)]
    for label, (table, row) in {"表三一、本年新收政府信息公开申请数量": ("applications", "new_received"),
                                "表三四、结转下年度继续办理": ("applications", "carried_forward"),
                                "表四行政诉讼 复议后起诉总计": ("reviews", "litigation_after_review")}.items():
        col = header.index(label)
        assert sum(r[col] for r in rows[:3]) == rows[3][col] == report.cell(table, row, "total")


def test_mixed_years_or_editions_are_refused_naming_the_odd_one(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder, _ = _folder(tmp_path)
    write(folder / "old.yaml", data("2019", "王家镇人民政府", 2020))
    with pytest.raises(ReportError) as exc:
        aggregate_files([folder], "某某县人民政府")
    assert "old.yaml" in str(exc.value) and "王家镇人民政府：2020年、2019版" in str(exc.value)
    out = tmp_path / "汇总.yaml"
    assert main(["aggregate", str(folder), "--agency", "某某县", "-o", str(out)]) == 2
    assert not out.exists() and not (tmp_path / "汇总明细.xlsx").exists()
    captured = capsys.readouterr()
    assert "未生成任何文件" in captured.out + captured.err


def test_a_body_with_errors_stops_the_compilation_unless_forced(tmp_path: Path) -> None:
    folder, _ = _folder(tmp_path)
    broken = data("2021", "赵镇人民政府", 2023)
    put(broken, "applications", "carried_forward", "natural_person", 9999)
    write(folder / "broken.yaml", broken)
    out = tmp_path / "汇总.yaml"
    assert main(["aggregate", str(folder), "--agency", "某某县", "-o", str(out)]) == 1
    assert not out.exists()
    assert main(["aggregate", str(folder), "--agency", "某某县", "-o", str(out), "--force"]) == 1
    assert reportgen.load(out).agency == "某某县"


def test_2019_amounts_in_different_units_are_summed_in_wan_yuan(tmp_path: Path) -> None:
    a = data("2019", "张村镇人民政府", 2020)
    b = data("2019", "李庄镇人民政府", 2020, seed=2)
    put(a, "active_disclosure", "procurement", "amount", Decimal("12.5"))
    put(a, "active_disclosure", "procurement", "amount_unit", "万元")
    put(b, "active_disclosure", "procurement", "amount", Decimal("30000"))
    put(b, "active_disclosure", "procurement", "amount_unit", "元")
    compiled = aggregate_files([write(tmp_path / "a.yaml", a), write(tmp_path / "b.yaml", b)], "某某县")
    assert compiled.report.cell("active_disclosure", "procurement", "amount") == Decimal("15.5")
    assert compiled.report.cell("active_disclosure", "procurement", "amount_unit") == "万元"


def test_reports_reportgen_made_are_read_but_never_the_commands_own_outputs(tmp_path: Path) -> None:
    folder, _ = _folder(tmp_path)
    fourth = data("2021", "王家镇人民政府", 2023, seed=7)
    write(tmp_path / "fourth.yaml", fourth)
    reportgen.render_docx(reportgen.load(tmp_path / "fourth.yaml"), folder / "王家镇.docx")
    out = folder / "汇总.yaml"
    for extra in ([], ["--force"]):  # the second run finds the first one's 汇总.yaml and 汇总明细.xlsx in the folder
        assert main(["aggregate", str(folder), "--agency", "某某县人民政府", "-o", str(out), *extra]) == 0
        ws = openpyxl.load_workbook(folder / "汇总明细.xlsx").active
        assert ws is not None
        assert [r[1].value for r in ws.iter_rows(min_row=3)] == [*BODIES, "王家镇人民政府", "合计（4 个单位）"]
