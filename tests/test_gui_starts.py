"""Runs of their own start (lesson 12) and Adam's step without its bias correction (lesson 11), in the
window as a user opens and drives it."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from test_gui_views import box_of, drawn, open_lesson, step


@pytest.fixture
def window(window, qtbot):
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    return window


def watch(qtbot, window, index: int) -> None:
    """Open the Watch list and pick run ``index`` with the keys, as a user does."""
    controls = window.controls
    qtbot.mouseClick(controls.watched, Qt.MouseButton.LeftButton)
    view = controls.watched.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    for _ in range(index - controls.watched.currentIndex()):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.setup.watched == index, timeout=2000)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen
def test_lesson_12_runs_each_from_its_own_start_and_a_click_starts_them_all_there(qtbot, window):
    snap = open_lesson(qtbot, window, 12)
    lesson = next(lesson for lesson in window.lessons if lesson.number == 12)
    starts = [c.start for c in lesson.setup.contenders]
    assert [t.start for t in snap.tracks] == starts
    assert [tuple(t.params) for t in snap.tracks] == starts
    controls, view = window.controls, window.canvas.parameters
    assert [controls.watched.itemText(i).split(", ", 1)[1] for i in range(4)] == [
        "from (0.13, −0.52)", "from (−0.67, −0.52)", "from (−0.67, −1.32)", "from (0.13, −1.32)"]
    # the start fields and the start marker follow the watched run
    assert [f.value() for f in controls.start_fields] == [0.13, -0.52]
    watch(qtbot, window, 2)
    assert [f.value() for f in controls.start_fields] == [-0.67, -1.32]
    snap = drawn(qtbot, window, lambda s: s.watched == 2)
    assert snap.start == (-0.67, -1.32)
    np.testing.assert_allclose(tuple(view.start_marker.pos()), (-0.67, -1.32))
    # stepping: each run goes downhill from its own start
    snap = step(qtbot, window, 3)
    for track, start in zip(snap.tracks, starts, strict=True):
        assert track.history_params[0].tolist() == list(start) and track.loss < track.history_loss[0]
    # a click on the landscape starts every run there
    vb = box_of(view)
    target = vb.mapViewToScene(QPointF(2.0, 1.0))
    pos = view.mapFromScene(target)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))
    qtbot.waitUntil(lambda: window.session.setup.start is not None, timeout=3000)
    new = window.session.setup.start
    assert all(c.start is None for c in window.session.setup.contenders)
    snap = drawn(qtbot, window, lambda s: s.lead.step == 0 and s.start == new)
    assert all(t.start == new and tuple(t.params) == new for t in snap.tracks)
    assert not any("from" in controls.watched.itemText(i) for i in range(4))


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen
def test_lesson_11_the_formulas_show_adams_first_step_with_and_without_the_correction(qtbot, window):
    snap = open_lesson(qtbot, window, 11)
    text = " ".join(window.formulas.toPlainText().split())
    # t = 1: m = 0.1·g, v = 0.001·g², m* = g, v* = g²; the step −η·sign(g), and 3.162 times as long without
    assert "m* = m / (1 − β₁ᵗ) = (−0.9000, 4.000) / 0.1000 = (−9.000, 40.00)" in text
    assert "without the correction the step would be 3.162 times as long:" in text
    assert "= (0.9487, −0.9487)" in text  # −0.3 × 0.1·g / √(0.001·g²) = 0.3·√10 · (1, −1)
    assert snap.watched_track.next_params.tolist() == pytest.approx([-8.7, 1.7], abs=1e-8)
    step(qtbot, window, 9)  # t = 10: 6.528 times
    qtbot.waitUntil(lambda: "6.528 times as long" in window.formulas.toPlainText(), timeout=3000)
