"""Teaching aids in the window: the live formulas, the parts of an update, several optimizers at once."""

import html

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdsim.engine import OPTIMIZERS, Run, make_problem
from gdsim.model import snapshot
from gdsim.model.build import build
from gdsim.model.setup import Contender, Setup
from gdsim.ui.formula import describe


def drawn(qtbot, window, predicate, timeout=5000):
    """Wait until Qt has painted a snapshot that satisfies the predicate (and the texts that follow
    the run show it)."""
    def check() -> bool:
        # A bool, not an assert: a failed assert would print the whole snapshot at every poll,
        # holding the interpreter lock the worker needs.
        snap = window.canvas.last_painted
        return snap is not None and bool(predicate(snap))
    qtbot.waitUntil(check, timeout=timeout)
    return window.canvas.last_painted


def test_formula_panel_shows_the_tangent_and_step_of_the_tutorial(qtbot, window):
    drawn(qtbot, window, lambda s: s.lead.step == 0)
    qtbot.waitUntil(lambda: "Next step" in window.formulas.toPlainText(), timeout=2000)
    values = window.formulas.text.values
    # L(x) = x² at x = 2: L′(x) = 2x = 4; with η = 0.1 the step is −0.4 and x becomes 1.6
    np.testing.assert_array_equal(values["gradient"], [4.0])
    # The decimals 0.1, 0.4 and 1.6, η·4 and 2 − 0.4 (the step is next − x): 4 ulps of numbers up to 2.
    np.testing.assert_allclose(values["step"], [-0.4], rtol=0, atol=4 * np.finfo(float).eps * 2)
    np.testing.assert_allclose(values["next"], [1.6], rtol=0, atol=4 * np.finfo(float).eps * 2)
    text = window.formulas.toPlainText()
    assert "L′(x) = 2x = 4.000" in text and "θ ← 2.000 − 0.4000 = 1.600" in text


def test_formula_panel_numbers_equal_the_engines_for_momentum(qtbot, window):
    session = window.session
    session.set_problem("rosenbrock")
    session.set_contenders(["momentum"])
    for _ in range(3):
        session.step()
    drawn(qtbot, window, lambda s: s.lead.step == 3)
    qtbot.waitUntil(lambda: window.formulas.text.values.get("t") == 4, timeout=2000)
    values = window.formulas.text.values
    # the same run in the engine: three steps, then the fourth
    run = Run(make_problem("rosenbrock"), "momentum", [-1.2, 1.0])
    run.advance(3)
    grad = run.gradient[0]
    b_before = run.state.buffers["b"][0].copy()
    run.advance(1)
    np.testing.assert_array_equal(values["update_gradient"], grad)
    np.testing.assert_array_equal(values["b"], run.state.buffers["b"][0])
    np.testing.assert_array_equal(values["b"], 0.9 * b_before + grad)  # the engine's two roundings
    np.testing.assert_array_equal(values["next"], run.params[0])


def test_formula_panel_delta_rule_matches_a_direct_computation(qtbot, window):
    session = window.session
    session.set_problem("neuron")  # sigmoid, sse, pass-fail
    session.step()
    snap = drawn(qtbot, window, lambda s: s.lead.step == 1)
    qtbot.waitUntil(lambda: "delta_x" in str(window.formulas.text.values.keys())
                    and window.formulas.text.values["t"] == 2, timeout=2000)
    values = window.formulas.text.values
    data = session.problem.dataset
    w, b = snap.lead.params
    yhat = 1 / (1 + np.exp(-(w * data.X[:, 0] + b)))
    delta = (data.y - yhat) * yhat * (1 - yhat)  # δ = (y − ŷ)·σ(h)(1 − σ(h))
    # The engine sums the 40 samples in its own order (40 + 1 ulps of Σ|δ·x|); each δ = (y − ŷ)·ŷ(1 − ŷ)
    # is within 2·(2·4 + 8) ulps of (|y| + ŷ) on the two sides (exp within 4 ulps, then 8 roundings).
    np.testing.assert_allclose(values["sum_delta_x"], [delta @ data.X[:, 0], delta.sum()], rtol=0,
                               atol=(40 + 1 + 32) * np.finfo(float).eps
                               * ((np.abs(data.y) + yhat) @ (1 + np.abs(data.X[:, 0]))))
    assert values["delta"] == pytest.approx(delta[0],
                                            abs=32 * np.finfo(float).eps * (abs(data.y[0]) + yhat[0]))
    lr = snap.lead.hyperparameters["lr"]
    # for plain descent the step is exactly the delta rule Δw = η Σ δ x
    # as above, times η, plus the step's own roundings (next − x: an ulp of x and of next each)
    np.testing.assert_allclose(values["step"], lr * np.array([delta @ data.X[:, 0], delta.sum()]),
                               rtol=0, atol=np.finfo(float).eps
                               * (lr * (40 + 1 + 34) * ((np.abs(data.y) + yhat) @ (1 + np.abs(data.X[:, 0])))
                                  + 2 * np.abs([snap.lead.params, snap.lead.next_params]).max()))


def test_several_optimizers_run_side_by_side(qtbot, window):
    session = window.session
    session.set_problem("ravine")
    window.controls.optimizers.item(1).setCheckState(Qt.CheckState.Checked)  # tick Momentum
    snap = drawn(qtbot, window, lambda s: len(s.tracks) == 2)
    assert [c.optimizer for c in session.setup.contenders] == ["sgd", "momentum"]
    session.step()
    snap = drawn(qtbot, window, lambda s: s.lead.step == 1)
    sgd, momentum = snap.tracks
    np.testing.assert_array_equal(sgd.history_params[0], momentum.history_params[0])  # one start
    # momentum's first step is the plain one (b₁ = g₁); from the second on it carries velocity
    np.testing.assert_array_equal(sgd.params, momentum.params)
    session.step()
    snap = drawn(qtbot, window, lambda s: s.lead.step == 2)
    sgd, momentum = snap.tracks
    assert not np.allclose(sgd.params, momentum.params)
    view = window.canvas.parameters
    colors = {items.point.opts["brush"].color().name() for items in view.tracks[:2]}
    assert len(colors) == 2
    losses = window.canvas.losses
    assert len(losses.losses) == 2
    np.testing.assert_array_equal(losses.losses[1].getData()[1], momentum.history_loss)
    assert losses.legend.texts == ["Gradient descent", "Momentum", "‖∇L‖ of Gradient descent"]


def test_step_parts_add_up_to_the_step_taken(qtbot, window):
    session = window.session
    session.set_problem("ravine")
    session.set_contenders(["momentum"])
    window.canvas.set_step_parts(True)
    for _ in range(2):
        session.step()
    snap = drawn(qtbot, window, lambda s: s.lead.step == 2)
    track = snap.lead
    gradient, correction, step = window.canvas.parameters.part_arrows
    for arrow in (gradient, correction, step):
        assert arrow.shaft.isVisible()
    here = track.params
    lr, mu = track.hyperparameters["lr"], track.hyperparameters["momentum"]
    k = window.canvas.parameters.parts_magnified  # all three drawn k times as long, from the point
    # An arrow's ends are here + k·part, with k·part worked out as the window does: its length comes
    # back within an ulp or two of the points drawn.
    points = np.abs([here, track.next_params, gradient.end, step.end, correction.end]).max()
    np.testing.assert_allclose(gradient.end - here, k * (-lr * track.update_gradient), rtol=0,
                               atol=2 * np.finfo(float).eps * points)
    np.testing.assert_allclose(step.end - here, k * (track.next_params - here), rtol=0,
                               atol=2 * np.finfo(float).eps * points)
    # what momentum adds is the carried-over velocity −η·μ·b, from the tip of the gradient step
    np.testing.assert_array_equal(correction.start, gradient.end)  # the same here + k·(−η·g)
    # η·(μb + g) − η·g against η·μ·b: the update's and the arrows' roundings, ≤ 8 ulps of the points,
    # the update's magnified k times with the arrow
    np.testing.assert_allclose(correction.end - correction.start, -k * lr * mu * track.state_before["b"],
                               rtol=0, atol=8 * k * np.finfo(float).eps * points)
    captions = [label.textItem.toPlainText() for label in window.canvas.parameters.part_labels]
    assert captions == ["−η·∇L", "momentum: −η·μ·b", "step taken"]


def test_a_finished_run_shows_why_it_takes_no_next_step(qtbot, window):
    session = window.session
    session.set_hyperparameter("lr", 0.5)  # x ← x − 0.5·2x = 0: the minimum in one step
    session.step()
    drawn(qtbot, window, lambda s: s.lead.status == "converged")
    qtbot.waitUntil(lambda: "Converged at step 1" in window.formulas.toPlainText(), timeout=2000)
    text = window.formulas.toPlainText()
    assert "no next step" in text and "Next step" not in text
    assert "next" not in window.formulas.text.values  # no update is described, so none is claimed

    session.set_hyperparameter("lr", 1.5)
    session.reset()
    session.set_speed(None)
    session.play()
    drawn(qtbot, window, lambda s: s.lead.status == "diverged", timeout=10_000)
    qtbot.waitUntil(lambda: "Diverged at step 166" in window.formulas.toPlainText(), timeout=2000)
    assert "smaller η" in window.formulas.toPlainText()


def test_the_optimizer_clicked_in_the_list_is_the_one_watched_everywhere(qtbot, window):
    session, controls = window.session, window.controls
    session.set_problem("ravine")
    session.set_contenders(["sgd", "momentum"])
    drawn(qtbot, window, lambda s: len(s.tracks) == 2)
    qtbot.waitUntil(lambda: "Next step of Gradient descent" in window.formulas.toPlainText())
    rect = controls.optimizers.visualItemRect(controls.optimizers.item(1))  # Momentum's text
    qtbot.mouseClick(controls.optimizers.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert session.setup.watched == 1
    assert set(controls.hyperparameter_fields) == {"lr", "momentum"}
    assert controls.watched.currentIndex() == 1
    snap = drawn(qtbot, window, lambda s: s.watched == 1)
    np.testing.assert_array_equal(window.canvas.parameters.gradient_arrow.start, snap.tracks[1].params)
    qtbot.waitUntil(lambda: "Next step of Momentum" in window.formulas.toPlainText())
    qtbot.waitUntil(lambda: window.status.text().startswith("Momentum"))
    controls.optimizers.item(0).setCheckState(Qt.CheckState.Unchecked)  # Momentum alone, still watched
    assert [c.optimizer for c in session.setup.contenders] == ["momentum"] and session.setup.watched == 0


@pytest.mark.parametrize(("name", "hyperparameters"), [(name, {}) for name in OPTIMIZERS]
                         + [("rmsprop", {"momentum": 0.5})])
def test_formula_panel_writes_each_optimizers_rule_as_the_engine_states_it(qapp, name, hyperparameters):
    built = build(Setup("rosenbrock", contenders=(Contender(name, hyperparameters),)))
    built.runs[0].advance(3)
    snap = snapshot.take(built.runs, 0, False, 10, built.setup.starts_of(built.problem), 0)
    text = html.unescape(describe(snap.problem, snap.watched_track).html)
    rule = OPTIMIZERS[name].rule
    if name == "rmsprop":  # its last two lines replace the second when μ > 0
        rule = (rule[0], *rule[2:]) if hyperparameters else rule[:2]
    assert rule and all(line in text for line in rule), (rule, text)
