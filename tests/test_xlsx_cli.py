"""reportgen form / import, and check / render reading a filled form."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from factories import balanced_data
from reportgen import Report, load, read_xlsx
from reportgen.cli import main
from reportgen.formats.xlsx import form_bytes
from reportgen.formats.xlsx.names import cell_name, field_name, table_cells
from test_xlsx_roundtrip import cell_of, fill, save


def _filled(tmp_path: Path, key: str = "2021", break_total: bool = False) -> tuple[Path, Report]:
    data = balanced_data(key)
    for narrative in ("fees", "overview", "problems", "improvements"):
        data.pop(narrative, None)  # the tables only
    expected = Report.from_data(data)
    wb = load_workbook(io.BytesIO(form_bytes(key, data["agency"], data["year"])))
    values = {}
    for table, row, col in table_cells(expected.spec):
        if not (row.derived or col.derived):
            values[cell_name(table.key, row.key, col.key)] = expected.cell(table.key, row.key, col.key)
        if col.unit_key:
            values[cell_name(table.key, row.key, col.unit_key)] = expected.cell(table.key, row.key, col.unit_key)
    if break_total:
        values[cell_name("applications", "carried_forward", "natural_person")] = 10**6
    fill(wb, values)
    return save(wb, tmp_path / f"填报表{key}.xlsx"), expected


def test_form_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "form.xlsx"
    assert main(["form", "--edition", "2021", "--agency", "张村镇人民政府", "--year", "2024", "-o", str(out)]) == 0
    assert "2021版填报表" in capsys.readouterr().out
    wb = load_workbook(out)
    assert cell_of(wb, field_name("agency")).value == "张村镇人民政府"
    assert cell_of(wb, field_name("year")).value == 2024
    report = read_xlsx(out)  # a blank form is a valid, empty report
    assert report.agency == "张村镇人民政府" and report.cell("applications", "results_total", "total") == 0
    assert main(["form", "-o", str(out)]) == 2  # exists
    assert "已存在" in capsys.readouterr().err
    assert main(["form", "--year", "2020", "-o", str(out), "--force"]) == 0  # edition follows the year
    assert load_workbook(out).defined_names["reportgen_edition"].attr_text == '"2019"'
    assert main(["form", "--edition", "2019", "--year", "2024", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "应使用2021版" in capsys.readouterr().err


def test_form_default_edition_is_current(tmp_path: Path) -> None:
    out = tmp_path / "f.xlsx"
    assert main(["form", "-o", str(out)]) == 0
    expected = "2021" if datetime.date.today().year - 1 >= 2021 else "2019"
    assert load_workbook(out).defined_names["reportgen_edition"].attr_text == f'"{expected}"'


@pytest.mark.parametrize("key", ["2019", "2021"])
def test_import_writes_the_data_file(key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form, expected = _filled(tmp_path, key)
    out = tmp_path / "data.yaml"
    assert main(["import", str(form), "-o", str(out)]) == 0
    assert load(out) == expected
    assert main(["import", str(form), "-o", str(out)]) == 2  # exists, untouched
    assert main(["import", str(form), "-o", str(out), "--force"]) == 0


def test_import_bad_form_names_cells(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = load_workbook(io.BytesIO(form_bytes("2021", "测试镇", 2024)))
    fill(wb, {cell_name("reviews", "review", "upheld"): "三"})
    form = save(wb, tmp_path / "bad.xlsx")
    assert main(["import", str(form), "-o", str(tmp_path / "d.yaml")]) == 2
    err = capsys.readouterr().err
    assert "表四!A5（表四「行政复议」「结果维持」）：应为整数，实为文字「三」" in err
    assert not (tmp_path / "d.yaml").exists()


def test_check_reads_forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, _ = _filled(tmp_path)
    assert main(["check", str(good)]) == 0
    (tmp_path / "b").mkdir()
    bad, _ = _filled(tmp_path / "b", break_total=True)
    assert main(["check", str(bad)]) == 1
    assert "规则1" in capsys.readouterr().out


def test_render_from_a_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("reportgen.formats.docx")
    good, _ = _filled(tmp_path)
    out = tmp_path / "out"
    assert main(["render", str(good), "-o", str(out)]) == 0
    written = sorted(p.suffix for p in out.iterdir())
    assert written == [".docx", ".xlsx"]
    (tmp_path / "b").mkdir()
    bad, _ = _filled(tmp_path / "b", break_total=True)
    out2 = tmp_path / "out2"
    assert main(["render", str(bad), "-o", str(out2)]) == 1
    assert "规则1" in capsys.readouterr().err
    assert not out2.exists() or not any(out2.iterdir())
