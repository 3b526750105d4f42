"""Refusals shown where the user acted: a file refused gets a message box over the window, a value
refused a banner in the control panel; nothing changes, and what came from a file stays plain text."""

import html

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gdsim.engine import InputError
from gdsim.ui.i18n import translate_error


def open_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def close(qtbot, box) -> None:
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box not in open_boxes())


def choose_file(monkeypatch, path) -> list:
    """The file dialog answers ``path``; the list records each time it was opened."""
    asked = []

    def answer(*args, **kwargs):
        asked.append(args)
        return str(path), ""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    return asked


@pytest.fixture
def bad_csv(tmp_path):
    bad = tmp_path / "<b>bad.csv"  # a name that would be markup if read as rich text
    bad.write_text("x,y\n1,2\n3,abc\n")
    return bad


@pytest.mark.parametrize("how", ["menu", "button"])
def test_a_refused_csv_says_why_in_a_message_box_and_changes_nothing(qtbot, window, monkeypatch, bad_csv,
                                                                      how):
    session, controls = window.session, window.controls
    session.set_problem("linreg")
    before, shown = session.setup, controls.dataset.currentText()
    choose_file(monkeypatch, bad_csv)
    if how == "menu":
        window.actions.import_data.trigger()
    else:
        qtbot.mouseClick(controls.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(open_boxes()) == 1)
    box = open_boxes()[0]
    message = f"{bad_csv}, line 3: y is not a number: 'abc'"
    assert box.text() == message and box.textFormat() == Qt.TextFormat.PlainText
    assert box.icon() == QMessageBox.Icon.Warning and "Nothing was changed" in box.informativeText()
    assert session.setup is before and controls.dataset.currentText() == shown
    assert window.error.text() == message and window.error.textFormat() == Qt.TextFormat.PlainText
    assert window.error.toolTip() == f"<p>{html.escape(message)}</p>"  # not read as markup
    close(qtbot, box)
    assert open_boxes() == []


def test_a_refused_lesson_file_says_why_in_a_message_box(qtbot, window, monkeypatch, tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text('[lesson]\nnumber = 3\ntitle = { en = "x" }\n[setup]\nproblem = "parabola"\n'
                   'speed = 2\nstep_limit = 10\n[[setup.optimizers]]\nname = "adom"\n')
    before = window.session.setup
    choose_file(monkeypatch, bad)
    window.actions.open_lesson.trigger()
    qtbot.waitUntil(lambda: len(open_boxes()) == 1)
    box = open_boxes()[0]
    assert str(bad) in box.text() and "unknown optimizer 'adom'" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert window.session.setup is before and not window.lesson_dock.isVisible()
    close(qtbot, box)


def test_a_refused_value_typed_in_a_field_is_shown_in_the_panel_and_put_back(qtbot, window):
    controls, session = window.controls, window.session
    field = controls.tolerance
    before = session.setup
    assert not controls.banner.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "-1")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert controls.banner.isVisible()
    assert controls.banner_text.text() == "the tolerance must be ≥ 0, got -1.0"
    assert controls.banner_text.textFormat() == Qt.TextFormat.PlainText
    assert session.setup is before and field.text() == "1e-06"  # exactly the tolerance in use
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "0.001")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert session.setup.tol == 0.001
    assert not controls.banner.isVisible()  # accepted: the refusal no longer applies


def test_a_refused_choice_in_a_list_is_shown_in_the_panel_and_the_list_shows_the_setup(qtbot, window):
    controls, session = window.controls, window.session
    session.set_problem("neuron")
    session.set_activation("tanh")
    before = session.setup
    loss = controls.loss
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    loss.setFocus()
    qtbot.keyClicks(loss, "b")  # the combo box jumps to "bce: …" as one types
    assert controls.banner.isVisible() and "'bce'" in controls.banner_text.text()
    assert session.setup is before and loss.currentData() == "sse"


def test_import_is_off_for_a_fixed_function_and_says_why(qtbot, window, monkeypatch, bad_csv):
    action, button = window.actions.import_data, window.controls.import_button
    asked = choose_file(monkeypatch, bad_csv)
    assert window.session.setup.problem == "parabola"
    assert not action.isEnabled() and not button.isEnabled()
    assert window.actions.file_menu.toolTipsVisible()
    for tip in (action.toolTip(), button.toolTip()):
        assert tip.startswith("Parabola is a fixed function") and "Linear regression" in tip
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert asked == [] and open_boxes() == []
    window.session.set_problem("linreg")
    assert action.isEnabled() and button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1
    qtbot.waitUntil(lambda: len(open_boxes()) == 1)
    close(qtbot, open_boxes()[0])


def test_the_window_names_problems_and_optimizers_by_the_titles_it_shows(qtbot, window):
    session = window.session
    with qtbot.waitSignal(session.error_occurred) as said:
        session.set_start([1.0, 2.0])
    assert said.args[0] == "problem 'Parabola' has 1 parameter (x); a start with 2 numbers does not fit"
    error = InputError("{optimizer} needs a learning rate: give lr", optimizer="nesterov")
    assert translate_error(error) == "Nesterov momentum needs a learning rate: give lr"
    assert translate_error(error, titles=False) == "nesterov needs a learning rate: give lr"
    window.actions.language_actions["zh_CN"].trigger()
    assert "'抛物线'" in translate_error(InputError("problem {problem!r} has 1 parameter ({names}); a start "
                                                   "with {got} numbers does not fit", problem="parabola",
                                                   names="x", got=2))
