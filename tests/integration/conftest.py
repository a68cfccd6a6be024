"""The built wheel, installed into a fresh virtual environment once per test session.

The integration tests run their client scripts (``clients/``) with that environment's
interpreter, from a folder outside the source tree, so they see the installed package only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = Path(__file__).parent / "clients"
SERVICE_DEPS = ["fastapi>=0.110", "httpx>=0.27", "python-multipart>=0.0.9", "pytest>=8", "hypothesis>=6.100"]

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and the sdist built from a clean copy of this tree (``python -m build``)."""
    base = tmp_path_factory.mktemp("dist")
    build = base / "src"
    shutil.copytree(ROOT, build, ignore=shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "__pycache__",
                                                                 ".pytest_cache", ".ruff_cache", ".mypy_cache", "out",
                                                                 ".hypothesis"))
    subprocess.run([sys.executable, "-m", "build", "-q", "--outdir", str(base / "dist"), str(build)], check=True,
                   capture_output=True)
    return base / "dist"


@pytest.fixture(scope="session")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a fresh venv holding the wheel built from this tree (and the web service's libraries)."""
    base = tmp_path_factory.mktemp("wheel")
    (wheel,) = dist.glob("reportgen-*.whl")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel), *SERVICE_DEPS], check=True)
    return python


@pytest.fixture()
def run(installed: Path, tmp_path: Path) -> Run:
    """Run a client script with the fresh venv's python, from a folder outside the source tree."""
    for script in CLIENTS.glob("*.py"):
        shutil.copy(script, tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def _run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run([str(installed), *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=timeout)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc

    return _run
