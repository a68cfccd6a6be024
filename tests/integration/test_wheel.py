"""Against the installed wheel only: a web service, threads from cold, a process pool, the schema, a typed client."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from .conftest import Run


def test_the_wheel_is_what_is_imported(run: Run) -> None:
    proc = run("-c", "import reportgen, pathlib; print(pathlib.Path(reportgen.__file__).parent)")
    assert "site-packages" in proc.stdout and str(Path(__file__).resolve().parents[2]) not in proc.stdout
    run("-c", "import importlib.resources as r; assert (r.files('reportgen') / 'py.typed').is_file()")


def test_web_service_upload_and_download(run: Run) -> None:
    run("use_service.py")


def test_eight_threads_from_cold(run: Run) -> None:
    assert run("cold_threads.py").stdout.strip() == "ok"


def test_pickled_report_through_a_process_pool(run: Run) -> None:
    assert run("process_pool.py").stdout.strip() == "ok"


def test_json_schema_export(run: Run) -> None:
    assert run("schema.py").stdout.strip() == "ok"


def test_typed_client_under_mypy_strict(installed: Path, tmp_path: Path) -> None:
    """mypy (of the dev environment) checks the client against the wheel's inline types (PEP 561)."""
    shutil.copy(Path(__file__).parent / "clients" / "typed_client.py", tmp_path)
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mypy", "--python-executable", str(installed), "--no-incremental",
                           "typed_client.py"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_sdist_carries_its_tests(dist: Path, installed: Path, tmp_path: Path) -> None:
    """The sdist's tests (helper modules and fixtures included) run against the installed wheel."""
    (sdist,) = dist.glob("reportgen-*.tar.gz")
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path, filter="data")
    (tree,) = tmp_path.glob("reportgen-*")
    here = Path(__file__).resolve().parents[1]
    for helper in ("conftest.py", "factories.py", "catalogue.py", "docx_helpers.py"):
        assert (tree / "tests" / helper).is_file(), helper
    assert {p.name for p in (here / "fixtures").rglob("*") if p.is_file()} <= \
        {p.name for p in (tree / "tests" / "fixtures").rglob("*") if p.is_file()}
    shutil.rmtree(tree / "src")  # the package under test is the installed one
    proc = subprocess.run([str(installed), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_foundation_model.py", "tests/test_foundation_checks.py"],
                          cwd=tree, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
