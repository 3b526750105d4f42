"""What the window says is what happens, driven as a teacher drives it (the Lessons keys, the menus,
the mouse): the slices follow the watched run, a new activation or loss keeps the runs going, a run
whose gradient vanishes on a flat activation is stuck, and the formula panel reads right."""

import html
import re

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdsim.engine import OPTIMIZERS
from gdsim.model import snapshot
from gdsim.model.build import build
from gdsim.model.setup import Contender, Setup
from gdsim.ui.formula import describe
from gdsim.ui.style import format_number


@pytest.fixture
def window(window, qtbot):
    """The window, once it has read its lessons (just after its first frame)."""
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    return window


def drawn(qtbot, window, predicate, timeout=5000):
    """Wait until Qt has painted a snapshot that satisfies the predicate (and the texts that follow
    the run show it)."""
    def check() -> bool:  # a bool: a failed assert would print the snapshot at every poll
        snap = window.canvas.last_painted
        return snap is not None and bool(predicate(snap))
    qtbot.waitUntil(check, timeout=timeout)
    return window.canvas.last_painted


def press(qtbot, window, key, times=1):
    """Press a key of the window. Its shortcuts answer while it is the active window; the offscreen
    platform sometimes lets go of it (after a dock is shown), where a user would click into it."""
    if not window.isActiveWindow():
        window.activateWindow()
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
    press(qtbot, window, Qt.Key.Key_8)  # the ravine: gradient descent and momentum side by side
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
        look = window.appearance.run(1)  # the point is drawn as momentum's, not gradient descent's
        assert view.point.opts["brush"].color().name().upper() == look.color.upper()
        assert view.point.opts["symbol"] == look.symbol


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
    # Still playing, unless tanh has already ended the run: from the larger w of a later switch (a
    # loaded machine) it saturates within a few steps and the run is stuck, which ends playing.
    assert later.playing == (later.lead.status == "running"), later.lead.status
    assert later.lead.history_step.tolist() == list(range(later.lead.step + 1))  # no restart, no gap
    if later.playing:
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


# --- items 16 and 17: the formula panel reads right ---------------------------------------------------


def panel_text(snap) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", describe(snap.problem, snap.watched_track).html))


def snapshot_of(setup, steps):
    built = build(setup)
    for run in built.runs:
        run.advance(steps)
    return snapshot.take(built.runs, 0, False, 10, built.setup.starts_of(built.problem), built.setup.watched)


# Each optimizer on problems whose gradients and steps have either sign, a few steps in.
PANEL_CASES = [(problem, name, steps) for name in OPTIMIZERS
               for problem, steps in (("parabola", 3), ("ravine", 2), ("rosenbrock", 5))]


@pytest.mark.parametrize(("problem", "name", "steps"), PANEL_CASES)
def test_formula_panel_never_writes_plus_minus_or_times_minus(qapp, problem, name, steps):
    text = panel_text(snapshot_of(Setup(problem, contenders=(Contender(name),)), steps))
    assert "−" in text  # negative numbers are there …
    for bad in ("+ −", "× −", "- −", "− −"):  # … but never after an operator
        assert bad not in text, (bad, text)
    assert "∂f" not in text and "∂E" not in text and "E =" not in text  # the loss is L throughout


def test_formula_panel_one_variable_has_a_derivative_two_have_partial_derivatives(qapp):
    one = panel_text(snapshot_of(Setup("parabola"), 1))
    assert "Derivative" in one and "partial" not in one and "L′(x) = 2x" in one
    two = panel_text(snapshot_of(Setup("ravine"), 1))
    assert "Gradient (partial derivatives)" in two and "∂L/∂x = x" in two and "∂L/∂y = 20y" in two


@pytest.mark.parametrize(("problem", "activation", "rule"), [
    ("neuron", "sigmoid", "δ = (y − ŷ)·f′(h),  f′(h) = f(h)(1 − f(h))"),
    ("neuron", "tanh", "δ = (y − ŷ)·f′(h),  f′(h) = 1 − f(h)²"),
    ("neuron", "relu", "δ = (y − ŷ)·f′(h),  f′(h) = 1 if h > 0 else 0"),
    ("linreg", None, "h = w·x + b,  ŷ = h,  δ = y − ŷ  (f′(h) = 1)"),
])
def test_delta_rule_states_each_activations_derivative_once(qapp, problem, activation, rule):
    text = panel_text(snapshot_of(Setup(problem, activation=activation), 1))
    assert rule in text
    assert "f′(h) = (y − ŷ)·f′(h)" not in text  # not "δ = (y − ŷ)·f′(h) = (y − ŷ)·f′(h)"
    assert "L = ½ Σ (y − ŷ)²" in text and "the tutorial calls this error E" in text


def test_nadam_writes_both_products_and_defines_v_star(qapp):
    snap = snapshot_of(Setup("rosenbrock", contenders=(Contender("nadam"),)), 3)
    text = panel_text(snap)
    assert "1 − Π μ" not in text
    assert "(1 − μₜ)·g / (1 − Πₜ) + μₜ₊₁·m / (1 − Πₜ₊₁)" in text and "Πₜ = μ₁·μ₂·…·μₜ" in text
    assert "v*: the running mean of g² corrected for starting at zero" in text
    # the products shown are the engine's: Π₄ = μ₁μ₂μ₃μ₄ (the next step is t = 4)
    b1, psi = 0.9, 0.004
    mu = [b1 * (1 - 0.5 * 0.96 ** (t * psi)) for t in range(1, 6)]
    assert f"Πₜ = {format_number(np.prod(mu[:4]))}" in text
    assert f"Πₜ₊₁ = Πₜ·μₜ₊₁ = {format_number(np.prod(mu))}" in text


def test_the_delta_rule_is_the_step_only_for_gradient_descent(qtbot, window):
    press(qtbot, window, Qt.Key.Key_4)  # the sigmoid neuron under SSE, gradient descent
    press(qtbot, window, Qt.Key.Key_Right)
    drawn(qtbot, window, lambda s: s.lead.step == 1)
    qtbot.waitUntil(lambda: "This is the step gradient descent takes." in window.formulas.toPlainText())
    values, track = window.formulas.text.values, window.canvas.last_drawn.lead
    # η·Σ δ·x is the step taken, up to the rounding of θ + Δθ − θ: an ulp of θ and one of the new θ
    np.testing.assert_allclose(values["delta_step"], values["step"], rtol=0, atol=2 * np.finfo(float).eps
                               * np.abs([track.params, track.next_params]).max())
    click_optimizer(qtbot, window, "adam")  # a click on its name ticks nothing: tick it, then watch it
    window.controls.optimizers.item(6).setCheckState(Qt.CheckState.Checked)
    click_optimizer(qtbot, window, "adam")
    press(qtbot, window, Qt.Key.Key_Right)
    drawn(qtbot, window, lambda s: s.watched == 1 and s.tracks[1].step == 1)
    qtbot.waitUntil(lambda: "Next step of Adam" in window.formulas.toPlainText())
    text = window.formulas.toPlainText()
    assert "This is the plain gradient step, for comparison: Adam starts from the same gradient" in text
    values = window.formulas.text.values
    assert np.abs(values["delta_step"] - values["step"]).max() > 1e-3  # Adam's step is another
