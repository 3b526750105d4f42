"""What the window says is what happens, driven as a teacher drives it (the Lessons keys, the menus,
the mouse): the slices follow the watched run, a new activation or loss keeps the runs going, a run
whose gradient vanishes on a flat activation is stuck, and the formula panel reads right."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdsim.ui.style import format_number


@pytest.fixture
def window(window, qtbot):
    """The window, once it has read its lessons (just after its first frame)."""
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    return window


def drawn(qtbot, window, predicate, timeout=5000):
    """Wait until the canvas has drawn a snapshot that satisfies the predicate."""
    def check() -> bool:  # a bool: a failed assert would print the snapshot at every poll
        snap = window.canvas.last_drawn
        return snap is not None and bool(predicate(snap))
    qtbot.waitUntil(check, timeout=timeout)
    return window.canvas.last_drawn


def press(qtbot, window, key, times=1):
    """Press a key of the window (its shortcuts answer while it is the active window)."""
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.setFocus()
    for _ in range(times):
        qtbot.keyClick(window, key)


def click_optimizer(qtbot, window, name):
    """Click an optimizer's name in the list, as a user picks the run to watch."""
    optimizers = window.controls.optimizers
    row = next(r for r in range(optimizers.count())
               if optimizers.item(r).data(Qt.ItemDataRole.UserRole) == name)
    rect = optimizers.visualItemRect(optimizers.item(row))
    qtbot.mouseClick(optimizers.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def slope_of(view) -> float:
    x, y = view.tangent.getData()
    return float((y[1] - y[0]) / (x[1] - x[0]))


# --- item 3: the slices follow the watched run -------------------------------------------------------


def test_lesson_6_slices_and_formulas_follow_the_watched_momentum_run(qtbot, window):
    press(qtbot, window, Qt.Key.Key_6)  # the ravine: gradient descent and momentum side by side
    assert [c.optimizer for c in window.session.setup.contenders] == ["sgd", "momentum"]
    click_optimizer(qtbot, window, "momentum")
    assert window.session.setup.watched == 1
    press(qtbot, window, Qt.Key.Key_Right, times=3)
    snap = drawn(qtbot, window, lambda s: s.lead.step == 3 and s.watched == 1)
    sgd, momentum = snap.tracks
    assert np.abs(sgd.gradient - momentum.gradient).min() > 0.5  # the two runs are apart by now
    qtbot.waitUntil(lambda: "Next step of Momentum" in window.formulas.toPlainText(), timeout=2000)
    np.testing.assert_array_equal(window.formulas.text.values["gradient"], momentum.gradient)
    for view in window.canvas.slices:
        i = view.index
        name = snap.problem.param_names[i]
        # the label shows the watched run's partial derivative, and so does the tangent's slope
        assert view.label.textItem.toPlainText().replace("\n", " ") == (
            f"∂L/∂{name} = {format_number(momentum.gradient[i])}")
        x, y = view.tangent.getData()
        # the tangent's ends round within an ulp of |y| and of |x|: over x₁ − x₀ that is the slope's error
        assert slope_of(view) == pytest.approx(momentum.gradient[i], abs=4 * np.finfo(float).eps
                                               / abs(x[1] - x[0]) * (np.abs(y).sum() + abs(slope_of(view))
                                                                     * np.abs(x).sum()))
        assert view.point.getData()[1][0] == momentum.loss


def test_the_data_view_draws_the_watched_runs_model_in_its_colour(qtbot, window):
    window.session.set_problem("neuron")
    window.controls.optimizers.item(6).setCheckState(Qt.CheckState.Checked)  # tick Adam beside it
    click_optimizer(qtbot, window, "adam")
    press(qtbot, window, Qt.Key.Key_Right, times=2)
    snap = drawn(qtbot, window, lambda s: s.lead.step == 2 and s.watched == 1 and len(s.tracks) == 2)
    x, y = window.canvas.data.model.getData()
    w, b = snap.tracks[1].params
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-(w * x + b))), rtol=0, atol=8 * np.finfo(float).eps)
    colour = window.canvas.data.model.opts["pen"].color().name().upper()
    assert colour == window.appearance.track(1).upper()


# --- item 5: stuck is not converged ------------------------------------------------------------------


def test_lesson_5_the_step_function_is_stuck_not_converged(qtbot, window):
    press(qtbot, window, Qt.Key.Key_5)
    assert window.session.setup.activation == "step"
    snap = drawn(qtbot, window, lambda s: s.lead.status == "stuck")
    assert (snap.lead.step, snap.lead.loss, snap.lead.grad_norm) == (0, 5.5, 0.0)
    qtbot.waitUntil(lambda: "stuck at step 0" in window.status.text(), timeout=2000)
    assert "converged" not in window.status.text()
    qtbot.waitUntil(lambda: "Stuck at step 0" in window.formulas.toPlainText(), timeout=2000)
    text = window.formulas.toPlainText()
    assert "f′(h) is 0 at every sample the model gets wrong" in text and "(the loss is still 5.500)" in text
    assert "Converged" not in text and "Next step" not in text
    assert not window.controls.step_button.isEnabled()  # nothing left to step


def test_a_start_on_the_saddle_point_is_stuck_and_the_panel_says_why(qtbot, window):
    window.session.set_problem("saddle")
    fields = window.controls.start_fields
    for field in fields:  # type the start (0, 0) as a user does
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, "0")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    snap = drawn(qtbot, window, lambda s: s.lead.params.tolist() == [0.0, 0.0])
    assert snap.lead.status == "stuck"
    qtbot.waitUntil(lambda: "saddle point" in window.formulas.toPlainText(), timeout=2000)
    assert "stuck at step 0" in window.status.text()


# --- item 4: a new activation or loss keeps the runs going ------------------------------------------


# Opening a combo box's list on the offscreen platform, which can neither grab the keyboard for it nor
# raise a window.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard",
                                  "This plugin does not support raise")


def choose(qtbot, combo, data):
    """Pick an entry of a combo box as a user does: click it open, walk its list with the arrow keys,
    press Return. (The list ignores a click that comes right after it opened.)"""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    target = combo.findData(data)
    while view.currentIndex().row() != target:
        key = Qt.Key.Key_Down if view.currentIndex().row() < target else Qt.Key.Key_Up
        qtbot.keyClick(view, key)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)
    combo.window().activateWindow()  # as a window manager does once the list has closed


@POPUP
def test_lesson_4_a_new_activation_keeps_w_b_the_step_and_eta_and_offers_the_new_eta(qtbot, window):
    session, controls = window.session, window.controls
    press(qtbot, window, Qt.Key.Key_4)  # the sigmoid neuron at η = 0.3
    press(qtbot, window, Qt.Key.Key_Right, times=3)
    before = drawn(qtbot, window, lambda s: s.lead.step == 3)
    choose(qtbot, controls.activation, "tanh")  # tanh
    assert session.setup.activation == "tanh" and session.problem.activation.name == "tanh"
    snap = drawn(qtbot, window, lambda s: s.problem is session.problem)
    track = snap.lead
    assert (track.step, track.status, snap.playing) == (3, "running", False)
    np.testing.assert_array_equal(track.params, before.lead.params)  # w and b stay
    assert track.hyperparameters["lr"] == 0.3 and controls.hyperparameter_fields["lr"].value() == 0.3
    np.testing.assert_array_equal(track.history_params, before.lead.history_params)  # the path so far
    _, grad = session.problem.loss_and_grad(track.params)
    np.testing.assert_array_equal(track.gradient, grad[0])  # on the new problem
    # η was not changed silently: the status bar offers the new problem's suggestion
    assert window.lr_offer.isVisible()
    assert window.lr_offer.label.text() == (
        f"η stays 0.3000 (suggested: {format_number(session.problem.lr)})")
    press(qtbot, window, Qt.Key.Key_Right)
    stepped = drawn(qtbot, window, lambda s: s.lead.step == 4)
    np.testing.assert_array_equal(stepped.lead.params, track.params - 0.3 * grad[0])  # θ ← θ − η·g
    assert stepped.lead.history_step.tolist() == [0, 1, 2, 3, 4]

    qtbot.mouseClick(window.lr_offer.button, Qt.MouseButton.LeftButton)
    assert session.hyperparameters(0)["lr"] == session.problem.lr
    assert not window.lr_offer.isVisible()
    press(qtbot, window, Qt.Key.Key_Right)
    taken = drawn(qtbot, window, lambda s: s.lead.step == 5)
    assert taken.lead.hyperparameters["lr"] == session.problem.lr


@POPUP
def test_a_new_activation_while_playing_keeps_playing_from_where_it_was(qtbot, window):
    controls = window.controls
    press(qtbot, window, Qt.Key.Key_4)
    press(qtbot, window, Qt.Key.Key_Space)
    playing = drawn(qtbot, window, lambda s: s.playing and s.lead.step >= 3)
    choose(qtbot, controls.activation, "tanh")
    later = drawn(qtbot, window,
                  lambda s: s.problem.activation.name == "tanh" and s.lead.step > playing.lead.step)
    assert later.playing and later.lead.status == "running"
    assert later.lead.history_step.tolist() == list(range(later.lead.step + 1))  # no restart, no gap
    press(qtbot, window, Qt.Key.Key_Space)


@POPUP
def test_a_stuck_run_learns_once_the_activation_has_a_slope(qtbot, window):
    session, controls = window.session, window.controls
    press(qtbot, window, Qt.Key.Key_5)  # the step function, stuck at step 0
    drawn(qtbot, window, lambda s: s.lead.status == "stuck")
    choose(qtbot, controls.activation, "sigmoid")
    assert session.setup.activation == "sigmoid"
    snap = drawn(qtbot, window, lambda s: s.problem.activation.name == "sigmoid")
    assert (snap.lead.status, snap.lead.step) == ("running", 0)
    assert window.controls.step_button.isEnabled()
    press(qtbot, window, Qt.Key.Key_Right)
    moved = drawn(qtbot, window, lambda s: s.lead.step == 1)
    assert not np.array_equal(moved.lead.params, snap.lead.params)


@POPUP
def test_a_loss_the_activation_cannot_take_is_refused_and_changes_nothing(qtbot, window):
    session, controls = window.session, window.controls
    press(qtbot, window, Qt.Key.Key_4)
    choose(qtbot, controls.activation, "tanh")  # tanh: outputs in (−1, 1), no probability
    before = session.setup
    choose(qtbot, controls.loss, "bce")  # bce
    assert session.setup is before and controls.loss.currentData() == "sse"
    assert "loss 'bce' needs an activation whose output lies in (0, 1)" in window.error.text()


@POPUP
def test_a_problem_that_cannot_go_on_from_the_runs_point_is_refused_and_undone(qtbot, window):
    session, controls = window.session, window.controls
    session.set_problem("neuron")
    session.set_data("line")
    choose(qtbot, controls.activation, "tanh")  # tanh: at w = 1e60 every output is ±1
    assert session.set_start([1e60, 0.0])
    drawn(qtbot, window, lambda s: s.lead.params[0] == 1e60)
    with qtbot.waitSignal(session.error_occurred, timeout=5000) as error:
        choose(qtbot, controls.activation, "identity")  # identity: ½ Σ (1e60·x − y)² is about 1e120
    assert "cannot go on from the point (1e+60, 0.0)" in error.args[0]
    assert session.setup.activation == "tanh" and session.problem.activation.name == "tanh"
    assert controls.activation.currentData() == "tanh"
    assert "cannot go on" in window.error.text()
    snap = drawn(qtbot, window, lambda s: s.problem is session.problem)
    assert snap.lead.params[0] == 1e60
    qtbot.waitUntil(lambda: window.canvas.parameters.image.image is not None, timeout=5000)
