"""The Dask recipe of docs/scale.md, run on a local two-process cluster, gives what `reportgen batch` gives."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from dask import distributed

from factories import balanced_data, plain
from reportgen.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _recipe() -> dict[str, Any]:
    text = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    code = next(block for block in re.findall(r"```python\n(.*?)```", text, re.S) if "def render_on_cluster" in block)
    namespace: dict[str, Any] = {"__name__": "recipe"}
    exec(compile(code, "docs/scale.md", "exec"), namespace)
    return namespace


def test_dask_recipe_matches_batch(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(7):
        data = plain(balanced_data("2021" if i % 2 else "2019", seed=i))
        data["agency"] = f"第{i}镇人民政府"
        (inputs / f"{i}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    twin = plain(balanced_data("2021", seed=1))
    twin["agency"] = "第1镇人民政府"
    (inputs / "twin.yaml").write_text(yaml.safe_dump(twin, allow_unicode=True), encoding="utf-8")
    bad = plain(balanced_data("2021", seed=9))
    bad["reviews"]["review"]["total"] = 999
    (inputs / "bad.yaml").write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")

    assert main(["batch", str(inputs), "-o", str(tmp_path / "batch"), "--jobs", "1"]) == 1
    recipe = _recipe()
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        summary = recipe["render_on_cluster"](client, [inputs], tmp_path / "dask", chunk=3)
    assert summary == {"rendered": 7, "conflict": 1, "refused": 1}
    made = {p.name: p.read_bytes() for p in (tmp_path / "dask").iterdir()}
    expected = {p.name: p.read_bytes() for p in (tmp_path / "batch").iterdir()}
    assert made.keys() == expected.keys() and len(made) == 14
    assert made == expected  # byte for byte: .docx and .xlsx are deterministic
