"""A worker process killed by the system (the OOM killer, kill -9) does not hang or stop a batch.

The work function is replaced, in forked workers, by one that kills its own process for chosen
inputs; the batch must finish, give up those inputs with a clear note and render every other.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from factories import balanced_data, plain
from reportgen.batch import render_many, run, workers

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")

NOTE = "处理该文件的工作进程意外退出（可能内存不足）"


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    """A batch that hangs (as multiprocessing.Pool.imap did) fails the test instead of stopping the suite."""
    def hung(*_: object) -> None:
        raise TimeoutError("the batch hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _inputs(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        data = plain(balanced_data("2021" if i % 2 else "2019", seed=i))
        data["agency"] = f"第{i}镇人民政府"
        path = folder / f"{i:02d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def _killing(monkeypatch: pytest.MonkeyPatch, deaths: dict[str, int], marks: Path) -> None:
    """Workers (forked, so they run the patched ``_work``) kill themselves on the first
    ``deaths[name]`` attempts at input ``name``; each attempt leaves a mark file (counted across processes)."""
    real: Callable[..., object] = run._work
    marks.mkdir()

    def work(task: tuple[object, ...]) -> object:
        name = Path(str(task[1])).name
        attempts = len(list(marks.glob(f"{name}.*")))
        (marks / f"{name}.{attempts}").touch()
        if attempts < deaths.get(name, 0):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(task)

    monkeypatch.setattr(run, "_work", work)
    monkeypatch.setattr(workers, "context", lambda: multiprocessing.get_context("fork"))


def _expected(tmp_path: Path, paths: list[Path]) -> dict[str, bytes]:
    """What a one-process batch writes for ``paths``: {file name: bytes}."""
    out = tmp_path / "expected"
    assert all(o.ok for o in render_many(paths, out, jobs=1))
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_an_input_that_kills_its_worker_twice_fails_and_the_rest_render(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _inputs(tmp_path / "in", 24)
    expected = _expected(tmp_path, [p for p in paths if p.name != "05.yaml"])
    _killing(monkeypatch, {"05.yaml": 99}, tmp_path / "marks")
    out = tmp_path / "out"
    outcomes = list(render_many(paths, out, jobs=2))
    assert [o.source for o in outcomes] == [str(p) for p in paths]  # input order
    failed = [o for o in outcomes if not o.ok]
    assert [(o.source, o.status) for o in failed] == [(str(paths[5]), "failed")]
    assert failed[0].messages[0].startswith(NOTE)
    assert len(list((tmp_path / "marks").glob("05.yaml.*"))) == 2  # once with others, once alone: no more
    assert {p.name: p.read_bytes() for p in out.iterdir()} == expected  # no staging folder, nothing else
    assert not list(out.glob(".reportgen-batch-*"))


def test_an_input_whose_worker_was_killed_once_renders_on_the_retry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _inputs(tmp_path / "in", 24)
    expected = _expected(tmp_path, paths)
    _killing(monkeypatch, {"00.yaml": 1}, tmp_path / "marks")  # killed with others in flight, then alone: fine
    out = tmp_path / "out"
    outcomes = list(render_many(paths, out, jobs=2))
    assert [(o.source, o.status) for o in outcomes] == [(str(p), "rendered") for p in paths]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == expected


def test_two_inputs_that_kill_their_workers_both_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _inputs(tmp_path / "in", 12)
    _killing(monkeypatch, {"02.yaml": 99, "03.yaml": 99}, tmp_path / "marks")
    outcomes = list(render_many(paths, tmp_path / "out", ["xlsx"], jobs=2))
    assert [o.status for o in outcomes] == ["rendered"] * 2 + ["failed"] * 2 + ["rendered"] * 8
    assert all(o.messages[0].startswith(NOTE) for o in outcomes[2:4])
    assert len(list((tmp_path / "out").iterdir())) == 10


def test_inputs_that_kill_their_workers_here_and_there_never_stop_the_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More lost pools than MAX_BREAKS in all, but chunks finish in between: only the culprits fail."""
    paths = _inputs(tmp_path / "in", 40)
    culprits = {"02.yaml", "09.yaml", "10.yaml", "23.yaml", "38.yaml"}
    _killing(monkeypatch, dict.fromkeys(culprits, 99), tmp_path / "marks")
    monkeypatch.setattr(workers, "MAX_BREAKS", 2)
    outcomes = list(render_many(paths, tmp_path / "out", ["xlsx"], jobs=2))
    failed = {Path(o.source).name for o in outcomes if not o.ok}
    assert failed == culprits
    assert all(o.messages[0].startswith(NOTE) for o in outcomes if not o.ok)
    assert len(list((tmp_path / "out").iterdir())) == 35


def test_workers_that_keep_dying_are_given_up_and_the_batch_ends(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _inputs(tmp_path / "in", 10)
    _killing(monkeypatch, {p.name: 99 for p in paths}, tmp_path / "marks")
    monkeypatch.setattr(workers, "MAX_BREAKS", 3)
    outcomes = list(render_many(paths, tmp_path / "out", ["xlsx"], jobs=2))
    assert [o.source for o in outcomes] == [str(p) for p in paths]
    assert {o.status for o in outcomes} == {"failed"}
    assert sum(o.messages[0].startswith(NOTE) for o in outcomes) == 3  # each loss alone gave up one input
    assert all("工作进程多次意外退出" in o.messages[0] for o in outcomes[3:])
    assert list((tmp_path / "out").iterdir()) == []


def _square_chunk(items: list[int]) -> list[int]:
    if 13 in items:
        raise ValueError("thirteen")
    return [i * i for i in items]


def test_ordered_keeps_task_order_and_reports_a_failed_chunk_per_task() -> None:
    results = list(workers.ordered(_square_chunk, range(200), 2, lambda task, exc: -task))
    chunk = range(12, 12 + workers.CHUNK)  # the chunk that raised: each of its tasks failed
    assert results == [-i if i in chunk else i * i for i in range(200)]
