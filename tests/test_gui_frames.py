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


class _Box:
    """A view box 400 × 300 pixels showing x in [0, 4] and y in [0, 3]: 100 pixels a unit."""

    def viewRange(self):  # noqa: N802 (pyqtgraph's name)
        return [[0.0, 4.0], [0.0, 3.0]]

    def width(self):
        return 400.0

    def height(self):
        return 300.0


def test_a_label_goes_where_it_covers_least_and_not_over_another(qtbot):
    import pyqtgraph as pg

    from gdsim.ui.placement import Placer

    crowd = np.column_stack([np.linspace(0.05, 0.3, 50), np.full(50, 2.9)])  # in the top left corner
    placer = Placer(_Box(), crowd)
    spots = [(0.0, 3.0, 0.0, 0.0), (4.0, 3.0, 1.0, 0.0), (4.0, 0.0, 1.0, 1.0)]  # top left, top right, …
    first, second, third = (pg.TextItem("label"), pg.TextItem("label"), pg.TextItem("label"))
    placer.place(first, spots)
    assert first.pos().x() == 4.0 and first.pos().y() == 3.0  # the top left is crowded
    placer.place(second, spots)
    assert (second.pos().x(), second.pos().y()) == (4.0, 0.0)  # not over the first
    placer.add_obstacles([[3.9, 0.1]], weight=5000)
    placer.place(third, spots)
    assert (third.pos().x(), third.pos().y()) == (0.0, 3.0)  # the crowd costs less than those
