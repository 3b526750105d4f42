"""The menus, driven as a user does: each QAction of the menu triggered, as a click on it would."""

import pytest
from PySide6.QtCore import QSettings, Qt

from gdsim.ui.i18n import resolve


def test_the_language_menu_switches_the_language_and_remembers_it(qtbot, window):
    actions = window.actions
    chinese, english, system = (actions.language_actions[code] for code in ("zh_CN", "en", ""))
    assert {chinese, english, system} <= set(actions.language_menu.actions())
    chinese.trigger()
    assert window.translations.language == "zh_CN"
    assert window.controls.problem_box.title() == "目标函数"
    assert actions.file_menu.title() == "文件(&F)"
    assert window.settings.language == "zh_CN" and chinese.isChecked()
    english.trigger()
    assert window.controls.problem_box.title() == "Problem"
    assert window.settings.language == "en" and english.isChecked()
    system.trigger()
    assert window.settings.language == "" and system.isChecked()
    assert window.translations.language == resolve("")


@pytest.mark.parametrize("stored", [True, "true", "klingon", 3])
def test_a_stored_language_gdsim_does_not_ship_is_dropped_for_the_systems(qtbot, stored):
    from gdsim.app import create_window

    q = QSettings()
    q.setValue("language", stored)
    q.sync()
    win = create_window()
    qtbot.addWidget(win)
    assert win.translations.language == resolve("")
    assert win.actions.language_actions[""].isChecked()
    assert not QSettings().contains("language")
    win.close()


def test_the_lessons_and_themes_menus_do_what_they_say(qtbot, window):
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    lesson, action = window.actions.lesson_actions[2]
    assert action in window.actions.lessons_menu.actions()
    action.trigger()
    assert window.session.setup == lesson.setup
    window.actions.light.trigger()
    assert window.appearance.name == "light" and window.settings.theme == "light"
    window.actions.dark.trigger()
    assert window.appearance.name == "dark"


def test_view_scale_shows_the_scale_and_offers_its_steps(qtbot, window):
    actions = window.actions
    assert actions.scale_menu.menuAction() in actions.view_menu.actions()
    assert actions.scale_menu.title() == "&Scale: 100 %" and window.scale_label.text() == "100 %"
    steps = [a.text() for a in actions.scale_menu.actions() if a in actions.scale_actions.values()]
    assert steps == ["100 %", "125 %", "150 %", "175 %", "200 %", "225 %", "250 %"]
    actions.scale_actions[1.5].trigger()
    assert window.appearance.scale == 1.5 and window.settings.scale == 1.5
    assert actions.scale_actions[1.5].isChecked() and not actions.scale_actions[1.0].isChecked()
    assert actions.scale_menu.title() == "&Scale: 150 %" and window.scale_label.text() == "150 %"
    assert window.controls.font().pointSizeF() == pytest.approx(15)
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.scale == 1.75 and actions.scale_actions[1.75].isChecked()
    assert window.scale_label.text() == "175 %"
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.appearance.scale == 1.25 and actions.scale_actions[1.25].isChecked()
    actions.larger.trigger()
    assert window.appearance.scale == 1.5 and actions.scale_menu.title() == "&Scale: 150 %"


def test_the_scale_is_shown_in_the_chosen_language(qtbot, window):
    window.actions.language_actions["zh_CN"].trigger()
    window.actions.scale_actions[2.0].trigger()
    assert window.actions.scale_menu.title() == "缩放：200%(&S)"
    assert window.scale_label.text() == "200%"
