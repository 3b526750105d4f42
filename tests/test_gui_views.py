"""What a class sees on a projector: legends beside the plots, runs that leave the view, whole paths,
shapes at one scale, a −∇L arrow as long as the gradient is large, and colours, captions, ticks and
axes that can be told apart and read (issue 8, items 7–12). Each is driven as a user drives it: keys,
menu actions, mouse clicks and the wheel."""

import itertools

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication

from gdsim.model.landscape import Surface
from gdsim.ui.actions import lesson_key
from gdsim.ui.parameter_view import GRADIENT_MAX_PX, GRADIENT_MIN_PX, PARTS_MIN_PX
from gdsim.ui.style import DARK, LIGHT, RUN_GROUP, contrast


@pytest.fixture
def window(window, qtbot):
    """The window, once it has read its lessons (just after its first frame)."""
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    return window


def drawn(qtbot, window, predicate, timeout=5000):
    """Wait until Qt has painted a snapshot that satisfies the predicate (and the texts that follow
    the run show it)."""
    def check() -> bool:
        snap = window.canvas.last_painted
        return snap is not None and bool(predicate(snap))
    qtbot.waitUntil(check, timeout=timeout)
    return window.canvas.last_painted


def press(qtbot, window, key, times: int = 1):
    # Offscreen, the window stops being the active one once a lesson has opened its dock (on main
    # too); a user's click would make it active again, and keys reach only the active window.
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.setFocus()
    for _ in range(times):
        qtbot.keyClick(window, key)


def open_lesson(qtbot, window, number: int):
    lesson = next(lesson for lesson in window.lessons if lesson.number == number)
    if lesson_key(number) is None:  # lessons after 10 have no key: the Lessons menu opens them
        dict((chosen.number, action) for chosen, action in window.actions.lesson_actions)[number].trigger()
    else:
        press(qtbot, window, lesson_key(number))
    assert window.session.setup == lesson.setup
    return drawn(qtbot, window, lambda s: s.lead.step == 0 and len(s.tracks) == len(lesson.setup.contenders))


def step(qtbot, window, times: int):
    """Press → as often, and wait until that step is drawn."""
    before = window.canvas.last_drawn.lead.step if window.canvas.last_drawn else 0
    press(qtbot, window, Qt.Key.Key_Right, times)
    return drawn(qtbot, window, lambda s: max(t.step for t in s.tracks) >= before + times
                 or all(t.status != "running" for t in s.tracks))


def box_of(view):
    return view.getPlotItem().getViewBox()


def scene_rect(item):
    return item.mapRectToScene(item.boundingRect())


def to_scene(view, points):
    box = box_of(view)
    return [box.mapViewToScene(QPointF(float(x), float(y))) for x, y in points]


def wheel(view, notches: int):
    """Turn the mouse wheel over the middle of a plot (negative: towards the user, zooming out)."""
    box = box_of(view)
    centre = view.mapFromScene(box.sceneBoundingRect().center())
    local = QPointF(centre)
    event = QWheelEvent(local, QPointF(view.viewport().mapToGlobal(centre)), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def click_run_in_list(qtbot, window, index: int):
    """Click an optimizer's name in the list: its run becomes the watched one."""
    optimizers = window.controls.optimizers
    item = optimizers.item(index)
    optimizers.scrollToItem(item)
    rect = optimizers.visualItemRect(item)
    qtbot.mouseClick(optimizers.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# --- 7. legends beside the data ---------------------------------------------------------------------


@pytest.mark.parametrize("scale_steps", [0, 4])
def test_the_loss_legend_stands_beside_the_plot_and_names_the_gradient_norms_run(qtbot, window,
                                                                                  scale_steps):
    window.resize(1024, 700)
    for _ in range(scale_steps):  # 200 %
        qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_F9)  # the controls hidden, as on a small projector
    open_lesson(qtbot, window, 10)
    step(qtbot, window, 3)
    losses = window.canvas.losses
    legend = losses.legend
    assert legend.texts == ["Gradient descent", "Momentum", "Nesterov momentum", "Adagrad", "Adadelta",
                            "RMSprop", "Adam", "‖∇L‖ of Gradient descent"]
    qtbot.waitUntil(lambda: legend.size().height() > 0)
    data_area = scene_rect(box_of(losses)).adjusted(1, 1, -1, -1)  # (edges may touch)
    assert not scene_rect(legend).intersects(data_area)  # beside the curves, never over them
    assert scene_rect(legend).bottom() <= losses.viewport().height() + 1  # all of it on screen
    # each entry's sample is drawn with its run's own pen
    for i, entry in enumerate(legend.entries[:7]):
        assert entry.pen.color() == losses.losses[i].opts["pen"].color()
        assert entry.pen.style() == losses.losses[i].opts["pen"].style()

    click_run_in_list(qtbot, window, 6)  # Adam: the ‖∇L‖ line is now Adam's
    drawn(qtbot, window, lambda s: s.watched == 6)
    assert legend.texts[-1] == "‖∇L‖ of Adam"
    assert losses.grad_norm.opts["pen"].color() == losses.losses[6].opts["pen"].color()
    assert losses.grad_norm.opts["pen"].style() == Qt.PenStyle.DotLine  # a style no run has
    assert all(item.opts["pen"].style() != Qt.PenStyle.DotLine for item in losses.losses)


def test_the_legend_of_lesson_2_names_each_eta(qtbot, window):
    open_lesson(qtbot, window, 2)
    assert window.canvas.losses.legend.texts == [
        "Gradient descent η=0.02", "Gradient descent η=0.3", "Gradient descent η=1", "Gradient descent η=1.1",
        "‖∇L‖ of Gradient descent η=0.02"]


# --- 8. divergence leaves the picture ---------------------------------------------------------------


def test_a_point_that_leaves_the_view_is_marked_at_the_edge_with_its_value(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Up, 4)  # η = 1.6: x ← −2.2·x
    assert window.session.hyperparameters()["lr"] == pytest.approx(1.6)
    view = window.canvas.parameters
    snap = step(qtbot, window, 2)  # x = 2 · 2.2² = 9.68, loss 93.7: far outside [−3, 3] × [0, 9]
    assert snap.lead.params[0] == pytest.approx(9.68)
    items = view.tracks[0]
    assert items.edge.isVisible() and items.edge_label.isVisible()
    assert "x = 9.68" in items.edge_label.textItem.toPlainText()
    assert "L = 93.7" in items.edge_label.textItem.toPlainText()
    (x0, x1), (y0, y1) = box_of(view).viewRange()
    ex, ey = items.edge.getData()
    assert x0 < ex[0] < x1 and y0 < ey[0] < y1  # inside, at the edge nearest the point
    assert ey[0] > y0 + 0.9 * (y1 - y0) and ex[0] > x0 + 0.9 * (x1 - x0)
    assert scene_rect(items.edge_label).intersected(scene_rect(box_of(view))) == scene_rect(items.edge_label)

    press(qtbot, window, Qt.Key.Key_Down, 4)  # back to η = 0.1; R: from the start again
    press(qtbot, window, Qt.Key.Key_R)
    drawn(qtbot, window, lambda s: s.lead.step == 0)
    assert not items.edge.isVisible() and not items.edge_label.isVisible()


def test_the_wheel_shows_the_curve_beyond_the_domain_and_r_resets_the_view(qtbot, window):
    view = window.canvas.parameters
    box = box_of(view)
    home = box.viewRange()
    wheel(view, -6)  # zoom out
    qtbot.waitUntil(lambda: box.viewRange()[0][1] > 5)
    (x0, x1), _ = box.viewRange()
    x, y = view.loss_curve.getData()
    assert x[0] == pytest.approx(x0) and x[-1] == pytest.approx(x1)  # the curve spans what is shown
    np.testing.assert_allclose(y, np.minimum(x**2, y.max()), rtol=1e-12)  # and it is x², out there too

    step(qtbot, window, 2)
    press(qtbot, window, Qt.Key.Key_R)
    drawn(qtbot, window, lambda s: s.lead.step == 0)
    np.testing.assert_allclose(box.viewRange(), home, rtol=1e-9)  # R shows the domain again
    x, _ = view.loss_curve.getData()
    assert x[0] == pytest.approx(home[0][0]) and x[-1] == pytest.approx(home[0][1])


def test_the_status_says_diverging_long_before_the_engine_stops_the_run(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Up, 4)  # η = 1.6: the loss is 4·4.84ⁿ
    snap = step(qtbot, window, 4)  # 4·4.84⁴ ≈ 2200: not yet a thousand times the 4 it started at
    assert not snap.lead.diverging
    assert "diverging" not in window.status.text()
    snap = step(qtbot, window, 1)  # ≈ 10,600
    assert snap.lead.diverging and snap.lead.status == "running"
    assert "diverging: the loss keeps growing" in window.status.text()
    qtbot.waitUntil(lambda: "Diverging" in window.formulas.toPlainText(), timeout=2000)
    assert "smaller η" in window.formulas.toPlainText()


# --- 9. the whole path --------------------------------------------------------------------------------


def test_the_1d_path_is_the_whole_zigzag_from_the_start(qtbot, window):
    open_lesson(qtbot, window, 2)  # η = 0.02, 0.3, 1.0, 1.1 from x = 2
    snap = step(qtbot, window, 70)
    view = window.canvas.parameters
    assert [t.status for t in snap.tracks] == ["running", "converged", "running", "running"]
    for items, lr in zip(view.tracks, (0.02, 0.3, 1.0, 1.1), strict=True):
        x, y = items.trail.getData()
        # from the start, not only the last 60 iterates; η = 0.3 converged at step 17
        assert len(x) == (18 if lr == 0.3 else 71) and x[0] == 2.0 and y[0] == 4.0
        np.testing.assert_allclose(x[:18], 2.0 * (1 - 2 * lr) ** np.arange(18), rtol=1e-9)
        assert items.trail.opts["shadowPen"].widthF() > items.trail.opts["pen"].widthF()  # an outline
    x, y = view.tracks[2].trail.getData()  # η = 1.0: the bounce 2 ↔ −2, as a path at height 4
    np.testing.assert_array_equal(x[:6], [2.0, -2.0, 2.0, -2.0, 2.0, -2.0])
    np.testing.assert_array_equal(y, 4.0)


# --- 10. shapes at one scale ------------------------------------------------------------------------


def test_the_ravine_is_drawn_at_one_scale_and_the_menu_toggle_turns_it_off(qtbot, window):
    open_lesson(qtbot, window, 8)
    action, view = window.actions.equal_axes, window.canvas.parameters
    box = box_of(view)
    assert action.isEnabled() and action.isChecked() and view.equal_axes
    qtbot.waitUntil(lambda: box.width() > 100)
    sx, sy = box.viewPixelSize()
    assert sx == pytest.approx(sy, rel=1e-6)  # one unit of x is as long on screen as one of y
    (x0, x1), (y0, y1) = box.viewRange()
    assert x0 <= -10 and x1 >= 10 and y0 <= -3 and y1 >= 3  # and the whole domain is shown

    action.trigger()  # View → Equal axis scales (1:1), off
    assert not action.isChecked() and not view.equal_axes
    qtbot.waitUntil(lambda: box.viewRange()[1][1] == pytest.approx(3.0))
    sx, sy = box.viewPixelSize()
    assert sx / sy > 2  # the domain fills the plot again, x squeezed

    action.trigger()
    assert box.viewPixelSize()[0] == pytest.approx(box.viewPixelSize()[1], rel=1e-6)
    open_lesson(qtbot, window, 2)  # x² against x: a 1-D problem has no two axes of one kind
    assert not action.isEnabled() and not action.isChecked()


# --- 11. the −∇L arrow --------------------------------------------------------------------------------


def test_the_gradient_arrow_is_as_long_as_the_gradient_is_large(qtbot, window):
    open_lesson(qtbot, window, 8)  # the ravine from (−9, 2), the problem's own start
    press(qtbot, window, Qt.Key.Key_P)  # the whole step, not its parts
    assert not window.canvas.step_parts
    window.actions.equal_axes.trigger()  # the heat map fills the plot: room for the whole arrow
    arrow, view = window.canvas.parameters.gradient_arrow, window.canvas.parameters
    scale = window.appearance.scale
    snap = drawn(qtbot, window, lambda s: arrow.visible)
    reference = snap.lead.grad_norm  # at the problem's own start: the longest arrow
    assert arrow.length_px() == pytest.approx(GRADIENT_MAX_PX * scale, rel=1e-3)
    snap = step(qtbot, window, 12)
    norm = snap.lead.grad_norm
    expected = max(GRADIENT_MAX_PX * norm / reference, GRADIENT_MIN_PX) * scale
    assert expected < GRADIENT_MAX_PX * scale
    qtbot.waitUntil(lambda: arrow.length_px() == pytest.approx(expected, rel=1e-3))
    # it points down the slope: along −∇L
    direction = (arrow.end - arrow.start) / np.linalg.norm(arrow.end - arrow.start)
    gradient = np.asarray(snap.lead.gradient) / snap.lead.grad_norm
    pixel = np.array(box_of(view).viewPixelSize())
    on_screen = (-gradient / pixel) / np.linalg.norm(gradient / pixel)
    np.testing.assert_allclose(direction / pixel / np.linalg.norm(direction / pixel), on_screen, atol=1e-9)


def type_start(qtbot, window, values) -> None:
    """Type a start into the start fields, each confirmed with Return."""
    for field, value in zip(window.controls.start_fields, values, strict=True):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, str(value))
        qtbot.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen
def test_the_gradient_arrow_stays_on_the_heat_map_and_is_gone_at_a_stationary_point(qtbot, window):
    choose(qtbot, window.controls.problem, "saddle")  # x² − y² on [−2, 2]²: −∇L = (−2x, 2y)
    view, arrow = window.canvas.parameters, window.canvas.parameters.gradient_arrow
    type_start(qtbot, window, (0, 1.5))  # 0.5 below the top edge, −∇L pointing straight up
    snap = drawn(qtbot, window, lambda s: s.start == (0.0, 1.5) and arrow.visible)
    full = GRADIENT_MAX_PX * window.appearance.scale  # |∇L| = 3, as at the problem's own start
    assert snap.lead.grad_norm == pytest.approx(3.0)
    assert arrow.end[1] <= 2.0 and arrow.end[0] == pytest.approx(0.0)  # up, and no further than the map
    assert 0 < arrow.length_px() < 0.5 * full
    (x0, x1), (y0, y1) = box_of(view).viewRange()
    assert x0 <= arrow.end[0] <= x1 and y0 <= arrow.end[1] <= y1

    type_start(qtbot, window, (0, 0))  # the saddle point itself, where ∇L = 0: stuck, no minimum
    snap = drawn(qtbot, window, lambda s: s.start == (0.0, 0.0))
    assert snap.lead.status == "stuck" and snap.lead.grad_norm == 0
    assert not arrow.visible and not arrow.head.isVisible()


# --- 12. colours, captions, ticks, axes ---------------------------------------------------------------


def test_the_tangent_has_its_own_colour_and_its_label_stays_off_the_curve(qtbot, window):
    view = window.canvas.parameters
    for theme in ("dark", "light"):
        curve = view.loss_curve.opts["pen"].color().name()
        tangent = view.tangent.opts["pen"].color().name()
        runs = {window.appearance.run(i).color.lower() for i in range(10)}
        assert tangent != curve and tangent not in runs
        if theme == "dark":
            press(qtbot, window, Qt.Key.Key_T)
    # from x = 2 down to the minimum, where the curve is flat and the label used to sit on it
    for x in (2.0, 0.3, 0.02):
        field = window.controls.start_fields[0]
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, str(x))
        qtbot.keyClick(field, Qt.Key.Key_Return)
        drawn(qtbot, window, lambda s, x=x: s.start == (x,))
        label = scene_rect(view.slope_label)
        cx, cy = view.loss_curve.getData()
        covered = [p for p in to_scene(view, zip(cx, cy, strict=True)) if label.contains(p)]
        assert not covered, f"the slope label covers the curve at x = {x}"
        tx, ty = view.tangent.getData()
        assert not label.contains(to_scene(view, [(x, x * x)])[0])  # nor the point


def tick_labels_inside(view) -> list[str]:
    """What is wrong with the tick labels of a plot's axes: a label cut off at the edge of the widget,
    or a tick at either end of an axis left without its label (pyqtgraph drops a label that has no
    room)."""
    wrong = []
    viewport = view.viewport().rect()
    for side in ("left", "bottom"):
        axis = view.getPlotItem().getAxis(side)
        image = QImage(10, 10, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        if axis.style["tickFont"]:
            painter.setFont(axis.style["tickFont"])
        _, ticks, texts = axis.generateDrawSpecs(painter)
        painter.end()
        along = (lambda p: p.y()) if side == "left" else (lambda p: p.x())
        labelled = [along(rect.center()) for rect, _, _ in texts]
        for rect, _flags, text in texts:
            on_screen = view.mapFromScene(axis.mapRectToScene(rect)).boundingRect()
            if not viewport.contains(on_screen):
                wrong.append(f"{side} {text!r} cut")
        positions = sorted(along(p1) for _pen, p1, _p2 in ticks)
        for end in positions[:1] + positions[-1:]:
            if not any(abs(end - at) < 1.5 for at in labelled):
                wrong.append(f"{side} tick at {end:.0f} px without its label")
    return wrong


@pytest.mark.parametrize(("size", "scale_steps", "controls"),
                         [((1500, 900), 0, True), ((1024, 700), 0, False), ((1024, 700), 4, False)])
def test_no_tick_label_is_cut_at_the_edge_of_a_plot(qtbot, window, size, scale_steps, controls):
    window.resize(*size)
    for _ in range(scale_steps):  # 200 %
        qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    if not controls:  # F9: on a small projector the canvas gets the room of the controls
        press(qtbot, window, Qt.Key.Key_F9)
        assert not window.dock.isVisible()
    for lesson in (1, 2, 8, 4):  # linear and log losses; a landscape with slices; a neuron and data
        open_lesson(qtbot, window, lesson)
        step(qtbot, window, 5)
        canvas = window.canvas
        views = [v for v in canvas._views() if v.isVisible()]
        assert len(views) >= 2
        for view in views:
            QApplication.processEvents()
            assert tick_labels_inside(view) == [], (lesson, type(view).__name__)


def test_runs_are_told_apart_by_colour_and_line_style_also_by_colour_blind_eyes():
    for style in (DARK, LIGHT):
        looks = [style.run(i) for i in range(10)]
        assert len({(look.color, look.dash) for look in looks}) == 10
        for a, b in itertools.combinations(range(10), 2):
            if looks[a].dash == looks[b].dash:  # one line style: colours must differ clearly
                for vision in ("normal", "protanopia", "deuteranopia"):
                    assert delta_e(looks[a].color, looks[b].color, vision) >= 30, (style.name, a, b, vision)
        assert all(look.dash == "solid" for look in looks[:RUN_GROUP])
        assert all(contrast(look.color, look.outline) >= 4.5 for look in looks)


def test_paths_have_an_outline_that_shows_on_every_colour_of_the_map(qtbot, window):
    open_lesson(qtbot, window, 10)
    step(qtbot, window, 20)
    view = window.canvas.parameters
    for theme in ("dark", "light"):
        lut = pg.colormap.get(window.appearance.colormap).getLookupTable(nPts=256)
        map_colors = ["#{:02X}{:02X}{:02X}".format(*rgb[:3]) for rgb in lut]
        for i, items in enumerate(view.tracks[:7]):
            line, outline = items.trail.opts["pen"], items.trail.opts["shadowPen"]  # drawn under the line
            assert outline.widthF() >= line.widthF() + 2 * window.appearance.scale
            worst = min(max(contrast(line.color().name(), c), contrast(outline.color().name(), c))
                        for c in map_colors)
            assert worst >= 2.0, (theme, i)  # without the outline: as low as 1.0 (green on green)
        if theme == "dark":
            press(qtbot, window, Qt.Key.Key_T)
    styles = {(items.trail.opts["pen"].color().name(), items.trail.opts["pen"].style())
              for items in view.tracks[:7]}
    assert len(styles) == 7


def test_the_parts_of_a_step_are_drawn_large_enough_with_captions_apart(qtbot, window):
    open_lesson(qtbot, window, 8)  # the ravine, parts of each step on
    assert window.canvas.step_parts
    click_run_in_list(qtbot, window, 1)  # Momentum
    drawn(qtbot, window, lambda s: s.watched == 1)
    step(qtbot, window, 3)
    view = window.canvas.parameters
    arrows = [a for a in view.part_arrows if a.visible]
    assert len(arrows) == 3
    assert max(a.length_px() for a in arrows) >= PARTS_MIN_PX * window.appearance.scale
    assert view.parts_magnified > 1 and view.parts_scale_label.isVisible()
    assert f"×{view.parts_magnified}" in view.parts_scale_label.textItem.toPlainText()
    labels = [scene_rect(label) for label in (*view.part_labels, view.parts_scale_label)]
    for a, b in itertools.combinations(labels, 2):
        assert not a.intersects(b)
    inside = scene_rect(box_of(view))
    assert all(inside.contains(rect) for rect in labels)


def test_heat_maps_have_a_colour_bar_in_loss_values(qtbot, window):
    with qtbot.waitSignal(window.session.landscape_changed, timeout=5000) as landscape:
        open_lesson(qtbot, window, 10)
    surface = landscape.args[0]
    assert isinstance(surface, Surface) and surface.log_scale
    bar = window.canvas.parameters.color_bar
    assert bar.shown and bar.bar.isVisible()
    assert bar.bar.levels() == surface.levels
    heat_map = scene_rect(box_of(window.canvas.parameters)).adjusted(1, 1, -1, -1)  # (edges may touch)
    assert not scene_rect(bar.bar).intersects(heat_map)
    texts = [text for _, text in bar.tick_labels]
    assert texts == ["10⁵", "10⁴", "1000", "100", "10", "1"]  # Beale's loss reaches 10⁵ in the corners
    for value, _ in bar.tick_labels:  # each tick stands where its colour is that loss
        loss = surface.loss_of(value)
        assert loss == pytest.approx(10 ** np.round(np.log10(loss)), rel=1e-9)
    open_lesson(qtbot, window, 2)
    assert not bar.shown and not bar.bar.isVisible()


def choose(qtbot, combo, data):
    """Pick an entry of a combo box with the mouse: open its list, click the entry."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    target = combo.findData(data)
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - combo.currentIndex())):  # in the open list, ↑ and ↓ move
        qtbot.keyClick(popup, key)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2000)
    assert combo.currentData() == data


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")  # offscreen
def test_the_data_view_names_its_axes_after_the_data_and_holds_the_model(qtbot, window):
    controls = window.controls
    choose(qtbot, controls.problem, "neuron")
    qtbot.waitUntil(lambda: window.session.problem.name == "neuron")
    data = window.canvas.data
    plot = data.getPlotItem()
    assert plot.getAxis("bottom").labelText == "hours studied"
    assert plot.getAxis("left").labelText == "passed (1) or not (0)"
    choose(qtbot, controls.activation, "tanh")
    qtbot.waitUntil(lambda: window.session.problem.activation.name == "tanh")
    controls.start_fields[0].setFocus()  # w = −1: ŷ = tanh(−x) starts far below the data's 0 … 1
    controls.start_fields[0].selectAll()
    qtbot.keyClicks(controls.start_fields[0], "-1")
    qtbot.keyClick(controls.start_fields[0], Qt.Key.Key_Return)
    snap = drawn(qtbot, window, lambda s: s.start[0] == -1.0)
    assert snap.model_y.min() < -0.9
    (_, _), (y0, y1) = box_of(data).viewRange()
    assert y0 <= snap.model_y.min() and y1 >= 1.0  # the model is seen, not cut at 0

    window.actions.language_actions["zh_CN"].trigger()
    assert plot.getAxis("bottom").labelText == "学习时长（小时）"
    assert plot.getAxis("left").labelText == "是否通过（1 通过，0 未通过）"


# --- colour difference, for the test of the palette --------------------------------------------------

# Machado, Oliveira & Fernandes (2009), severity 1: what dichromats see, in linear RGB.
_VISION = {
    "normal": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
}


def _lab(color: str, vision: str) -> np.ndarray:
    c = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)]) / 255.0
    linear = np.clip(_VISION[vision] @ np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4), 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str) -> float:
    """CIE76 colour difference as seen with the given vision (about 2.3 is just noticeable)."""
    return float(np.linalg.norm(_lab(a, vision) - _lab(b, vision)))
