"""The layers: the engine and the command line load without Qt; the engine needs only numpy and the
standard library (and SymPy, imported inside a function when a typed function is made, never on
``import gdsim``); the model (gdsim.model) needs only the engine, the standard library and a few
non-Qt libraries; neither imports a layer above it."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gdsim"
GUI_PREFIXES = ("PySide6", "shiboken6", "pyqtgraph")

# What each layer (a package under gdsim/) may import besides the standard library: third-party
# packages, and which gdsim modules it must not reach (directly or through the modules it imports).
LAYERS = {
    "engine": ({"numpy"}, ("gdsim.model", "gdsim.ui", "gdsim.app")),
    "model": ({"numpy", "tomli_w", "contourpy"}, ("gdsim.ui", "gdsim.app")),
}
# Packages a layer may import only inside a function, so that importing the layer does not load
# them: SymPy, for the exact derivatives of a typed function (gdsim.engine.symbolic).
LAZY = {"engine": {"sympy"}, "model": {"sympy"}}


@pytest.mark.parametrize("code", [
    "import gdsim, gdsim.engine, gdsim.cli\ngdsim.simulate('parabola', 'sgd', steps=3)\n",
    # the whole model works without Qt: a lesson read, built, stepped, its snapshot and landscape
    "from gdsim.model import build, landscape, snapshot\nfrom gdsim.model.lessons import shipped_lessons\n"
    "runs = build.build(shipped_lessons()[0].setup).runs\nrun = runs[0]\nrun.advance(3)\n"
    "snapshot.take(runs, 0, False, 10, [(2.0,)] * len(runs), 0)\nlandscape.compute(run.problem)\n",
], ids=["engine and cli", "model"])
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


def test_import_gdsim_loads_sympy_only_for_a_typed_function():
    code = (
        "import sys\nimport gdsim, gdsim.cli, gdsim.model.lessons\n"
        "gdsim.simulate('rosenbrock', 'adam', steps=3)\n"
        "before = 'sympy' in sys.modules\n"
        "gdsim.simulate(gdsim.function('x^2 + 3*sin(y)'), 'adam', steps=3)\n"
        f"qt = [m for m in sys.modules if m.split('.')[0].startswith({GUI_PREFIXES!r})]\n"
        "print(before, 'sympy' in sys.modules, qt)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "[]"]


def _module_file(root: Path, name: str) -> Path | None:
    """The file of a module of the package under root, by dotted name; None if it is not a file there."""
    base = root.joinpath(*name.split("."))
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def _imports(root: Path, path: Path) -> list[tuple[str, int, bool]]:
    """(absolute module name, line, whether it is inside a function) of every import in the file,
    relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).parent.parts)  # what a relative import is relative to
    in_function = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            in_function.update(id(n) for n in ast.walk(node) if n is not node)
    found = []
    for node in ast.walk(tree):
        lazy = id(node) in in_function
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, lazy) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if not node.level:
                found.append((node.module, node.lineno, lazy))
                continue
            base = package.split(".")
            base = base[: len(base) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:  # `from . import x` may name a submodule x
                sub = f"{module}.{alias.name}"
                found.append((sub if _module_file(root, sub) else module, node.lineno, lazy))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
            found.append(("<dynamic __import__>", node.lineno, lazy))
    return found


def foreign_imports(root: Path, layer: str = "engine") -> list[str]:
    """Imports, by every file of root/gdsim/<layer> and every gdsim module they reach, of anything but
    the standard library, the layer's third-party packages and those modules; of a package of LAZY
    outside a function; and of a gdsim module above the layer (for the engine: the model, the GUI; for
    the model: the GUI)."""
    allowed, above = LAYERS[layer]
    lazy_allowed = LAZY.get(layer, set())
    todo = sorted((root / "gdsim" / layer).glob("*.py"))
    seen: set[Path] = set()
    problems = []
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name, line, lazy in _imports(root, path):
            top = name.split(".")[0]
            where = f"{path.relative_to(root)}:{line}"
            if top in lazy_allowed:
                if not lazy:
                    problems.append(f"{where} imports {name} outside a function; it may be imported only "
                                    "inside one, so that importing gdsim does not load it")
                continue
            if top == "gdsim":
                if name.startswith(above):
                    problems.append(f"{where} imports {name}, a layer above gdsim.{layer}")
                target = _module_file(root, name)
                if target is None:
                    problems.append(f"{where} imports {name}, which is not a module file")
                    continue
                todo.append(target)
                if name == "gdsim":
                    problems.append(f"{where} imports the package gdsim itself")
            elif top not in sys.stdlib_module_names and top not in allowed:
                problems.append(f"{where} imports {name}")
    return problems


@pytest.mark.parametrize("layer", LAYERS)
def test_imports_layer_uses_only_what_it_may(layer):
    assert len(list((PACKAGE / layer).glob("*.py"))) >= 5  # the check is not looking at an empty folder
    problems = foreign_imports(ROOT, layer)
    assert not problems, "\n".join(problems)


def test_imports_checker_catches_foreign_imports(tmp_path):
    # The static check must be able to fail: a fake package with one bad import of each kind.
    gdsim = tmp_path / "gdsim"
    engine, model, ui = gdsim / "engine", gdsim / "model", gdsim / "ui"
    for folder in (engine, model, ui):
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text("")
    (gdsim / "__init__.py").write_text("")
    (ui / "window.py").write_text("import PySide6\n")
    (gdsim / "helpers.py").write_text("import math\nimport pyqtgraph.Qt\n")
    (engine / "__init__.py").write_text("from .ok import f\n")
    (engine / "ok.py").write_text("import math\nimport numpy as np\nfrom collections import deque\n")
    (engine / "direct.py").write_text("import scipy.linalg\n")
    (engine / "gui.py").write_text("from ..ui import window\n")
    (engine / "indirect.py").write_text("from .. import helpers\n")
    (engine / "upward.py").write_text("from ..model import setup\n")
    (model / "setup.py").write_text("import tomli_w\nimport contourpy\nfrom ..engine import ok\n")
    (model / "view.py").write_text("from PySide6.QtCore import QObject\n")
    (model / "window.py").write_text("from ..ui.window import x\n")
    (model / "plot.py").write_text("import numpy, pyqtgraph\n")
    (engine / "eager.py").write_text("import sympy\n")
    (engine / "lazy.py").write_text("def f():\n    import sympy\n    return sympy\n")
    problems = "\n".join(foreign_imports(tmp_path, "engine"))
    assert "direct.py:1 imports scipy.linalg" in problems
    assert "imports gdsim.ui.window, a layer above gdsim.engine" in problems
    assert "helpers.py:2 imports pyqtgraph.Qt" in problems
    assert "PySide6" in problems  # reached through gdsim.ui.window
    assert "upward.py:1 imports gdsim.model.setup, a layer above gdsim.engine" in problems
    assert "ok.py" not in problems
    assert "eager.py:1 imports sympy outside a function" in problems
    assert "lazy.py" not in problems
    problems = "\n".join(foreign_imports(tmp_path, "model"))
    assert "view.py:1 imports PySide6.QtCore" in problems
    assert "model/window.py:1 imports gdsim.ui.window, a layer above gdsim.model" in problems
    assert "plot.py:1 imports pyqtgraph" in problems
    assert "setup.py" not in problems  # tomli_w, contourpy and the engine are allowed
