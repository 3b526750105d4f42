"""The engine and the command line load without Qt, and the engine needs only numpy and the standard
library."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gdsim"
ENGINE = PACKAGE / "engine"
GUI_PREFIXES = ("PySide6", "shiboken6", "pyqtgraph")
ALLOWED_THIRD_PARTY = {"numpy"}


@pytest.mark.parametrize("code", [
    "import gdsim, gdsim.engine, gdsim.cli\ngdsim.simulate('parabola', 'sgd', steps=3)\n",
    # the lessons are read and checked without Qt too (the window only applies them)
    "from gdsim.ui.lessons import shipped_lessons\nshipped_lessons()[0].setup.make_runs()\n",
], ids=["engine and cli", "lessons"])
def test_loads_no_qt(code):
    code = (
        "import sys\n" + code
        + f"bad = sorted(m for m in sys.modules if m.split('.')[0].startswith({GUI_PREFIXES!r}))\n"
        "print(','.join(bad))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"Qt modules loaded: {done.stdout.strip()}"


def _module_file(root: Path, name: str) -> Path | None:
    """The file of a module of the package under root, by dotted name; None if it is not a file there."""
    base = root.joinpath(*name.split("."))
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def _imports(root: Path, path: Path) -> list[tuple[str, int]]:
    """(absolute module name, line) of every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).parent.parts)  # what a relative import is relative to
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if not node.level:
                found.append((node.module, node.lineno))
                continue
            base = package.split(".")
            base = base[: len(base) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:  # `from . import x` may name a submodule x
                sub = f"{module}.{alias.name}"
                found.append((sub if _module_file(root, sub) else module, node.lineno))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
            found.append(("<dynamic __import__>", node.lineno))
    return found


def foreign_imports(root: Path) -> list[str]:
    """Imports, by every file of root/gdsim/engine and every gdsim module they reach, of anything
    but numpy, the standard library and those modules; and of the GUI (gdsim.ui, gdsim.app)."""
    todo = sorted((root / "gdsim" / "engine").glob("*.py"))
    seen: set[Path] = set()
    problems = []
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name, line in _imports(root, path):
            top = name.split(".")[0]
            where = f"{path.relative_to(root)}:{line}"
            if top == "gdsim":
                if name.startswith(("gdsim.ui", "gdsim.app")):
                    problems.append(f"{where} imports the GUI module {name}")
                target = _module_file(root, name)
                if target is None:
                    problems.append(f"{where} imports {name}, which is not a module file")
                    continue
                todo.append(target)
                if name == "gdsim":
                    problems.append(f"{where} imports the package gdsim itself")
            elif top not in sys.stdlib_module_names and top not in ALLOWED_THIRD_PARTY:
                problems.append(f"{where} imports {name}")
    return problems


def test_imports_engine_uses_only_numpy_and_the_standard_library():
    assert len(list(ENGINE.glob("*.py"))) >= 9
    problems = foreign_imports(ROOT)
    assert not problems, "\n".join(problems)


def test_imports_checker_catches_foreign_imports(tmp_path):
    # The static check must be able to fail: a fake package with one bad import of each kind.
    engine = tmp_path / "gdsim" / "engine"
    (tmp_path / "gdsim" / "ui").mkdir(parents=True)
    engine.mkdir()
    (tmp_path / "gdsim" / "__init__.py").write_text("")
    (tmp_path / "gdsim" / "ui" / "__init__.py").write_text("")
    (tmp_path / "gdsim" / "ui" / "window.py").write_text("import PySide6\n")
    (tmp_path / "gdsim" / "helpers.py").write_text("import math\nimport pyqtgraph.Qt\n")
    (engine / "__init__.py").write_text("from .ok import f\n")
    (engine / "ok.py").write_text("import math\nimport numpy as np\nfrom collections import deque\n")
    (engine / "direct.py").write_text("import scipy.linalg\n")
    (engine / "gui.py").write_text("from ..ui import window\n")
    (engine / "indirect.py").write_text("from .. import helpers\n")
    problems = "\n".join(foreign_imports(tmp_path))
    assert "direct.py:1 imports scipy.linalg" in problems
    assert "GUI module gdsim.ui.window" in problems
    assert "helpers.py:2 imports pyqtgraph.Qt" in problems
    assert "PySide6" in problems  # reached through gdsim.ui.window
    assert "ok.py" not in problems
