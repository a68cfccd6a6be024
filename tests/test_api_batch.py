"""render_many and the command line as a program drives them (issue #10, items 3, 9 and 11)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factories import balanced_data, plain
from reportgen.batch import render_many
from reportgen.cli import main


def _inputs(folder: Path, n: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        data = plain(balanced_data("2021", seed=i))
        data["agency"] = f"第{i}镇人民政府"
        path = folder / f"{i}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def test_a_single_path_is_refused(tmp_path: Path) -> None:
    (path,) = _inputs(tmp_path / "in", 1)
    for single in (str(path), path):
        with pytest.raises(TypeError, match="单个文件"):
            render_many(single, tmp_path / "out")  # type: ignore[arg-type]


def test_any_iterable_of_paths(tmp_path: Path) -> None:
    _inputs(tmp_path / "in", 2)
    outcomes = list(render_many((tmp_path / "in").glob("*.yaml"), tmp_path / "out", ["docx"]))
    assert [o.status for o in outcomes] == ["rendered", "rendered"]
    assert all(Path(o.outputs[0]).is_file() and o.findings == () and o.problems == () for o in outcomes)


def test_bad_formats_fail_at_the_call_and_leave_nothing(tmp_path: Path) -> None:
    paths = _inputs(tmp_path / "in", 1)
    out = tmp_path / "out"
    with pytest.raises(ValueError, match="未知的格式"):
        render_many(paths, out, ["wordx"])
    with pytest.raises(TypeError, match="formats"):
        render_many(paths, out, "docx")
    assert not out.exists()


def test_refused_outcome_carries_findings_as_data(tmp_path: Path) -> None:
    data = plain(balanced_data("2021"))
    data["reviews"]["review"]["total"] = 999
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (outcome,) = render_many([path], tmp_path / "out")
    assert outcome.status == "refused" and outcome.outputs == ()
    assert outcome.findings[0].rule == 4 and outcome.findings[0].column == "total"


def test_threads_in_the_parent_mean_no_fork(tmp_path: Path) -> None:
    """A pool started from a threaded program uses forkserver or spawn (a forked lock stays held)."""
    import threading

    from reportgen.batch import workers

    event = threading.Event()
    thread = threading.Thread(target=event.wait)
    thread.start()
    try:
        assert workers.context().get_start_method() != "fork"
        outcomes = list(render_many(_inputs(tmp_path / "in", 3), tmp_path / "out", ["xlsx"], jobs=2))
        assert [o.status for o in outcomes] == ["rendered"] * 3
    finally:
        event.set()
        thread.join()


def test_batch_logs_through_the_reportgen_logger(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="reportgen"):
        list(render_many(_inputs(tmp_path / "in", 1), tmp_path / "out", ["xlsx"]))
    assert any(r.name == "reportgen" and "批量生成完成" in r.getMessage() for r in caplog.records)


def test_import_leaves_the_umask_alone() -> None:
    code = ("import os\ncalls = []\nreal = os.umask\nos.umask = lambda m: calls.append(m) or real(m)\n"
            "import reportgen, reportgen.fileio, reportgen.batch\nprint(len(calls))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "0\n"


def test_render_and_batch_json_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = _inputs(tmp_path / "in", 2)
    assert main(["render", str(paths[0]), "-o", str(tmp_path / "r"), "--json-result"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["status"] == "rendered" and len(record["outputs"]) == 2 and record["findings"] == []
    (tmp_path / "in" / "broken.yaml").write_text("agency: [\n", encoding="utf-8")
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "b"), "--jobs", "1", "--json-result"]) == 1
    captured = capsys.readouterr()
    records = {Path(r["file"]).name: r for r in json.loads(captured.out)}
    broken = records["broken.yaml"]
    assert broken["status"] == "unreadable" and "YAML" in broken["problems"][0]["message"]
    assert records["0.yaml"]["status"] == "rendered"


def test_render_one_is_bytes_in_bytes_out(tmp_path: Path) -> None:
    import pickle

    import reportgen
    from reportgen import ReportError
    from reportgen.batch import render_one

    (path,) = _inputs(tmp_path / "in", 1)
    files = render_one(path.read_bytes(), path.name)
    report = reportgen.load(path)
    assert files == {".docx": reportgen.to_docx(report), ".xlsx": reportgen.to_xlsx(report)}
    assert render_one(path.read_bytes(), path.name, ["xlsx"]).keys() == {".xlsx"}
    data = plain(balanced_data("2021"))
    data["reviews"]["review"]["total"] = 999
    with pytest.raises(ReportError) as info:
        render_one(yaml.safe_dump(data, allow_unicode=True).encode(), "bad.yaml")
    again = pickle.loads(pickle.dumps(info.value))  # a task's error crosses a process boundary intact
    assert again.problems == info.value.problems and "规则4" in again.problems[0].message
