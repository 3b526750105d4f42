"""Plot details that decide whether a projector audience can read the canvas: tick labels that do not
overlap, labels that stay inside their plot, numbers without a stray minus sign."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from test_gui_views import press

from gdsim.ui.plot_style import EdgeAxis, LogAxis
from gdsim.ui.style import format_number


@pytest.mark.parametrize("points", [9, 18, 24])
@pytest.mark.parametrize(("low", "high"), [(0.6, 1.9), (1.0, 1.5), (-3.2, -1.1), (0.0, 4.0)])
def test_log_ticks_leave_room_for_their_labels(qtbot, low, high, points):
    axis = LogAxis("left")
    font = QFont()
    font.setPointSizeF(points)
    axis.setStyle(tickFont=font)
    size = 220.0  # pixels: a loss plot on a crowded screen
    standard = pg_standard_ticks(axis, low, high, size)
    levels = axis.logTickValues(low, high, size, standard)
    values = sorted(v for _, level in levels for v in level)
    assert values, "every range gets at least one labelled tick"
    assert all(low <= v <= high for v in values)
    gaps_px = np.diff(values) * size / (high - low)
    line = QFontMetricsF(font).height()
    assert (gaps_px >= line).all(), f"labels {line:.0f} px high placed {gaps_px.min():.0f} px apart"


def pg_standard_ticks(axis, low, high, size):
    """What pyqtgraph's own tick logic offers the log axis to choose from."""
    return pg.AxisItem.tickValues(axis, low, high, size)


def test_log_ticks_within_one_decade_still_label_the_axis(qtbot):
    axis = LogAxis("left")
    levels = axis.logTickValues(1.2, 1.6, 400.0, [(0.1, [1.2, 1.3, 1.4, 1.5, 1.6])])
    values = [v for _, level in levels for v in level]
    assert len(values) >= 2  # 20 and 30, say: the reader still sees a scale
    ticks = 10 ** np.array(values)
    # at round values: log10 and pow are within 4 ulps each, and 10^v multiplies v's error by ln 10·|v|
    np.testing.assert_allclose(ticks, np.round(ticks),
                               rtol=np.finfo(float).eps * (4 + 5 * np.log(10) * np.abs(values).max()))


def test_numbers_never_show_a_negative_zero():
    assert format_number(-0.0) == "0"
    assert format_number(0.0) == "0"
    assert format_number(-0.25) == "−0.2500"
    assert format_number(float("-inf")) == "−inf"


def test_slice_labels_stay_inside_a_narrow_plot(qtbot, window):
    session = window.session
    session.set_problem("ravine")
    session.set_start([-9.0, 2.0])
    window.set_scale(1.25)
    window.resize(1200, 600)  # the slices get little room (any less, and they give way to the landscape)
    window.actions.show_controls.trigger()
    session.step()

    qtbot.waitUntil(lambda: window.canvas.slices_shown)  # laid out again once the controls have gone
    qtbot.waitUntil(lambda: window.canvas.last_drawn is not None and window.canvas.last_drawn.lead.step == 1)
    for view in window.canvas.slices:
        box = view.getPlotItem().getViewBox()
        assert 0 < box.width() < 300, view.index  # narrow indeed, and not wider than its view on screen
        assert box.sceneBoundingRect().right() <= view.viewport().width() + 1, view.index
        label = view.label.mapRectToItem(box, view.label.boundingRect())
        inside = box.boundingRect()
        assert label.left() >= inside.left() - 1 and label.right() <= inside.right() + 1, view.index


def played_to(qtbot, window, key: str, steps: int):
    """Open a lesson with its number key, play it to ``steps`` at full speed, and wait until Qt has
    painted where it stopped."""
    qtbot.waitUntil(lambda: len(window.lessons) > 0)
    press(qtbot, window, key)
    window.session.set_step_limit(steps)
    window.session.set_speed(None)
    press(qtbot, window, Qt.Key.Key_Space)

    def finished() -> bool:
        snap = window.canvas.last_painted
        return snap is not None and snap.finished and not snap.playing
    qtbot.waitUntil(finished, timeout=20_000)


def hidden_part_of_the_point(view) -> float:
    """How far (px) the slice's ∂L label reaches into its point's symbol; 0 when clear of it."""
    box = view.getPlotItem().getViewBox()
    label = view.label.mapRectToItem(box, view.label.boundingRect())
    (x,), (y,) = view.point.getData()
    centre = box.mapFromView(QPointF(x, y))
    dx = max(label.left() - centre.x(), 0.0, centre.x() - label.right())
    dy = max(label.top() - centre.y(), 0.0, centre.y() - label.bottom())
    return max(0.0, view.point.opts["size"] / 2 - float(np.hypot(dx, dy)))


@pytest.mark.parametrize(("key", "steps"), [("4", 60), ("4", 300), ("9", 5)])
def test_a_slice_label_leaves_its_point_in_sight_on_a_projector(qtbot, window, key, steps):
    window.resize(1024, 700)
    played_to(qtbot, window, key, steps)
    assert window.canvas.slices_shown
    for view in window.canvas.slices:
        assert hidden_part_of_the_point(view) == 0.0, view.index


def test_a_slice_of_a_run_gone_far_off_is_drawn_without_a_warning(qtbot, window):
    played_to(qtbot, window, "9", 150)  # the saddle's run reaches y ≈ −7.5e8: the slice along x is flat
    assert window.canvas.last_painted.lead.loss < -1e17  # any numpy warning would have failed the test


def test_the_loss_axis_of_a_diverging_run_keeps_its_plain_label(qtbot, window):
    qtbot.waitUntil(lambda: len(window.lessons) > 0)
    window.setFocus()
    qtbot.keyClick(window, "2")  # lesson 2: η = 1.1 grows the loss to about 1e99
    window.session.set_speed(None)
    qtbot.keyClick(window, " ")

    def finished() -> bool:
        snap = window.session.latest
        return snap is not None and snap.finished and not snap.playing
    qtbot.waitUntil(finished, timeout=20_000)
    qtbot.waitUntil(lambda: window.canvas.last_drawn is window.session.latest)
    axis = window.canvas.losses.getPlotItem().getAxis("left")
    assert window.canvas.losses.log_scale
    assert axis.labelString().count("loss") == 1 and "x1e" not in axis.labelString(), axis.labelString()


def test_log_tick_labels_are_pyqtgraphs_and_never_overflow(qtbot):
    axis = LogAxis("left")
    values = [-27, -5, -4.3, -2, np.log10(5), 0, 1, np.log10(2000), 2.999999, 73, 300]
    assert axis.logTickStrings(values, 1.0, 1.0) == pg.AxisItem.logTickStrings(axis, values, 1.0, 1.0)
    # pyqtgraph's own 10**value overflows here (a RuntimeWarning, an error in this suite)
    assert axis.logTickStrings([400, 310 + np.log10(2)], 1.0, 1.0) == ["10⁴⁰⁰", "2·10³¹⁰"]


@pytest.mark.parametrize(("low", "high"), [(0.0, 1000.0), (-4.5, 4.5), (0.0, 5200.0), (-0.3, 0.3)])
def test_labels_of_a_narrow_horizontal_axis_at_a_large_font_do_not_overlap(qtbot, low, high):
    axis = EdgeAxis("bottom")
    font = QFont()
    font.setPointSizeF(20)  # 200 %
    axis.setStyle(tickFont=font)
    size = 170.0  # pixels: the loss plot beside its legend at 200 % on a 1024-px-wide window
    (spacing, _), *_ = axis.tickSpacing(low, high, size)
    ticks = np.arange(np.ceil(low / spacing), np.floor(high / spacing) + 1) * spacing
    assert len(ticks) >= 2, "a reader still sees a scale"
    metrics = QFontMetricsF(font)
    widest = max(metrics.horizontalAdvance(text) for text in axis.tickStrings(list(ticks), 1.0, spacing))
    apart = spacing * size / (high - low)
    assert apart > widest, f"{widest:.0f} px labels {apart:.0f} px apart"
