"""The CLI: check and new, exit statuses, and no traceback ever."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factories import balanced_data, plain
from reportgen import load
from reportgen.cli import main
from reportgen.editions import EDITIONS

ROOT = Path(__file__).resolve().parents[1]


def _write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_check_samples_clean(capsys: pytest.CaptureFixture[str]) -> None:
    samples = sorted(str(p) for p in (ROOT / "samples").glob("*.yaml"))
    assert main(["check", *samples]) == 0
    out = capsys.readouterr().out
    assert out.count("通过，未发现问题") == len(samples)


def test_check_reports_errors_grouped_by_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = plain(balanced_data("2021", derived=True))
    data["applications"]["results_total"]["natural_person"] += 1
    data["reviews"]["review"]["total"] += 1
    path = _write(tmp_path / "bad.yaml", data)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "4 个错误" in out  # rules 1, 2 and 3 in 表三, rule 4 in 表四
    table3, table4 = "表三 三、收到和处理政府信息公开申请情况", "表四 四、政府信息公开行政复议、行政诉讼情况"
    assert out.index(table3) < out.index(table4)
    assert "[错误] 规则2：表三「（七）总计」行「自然人」列：应为" in out
    assert "[错误] 规则4：表四「行政复议」「总计」" in out


def test_check_unreadable_file_exits_2_and_continues(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("agency: [\n", encoding="utf-8")
    good = ROOT / "samples" / "sample-2021.yaml"
    assert main(["check", str(bad), str(good)]) == 2
    captured = capsys.readouterr()
    assert "YAML 语法错误" in captured.err and "通过，未发现问题" in captured.out  # errors go to stderr


def test_check_continuity_between_consecutive_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "2021.yaml", {"agency": "甲", "year": 2021, "applications": {
        "new_received": {"natural_person": 2}, "granted": {"natural_person": 1},
        "carried_forward": {"natural_person": 1}}})
    _write(tmp_path / "2022.yaml", {"agency": "甲", "year": 2022})
    assert main(["check", str(tmp_path / "2021.yaml"), str(tmp_path / "2022.yaml")]) == 0
    out = capsys.readouterr().out
    assert "[警告] 规则5：表三「二、上年结转政府信息公开申请数量」行「自然人」列：应为 1，实为 0" in out


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_new_writes_a_starter_that_loads_clean(tmp_path: Path, edition: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    year = 2020 if edition == "2019" else 2024
    out = tmp_path / "starter.yaml"
    assert main(["new", "--edition", edition, "--agency", "某镇人民政府", "--year", str(year), "-o", str(out)]) == 0
    report = load(out)
    assert (report.edition, report.agency, report.year) == (edition, "某镇人民政府", year)
    assert report.check() == []
    text = out.read_text(encoding="utf-8")
    for table in report.spec.tables:
        for row, col in table.cells():
            assert f"# {row.label}" in text and f"# {col.label}" in text
    assert main(["new", "--agency", "乙", "-o", str(out)]) == 2  # exists: left alone
    assert load(out).agency == "某镇人民政府"
    assert "已存在" in capsys.readouterr().err


def test_bad_arguments_exit_2_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2
    assert "缺少必需的参数" in capsys.readouterr().err


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"agency": "甲", "year": 2021, "reviews": {"review": {"upheld": -1}}}', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportgen", "check", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "reviews.review.upheld（表四「行政复议」「结果维持」）：不能为负数，实为 -1" in proc.stderr


def test_check_json_for_programs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    data = plain(balanced_data("2019", derived=True))
    data["reviews"]["litigation_direct"]["total"] += 2
    bad = _write(tmp_path / "bad.yaml", data)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert main(["check", "--json", str(bad), str(broken)]) == 2
    out = json.loads(capsys.readouterr().out)
    by_file = {item["file"]: item for item in out}
    assert by_file[str(broken)]["valid"] is False
    assert "JSON 语法错误" in by_file[str(broken)]["problems"][0]["message"]
    finding = by_file[str(bad)]["findings"][0]
    assert (finding["rule"], finding["table"], finding["row"], finding["column"]) == (4, "reviews",
                                                                                      "litigation_direct", "total")
    assert finding["found"] - finding["expected"] == 2 and finding["severity"] == "error"


def test_long_agency_name_gives_a_usable_file_name(tmp_path: Path) -> None:
    from reportgen.fileio import output_stem

    stem = output_stem("某" * 150, 2024)
    assert len((stem + ".docx").encode("utf-8")) <= 255 and stem.endswith("2024年政府信息公开工作年度报告")
    assert main(["new", "--agency", "某" * 150, "--year", "2024", "-o", str(tmp_path / "long.yaml")]) == 0
    assert main(["render", str(tmp_path / "long.yaml"), "-o", str(tmp_path / "out")]) == 0
    assert len(list((tmp_path / "out").glob("*.docx"))) == 1


def test_unusable_output_path_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    status = main(["render", str(ROOT / "samples" / "sample-2021.yaml"), "-o", str(blocker / "sub")])
    err = capsys.readouterr().err
    assert status == 2 and "无法读写文件" in err and "路径中有一项不是文件夹" in err
