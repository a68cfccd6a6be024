"""The layers of the package import downward only, and nothing reaches into another module's private names.

Layers, bottom to top: editions → types → errors → fileio → checks → review → model → testing →
formats → batch → survey → cli. A module may import its own layer or one below, at module level or
inside a function (a function-level import that points upward would be a hidden cycle).
Inside ``formats`` only the registry (``formats/__init__``) names the format packages.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "reportgen"
LAYERS = ["editions", "types", "errors", "fileio", "checks", "review", "model", "testing", "formats", "batch", "survey",
          "cli"]
FACADES = {"reportgen", "reportgen.__main__", "reportgen.render", "reportgen.pdf"}
"""The package's front door and the deprecated aliases: they may import anything."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> list[str]:
    return sorted(_module_name(p) for p in SRC.rglob("*.py"))


def _layer(module: str) -> int:
    top = module.split(".")[1]
    return LAYERS.index(top)


def _imports(path: Path, module: str) -> list[tuple[str, list[str], int]]:
    """(imported module, names, line) for every import of reportgen, resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "reportgen" or target.startswith("reportgen."):
                out.append((target, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names if a.name.startswith("reportgen")]
    return out


def _type_only(path: Path) -> set[int]:
    """Lines inside ``if TYPE_CHECKING:`` blocks: annotations only, never executed."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def test_every_module_is_in_a_layer() -> None:
    for module in _modules():
        if module not in FACADES:
            assert module.split(".")[1] in LAYERS, module


@pytest.mark.parametrize("module", [m for m in _modules() if m not in FACADES])
def test_imports_run_downward(module: str) -> None:
    path = SRC.parent / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = SRC.parent / module.replace(".", "/") / "__init__.py"
    typing_only = _type_only(path)
    for target, names, line in _imports(path, module):
        if line in typing_only or target == "reportgen":
            continue
        assert _layer(target) <= _layer(module), f"{module}:{line} imports {target}, a layer above"
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        own_package = target == (module if path.name == "__init__.py" else module.rsplit(".", 1)[0])
        assert not private or own_package, f"{module}:{line} imports private {private} of {target}"


def test_only_the_registry_names_format_packages() -> None:
    formats = {p.name for p in (SRC / "formats").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    formats |= {p.stem for p in (SRC / "formats").glob("*.py") if p.stem in ("yaml", "json")}
    for module in _modules():
        if module.startswith("reportgen.formats") or module in FACADES:
            continue
        path = SRC.parent / (module.replace(".", "/") + ".py")
        if not path.exists():
            path = SRC.parent / module.replace(".", "/") / "__init__.py"
        for target, names, line in _imports(path, module):
            parts = target.split(".")
            named = parts[2] if len(parts) > 2 and parts[1] == "formats" else None
            named = named or next((n for n in names if target == "reportgen.formats" and n in formats), None)
            assert named not in formats, f"{module}:{line} names the format {named}; ask the registry instead"


@pytest.mark.parametrize("module", [m for m in _modules() if m != "reportgen.__main__"])
def test_each_module_imports_alone(module: str) -> None:
    """In a fresh interpreter, so that an import cycle cannot hide behind an earlier import."""
    code = f"import warnings; warnings.simplefilter('ignore'); import {module}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
