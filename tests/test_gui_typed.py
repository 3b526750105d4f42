"""A typed function in the window, from a lesson opened with File → Open lesson: the problem list
names it, Play (Space) runs it with the numbers of the API, the formula panel shows its derivative
with the current numbers, the tangent is drawn and no ☆ (its minima are unknown)."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from test_gui_views import press

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


def open_from_menu(qtbot, window, monkeypatch, path) -> None:
    """Open the lesson file ``path`` with File → Open lesson, and wait until it is read (in the
    background) and in use."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    with qtbot.waitSignal(window.session.loading_finished, timeout=10_000) as finished:
        window.actions.open_lesson.trigger()
    assert finished.args == [True]
    if not window.isActiveWindow():  # the offscreen platform lets go of it now and then (see test_gui_stress)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def test_typed_function_lesson_plays_with_the_api_numbers(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "04-typed.toml"
    path.write_text(LESSON, encoding="utf-8")
    open_from_menu(qtbot, window, monkeypatch, path)
    problems = window.controls.problem
    assert problems.currentText() == "Your function:  L(x) = x⁴ − 3x² + x"
    assert window.session.problem.text == "x^4 - 3*x^2 + x"

    press(qtbot, window, Qt.Key.Key_Space)  # Play
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
    qtbot.waitUntil(lambda: window.canvas.last_painted is window.canvas.last_drawn)  # the formulas follow
    assert len(view.minima.data) == 0  # no ☆: a typed function's minima are unknown
    assert "L′(x) = 4x³ − 6x + 1" in window.formulas.toPlainText()


@POPUP
def test_choosing_another_problem_hides_the_typed_function(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "04-typed.toml"
    path.write_text(LESSON, encoding="utf-8")
    open_from_menu(qtbot, window, monkeypatch, path)
    problems = window.controls.problem
    count = problems.count()
    choose(qtbot, problems, "neuron")
    assert window.session.setup.problem == "neuron" and window.session.setup.function is None
    assert problems.count() == count and problems.itemText(count - 1) == "Your own function…"
    assert not window.controls.function_editor.text.isVisible()


UNDEFINED = LESSON.replace('"x^4 - 3*x^2 + x"', '"log(x) + y^2 + 0.1*x^2"').replace(
    "range = [-2, 2]", "range = [[-1, 3], [-2, 2]]").replace("start = [2.0]", "start = [2.0, 1.0]").replace(
    "lr = 0.01", "lr = 1.2")


def test_a_step_where_the_function_is_not_defined_stops_with_a_clear_status(qtbot, window, tmp_path,
                                                                            monkeypatch):
    path = tmp_path / "04-log.toml"
    path.write_text(UNDEFINED, encoding="utf-8")
    open_from_menu(qtbot, window, monkeypatch, path)
    press(qtbot, window, Qt.Key.Key_Space)  # Play
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


@POPUP
def test_a_new_user_types_a_function_fixes_it_and_plays(qtbot, window):
    """The issue's "done when": type x^4 - 3x^2 + x, get the "write 3*x" hint with a caret at its
    column, fix it, press Play, see the tangent and the f′(x) formula; the numbers of the CLI/API."""
    controls = window.controls
    editor = controls.function_editor
    choose(qtbot, controls.problem, "custom")  # Your own function…
    assert window.session.setup.problem == "custom" and editor.text.isVisible()
    before = window.session.setup

    editor.text.selectAll()
    qtbot.keyClicks(editor.text, "x^4 - 3x^2 + x")
    qtbot.keyClick(editor.text, Qt.Key.Key_Return)
    assert editor.error.isVisible() and editor.caret.isVisible()
    assert editor.error.text() == "column 8: a * is missing; write 3*x for 3 times x"
    assert editor.caret.text() == "<pre style='margin: 0'>x^4 - 3x^2 + x\n       ^</pre>"  # under the 8th
    assert window.session.setup is before  # nothing changed

    qtbot.keyClick(editor.text, Qt.Key.Key_End)
    for _ in range(len("x^2 + x")):
        qtbot.keyClick(editor.text, Qt.Key.Key_Left)
    qtbot.keyClicks(editor.text, "*")  # x^4 - 3*x^2 + x
    qtbot.keyClick(editor.text, Qt.Key.Key_Return)
    assert not editor.error.isVisible()
    assert window.session.setup.function == "x^4 - 3*x^2 + x"
    assert controls.problem.currentText() == "Your function:  L(x) = x⁴ − 3x² + x"

    drawn = []
    window.canvas.painted.connect(drawn.append)  # painted: the formula panel shows what it was handed
    press(qtbot, window, Qt.Key.Key_Space)  # Play
    qtbot.waitUntil(lambda: bool(drawn) and drawn[-1].lead.step >= 5, timeout=10_000)
    press(qtbot, window, Qt.Key.Key_Space)  # Pause: the formula panel shows the paused point at once
    qtbot.waitUntil(lambda: not drawn[-1].playing, timeout=5000)
    snap = drawn[-1]  # what the views show now, the formula panel too
    expected = gdsim.simulate(gdsim.function("x^4 - 3*x^2 + x"), "sgd", None, snap.lead.step,
                              lr=window.session.problem.lr)
    np.testing.assert_array_equal(snap.lead.params, expected.params[-1, 0])
    x = snap.lead.params[0]
    slope = 4 * x**3 - 6 * x + 1
    xs, ys = window.canvas.parameters.tangent.getData()
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(slope, rel=1e-9)
    assert f"L′(x) = 4x³ − 6x + 1 = {format_number(slope)}" in window.formulas.toPlainText()


@POPUP
def test_examples_range_and_fit_to_the_path(qtbot, window):
    controls = window.controls
    editor = controls.function_editor
    choose(qtbot, controls.problem, "custom")
    choose(qtbot, editor.examples, "(1 - x)^2 + 100*(y - x^2)^2")
    problem = window.session.problem
    assert problem.text == "(1 - x)^2 + 100*(y - x^2)^2" and problem.domain == ((-3.0, 3.0), (-3.0, 3.0))
    assert editor.range_rows[1].isVisible()

    low, high = editor.ranges[1]
    low.selectAll()
    qtbot.keyClicks(low, "4")
    qtbot.keyClick(low, Qt.Key.Key_Return)
    assert editor.error.text() == "the range of y must go from a lower to a higher number, got [4, 3]"
    assert window.session.problem is problem
    low.selectAll()
    qtbot.keyClicks(low, "-1")
    qtbot.keyClick(low, Qt.Key.Key_Return)
    assert window.session.problem.domain == ((-3.0, 3.0), (-1.0, 3.0))

    window.canvas.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.canvas, Qt.Key.Key_Right)  # three steps
    qtbot.waitUntil(lambda: window.session.latest is not None and window.session.latest.lead.step == 3,
                    timeout=5000)
    path = window.session.latest.lead.history_params
    qtbot.mouseClick(editor.fit, Qt.MouseButton.LeftButton)
    (x0, x1), (y0, y1) = window.session.problem.domain
    assert x0 < path[:, 0].min() and path[:, 0].max() < x1 and y0 < path[:, 1].min() and path[:, 1].max() < y1
    assert (x1 - x0) < 6 or (y1 - y0) < 4  # fitted, not the default


def test_caret_lines_point_at_the_column_of_a_long_text():
    from gdsim.ui.function_editor import caret_lines

    assert caret_lines("2x", 2) == "2x\n ^"
    assert caret_lines("x +", 4) == "x +\n   ^"  # past the end: something is missing there
    text = "x + " * 30 + "2x" + " + x" * 30
    lines = caret_lines(text, text.index("2x") + 2).split("\n")
    assert lines[0].startswith("…") and lines[0].endswith("…") and len(lines[0]) <= 50
    assert lines[0][lines[1].index("^")] == "x" and lines[0][lines[1].index("^") - 1] == "2"


@POPUP
def test_a_mistake_left_in_the_field_is_not_chosen_again(qtbot, window):
    controls = window.controls
    editor = controls.function_editor
    choose(qtbot, controls.problem, "custom")
    editor.text.selectAll()
    qtbot.keyClicks(editor.text, "sin(x) + 0.1*x^2")
    qtbot.keyClick(editor.text, Qt.Key.Key_Return)
    editor.text.selectAll()
    qtbot.keyClicks(editor.text, "2x")
    qtbot.keyClick(editor.text, Qt.Key.Key_Return)
    assert editor.error.text() == "column 2: a * is missing; write 2*x for 2 times x"
    choose(qtbot, controls.problem, "parabola")
    assert not editor.text.isVisible() and not editor.error.isVisible()
    choose(qtbot, controls.problem, "custom")  # the last function that ran, not the mistake
    assert window.session.setup.function == "sin(x) + 0.1*x^2" and editor.text.text() == "sin(x) + 0.1*x^2"
    assert editor.text.isVisible() and not editor.error.isVisible()
