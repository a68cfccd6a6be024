"""Batch with custom templates in worker processes: the compiled templates travel to the workers."""

from __future__ import annotations

import io
import multiprocessing
import pickle
import shutil
import zipfile
from pathlib import Path

import pytest

from official_templates import build
from reportgen import load
from reportgen.batch import edition_templates, find_inputs, render_many, workers
from reportgen.cli import main
from reportgen.editions import EDITIONS

ROOT = Path(__file__).resolve().parents[1]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        text = (ROOT / "samples" / "sample-2021.yaml").read_text(encoding="utf-8")
        (src / f"r{i}.yaml").write_text(text.replace("agency: ", f"agency: 第{i}", 1), encoding="utf-8")
    return src


def test_batch_with_an_exported_word_template_in_two_processes(inputs: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "t.docx"
    assert main(["template", "export", "--edition", "2021", "-o", str(template)]) == 0
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--template", str(template), "--jobs", "2"]) == 0
    text = capsys.readouterr().out
    assert "内部错误" not in text
    assert len(list(out.glob("*.docx"))) == 3


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_compiled_templates_reach_spawned_workers(inputs: Path, tmp_path: Path, method: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    template = tmp_path / "t.docx"
    assert main(["template", "export", "--edition", "2021", "-o", str(template)]) == 0
    blank = tmp_path / "blank.docx"
    blank.write_bytes(build(EDITIONS["2021"], "official"))
    monkeypatch.setattr(workers, "context", lambda: multiprocessing.get_context(method))
    for chosen in (template, blank):
        by_edition = edition_templates([str(chosen)])
        files = find_inputs([inputs])
        alone = list(render_many(files, tmp_path / f"one-{chosen.stem}", ["docx"], jobs=1, by_edition=by_edition))
        two = list(render_many(files, tmp_path / f"two-{chosen.stem}", ["docx"], jobs=2, by_edition=by_edition))
        assert [o.status for o in two] == ["rendered"] * 3, [o.notes for o in two]
        for a, b in zip(alone, two, strict=True):
            assert _parts(Path(a.outputs[0]).read_bytes()) == _parts(Path(b.outputs[0]).read_bytes())


def test_templates_pickle_and_render_the_same_after(tmp_path: Path) -> None:
    template = tmp_path / "t.docx"
    assert main(["template", "export", "--edition", "2021", "-o", str(template)]) == 0
    shutil.copy(ROOT / "samples" / "sample-2021.yaml", tmp_path / "r.yaml")
    report = load(tmp_path / "r.yaml")
    blank = tmp_path / "blank.docx"
    blank.write_bytes(build(EDITIONS["2021"], "official"))
    for path in (template, blank):
        for compiled in edition_templates([str(path)])["2021"].values():
            copy = pickle.loads(pickle.dumps(compiled))
            assert _parts(copy.render_bytes(report)) == _parts(compiled.render_bytes(report))
    assert pickle.loads(pickle.dumps(EDITIONS["2021"])) is EDITIONS["2021"]


def test_xlsx_template_pickles_and_fills_the_same_after() -> None:
    from reportgen.formats.xlsx.template import Template
    from reportgen.formats.xlsx.writer import template_path

    template = Template(template_path("2021").read_bytes())
    template.fill({})  # a fill plan made and kept
    copy = pickle.loads(pickle.dumps(template))
    assert _parts(copy.fill({})) == _parts(template.fill({}))
