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
