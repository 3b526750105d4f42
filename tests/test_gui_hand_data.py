"""Data placed by hand on the data plot, with real mouse events on the plot's viewport (data
coordinates mapped to pixels through the ViewBox) and the keys: a click adds a point, a drag moves
one, a right-click or Delete removes one, Ctrl+Z takes an edit back; a run that plays goes on from
its w, b on the changed data; Clear data leaves nothing to run on, and says so."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from gdsim.engine import load_dataset
from gdsim.model import landscape
from gdsim.model.hand_data import Points


def choose_problem(qtbot, window, name: str) -> None:
    with qtbot.waitSignal(window.session.setup_changed, timeout=5000):
        window.session.set_problem(name)
    qtbot.waitUntil(lambda: window.canvas.data_view_exists and window.canvas.data.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: window.session.latest is not None, timeout=5000)


def pixel(view, x: float, y: float) -> QPoint:
    """Where the data point (x, y) is on the view's viewport, in pixels."""
    box = view.getPlotItem().getViewBox()
    return view.mapFromScene(box.mapViewToScene(QPointF(x, y)))


def data_xy(window):
    dataset = window.session.problem.dataset
    return dataset.X[:, 0].copy(), dataset.y.copy()


def pairs(x, y) -> list:
    return sorted(zip(x.tolist(), y.tolist(), strict=True))


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key as a user presses it: to the active window (keys reach only that one)."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, key, modifier)


def click(qtbot, view, x, y, button=Qt.MouseButton.LeftButton):
    qtbot.mouseClick(view.viewport(), button, pos=pixel(view, x, y))


def drag(view, start, end, steps: int = 6):
    """Press on ``start`` (data coordinates), move to ``end`` in steps, release."""
    viewport = view.viewport()
    a, b = pixel(view, *start), pixel(view, *end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for i in range(1, steps + 1):
        QTest.mouseMove(viewport, a + (b - a) * i / steps)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


@pytest.fixture
def linreg(qtbot, window):
    window.resize(1024, 700)
    choose_problem(qtbot, window, "linreg")
    return window


def test_a_click_adds_a_point_where_it_is_made(qtbot, linreg):
    window, view = linreg, linreg.canvas.data
    x, y = data_xy(window)
    (x0, x1), (y0, y1) = view.getPlotItem().getViewBox().viewRange()
    at = (x0 + 0.8 * (x1 - x0), y0 + 0.15 * (y1 - y0))  # far from the noisy line's points
    with qtbot.waitSignal(window.session.problem_changed, timeout=5000):
        click(qtbot, view, *at)
    new_x, new_y = data_xy(window)
    assert len(new_x) == len(x) + 1
    np.testing.assert_array_equal(new_x[:-1], x)
    # a click lands on a whole pixel: within one pixel of where it was aimed
    sx, sy = view.getPlotItem().getViewBox().viewPixelSize()
    assert abs(new_x[-1] - at[0]) <= sx and abs(new_y[-1] - at[1]) <= sy
    assert view.selected == len(x)  # the new point is selected
    assert isinstance(window.session.setup.data, Points)
    assert window.controls.dataset.currentText() == "Placed by hand"


def test_a_drag_moves_a_point_while_the_run_plays_and_undo_takes_it_back(qtbot, linreg):
    window, view, session = linreg, linreg.canvas.data, linreg.session
    x, y = data_xy(window)
    press(qtbot, window, Qt.Key.Key_Space)  # Play
    qtbot.waitUntil(lambda: session.latest.playing and session.latest.watched_track.step > 5, timeout=5000)
    i = int(np.argmax(x))  # the rightmost point: drag it far down
    (_, _), (y0, y1) = view.getPlotItem().getViewBox().viewRange()
    target = (x[i], y0 + 0.05 * (y1 - y0))
    step_before = session.latest.watched_track.step
    sx, sy = view.getPlotItem().getViewBox().viewPixelSize()
    with qtbot.waitSignal(view.move_point_requested, timeout=5000,
                          check_params_cb=lambda i_, x_, y_, finished: finished) as released:
        drag(view, (x[i], y[i]), target)
    _, end_x, end_y, _ = released.args
    moved_x, moved_y = data_xy(window)
    assert len(moved_x) == len(x)
    assert (moved_x[i], moved_y[i]) == (end_x, end_y)  # where the mouse let go, to the last bit
    # a frame drawn meanwhile may have moved the axes by a few pixels
    assert abs(end_y - target[1]) <= 6 * sy and abs(end_x - x[i]) <= 6 * sx
    np.testing.assert_array_equal(np.delete(moved_y, i), np.delete(y, i))
    # the runs went on from where they were, on the new data, still playing
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.problem is session.problem
                    and session.latest.watched_track.step > step_before, timeout=5000)
    assert session.latest.playing
    # the drag is one edit: Ctrl+Z puts the point back where it was
    assert window.data_editor.stack.count() == 1
    with qtbot.waitSignal(session.problem_changed, timeout=5000):
        press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back_x, back_y = data_xy(window)
    np.testing.assert_array_equal(back_x, x)
    np.testing.assert_array_equal(back_y, y)
    assert session.setup.data is None  # the noisy line itself again, not a copy of it
    assert session.latest is None or session.latest.playing
    press(qtbot, window, Qt.Key.Key_Space)  # Pause


def test_right_click_removes_a_point_and_delete_removes_the_selected_one(qtbot, linreg):
    window, view = linreg, linreg.canvas.data
    x, y = data_xy(window)
    i, j = int(np.argmin(x)), int(np.argmax(x))
    with qtbot.waitSignal(window.session.problem_changed, timeout=5000):
        click(qtbot, view, x[i], y[i], Qt.MouseButton.RightButton)
    after_x, after_y = data_xy(window)
    assert pairs(after_x, after_y) == pairs(np.delete(x, i), np.delete(y, i))
    # a left click on a point selects it (adds nothing); Delete removes it
    assert not window.actions.remove_point.isEnabled()  # nothing selected yet
    click(qtbot, view, x[j], y[j])
    assert window.actions.remove_point.isEnabled()
    assert len(data_xy(window)[0]) == len(x) - 1
    assert view.selected is not None and view.selected == int(np.argmax(after_x))
    with qtbot.waitSignal(window.session.problem_changed, timeout=5000):
        press(qtbot, window, Qt.Key.Key_Delete)
    assert pairs(*data_xy(window)) == pairs(np.delete(x, [i, j]), np.delete(y, [i, j]))
    # two edits, taken back one at a time
    with qtbot.waitSignal(window.session.problem_changed, timeout=5000):
        window.actions.undo.trigger()
    assert len(data_xy(window)[0]) == len(x) - 1
    with qtbot.waitSignal(window.session.problem_changed, timeout=5000):
        window.actions.undo.trigger()
    np.testing.assert_array_equal(data_xy(window)[0], x)
    assert not window.actions.undo.isEnabled() and window.actions.redo.isEnabled()


def test_clear_data_says_a_run_needs_a_point_then_the_first_point_runs(qtbot, linreg):
    window, view, session = linreg, linreg.canvas.data, linreg.session
    window.actions.clear_data.trigger()
    assert session.data_missing and len(session.setup.data) == 0
    x_shown, _ = view.points.getData()
    assert len(x_shown) == 0
    with qtbot.waitSignal(session.error_occurred, timeout=2000) as said:
        press(qtbot, window, Qt.Key.Key_Space)  # Play: refused, with the reason
    assert "at least one data point" in said.args[0]
    assert "at least one data point" in window.error.text()
    assert session.latest is None or not session.latest.playing
    with qtbot.waitSignal(session.error_occurred, timeout=2000):  # nor on another loss
        assert not session.set_loss("mse")
    (x0, x1), (y0, y1) = view.getPlotItem().getViewBox().viewRange()
    with qtbot.waitSignal(session.problem_changed, timeout=5000):
        click(qtbot, view, (x0 + x1) / 2, (y0 + y1) / 2)
    assert not session.data_missing and len(session.problem.dataset.y) == 1
    with qtbot.waitSignal(session.stepped, timeout=5000, check_params_cb=lambda s: s.playing):
        press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: session.latest is not None and not session.latest.playing, timeout=5000)
    # Ctrl+Z: the point goes (nothing to run on again), then the data cleared comes back
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.data_missing and len(view.points.getData()[0]) == 0
    with qtbot.waitSignal(session.problem_changed, timeout=5000):
        press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not session.data_missing and session.setup.data is None
    assert len(view.points.getData()[0]) == len(session.problem.dataset.y) == 30


def test_points_snap_to_0_or_1_for_pass_or_fail_data(qtbot, window):
    window.resize(1024, 700)
    choose_problem(qtbot, window, "neuron")  # the pass-or-fail data
    view = window.canvas.data
    assert view.snap_to_classes
    (x0, x1), (y0, y1) = view.getPlotItem().getViewBox().viewRange()
    with qtbot.waitSignal(window.session.problem_changed, timeout=5000):
        click(qtbot, view, x0 + 0.5 * (x1 - x0), 0.8)
    assert window.session.problem.dataset.y[-1] == 1.0


def test_saved_data_reimports_identically(qtbot, linreg, tmp_path, monkeypatch):
    window, view = linreg, linreg.canvas.data
    (x0, x1), (y0, y1) = view.getPlotItem().getViewBox().viewRange()
    with qtbot.waitSignal(window.session.problem_changed, timeout=5000):
        click(qtbot, view, x0 + 0.83 * (x1 - x0), y0 + 0.12 * (y1 - y0))  # far from the line
    path = tmp_path / "mine.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.actions.save_data.trigger()
    shown = window.session.problem.dataset
    again = load_dataset(str(path))
    np.testing.assert_array_equal(again.X, shown.X)
    np.testing.assert_array_equal(again.y, shown.y)
    assert path.read_text().splitlines()[0] == "x,y"


def choose(qtbot, combo, data):
    """Pick an entry of a combo box as a user does: click it open, walk with the arrow keys, Return."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    target = combo.findData(data)
    while view.currentIndex().row() != target:
        qtbot.keyClick(view, Qt.Key.Key_Down if view.currentIndex().row() < target else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)


POPUP = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard",
                                  "This plugin does not support raise")


@POPUP
def test_with_more_inputs_the_user_chooses_the_two_parameters_shown(qtbot, window, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("x1,x2,y\n0,1,1.5\n1,0,2.0\n2,1,4.1\n1,2,3.2\n3,0,4.4\n0,3,2.9\n2,2,5.0\n")
    choose_problem(qtbot, window, "linreg")
    with qtbot.waitSignal(window.session.landscape_changed, timeout=5000):
        window.session.set_data(str(path))
    view, controls = window.canvas.parameters, window.controls
    assert view.isEnabled() and controls.plane_box.isVisible()
    assert window.session.plane == (0, 2)  # w1 across, b up, at first
    assert view.getPlotItem().titleLabel.text.startswith("loss over w1, b (w2 = ")
    # choose w2 across, with the mouse and the keys, as a user does
    with qtbot.waitSignal(window.session.landscape_changed, timeout=5000) as shown:
        choose(qtbot, controls.across, "w2")
    assert window.session.plane == (1, 2)
    surface = shown.args[0]
    assert surface.plane == (1, 2)
    title = view.getPlotItem().titleLabel.text
    assert title.startswith("loss over w2, b (w1 = ")
    assert view.getPlotItem().getAxis("bottom").labelText == "w2"
    # the landscape holds w1 where the run is: its loss at a grid point is the problem's there
    problem = window.session.problem
    point = np.array(surface.held)
    point[1], point[2] = surface.x[10], surface.y[20]
    assert surface.loss_of(surface.image[10, 20]) == pytest.approx(problem.loss(point)[0], rel=1e-4)
    assert [s.index for s in window.canvas.slices] == [1, 2]
    # the run plays on; its path is drawn in the chosen plane
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.canvas.last_drawn is not None and window.canvas.last_drawn.lead.step > 20,
                    timeout=5000)
    press(qtbot, window, Qt.Key.Key_Space)
    xs, ys = view.tracks[0].trail.getData()
    lead = window.canvas.last_drawn.lead
    assert xs[-1] == pytest.approx(lead.params[1]) and ys[-1] == pytest.approx(lead.params[2])


def test_a_drag_of_many_switches_makes_one_landscape_once_they_stop(qtbot):
    """Each place a dragged point passes is a switch of problem; the worker asks for the landscape once
    they stop coming, for the last of them, not once per switch (a neuron's takes ~100 ms)."""
    from gdsim.model.build import build
    from gdsim.model.setup import Setup
    from gdsim.ui.worker import Worker

    worker = Worker()
    worker.start()  # its timers, here in this thread
    built = build(Setup(problem="neuron"))
    wanted = []
    worker.landscape_wanted.connect(lambda problem, plane, held: wanted.append((problem, plane, held)))
    worker.configure(built, 1, 1)
    assert wanted == []  # a new problem's landscape: the session computes it at once
    points = Points.from_dataset(built.problem.dataset)
    last = None
    for k in range(10):
        last = problem_of_points(points.moved(0, 0.1 * k, 1.0))
        worker.switch_problem(last, 2 + k)
    assert built.runs[0].problem is last  # the runs switched at once
    assert wanted == []  # the landscape waits
    with qtbot.waitSignal(worker.landscape_wanted, timeout=3000):
        pass
    assert len(wanted) == 1 and wanted[0][0] is last and wanted[0][2] is None  # two parameters: none held
    worker.deleteLater()


def test_the_landscape_after_edits_by_hand_is_the_last_datas(qtbot, window):
    """Through the session: edits by hand in quick succession bring one landscape, the last data's,
    computed in the background as any landscape is."""
    choose_problem(qtbot, window, "neuron")
    session = window.session
    qtbot.waitUntil(lambda: session.landscape is not None and not session.refining, timeout=10_000)
    points = Points.from_dataset(session.problem.dataset)
    shown = []
    session.landscape_changed.connect(shown.append)
    for k in range(5):
        assert session.edit_data(points.moved(0, 0.1 * k, 1.0))
    last = session.problem
    qtbot.waitUntil(lambda: len(shown) == 1 and not session.refining, timeout=10_000)
    expected = landscape.compute(last)
    assert session.landscape is shown[0]
    np.testing.assert_array_equal(shown[0].image, expected.image)


def problem_of_points(points):
    from gdsim.engine import make_problem

    return make_problem("neuron", points.dataset())


def test_a_lesson_saved_from_the_window_keeps_the_points_placed_by_hand(qtbot, linreg, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from gdsim.model.lessons import load_lesson

    window, view = linreg, linreg.canvas.data
    (x0, x1), (y0, y1) = view.getPlotItem().getViewBox().viewRange()
    with qtbot.waitSignal(window.session.problem_changed, timeout=5000):
        click(qtbot, view, x0 + 0.85 * (x1 - x0), y0 + 0.1 * (y1 - y0))
    placed = window.session.problem.dataset
    path = tmp_path / "placed.gdsim.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Placed by hand", True))
    window.actions.save_lesson.trigger()
    text = path.read_text()
    assert "[setup.data]" in text and "line" not in text.split("[setup.data]")[0].split("[setup]")[1]
    lesson = load_lesson(path)
    np.testing.assert_array_equal(lesson.problem.dataset.X, placed.X)
    np.testing.assert_array_equal(lesson.problem.dataset.y, placed.y)
    assert lesson.setup == window.session.setup
