"""A typed function in the window, from a lesson opened with File → Open lesson: the problem list
names it, Play (Space) runs it with the numbers of the API, the formula panel shows its derivative
with the current numbers, the tangent is drawn and no ☆ (its minima are unknown)."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

import gdsim
from gdsim.ui.style import format_number

# Offscreen, a combo box's list cannot grab the keyboard or be raised: Qt says so, harmlessly.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard",
                                  "This plugin does not support raise")


def choose(qtbot, combo, data):
    """Pick an entry of a combo box as a user does: click it open, walk its list with the arrow keys,
    press Return (as tests/test_gui_semantics.py does)."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    target = combo.findData(data)
    while view.currentIndex().row() != target:
        qtbot.keyClick(view, Qt.Key.Key_Down if view.currentIndex().row() < target else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)


LESSON = """\
[lesson]
number = 4
title = { en = "A double well of your own" }

[setup]
problem = "custom"
function = "x^4 - 3*x^2 + x"
range = [-2, 2]
start = [2.0]
speed = "max"
step_limit = 40

[[setup.optimizers]]
name = "sgd"
lr = 0.01
"""


def open_from_menu(window, monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    window.actions.open_lesson.trigger()


def test_typed_function_lesson_plays_with_the_api_numbers(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "04-typed.toml"
    path.write_text(LESSON, encoding="utf-8")
    open_from_menu(window, monkeypatch, path)
    problems = window.controls.problem
    assert problems.currentText() == "Your function:  L(x) = x⁴ − 3x² + x"
    assert window.session.problem.text == "x^4 - 3*x^2 + x"

    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Space)  # Play
    qtbot.waitUntil(lambda: window.session.latest is not None
                    and window.session.latest.lead.status == "step limit", timeout=10_000)
    snap = window.session.latest
    expected = gdsim.simulate(gdsim.function("x^4 - 3*x^2 + x", [-2, 2]), "sgd", [2.0], 40, lr=0.01)
    np.testing.assert_array_equal(snap.lead.params, expected.params[-1, 0])
    assert snap.lead.loss == expected.loss[-1, 0]

    view = window.canvas.parameters
    x = snap.lead.params[0]
    slope = 4 * x**3 - 6 * x + 1

    def tangent_drawn():  # the frame after the last step: the tangent at the last point
        xs, ys = view.tangent.getData()
        assert len(xs) == 2 and (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(slope, rel=1e-9)

    qtbot.waitUntil(tangent_drawn, timeout=5000)
    assert len(view.minima.data) == 0  # no ☆: a typed function's minima are unknown
    assert "L′(x) = 4x³ − 6x + 1" in window.formulas.toPlainText()


@POPUP
def test_choosing_another_problem_drops_the_typed_function_entry(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "04-typed.toml"
    path.write_text(LESSON, encoding="utf-8")
    open_from_menu(window, monkeypatch, path)
    problems = window.controls.problem
    count = problems.count()
    choose(qtbot, problems, "neuron")
    assert window.session.setup.problem == "neuron" and window.session.setup.function is None
    assert problems.count() == count - 1 and problems.findData("custom") < 0


UNDEFINED = LESSON.replace('"x^4 - 3*x^2 + x"', '"log(x) + y^2 + 0.1*x^2"').replace(
    "range = [-2, 2]", "range = [[-1, 3], [-2, 2]]").replace("start = [2.0]", "start = [2.0, 1.0]").replace(
    "lr = 0.01", "lr = 1.2")


def test_a_step_where_the_function_is_not_defined_stops_with_a_clear_status(qtbot, window, tmp_path,
                                                                            monkeypatch):
    path = tmp_path / "04-log.toml"
    path.write_text(UNDEFINED, encoding="utf-8")
    open_from_menu(window, monkeypatch, path)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Space)  # Play
    qtbot.waitUntil(lambda: "not defined" in window.status.text(), timeout=10_000)
    expected = gdsim.simulate(gdsim.function("log(x) + y^2 + 0.1*x^2", [[-1, 3], [-2, 2]]), "sgd",
                              [2.0, 1.0], 40, lr=1.2)
    x, y = expected.undefined_at[0]
    assert x < 0 and expected.status == ["diverged"]
    assert window.status.text().endswith(
        f"stopped at step {expected.stopped_at[0] + 1}: L is not defined at x = {format_number(x)}, "
        f"y = {format_number(y)}")
    qtbot.waitUntil(lambda: "Stopped at step 2: not defined there" in window.formulas.toPlainText(),
                    timeout=5000)
    assert "where the function or its slope is not defined" in window.formulas.toPlainText()
    slice_x = window.session.latest.slices[0]
    assert np.isnan(slice_x.loss[slice_x.values < 0]).all()  # a gap in the slice, not a wall
    assert np.isfinite(slice_x.loss[slice_x.values > 0]).all()
