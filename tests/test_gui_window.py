"""The live window: stepping, pausing, η mid-run, the start by mouse, switching, divergence, closing."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from gdsim.engine import Run, make_problem
from gdsim.model.landscape import Surface


def latest(window):
    return window.session.latest


def wait_for(qtbot, window, predicate, timeout=5000):
    """Wait until the newest snapshot satisfies the predicate."""
    def check() -> bool:
        # A bool, not an assert: a failed assert would print the whole snapshot at every poll,
        # holding the interpreter lock the worker needs.
        snap = latest(window)
        return snap is not None and bool(predicate(snap))
    qtbot.waitUntil(check, timeout=timeout)
    return latest(window)


def test_window_opens_at_the_start_of_the_default_problem(window):
    snap = latest(window)
    assert window.isVisible()
    assert snap.lead.step == 0
    assert snap.lead.params.tolist() == [2.0]
    assert "step 0" in window.status.text()
    assert window.canvas.parameters.loss_curve.getData()[0] is not None


def test_play_advances_the_step_counter_and_pause_stops_it(qtbot, window):
    window.session.set_speed(100)  # at full speed x² converges (step 69) before we can look
    window.controls.play_button.click()
    wait_for(qtbot, window, lambda s: s.playing and s.lead.step >= 5)
    window.controls.play_button.click()
    paused = wait_for(qtbot, window, lambda s: not s.playing)
    assert window.controls.play_button.text() == "Play"
    with qtbot.assertNotEmitted(window.session.stepped, wait=300):
        pass
    assert latest(window).lead.step == paused.lead.step


def test_step_advances_exactly_one_step(qtbot, window):
    for expected in (1, 2, 3):
        window.controls.step_button.click()
        snap = wait_for(qtbot, window, lambda s, n=expected: s.lead.step == n)
    # x ← x − η·2x with η = 0.1 from x = 2, three times: 2 · 0.8³
    # 2 ulps a step (η·2x and the difference, η's decimal), 0.8**3 4 more for pow and 2 for the decimals
    assert snap.lead.params[0] == pytest.approx(2 * 0.8**3, rel=(2 * 3 + 6) * np.finfo(float).eps)


def test_reset_returns_to_the_start(qtbot, window):
    for _ in range(4):
        window.session.step()
    wait_for(qtbot, window, lambda s: s.lead.step == 4)
    window.controls.reset_button.click()
    snap = wait_for(qtbot, window, lambda s: s.lead.step == 0)
    assert snap.lead.params.tolist() == [2.0]
    assert snap.lead.history_step.tolist() == [0]


def test_reset_starts_over_with_the_eta_set_during_the_run(qtbot, window):
    session = window.session
    session.step()
    wait_for(qtbot, window, lambda s: s.lead.step == 1)
    session.set_hyperparameter("lr", 0.3)
    session.reset()
    wait_for(qtbot, window, lambda s: s.lead.step == 0)
    session.step()
    snap = wait_for(qtbot, window, lambda s: s.lead.step == 1)
    assert snap.lead.params[0] == pytest.approx(2.0 - 0.3 * 4.0, rel=4 * np.finfo(float).eps)  # not 1.6


def test_reset_keeps_the_speed_step_limit_and_tolerance_set_since_the_start(qtbot, window):
    session = window.session
    session.step()
    wait_for(qtbot, window, lambda s: s.lead.step == 1)
    session.set_step_limit(3)
    session.set_tolerance(0.0)
    session.set_speed(None)
    session.reset()
    session.play()
    snap = wait_for(qtbot, window, lambda s: s.finished)
    # Not the first setup's 10,000 steps and 1e-6 (which converge at step 69): held at step 3.
    assert (snap.lead.step, snap.lead.status) == (3, "step limit")


def test_changing_eta_mid_run_changes_the_next_update(qtbot, window):
    session = window.session
    session.step()
    wait_for(qtbot, window, lambda s: s.lead.step == 1)  # x = 2 − 0.1·4 = 1.6
    window.controls.hyperparameter_fields["lr"].field.setValue(0.25)
    session.step()
    snap = wait_for(qtbot, window, lambda s: s.lead.step == 2)
    # the next update used the new η: x = 1.6 − 0.25 · (2 · 1.6) = 0.8
    assert snap.lead.params[0] == pytest.approx(0.8, rel=4 * np.finfo(float).eps)  # 4 roundings
    assert snap.lead.hyperparameters["lr"] == 0.25


def test_eta_set_while_running_applies_without_a_restart(qtbot, window):
    session = window.session
    session.set_problem("rosenbrock")
    session.set_speed(None)
    session.set_step_limit(10**9)
    session.set_tolerance(0)  # never converges: it must still be running when we look
    # A small η to begin with: at the default one the worker reached (1, 1) exactly, where no η moves
    # it, within the tens of thousands of steps it can take before the change arrives.
    session.set_hyperparameter("lr", 1e-4)
    session.play()
    first = wait_for(qtbot, window, lambda s: s.playing and s.lead.step > 50)
    session.set_hyperparameter("lr", 1e-5)  # the field's least η: from now on every step is tiny
    slow = wait_for(qtbot, window, lambda s: s.lead.hyperparameters["lr"] == 1e-5)
    later = wait_for(qtbot, window, lambda s: s.lead.step > slow.lead.step + 100)
    session.pause()
    assert later.lead.step > slow.lead.step > first.lead.step  # it kept running: no restart
    # SGD keeps no state: the steps since are those of a run started where it was, at η = 1e-5
    alone = Run(session.problem, "sgd", slow.lead.params, {"lr": 1e-5}, tol=0.0, step_limit=10**9)
    alone.advance(later.lead.step - slow.lead.step)
    assert np.array_equal(later.lead.params, alone.params[0])
    assert not np.array_equal(later.lead.params, slow.lead.params)


def test_clicking_on_the_landscape_sets_the_start(qtbot, window):
    session = window.session
    session.set_problem("himmelblau")
    qtbot.waitUntil(lambda: window.canvas.parameters.image.image is not None, timeout=5000)
    view = window.canvas.parameters
    vb = view.getPlotItem().getViewBox()
    target = QPointF(-2.5, 1.5)
    scene_pos = vb.mapViewToScene(target)
    widget_pos = view.mapFromScene(scene_pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(widget_pos.x(), widget_pos.y()))
    qtbot.waitUntil(lambda: session.setup.start is not None, timeout=3000)
    pixel = vb.viewPixelSize()
    assert session.setup.start[0] == pytest.approx(target.x(), abs=2 * pixel[0])
    assert session.setup.start[1] == pytest.approx(target.y(), abs=2 * pixel[1])
    snap = wait_for(qtbot, window, lambda s: s.lead.step == 0 and s.lead.params[0] == session.setup.start[0])
    assert window.controls.start_fields[0].value() == pytest.approx(session.setup.start[0], abs=1e-4)
    assert snap.lead.params.tolist() == list(session.setup.start)


def test_switching_problem_activation_and_optimizer_redraws(qtbot, window):
    session = window.session
    with qtbot.waitSignal(session.landscape_changed, timeout=5000) as landscape:
        window.controls.problem.setCurrentIndex(window.controls.problem.findData("rosenbrock"))
        window.controls.problem.activated.emit(window.controls.problem.currentIndex())
    assert isinstance(landscape.args[0], Surface)
    assert window.canvas.parameters.image.image.shape == (200, 200)
    assert window.canvas.slices[0].isVisible()

    with qtbot.waitSignal(session.landscape_changed, timeout=5000):
        session.set_problem("neuron")
    sigmoid_image = np.array(window.canvas.parameters.image.image)
    combo = window.controls.activation
    with qtbot.waitSignal(session.landscape_changed, timeout=5000) as landscape:
        combo.setCurrentIndex(combo.findData("tanh"))
        combo.activated.emit(combo.currentIndex())
    assert session.problem.activation.name == "tanh"
    assert not np.array_equal(landscape.args[0].image, sigmoid_image)

    tick_only(window.controls.optimizers, "adam")
    assert [c.optimizer for c in session.setup.contenders] == ["adam"]
    assert set(window.controls.hyperparameter_fields) == {"lr", "beta1", "beta2", "eps"}
    session.step()
    snap = wait_for(qtbot, window, lambda s: s.lead.step == 1)
    qtbot.waitUntil(lambda: window.canvas.last_drawn is snap, timeout=2000)


def tick_only(optimizers, name):
    """Tick one optimizer in the list and untick the others, as a user would (ticked first, so
    there is always one)."""
    rows = {optimizers.item(row).data(Qt.ItemDataRole.UserRole): row for row in range(optimizers.count())}
    optimizers.item(rows[name]).setCheckState(Qt.CheckState.Checked)
    for other, row in rows.items():
        if other != name:
            optimizers.item(row).setCheckState(Qt.CheckState.Unchecked)


def test_a_diverging_run_ends_as_diverged_and_the_window_still_works(qtbot, window):
    session = window.session
    session.set_hyperparameter("lr", 1.5)
    session.set_speed(None)
    session.play()
    snap = wait_for(qtbot, window, lambda s: s.lead.status == "diverged", timeout=10000)
    assert not snap.playing
    assert np.isfinite(snap.lead.params).all() and np.isfinite(snap.lead.history_loss).all()
    qtbot.waitUntil(lambda: "diverged at step" in window.status.text(), timeout=2000)
    # x_n = 2·(−2)ⁿ passes the divergence limit 1e100 in its square between n = 165 and 166
    assert snap.lead.stopped_at == 165
    session.reset()
    wait_for(qtbot, window, lambda s: s.lead.step == 0 and s.lead.status == "running")
    session.set_hyperparameter("lr", 0.1)
    session.step()
    snap = wait_for(qtbot, window, lambda s: s.lead.step == 1)
    assert snap.lead.params[0] == pytest.approx(1.6, rel=4 * np.finfo(float).eps)


def test_closing_while_running_stops_and_joins_the_worker(qtbot):
    from gdsim.app import create_window

    win = create_window()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.session.latest is not None, timeout=5000)
    win.session.set_problem("rosenbrock")
    win.session.set_speed(None)
    win.session.play()
    qtbot.waitUntil(lambda: win.session.latest is not None and win.session.latest.lead.step > 100,
                    timeout=5000)
    win.close()
    assert win.session.shut_down.joined and not win.session.threads_running
    # nor does a timer of the closed window tick on (it stays alive until it is deleted)
    from PySide6.QtCore import QTimer
    assert [t for t in win.findChildren(QTimer) if t.isActive()] == []


def test_a_window_deleted_without_closing_it_raises_nothing(qtbot):
    """As a script that made a window and never closed it ends: its docks hide while it is deleted."""
    import shiboken6

    from gdsim.app import create_window

    win = create_window()
    win.show()
    qtbot.waitUntil(lambda: win.session.latest is not None, timeout=5000)
    assert win.session.shutdown().joined
    shiboken6.delete(win)  # pytest-qt fails the test on an exception raised in a slot meanwhile
    assert not shiboken6.isValid(win)


def test_the_tangent_slope_equals_the_engines_gradient(qtbot, window):
    session = window.session
    session.set_start([1.3])
    for _ in range(2):
        session.step()
    snap = wait_for(qtbot, window, lambda s: s.lead.step == 2)
    qtbot.waitUntil(lambda: window.canvas.last_drawn is snap, timeout=2000)
    x, y = window.canvas.parameters.tangent.getData()
    slope = (y[1] - y[0]) / (x[1] - x[0])
    _, grad = make_problem("parabola").loss_and_grad(snap.lead.params)
    # The tangent's ends round within an ulp of |y| and of |x|: over x₁ − x₀ that is the slope's error.
    assert slope == pytest.approx(grad[0, 0], abs=4 * np.finfo(float).eps / abs(x[1] - x[0])
                                  * (abs(y[0]) + abs(y[1]) + abs(slope) * (abs(x[0]) + abs(x[1]))))
    assert "slope L′(x) = " in window.canvas.parameters.slope_label.textItem.toPlainText()


def one_step_drawn(qtbot, window, problem):
    """Switch to the problem, take one step, and wait until the canvas has drawn it."""
    window.session.set_problem(problem)
    window.session.step()
    snap = wait_for(qtbot, window, lambda s: s.lead.step == 1)
    qtbot.waitUntil(lambda: window.canvas.last_drawn is snap, timeout=2000)
    return snap


def test_the_slice_tangents_are_the_partial_derivatives(qtbot, window):
    session = window.session
    snap = one_step_drawn(qtbot, window, "linreg")
    _, grad = session.problem.loss_and_grad(snap.lead.params)
    for view in window.canvas.slices:
        x, y = view.tangent.getData()
        assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(
            grad[0, view.index], abs=4 * np.finfo(float).eps / abs(x[1] - x[0])
            * (abs(y[0]) + abs(y[1]) + abs(grad[0, view.index]) * (abs(x[0]) + abs(x[1]))))
    name = session.problem.param_names[0]
    assert f"∂L/∂{name}" in window.canvas.slices[0].label.textItem.toPlainText()


def test_a_malformed_csv_changes_nothing_and_says_why(qtbot, window, tmp_path, loaded):
    session = window.session
    session.set_problem("linreg")
    before = session.setup
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,oops\n")
    with qtbot.waitSignal(session.error_occurred, timeout=2000) as error:
        assert not loaded(session, lambda: session.set_data(str(bad)))
    assert "line 3" in error.args[0] and "oops" in error.args[0]
    assert session.setup is before
    assert "line 3" in window.error.text()


def test_the_data_view_shows_the_model_for_dataset_problems(qtbot, window):
    session = window.session
    snap = one_step_drawn(qtbot, window, "linreg")
    assert window.canvas.data.isVisible()
    x, y = window.canvas.data.model.getData()
    w, b = snap.lead.params
    np.testing.assert_array_equal(y, w * x + b)  # the same two roundings as the view's
    px, py = window.canvas.data.points.getData()
    np.testing.assert_array_equal(py, session.problem.dataset.y)


def test_the_worker_waits_while_the_views_on_screen_paint_a_frame(qtbot, window):
    session, canvas = window.session, window.canvas
    session.set_problem("rosenbrock")
    wait_for(qtbot, window, lambda s: s.lead.params.shape == (2,))
    assert canvas.views_on_screen() == {canvas.parameters, *canvas.slices, canvas.losses}
    canvas.draw(session.latest)
    assert session.painting  # the worker waits until every view has painted this frame
    qtbot.waitUntil(lambda: not session.painting, timeout=2000)


def test_the_runs_drawn_step_on_the_sessions_problem_and_reset_reads_no_data_again(qtbot, window, tmp_path,
                                                                                   loaded):
    session = window.session
    csv = tmp_path / "points.csv"
    csv.write_text("x,y\n0,1\n1,3\n2,5.5\n", encoding="utf-8")
    session.set_problem("linreg")
    assert loaded(session, lambda: session.set_data(str(csv)))
    snap = wait_for(qtbot, window, lambda s: s.problem.name == "linreg")
    assert snap.problem is session.problem  # one Problem: the views draw the worker's
    csv.unlink()
    session.step()
    wait_for(qtbot, window, lambda s: s.lead.step == 1)
    session.reset()  # fresh runs on the problem built before: the file is not read again
    snap = wait_for(qtbot, window, lambda s: s.lead.step == 0)
    assert session.set_start([0.5, 0.5])
    snap = wait_for(qtbot, window, lambda s: s.lead.params.tolist() == [0.5, 0.5])
    assert snap.problem is session.problem and snap.problem.dataset.y.tolist() == [1.0, 3.0, 5.5]


def test_a_stall_while_a_frame_is_painted_delays_the_next_frame_only_a_moment(qtbot, window, monkeypatch):
    """The window may be busy elsewhere between a frame's start and its paint (a lesson loading):
    that time must not count as the frame's own cost, which sets the pause before the next."""
    import types

    import gdsim.ui.canvas as canvas_module

    real = canvas_module.time.perf_counter
    stall = [0.0]
    monkeypatch.setattr(canvas_module, "time", types.SimpleNamespace(perf_counter=lambda: real() + stall[0]))
    session = window.session
    session.set_hyperparameter("lr", 1e-5)  # x moves by 0.00004 a step: it plays throughout the test
    session.set_speed(30)
    session.play()
    qtbot.waitUntil(lambda: window.canvas.last_drawn is not None and window.canvas.last_drawn.lead.step > 0)

    def stall_five_seconds(snap):
        window.canvas.drawn.disconnect(stall_five_seconds)
        stall[0] += 5.0  # as if 5 s passed between this frame's start and its paint

    window.canvas.drawn.connect(stall_five_seconds)
    qtbot.waitUntil(lambda: stall[0] > 0)
    stalled = window.canvas.last_drawn.lead.step
    # Without the cap the next frame would wait 5 s × (1/0.4 − 1) = 7.5 s.
    qtbot.waitUntil(lambda: window.canvas.last_drawn.lead.step > stalled + 3, timeout=2000)
    session.pause()
