"""Learning-rate schedules in the window (issue 11, item 5): the η schedule box of the watched run, η
per step beside the loss, and lesson 13, driven as a user drives them: number keys, the schedule list,
typing into its fields, R, Space."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from test_gui_fields import click_into, focused
from test_gui_views import choose, drawn, open_lesson, press, step

from gdsim.engine.schedules import Schedule

POPUP = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")


@pytest.fixture
def window(window, qtbot):
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    return window


def run_to_the_end(qtbot, window):
    session = window.session
    session.set_speed(None)
    press(qtbot, window, Qt.Key.Key_Space)
    return drawn(qtbot, window, lambda s: s.finished, timeout=20_000)


def test_lesson_13_shows_eta_per_step_beside_the_loss(qtbot, window):
    canvas = window.canvas
    open_lesson(qtbot, window, 1)
    assert not canvas.lr_shown  # no run has a schedule
    open_lesson(qtbot, window, 13)
    assert canvas.lr_shown and canvas.lr.isVisible()
    loss_box, lr_box = canvas.losses.geometry(), canvas.lr.geometry()
    assert lr_box.left() >= loss_box.right() and lr_box.top() == loss_box.top()  # beside the loss
    snap = run_to_the_end(qtbot, window)
    assert [t.status for t in snap.tracks] == ["step limit", "converged", "converged", "converged"]
    assert [t.stopped_at for t in snap.tracks] == [200, 37, 14, 43]
    for curve, track in zip(canvas.lr.curves, snap.tracks, strict=True):
        steps, etas = curve.getData()
        kept = track.history_step <= track.stopped_at  # to where the run stopped
        np.testing.assert_array_equal(steps, track.history_step[kept])
        np.testing.assert_array_equal(etas, track.history_lr[kept])
        assert steps[-1] == track.stopped_at
    steps, etas = canvas.lr.curves[1].getData()  # step decay: 1 for 20 updates, then 0.7
    assert set(etas[steps <= 20]) == {1.0} and np.allclose(etas[steps > 20], 0.7) and steps[-1] == 37
    # the names say which run decays how; the controls show the watched run's schedule
    assert [e.text for e in canvas.losses.legend.entries[:4]][1].endswith("Step decay")
    assert window.controls.schedule.kind.currentData() == "constant"  # the first run: none


@POPUP
def test_a_schedule_chosen_and_typed_in_rescues_the_first_run_after_reset(qtbot, window):
    """Lesson 13's last claim, as a teacher does it: 1/t decay with d = 0.1 for the first run, R, Space."""
    open_lesson(qtbot, window, 13)
    controls, session = window.controls, window.session
    assert session.setup.watched == 0
    choose(qtbot, controls.schedule.kind, "inverse-time")
    assert session.setup.contenders[0].schedule == Schedule("inverse-time")  # its defaults: d = 0.01
    field = controls.schedule.fields["decay"]
    click_into(qtbot, window, field)
    qtbot.keyClicks(focused(), "0.1")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert session.setup.contenders[0].schedule == Schedule("inverse-time", decay=0.1)
    assert focused() is window.canvas  # the keys work again
    assert "1/t decay" in controls.watched.currentText()
    press(qtbot, window, Qt.Key.Key_R)
    drawn(qtbot, window, lambda s: s.lead.step == 0)
    snap = run_to_the_end(qtbot, window)
    first = snap.tracks[0]
    assert first.status == "converged" and first.stopped_at == 11 and first.params[0] == 0.0
    assert first.history_lr[first.history_step == 11][0] == 0.5


@POPUP
def test_a_schedule_chosen_mid_run_applies_from_the_next_update_at_the_run_s_own_t(qtbot, window):
    session, controls = window.session, window.controls
    session.set_hyperparameter("lr", 0.05)
    step(qtbot, window, 5)
    assert not window.canvas.lr_shown
    choose(qtbot, controls.schedule.kind, "exponential")
    assert window.canvas.lr_shown
    snap = step(qtbot, window, 2)
    track = snap.lead
    np.testing.assert_array_equal(track.history_lr[:6], 0.05)  # updates 1 … 5 and the start
    assert track.history_lr[6] == 0.05 * 0.99**5 and track.history_lr[7] == 0.05 * 0.99**6
    assert track.lr == 0.05 * 0.99**7  # the next update's, in the formula panel and the status bar
    qtbot.waitUntil(lambda: "η 0.04660" in window.status.text())  # 0.05·0.99⁷ = 0.046603…
    qtbot.waitUntil(lambda: window.formulas.text.values.get("schedule_factor") == 0.99**7)
    assert "Exponential decay: ηₜ = η·γ^(t − 1) (γ = 0.99)" in window.formulas.toPlainText()
    choose(qtbot, controls.schedule.kind, "constant")  # back to none: η stays lr, no η plot
    assert session.setup.contenders[0].schedule is None and not window.canvas.lr_shown


def test_a_refused_schedule_is_said_and_changes_nothing(qtbot, window):
    session, controls = window.session, window.controls
    session.set_schedule("cosine")
    before = session.setup
    assert not session.set_schedule({"name": "cosine", "floor": 2.0})
    assert session.setup is before
    assert controls.banner.isVisible() and "floor" in controls.banner_text.text()
    assert controls.schedule.kind.currentData() == "cosine"
    assert controls.schedule.fields["floor"].value() == 0.0
    assert not session.set_schedule({"name": "cosine", "gamma": 0.5})  # a parameter of another schedule
    assert "decay_steps" in controls.banner_text.text() and session.setup is before
