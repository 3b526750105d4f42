"""The tutorial's own formulas beside SSE's and MSE's, and Nesterov's look-ahead, as a class sees them
(issue 11, items 2 and 4), driven as a user drives the window: number keys, →, P, the loss list."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from test_gui_views import choose, click_run_in_list, drawn, open_lesson, press, step

from gdsim.engine.models import square_loss_gradients

POPUP = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")


@pytest.fixture
def window(window, qtbot):
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    return window


@POPUP
def test_lesson_3_sets_the_tutorial_s_formulas_beside_sse_and_mse_and_half_mse_follows_them(qtbot, window):
    open_lesson(qtbot, window, 3)
    snap = step(qtbot, window, 2)
    values = window.formulas.text.values
    track = snap.watched_track
    grads = square_loss_gradients(snap.problem, track.params)
    np.testing.assert_array_equal(values["tutorial"], grads["half-mse"])
    np.testing.assert_array_equal(values["sse"], track.gradient)  # the lesson's own loss: its gradient
    np.testing.assert_allclose(values["sse"], 30 * values["tutorial"], rtol=1e-12)
    np.testing.assert_array_equal(values["mse"], 2 * values["tutorial"])
    np.testing.assert_array_equal(values["tutorial_c"], 2 * values["sse"])
    text = window.formulas.toPlainText()
    assert "The tutorial's formulas beside SSE and MSE" in text and "N = 30" in text
    # the loss list offers the tutorial's loss; the run goes on under it, and the panel still compares
    choose(qtbot, window.controls.loss, "half-mse")
    qtbot.waitUntil(lambda: window.session.problem.loss_kind.name == "half-mse")
    snap = step(qtbot, window, 1)
    assert snap.problem.loss_kind.name == "half-mse"
    np.testing.assert_array_equal(window.formulas.text.values["tutorial"], snap.watched_track.gradient)
    assert "1/(2N)" in window.controls.loss.currentText()


def test_the_comparison_is_shown_for_linear_regression_only(qtbot, window):
    open_lesson(qtbot, window, 4)  # the sigmoid neuron
    step(qtbot, window, 1)
    assert "tutorial" not in window.formulas.text.values


def test_the_parts_of_a_nesterov_step_show_ruders_look_ahead(qtbot, window):
    open_lesson(qtbot, window, 8)  # the ravine, parts of each step on
    session = window.session
    session.set_contenders(["momentum", "nesterov"])
    drawn(qtbot, window, lambda s: len(s.tracks) == 2)
    click_run_in_list(qtbot, window, 2)  # Nesterov momentum
    drawn(qtbot, window, lambda s: s.watched_track.optimizer == "nesterov")
    view = window.canvas.parameters
    snap = step(qtbot, window, 3)
    track = snap.watched_track
    assert track.optimizer == "nesterov" and track.lookahead is not None
    k = view.parts_magnified
    x, y = view.lookahead_point.getData()
    here = track.params
    phi = np.asarray(track.lookahead.position)
    np.testing.assert_allclose([x[0], y[0]], here + k * (phi - here), rtol=1e-9)
    # φ = θ + η·μ·b before the update: the look-ahead point φ − μ·v is the current point θ
    lr, mu = track.lr, track.hyperparameters["momentum"]
    np.testing.assert_allclose(phi, here + lr * mu * track.state_before["b"], rtol=1e-12)
    np.testing.assert_allclose(track.lookahead.lookahead, here)
    assert view.lookahead_label.isVisible() and "look-ahead" in view.lookahead_label.textItem.toPlainText()
    assert "Ruder's form is the same method" in window.formulas.toPlainText()
    # P hides the parts and the look-ahead with them; momentum has none
    press(qtbot, window, Qt.Key.Key_P)
    drawn(qtbot, window, lambda s: not window.canvas.step_parts)
    step(qtbot, window, 1)
    assert len(view.lookahead_point.getData()[0]) == 0 and not view.lookahead_label.isVisible()
    press(qtbot, window, Qt.Key.Key_P)
    click_run_in_list(qtbot, window, 1)  # Momentum
    drawn(qtbot, window, lambda s: s.watched_track.optimizer == "momentum")
    step(qtbot, window, 1)
    assert window.canvas.step_parts and len(view.lookahead_point.getData()[0]) == 0
    assert "Ruder's form" not in window.formulas.toPlainText()
