"""Lessons in the window: the Lessons menu and its keys, opening and saving lesson files."""

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from gdsim.engine import OPTIMIZERS
from gdsim.model.lessons import load_lesson, shipped_lessons
from gdsim.ui.names import run_labels


@pytest.fixture
def window(window, qtbot):
    """The window, once it has read its lessons (just after its first frame)."""
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    return window


def test_the_lessons_menu_lists_every_shipped_lesson_with_its_key(window):
    shipped = shipped_lessons()
    listed = window.actions.lesson_actions
    assert [lesson.number for lesson, _ in listed] == [lesson.number for lesson in shipped]
    for lesson, action in listed:
        key = {10: "0"}.get(lesson.number, str(lesson.number) if lesson.number <= 9 else "")
        assert action.shortcut().toString() == key
        assert lesson.text("title", "en") in action.text()


def test_every_shipped_lesson_loads_in_the_window_and_runs_to_its_expected_state(qtbot, window):
    session = window.session
    for lesson in shipped_lessons():
        assert window.load_lesson(lesson)
        assert session.setup == lesson.setup
        assert window.canvas.step_parts == lesson.view.step_parts
        assert window.canvas.losses.log_scale == lesson.view.log_scale
        assert window.lesson_dock.isVisible()
        assert lesson.text("title", "en") in window.lesson_panel.toPlainText()
        session.set_speed(None)
        session.play()

        def finished() -> bool:  # a bool: a failed assert would print the snapshot at every poll
            snap = session.latest
            return snap is not None and snap.finished and not snap.playing
        qtbot.waitUntil(finished, timeout=30_000)
        statuses = [track.status for track in session.latest.tracks]
        assert statuses == lesson.expect["status"], lesson.path.name
        for track, final in zip(session.latest.tracks, lesson.expect.get("final") or [], strict=False):
            if final:
                np.testing.assert_allclose(track.params, final, atol=lesson.expect["tolerance"])


def test_number_keys_open_lessons(qtbot, window):
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_2)
    second = shipped_lessons()[1]
    assert window.session.setup == second.setup
    assert len(window.session.setup.contenders) == len(second.setup.contenders)


def test_a_malformed_lesson_names_the_file_and_leaves_the_window_as_it_was(qtbot, window, tmp_path, loaded):
    session = window.session
    session.set_problem("himmelblau")
    before = session.setup
    bad = tmp_path / "broken.toml"
    bad.write_text('[lesson]\nnumber = 3\ntitle = { en = "x" }\n[setup]\nproblem = "parabola"\n'
                   'speed = 2\nstep_limit = 10\n[[setup.optimizers]]\nname = "adom"\n')
    assert not loaded(window.session, lambda: window.open_lesson_file(bad))
    assert session.setup is before
    assert not window.lesson_dock.isVisible()
    assert str(bad) in window.error.text() and "'adom'" in window.error.text()


def test_a_malformed_lesson_is_reported_in_the_chosen_language(qtbot, window, tmp_path, loaded):
    bad = tmp_path / "broken.toml"
    good = ('[lesson]\nnumber = 3\ntitle = { en = "x" }\n[setup]\nproblem = "parabola"\n'
            'speed = 2\nstep_limit = 10\n[[setup.optimizers]]\nname = "sgd"\n')
    window.set_language("zh_CN")
    bad.write_text(good.replace('"sgd"', '"adom"'))
    assert not loaded(window.session, lambda: window.open_lesson_file(bad))
    assert window.error.text() == (f"课件 {bad}：[setup] optimizers[1]：未知的优化器 'adom'；"
                                   f"请从以下选择：{', '.join(OPTIMIZERS)}")
    bad.write_text(good.replace("number = 3", 'number = "3"'))
    assert not loaded(window.session, lambda: window.open_lesson_file(bad))
    assert window.error.text() == (f"课件 {bad}：[lesson] number 必须是从 1 到 20 的整数，"
                                   "而给出的是字符串 '3'")
    window.set_language("en")
    assert not loaded(window.session, lambda: window.open_lesson_file(bad))
    assert window.error.text() == (f"lesson file {bad}: [lesson] number must be a whole number from 1 to 20, "
                                   "got the string '3'")


def test_a_lesson_that_cannot_be_saved_is_reported_in_the_chosen_language(qtbot, window, tmp_path):
    window.set_language("zh_CN")
    path = tmp_path / "no such folder" / "mine.toml"
    assert not window.save_lesson_file(path, "Mine")
    assert window.error.text().startswith(f"课件 {path}：无法写入：")


def test_the_setup_can_be_saved_as_a_lesson_and_opened_again(qtbot, window, tmp_path, loaded):
    session = window.session
    session.set_problem("ravine")
    session.set_contenders(["sgd", "momentum"])
    session.set_hyperparameter("lr", 0.05, 1)
    window.actions.step_parts.setChecked(True)
    path = tmp_path / "mine.toml"
    assert window.save_lesson_file(path, "My ravine")
    lesson = load_lesson(path)
    assert lesson.setup == session.setup
    assert lesson.view.step_parts and lesson.text("title") == "My ravine"
    session.set_problem("parabola")
    assert loaded(window.session, lambda: window.open_lesson_file(path))
    assert session.setup.problem == "ravine" and session.setup.contenders[1].hyperparameters["lr"] == 0.05


def test_lesson_texts_follow_the_language(qtbot, window):
    lesson = shipped_lessons()[0]
    window.load_lesson(lesson)
    window.set_language("zh_CN")
    assert lesson.text("title", "zh") in window.lesson_panel.toPlainText()
    assert lesson.text("title", "zh") in window.actions.lesson_actions[0][1].text()


def test_the_next_start_shows_no_empty_lesson_panel(qtbot, window):
    from gdsim.app import create_window

    assert window.load_lesson(window.lessons[0])
    assert window.lesson_dock.isVisible()
    window.close()  # saves the layout, lesson panel included
    second = create_window()
    qtbot.addWidget(second)
    second.show()
    assert second.lesson_dock.isHidden()  # no lesson is open in the new window
    second.close()


def test_each_of_several_runs_of_one_optimizer_can_be_watched_and_changed(qtbot, window):
    second = window.lessons[1]  # plain gradient descent at η = 0.02, 0.3, 1.0 and 1.1
    assert window.load_lesson(second)
    controls, session = window.controls, window.session
    assert controls.watched.isVisible()
    labels = run_labels(session.setup, session.problem)
    assert [controls.watched.itemText(i) for i in range(controls.watched.count())] == labels
    controls.watched.setCurrentIndex(3)  # as a user choosing the fourth run
    controls.watched.activated.emit(3)
    assert session.setup.watched == 3  # the one place the fields, the canvas and the formulas follow
    assert controls.hyperparameter_fields["lr"].value() == pytest.approx(1.1)
    controls.hyperparameter_fields["lr"].field.setValue(0.7)  # as a user typing it
    assert [session.hyperparameters(i)["lr"] for i in range(4)] == pytest.approx([0.02, 0.3, 1.0, 0.7])
    assert "η=0.7000" in controls.watched.itemText(3) and controls.watched.currentIndex() == 3
    session.step()
    qtbot.waitUntil(lambda: window.canvas.last_drawn is not None and window.canvas.last_drawn.lead.step == 1)
    qtbot.waitUntil(lambda: "η = 0.7000" in window.formulas.toPlainText())  # the formulas follow it

    assert window.load_lesson(window.lessons[0])  # one run: nothing to choose between
    assert not controls.watched.isVisible()


HOSTILE_VALID = ('[lesson]\nnumber = 3\ntitle = { en = "x" }\n[setup]\nproblem = "parabola"\n'
                 'speed = 2\nstep_limit = 10\n[[setup.optimizers]]\nname = "sgd"\n')


def nested_500(tmp_path):
    path = tmp_path / "nested.toml"
    path.write_text(HOSTILE_VALID + "x = " + "[" * 500 + "]" * 500 + "\n")
    return path


def dotted_100_000(tmp_path):
    path = tmp_path / "dotted.toml"
    path.write_text(HOSTILE_VALID + "a" + ".a" * 99_999 + " = 1\n")
    return path


def optimizers_1000(tmp_path):
    path = tmp_path / "thousand.toml"
    path.write_text(HOSTILE_VALID + '[[setup.optimizers]]\nname = "adam"\n' * 1000)
    return path


def a_fifo(tmp_path):
    os.mkfifo(tmp_path / "fifo.toml")
    return tmp_path / "fifo.toml"


@pytest.mark.parametrize("make, says", [
    (nested_500, "line 10: arrays and tables nest more than 10 deep"),
    (dotted_100_000, "line 10: a key has more than 8 dotted parts"),
    (optimizers_1000, "more than 32 tables"),
    (lambda tmp: Path("/dev/zero"), "this is not a regular file (it is a device)"),
    (a_fifo, "this is not a regular file (it is a FIFO)"),
])
def test_a_hostile_lesson_file_opened_from_the_menu_is_reported_and_changes_nothing(
        qtbot, window, tmp_path, monkeypatch, make, says, loaded):
    path = make(tmp_path)
    before = window.session.setup
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    assert not loaded(window.session, window.actions.open_lesson.trigger)
    assert window.error.text() == f"lesson file {path}: " + window.error.text().split(": ", 1)[1]
    assert says in window.error.text()
    assert window.session.setup is before and not window.lesson_dock.isVisible()


def test_a_message_quoting_html_is_shown_as_the_text_it_is(qtbot, window, tmp_path, loaded):
    path = tmp_path / "html.toml"
    path.write_text(HOSTILE_VALID.replace("number = 3", 'number = "<b>3</b><img src=x.png>"'))
    assert not loaded(window.session, lambda: window.open_lesson_file(path))
    assert window.error.textFormat() == Qt.TextFormat.PlainText
    assert "got the string '<b>3</b><img src=x.png>'" in window.error.text()
    assert "&lt;b&gt;3&lt;/b&gt;" in window.error.toolTip()  # a tooltip would render HTML: escaped
