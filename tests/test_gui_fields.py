"""The window's number fields, typed into as a user does: Enter enters the value and Escape puts the
last one back; either way the field is left, and Space, →, R, ↑ and ↓ work as keys of the window."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

# (what the field is, how to find it, what to type, what the setup then holds)
FIELDS = {
    "η": (lambda w: w.controls.hyperparameter_fields["lr"].field, "0.05",
          lambda w: w.session.hyperparameters()["lr"], 0.05),
    "momentum": (lambda w: w.controls.hyperparameter_fields["momentum"], "0.5",
                 lambda w: w.session.hyperparameters()["momentum"], 0.5),
    "start x": (lambda w: w.controls.start_fields[0], "1.5", lambda w: w.session.setup.start, (1.5,)),
    "step limit": (lambda w: w.controls.step_limit, "250", lambda w: w.session.setup.step_limit, 250),
    "tolerance": (lambda w: w.controls.tolerance, "1e-3", lambda w: w.session.setup.tol, 1e-3),
    "speed": (lambda w: w.controls.speed.field, "40", lambda w: w.session.setup.speed, 40),
}


def focused():
    return QApplication.focusWidget()


def click_into(qtbot, window, field):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    target = field.lineEdit() if hasattr(field, "lineEdit") else field
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.rect().center())
    qtbot.waitUntil(lambda: focused() is field)
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select what is there


def open_field(window, name):
    if name == "momentum":
        window.session.set_contenders(["momentum"])
    return FIELDS[name][0](window)


@pytest.mark.parametrize("name", FIELDS)
def test_enter_in_a_field_enters_the_value_and_gives_the_keys_back(qtbot, window, name):
    _, typed, held, expected = FIELDS[name]
    field = open_field(window, name)
    click_into(qtbot, window, field)
    qtbot.keyClicks(focused(), typed)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert held(window) == pytest.approx(expected)
    assert focused() is window.canvas
    text = field.text()
    session = window.session
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.playing)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: session.latest is not None and not session.latest.playing)
    assert field.text() == text  # no space typed into it
    qtbot.keyClick(focused(), Qt.Key.Key_R)
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step == 0)
    qtbot.keyClick(focused(), Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step == 1)


@pytest.mark.parametrize("name", FIELDS)
def test_escape_in_a_field_puts_the_last_value_back_and_gives_the_keys_back(qtbot, window, name):
    _, typed, held, _ = FIELDS[name]
    field = open_field(window, name)
    before, text = held(window), field.text()
    setup = window.session.setup
    click_into(qtbot, window, field)
    qtbot.keyClicks(focused(), typed)
    assert field.text() != text
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert focused() is window.canvas
    assert field.text() == text and held(window) == before
    assert window.session.setup is setup  # nothing entered, nothing changed
    session = window.session
    qtbot.keyClick(focused(), Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: session.latest is not None and session.latest.lead.step == 1)
    assert window.session.setup is setup


def test_up_and_down_double_and_halve_eta_once_the_eta_field_is_left(qtbot, window):
    field = window.controls.hyperparameter_fields["lr"].field
    click_into(qtbot, window, field)
    qtbot.keyClicks(focused(), "0.2")
    qtbot.keyClick(focused(), Qt.Key.Key_Enter)  # the keypad's Enter
    assert focused() is window.canvas
    qtbot.keyClick(focused(), Qt.Key.Key_Up)
    assert window.session.hyperparameters()["lr"] == pytest.approx(0.4)
    assert field.value() == pytest.approx(0.4)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert window.session.hyperparameters()["lr"] == pytest.approx(0.1)
