"""Run → Basins in the window: the cloud flows, the map and its legend agree with gdsim.basins, Cancel
stops it, a click on a cell runs the normal view from there, and two maps compare side by side."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

import gdsim
from gdsim.engine.swarm import label_counts


def himmelblau(qtbot, window, grid=30, steps=1000, compare=None):
    assert window.session.set_problem("himmelblau")
    panel = window.basin_panel
    panel.grid.setValue(grid)
    panel.steps.setValue(steps)
    panel.compare.setCurrentIndex(panel.compare.findData(compare))
    return panel


def test_basins_ctrl_b_makes_himmelblaus_map_as_the_api_does(qtbot, window):
    panel = himmelblau(qtbot, window)
    frames = []
    window.basin_mode.progressed.connect(lambda frame: frames.append(frame))
    with qtbot.waitSignal(window.basin_mode.finished, timeout=30_000) as done:
        qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.basin_dock.isVisible()
    (result,) = done.args[0]
    assert frames and frames[0].step == 0  # the cloud as it starts, then as it flows
    picture = frames[0].pictures[0]  # the 30 × 30 starts as dots on a picture of the view
    columns, rows = window.basin_mode.jobs[0].pixels  # the view's size when the map began
    assert picture.shape == (rows, columns) and rows > 100 and columns > 100
    assert 30 * 30 <= np.count_nonzero(picture) <= 30 * 30 * window.canvas.parameters.basins.dot_px ** 2
    expected = gdsim.basins("himmelblau", "sgd", grid=30, steps=1000, region=result.region, lr=0.01)
    np.testing.assert_array_equal(result.labels, expected.labels)
    np.testing.assert_array_equal(result.end_points, expected.end_points)
    # four basins, sharing the whole grid
    counts = label_counts(result.labels, len(result.minima))
    assert len(result.minima) == 4 and np.all(counts[:4] > 0) and counts[:4].sum() == 900
    legend = panel.cards[0].legend.text()
    shares = [float(part.split(" %")[0].split(": ")[-1]) for part in legend.split("minimum ")[1:]]
    assert len(shares) == 4 and sum(shares) == pytest.approx(100.0, abs=0.2)
    assert "minimum 1: " in legend and "diverged" not in legend
    assert window.canvas.parameters.basins.map.isVisible()
    assert not panel.cancel_button.isEnabled() and panel.start_button.isEnabled()


def test_basins_cancel_stops_the_map_and_leaves_none(qtbot, window):
    panel = himmelblau(qtbot, window, grid=300, steps=100_000)
    with qtbot.waitSignal(window.basin_mode.progressed, timeout=10_000):
        window.actions.basin_map.trigger()
    assert panel.progress.isVisible() and panel.cancel_button.isEnabled()
    with qtbot.waitSignal(window.basin_mode.cancelled, timeout=10_000):
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert not panel.progress.isVisible()
    assert panel.message.text() == "Cancelled: no map."
    assert not window.canvas.parameters.basins.map.isVisible()
    assert not window.canvas.parameters.basins.cloud.isVisible()
    assert not any(card.isVisible() for card in panel.cards)


def test_basins_a_click_on_a_cell_runs_the_normal_view_from_its_centre(qtbot, window):
    himmelblau(qtbot, window, grid=20)
    with qtbot.waitSignal(window.basin_mode.finished, timeout=30_000) as done:
        window.actions.basin_map.trigger()
    (result,) = done.args[0]
    view = window.canvas.parameters
    cell = 7 * 20 + 13  # row 7 (y), column 13 (x)
    x, y = result.starts[cell]
    scene = view.getPlotItem().getViewBox().mapViewToScene(QPointF(x + 0.1, y - 0.1))  # off-centre
    with qtbot.waitSignal(window.session.setup_changed, timeout=5000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene))
    assert window.session.setup.start == (x, y)
    assert not view.basins.map.isVisible()
    qtbot.waitUntil(lambda: window.session.latest is not None and window.session.latest.playing, timeout=5000)
    # the run from there ends at the minimum the map gives that cell
    run = gdsim.simulate("himmelblau", "sgd", start=[x, y], steps=1000, lr=0.01)
    end = run.params[-1, 0]
    assert np.linalg.norm(result.minima[result.labels[cell]] - end) < 1e-5


def test_basins_compare_momentum_with_gradient_descent_side_by_side(qtbot, window):
    panel = himmelblau(qtbot, window, grid=40, compare="momentum")
    with qtbot.waitSignal(window.basin_mode.finished, timeout=60_000) as done:
        window.actions.basin_map.trigger()
    plain, momentum = done.args[0]
    assert (plain.optimizer, momentum.optimizer) == ("sgd", "momentum")
    assert all(card.isVisible() for card in panel.cards)
    assert panel.cards[0].geometry().right() < panel.cards[1].geometry().left()  # side by side
    np.testing.assert_array_equal(momentum.labels, gdsim.basins(
        "himmelblau", "momentum", grid=40, steps=1000, region=plain.region, lr=0.01).labels)
    assert not np.array_equal(plain.labels, momentum.labels)  # momentum's basins differ
    assert "Momentum" in panel.cards[1].title.text()


def test_basins_compare_eta_doubled(qtbot, window):
    panel = himmelblau(qtbot, window, grid=20, steps=300, compare=2.0)
    with qtbot.waitSignal(window.basin_mode.finished, timeout=30_000) as done:
        window.actions.basin_map.trigger()
    first, second = done.args[0]
    assert second.hyperparameters["lr"] == 2 * first.hyperparameters["lr"]
    assert "0.02" in panel.cards[1].title.text()


def test_basins_of_the_double_well_are_two_intervals(qtbot, window):
    assert window.session.set_problem("double-well")
    window.basin_panel.grid.setValue(50)
    window.basin_panel.steps.setValue(3000)
    with qtbot.waitSignal(window.basin_mode.finished, timeout=30_000) as done:
        window.actions.basin_map.trigger()
    (result,) = done.args[0]
    labels = result.label_map()[0]
    assert set(labels.tolist()) == {0, 1} and np.count_nonzero(np.diff(labels)) == 1


def test_basins_is_off_for_more_than_two_parameters(qtbot, window, tmp_path, loaded):
    data = tmp_path / "two.csv"
    data.write_text("x1,x2,y\n0,1,1\n1,0,2\n1,1,3\n2,1,4\n")
    assert window.session.set_problem("linreg")
    assert loaded(window.session, lambda: window.session.set_data(str(data)))  # read in the background
    assert not window.actions.basin_map.isEnabled()
    assert "1 or 2 parameters" in window.actions.basin_map.toolTip()
    assert window.session.set_problem("himmelblau")
    assert window.actions.basin_map.isEnabled()


def test_basins_closing_the_window_mid_map_joins_its_thread(qtbot, window):
    himmelblau(qtbot, window, grid=300, steps=100_000)
    with qtbot.waitSignal(window.basin_mode.progressed, timeout=10_000):
        window.actions.basin_map.trigger()
    window.close()
    assert not window.basin_mode._thread.isRunning()
