"""Reading a form that is wrong: every problem named by sheet!cell and official labels."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.workbook.defined_name import DefinedName

from reportgen import ReportError, load
from reportgen.editions import get_edition
from reportgen.formats.xlsx import form_bytes
from reportgen.formats.xlsx.names import MARKER, cell_name, field_name
from reportgen.formats.xlsx.reader import read_xlsx
from test_xlsx_roundtrip import cell_of, fill, save, write_bytes

T3 = get_edition("2021").table("applications")


def _form(**values: Any) -> Any:
    wb = load_workbook(io.BytesIO(form_bytes("2021", "测试镇人民政府", 2024)))
    fill(wb, values)
    return wb


def _problems(path: Path) -> list[Any]:
    with pytest.raises(ReportError) as info:
        read_xlsx(path)
    with pytest.raises(ReportError) as slow:
        read_xlsx(path, engine="openpyxl")
    assert slow.value.problems == info.value.problems  # both engines say the same
    return info.value.problems


def _where(wb: Any, table: str, row: str, col: str) -> str:
    cell = cell_of(wb, cell_name(table, row, col))
    return f"{cell.parent.title}!{cell.coordinate}"


@pytest.mark.parametrize(("typed", "says"), [
    ("十二", "应为整数，实为文字「十二」"),
    ("12件", "应为整数，实为文字「12件」"),
    (-3, "件数不能为负数，实为 -3"),
    ("－3", "件数不能为负数，实为 -3"),
    (2.5, "应为整数，不能有小数，实为 2.5"),
    ("2.5", "应为整数，不能有小数，实为 2.5"),
    (True, "应填数字，实为真/假值"),
    ("=SUM(D5:D6)*2", "公式"),
    ("=VLOOKUP(1,A1:B2,2)", "公式"),
])
def test_bad_figure_named_by_cell_and_labels(typed: Any, says: str, tmp_path: Path) -> None:
    name = cell_name("applications", "withheld.state_secret", "natural_person")
    wb = _form(**{name: typed})
    [problem] = _problems(save(wb, tmp_path / "bad.xlsx"))
    assert problem.path == _where(wb, "applications", "withheld.state_secret", "natural_person")
    assert problem.label == "表三「（三）不予公开 1.属于国家秘密」行「自然人」列"
    assert says in problem.message
    assert re.fullmatch(r"表三![A-Z]+\d+", problem.path)


def test_every_problem_is_collected(tmp_path: Path) -> None:
    wb = _form(**{
        cell_name("applications", "granted", "commercial"): "abc",
        cell_name("reviews", "litigation_direct", "pending"): -1,
        cell_name("active_disclosure", "fees", "amount"): "-5.5",
        field_name("year"): "明年",
        field_name("date"): "下个月",
        field_name("fees.notices_count"): 1.5,
    })
    wb["基本信息"][cell_of(wb, field_name("agency")).coordinate].value = None
    problems = _problems(save(wb, tmp_path / "bad.xlsx"))
    text = "\n".join(map(str, problems))
    assert len(problems) == 7, text
    assert "表四「行政诉讼 未经复议直接起诉」「尚未审结」" in text
    assert "表二「行政事业性收费」行「本年收费金额（单位：万元）」列" in text and "金额不能为负数" in text
    assert "报告年度" in text and "成文日期" in text and "信息处理费「发出收费通知的件数」" in text
    assert "机关名称" in text and "缺少此项" in text
    assert str(problems[0]).startswith("基本信息!")  # the model's problems carry cells too


def test_whitespace_and_full_width_are_read(tmp_path: Path) -> None:
    wb = _form(**{
        cell_name("applications", "granted", "natural_person"): " １２ ",
        cell_name("applications", "granted", "commercial"): "3.0",
        cell_name("active_disclosure", "fees", "amount"): "１,２３４.５",
        field_name("year"): "２０２４年",
        field_name("date"): "2025年1月20日",
    })
    report = read_xlsx(save(wb, tmp_path / "ok.xlsx"))
    assert report.cell("applications", "granted", "total") == 15
    assert str(report.cell("active_disclosure", "fees", "amount")) == "1234.5"
    assert report.year == 2024 and report.date and report.date.isoformat() == "2025-01-20"


def test_not_a_form(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "工资表"
    wb.create_sheet("汇总")
    with pytest.raises(ReportError) as info:
        read_xlsx(save(wb, tmp_path / "other.xlsx"))
    message = str(info.value)
    assert "不是 reportgen 的填报表" in message and "2 个工作表（工资表、汇总）" in message
    assert "reportgen form" in message


def test_other_editions_form(tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(form_bytes("2019", "测试镇人民政府")))
    fill(wb, {field_name("year"): 2023})
    [problem] = _problems(save(wb, tmp_path / "old.xlsx"))
    assert problem.path == f"基本信息!{cell_of(wb, field_name('year')).coordinate}"
    assert "2019版填报表" in problem.message and "应使用2021版" in problem.message
    with pytest.raises(ReportError, match="此处需要2021版"):
        read_xlsx(tmp_path / "old.xlsx", edition="2021")


def test_marker_of_one_edition_tables_of_the_other(tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(form_bytes("2019", "测试镇人民政府", 2020)))
    wb.defined_names[MARKER] = DefinedName(MARKER, attr_text='"2021"')
    with pytest.raises(ReportError, match="标记为2021版，但其中的表格是2019版"):
        read_xlsx(save(wb, tmp_path / "mixed.xlsx"))


def test_deleted_cell_name(tmp_path: Path) -> None:
    wb = _form()
    del wb.defined_names[cell_name("applications", "granted", "research")]
    [problem] = _problems(save(wb, tmp_path / "f.xlsx"))
    assert problem.label == "表三「（一）予以公开」行「科研机构」列"
    assert "单元格名称已被删除" in problem.message


def test_rows_inserted_above_a_table_and_restyled(tmp_path: Path) -> None:
    """What a spreadsheet program does on inserting rows: cells and their names move together."""
    wb = _form(**{cell_name("applications", "granted", "natural_person"): 4})
    ws = wb["表三"]
    ws.move_range(f"A1:J{ws.max_row}", rows=3)
    for dn in wb.defined_names.values():
        if dn.attr_text.startswith("'表三'!"):
            dn.attr_text = re.sub(r"\$(\d+)", lambda m: f"${int(m.group(1)) + 3}", dn.attr_text)
    ws["A1"] = "（本单位自加的说明行）"
    from openpyxl.styles import Font

    for row in ws.iter_rows():
        for c in row:
            c.font = Font(name="Arial", size=9)
    report = read_xlsx(save(wb, tmp_path / "moved.xlsx"))
    assert report.cell("applications", "granted", "natural_person") == 4


def test_broken_files(tmp_path: Path) -> None:
    good = form_bytes("2021")
    cases = {
        "text.xlsx": "这不是表格".encode(),
        "truncated.xlsx": good[: len(good) // 2],
        "encrypted.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "empty.xlsx": b"",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    cases["zip.xlsx"] = buf.getvalue()
    for name, data in cases.items():
        with pytest.raises(ReportError) as info:
            read_xlsx(write_bytes(tmp_path / name, data))
        message = str(info.value)
        assert message.startswith(str(tmp_path / name)), message
        assert "Traceback" not in message
    with pytest.raises(ReportError, match="打开密码"):
        read_xlsx(tmp_path / "encrypted.xlsx")
    with pytest.raises(ReportError, match="文件不存在"):
        load(tmp_path / "missing.xlsx")


def test_zip_bomb_and_bad_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.formats.xlsx import package as xlsx_package
    from reportgen.formats.xlsx import render_xlsx

    monkeypatch.setattr(xlsx_package, "MAX_UNPACKED", 10_000)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * 10_001)
    with pytest.raises(ReportError, match="解压后过大"):
        read_xlsx(write_bytes(tmp_path / "bomb.xlsx", buf.getvalue()))
    report = load(Path(__file__).resolve().parents[1] / "samples" / "sample-2021.yaml")
    with pytest.raises(ReportError, match="模板不是"):
        render_xlsx(report, tmp_path / "out.xlsx", template=write_bytes(tmp_path / "t.xlsx", b"junk"))
    with pytest.raises(ReportError, match="模板不是可用的"):
        render_xlsx(report, tmp_path / "out.xlsx", template=write_bytes(tmp_path / "z.xlsx", buf.getvalue()))
    assert not (tmp_path / "out.xlsx").exists()
