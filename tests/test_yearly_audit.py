"""Audit of a folder that mixes good, broken, unreadable and published-page inputs."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import openpyxl

import reportgen
from reportgen import Report, to_bytes
from reportgen.cli import main
from reportgen.survey import audit
from yearly_helpers import continuing, data, put, write

PUBLISHED = Path(__file__).parent / "fixtures" / "published"


def _folder(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "提交材料"
    folder.mkdir()
    previous = tmp_path / "上年"
    previous.mkdir()
    last = data("2021", "洪泽区人民政府", 2022, seed=2)
    good = continuing(last, data("2021", "淮安市洪泽区人民政府", 2023, date=datetime.date(2024, 1, 20)))
    write(folder / "01-洪泽区.yaml", good)
    write(previous / "洪泽区-2022.yaml", last)
    broken = data("2021", "张村镇人民政府", 2023, overview={"intro": ["全年共收到政府信息公开申请1件。"]})
    put(broken, "reviews", "review", "total", 12345)
    write(folder / "02-张村镇.yaml", broken)
    (folder / "03-损坏.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (folder / "04-错键.yaml").write_text("agency: 李庄镇人民政府\nyear: 2023\napplicatons: {}\n", encoding="utf-8")
    shutil.copy(PUBLISHED / "cms_2021.html", folder / "05-网页.html")
    return folder, previous


def test_one_row_per_input_and_nothing_stops_the_rest(tmp_path: Path) -> None:
    folder, previous = _folder(tmp_path)
    seen: list[tuple[str, bool]] = []
    result = audit([folder], [previous], expect=["洪泽区人民政府", "张村镇人民政府", "王家镇人民政府"],
                   progress=lambda source, ok: seen.append((Path(source).name, ok)))
    assert [ok for _, ok in seen] == [True, True, False, False, True]
    by_name = {Path(e.source).name: e for e in result.entries}
    good = by_name["01-洪泽区.yaml"]
    assert (good.status, good.errors, good.warnings, good.agency) == ("通过", 0, {}, "淮安市洪泽区人民政府")
    assert "洪泽区-2022.yaml（名称变更" in good.previous and good.copy_rate is not None
    broken = by_name["02-张村镇.yaml"]
    assert broken.status == "有错误" and broken.errors == 1
    assert broken.warnings["text"] == 1 and broken.warnings["strict"] >= 1
    assert by_name["03-损坏.xlsx"].status == by_name["04-错键.yaml"].status == "无法读取"
    page = by_name["05-网页.html"]
    assert page.kind.startswith("已发布报告") and page.agency == "某市生态环境局" and page.year == 2023
    assert result.missing == ("王家镇人民政府",)  # 洪泽区 is found under its new name
    assert any("01-洪泽区.yaml" in p and "名称变更" in p for p in result.pairs)
    places = [(Path(x.source).name, x.kind, x.place) for x in result.lines]
    table4 = "表四 四、政府信息公开行政复议、行政诉讼情况"
    assert ("02-张村镇.yaml", "arithmetic", f"{table4} 「行政复议」「总计」") in places
    assert any(name == "04-错键.yaml" and kind == "读取" for name, kind, _ in places)


def test_cli_writes_the_audit_workbook_and_page(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder, previous = _folder(tmp_path)
    names = tmp_path / "名单.txt"
    names.write_text("# 应报送单位\n洪泽区人民政府\n张村镇人民政府\n王家镇人民政府\n", encoding="utf-8")
    out, page = tmp_path / "审核结果.xlsx", tmp_path / "审核结果.html"
    code = main(["audit", str(folder), "--previous", str(previous), "--expect", str(names), "-o", str(out),
                 "--html", str(page)])
    assert code == 1
    printed = capsys.readouterr().out
    assert "共审核 5 份" in printed and "未找到报告 1 个：王家镇人民政府" in printed
    assert "审核报告：5/5" in printed and f"无法读取：{folder / '03-损坏.xlsx'}" in printed  # progress, not a tty
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["审核结果", "问题清单", "年度配对", "未报送"]
    rows = [[c.value for c in r] for r in wb["审核结果"].iter_rows(min_row=3)]
    header = [c.value for c in wb["审核结果"][2]]
    assert len(rows) == 5
    assert [r[header.index("状态")] for r in rows] == ["通过", "有错误", "无法读取", "无法读取", rows[4][4]]
    assert header[6:11] == ["警告：勾稽关系", "警告：年度衔接", "警告：文字与表格", "警告：重复率", "警告：严格检查"]
    lines = [[c.value for c in r] for r in wb["问题清单"].iter_rows(min_row=3)]
    assert any(r[2] == "文字与表格" and "全年共收到政府信息公开申请1件" in r[5] for r in lines)
    assert [c.value for c in wb["未报送"]["B"]][2:] == ["王家镇人民政府"]
    html = page.read_text(encoding="utf-8")
    assert "王家镇人民政府" in html and "文字与表格" in html and "<script" not in html


def test_cli_refuses_an_unknown_output_suffix_and_writes_nothing(tmp_path: Path) -> None:
    folder, _ = _folder(tmp_path)
    assert main(["audit", str(folder), "-o", str(tmp_path / "审核结果.csv")]) == 2
    assert not (tmp_path / "审核结果.csv").exists()


def test_a_finding_in_a_published_page_says_where_the_figure_is_printed(tmp_path: Path) -> None:
    mapping = data("2021", "张村镇人民政府", 2023)
    put(mapping, "reviews", "review", "total", 99)
    page = tmp_path / "张村镇.html"
    page.write_bytes(to_bytes(Report.from_data(mapping), "html"))
    result = audit([page], strict=False)
    assert result.entries[0].kind.startswith("已发布报告") and result.entries[0].errors == 1
    (line,) = [x for x in result.lines if x.kind == "arithmetic"]
    assert line.place.startswith("表四 四、政府信息公开行政复议、行政诉讼情况 「行政复议」「总计」（原文")
    assert line.place.endswith("印为「99」）")


def test_audit_reads_reports_reportgen_made_but_not_its_own_results(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "已发布"
    folder.mkdir()
    write(tmp_path / "a.yaml", data("2021", "张村镇人民政府", 2023, seed=1))
    reportgen.render_docx(reportgen.load(tmp_path / "a.yaml"), folder / "张村镇.docx")
    reportgen.render_xlsx(reportgen.load(tmp_path / "a.yaml"), folder / "张村镇.xlsx")
    out, page = folder / "审核结果.xlsx", folder / "审核结果.html"
    for extra in ([], ["--force"]):  # the second run finds the first one's results in the folder
        main(["audit", str(folder), "-o", str(out), "--html", str(page), *extra])
        assert "共审核 2 份" in capsys.readouterr().out
        rows = [[c.value for c in r] for r in openpyxl.load_workbook(out)["审核结果"].iter_rows(min_row=3)]
        files = sorted(Path(v).name for r in rows for v in r if isinstance(v, str) and str(folder) in v)
        assert files == ["张村镇.docx", "张村镇.xlsx"], rows
