"""Projector mode: themes, UI scale, full screen, the keyboard, and what is remembered between runs."""

import pytest
from PySide6.QtCore import Qt


def background(view) -> str:
    return view.backgroundBrush().color().name()


def test_the_light_theme_turns_the_canvas_white_and_the_lines_dark(qtbot, window):
    view = window.canvas.parameters
    assert background(view) == "#101418"
    window.actions.light.trigger()
    assert background(view) == "#ffffff"
    assert background(window.canvas.losses) == "#ffffff"
    assert view.loss_curve.opts["pen"].color().name() == "#000000"
    assert window.settings.theme == "light"
    window.actions.dark.trigger()
    assert background(view) == "#101418"


def test_the_scale_grows_fonts_lines_markers_and_arrows(qtbot, window):
    view = window.canvas.parameters
    width = view.loss_curve.opts["pen"].widthF()
    head = view.step_arrow.head.opts["headLen"]
    font = window.controls.font().pointSizeF()
    window.set_scale(2.0)
    assert view.loss_curve.opts["pen"].widthF() == pytest.approx(2 * width)
    assert view.step_arrow.head.opts["headLen"] == pytest.approx(2 * head)
    assert window.controls.font().pointSizeF() == pytest.approx(2 * font)
    assert window.formulas.font().pointSizeF() == pytest.approx(24)
    window.set_scale(9.0)  # beyond 250 %: held there
    assert window.appearance.scale == 2.5


def test_every_shortcut_does_what_help_keyboard_says(qtbot, window):
    listed = dict((text, keys) for keys, text in window.actions.shortcut_list())
    assert listed["Play / Pause"] == "Space" and listed["One step"] == "Right"
    assert listed["Reset to the start"] == "R" and listed["Full screen"] == "F11"
    assert listed["η × 2"] == "Up" and listed["η ÷ 2"] == "Down"
    session = window.session
    window.setFocus()

    def press(key, modifier=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(window, key, modifier)

    press(Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step == 1)
    press(Qt.Key.Key_Up)
    assert session.hyperparameters()["lr"] == pytest.approx(0.2)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)
    assert session.hyperparameters()["lr"] == pytest.approx(0.05)
    press(Qt.Key.Key_R)
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step == 0)
    session.set_speed(50)
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.playing)
    press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: session.latest is not None and not session.latest.playing)
    press(Qt.Key.Key_T)
    assert window.appearance.name == "light" and window.actions.light.isChecked()
    press(Qt.Key.Key_T)
    assert window.appearance.name == "dark" and window.actions.dark.isChecked()
    press(Qt.Key.Key_T)
    press(Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.scale == 1.25
    press(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.scale == 1.0
    press(Qt.Key.Key_L)
    assert window.canvas.losses.log_scale
    press(Qt.Key.Key_P)
    assert window.canvas.step_parts
    press(Qt.Key.Key_F9)
    assert not window.dock.isVisible()
    press(Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: bool(window.windowState() & Qt.WindowState.WindowFullScreen))


def test_help_keyboard_lists_every_shortcut(qtbot, window):
    from gdsim.ui.actions import KeyboardDialog

    rows = window.actions.shortcut_list()
    dialog = KeyboardDialog(rows, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(rows)
    keys = {dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())}
    assert {"Space", "Right", "R", "Up", "Down", "F11", "L", "T"} <= keys


def test_settings_survive_a_restart(qtbot):
    from gdsim.app import create_window

    first = create_window()
    qtbot.addWidget(first)
    first.show()
    first.session.set_problem("himmelblau")
    first.session.set_contenders(["sgd", "adam"])
    first.session.set_hyperparameter("lr", 0.02, 1)
    first.session.set_start([1.5, -2.0])
    first.set_theme("light")
    first.resize(1100, 480)
    first.formula_dock.hide()
    first.close()

    second = create_window()
    qtbot.addWidget(second)
    second.show()
    setup = second.session.setup
    assert setup.problem == "himmelblau"
    assert [c.optimizer for c in setup.contenders] == ["sgd", "adam"]
    assert setup.contenders[1].hyperparameters["lr"] == 0.02
    assert setup.start == (1.5, -2.0)
    assert second.appearance.name == "light"
    assert background(second.canvas.parameters) == "#ffffff"
    # the offscreen screen is 800 × 600, so a restore keeps the height but narrows the width
    assert second.height() == 480
    assert second.formula_dock.isHidden() and not second.dock.isHidden()
    second.close()


def test_the_scale_survives_a_restart(qtbot):
    from gdsim.app import create_window

    first = create_window()
    qtbot.addWidget(first)
    first.set_scale(1.75)
    first.close()
    second = create_window()
    qtbot.addWidget(second)
    assert second.appearance.scale == 1.75
    assert second.canvas.parameters.loss_curve.opts["pen"].widthF() == pytest.approx(2.5 * 1.75)
    second.close()


def test_a_damaged_settings_file_gives_the_defaults(qtbot):
    from PySide6.QtCore import QSettings

    from gdsim.app import create_window

    q = QSettings()
    q.setValue("setup", "{not json")
    q.setValue("scale", "huge")
    q.sync()
    win = create_window()
    qtbot.addWidget(win)
    assert win.session.setup.problem == "parabola"
    assert win.appearance.scale == 1.0
    win.close()

