"""What a cheaper frame must still show: the slices' labels exact once paused, points and arrows that
follow every frame, and no empty items painted (issue 8, item 15). Driven with keys, as a user does."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdsim.ui.style import format_number
from tests.test_gui_views import drawn, open_lesson, press


@pytest.fixture
def window(window, qtbot):
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    return window


def play_until(qtbot, window, steps: int):
    press(qtbot, window, Qt.Key.Key_Space)
    return drawn(qtbot, window, lambda s: s.playing and s.lead.step >= steps, timeout=10000)


def pause(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Space)
    return drawn(qtbot, window, lambda s: not s.playing, timeout=5000)


def test_slice_labels_show_the_exact_slope_once_paused(qtbot, window):
    open_lesson(qtbot, window, 10)  # seven optimizers on Beale's function
    play_until(qtbot, window, 10)
    snap = pause(qtbot, window)
    track = snap.watched_track
    for view in window.canvas.slices:
        name = snap.problem.param_names[view.index]
        assert view.label.textItem.toPlainText().replace("\n", " ") == (
            f"∂L/∂{name} = {format_number(track.gradient[view.index])}")


def test_points_arrows_and_paths_follow_every_frame_while_playing(qtbot, window):
    open_lesson(qtbot, window, 10)  # seven optimizers on Beale's function
    play_until(qtbot, window, 5)
    view = window.canvas.parameters
    seen = []
    for _ in range(4):
        before = window.canvas.last_drawn
        snap = drawn(qtbot, window, lambda s, b=before: s is not b and s.playing)
        for items, track in zip(view.tracks, snap.tracks, strict=True):
            x, y = items.trail.getData()
            assert (x[-1], y[-1]) == tuple(np.clip(track.history_params[-1], -1e300, 1e300))
            assert tuple(items.point.getData()[0]) == (track.params[0],)
        arrow = view.gradient_arrow
        if arrow.visible:
            np.testing.assert_allclose(arrow.start, snap.watched_track.params)
        end = snap.watched_track.next_params
        nx, ny = view.next_step.getData()
        assert (nx[-1], ny[-1]) == (end[0], end[1])
        seen.append(snap.lead.step)
    assert len(set(seen)) == 4
    pause(qtbot, window)


def test_no_empty_point_items_are_left_to_paint(qtbot, window):
    open_lesson(qtbot, window, 10)
    view = window.canvas.parameters
    for items in view.tracks:
        assert not items.dots.isVisible()  # the latest iterates as dots: 1-D only
    assert view.saddles.isVisible() == (len(view.saddles.data) > 0)
    assert not view.lookahead_point.isVisible()  # Nesterov's look-ahead: only in the parts of a step
    open_lesson(qtbot, window, 2)  # 1-D: the dots are the path's latest iterates
    play_until(qtbot, window, 3)
    snap = pause(qtbot, window)
    for items, _ in zip(view.tracks, snap.tracks, strict=False):
        assert items.dots.isVisible() and len(items.dots.data) > 0
    for items in view.tracks[len(snap.tracks):]:  # lesson 10's runs, gone
        assert not items.dots.isVisible()
