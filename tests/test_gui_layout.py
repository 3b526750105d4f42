"""The window's layout on a projector: the canvas keeps most of the width at any size and scale, the
side panels give way (the controls first), their widths follow the scale both ways, and a lesson's
note is read without scrolling where there is room."""

import pytest
from PySide6.QtCore import QSettings, Qt

from gdsim.model.lessons import shipped_lessons
from gdsim.ui.side_panels import side_widths


def test_side_widths_give_each_column_what_it_wants_when_the_canvas_keeps_its_share():
    assert side_widths(2000, [400, 340], [240, 200]) == [400, 340]
    assert side_widths(2000, [400, 0], [240, 200]) == [400, 0]  # a closed column takes nothing


def test_side_widths_take_from_the_first_column_then_the_next_then_from_both():
    # 1500 px: 660 for the sides. The controls give way to 320, the panels keep their 340.
    assert side_widths(1500, [430, 340], [240, 200]) == [320, 340]
    # The panels want 680: the controls give way down to their 240, the panels get the other 420.
    assert side_widths(1500, [430, 680], [240, 200]) == [240, 420]
    # 1100 px with 12 px of separators: 472 for the sides; the panels give way too, to 232.
    assert side_widths(1100, [430, 680], [240, 200], gap=12) == [240, 232]
    # 1024 px: 438 for the sides, less than the floors' 440: shared in proportion to them.
    assert side_widths(1024, [430, 680], [240, 200], gap=12) == [238, 199]
    # A column that wants less than its floor has that as its floor.
    assert side_widths(700, [150, 680], [240, 200]) == [132, 176]


@pytest.fixture
def window(window, qtbot):
    """The window, once it has read its lessons."""
    qtbot.waitUntil(lambda: len(window.lessons) > 0, timeout=5000)
    return window


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, key, modifier)


def widths(window) -> tuple[int, int, int]:
    return window.dock.width(), window.formula_dock.width(), window.canvas.width()


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("size", [(1024, 700), (1024, 768)])
def test_the_canvas_keeps_most_of_a_projectors_width_with_every_panel_open(qtbot, window, scale, size):
    window.resize(*size)
    window.actions.scale_actions[scale].trigger()
    press(qtbot, window, Qt.Key.Key_0)  # lesson 10: controls, formulas and the lesson note open
    assert window.dock.isVisible() and window.formula_dock.isVisible() and window.lesson_dock.isVisible()
    qtbot.waitUntil(lambda: window.canvas.width() >= 0.55 * window.width())
    assert window.width() == size[0]
    assert window.dock.width() >= 200 and window.formula_dock.width() >= 150
    assert window.lesson_dock.width() == window.formula_dock.width()


def test_the_panel_widths_follow_the_scale_both_ways(qtbot, window):
    window.resize(1500, 900)
    qtbot.waitUntil(lambda: window.formula_dock.width() == 340)
    at_100 = widths(window)
    window.actions.scale_actions[2.0].trigger()
    qtbot.waitUntil(lambda: window.formula_dock.width() > 400)  # the formulas grow with the scale
    assert window.canvas.width() >= 0.55 * window.width()
    assert window.dock.width() < at_100[0]  # the controls gave way, and scroll
    window.actions.scale_actions[1.0].trigger()
    qtbot.waitUntil(lambda: widths(window) == at_100)


def test_hiding_the_controls_gives_their_room_to_the_panels_as_far_as_the_canvas_allows(qtbot, window):
    window.resize(1024, 768)
    window.actions.scale_actions[2.0].trigger()
    qtbot.waitUntil(lambda: window.canvas.width() >= 0.55 * window.width())
    controls, formulas, canvas = widths(window)
    press(qtbot, window, Qt.Key.Key_F9)
    assert not window.dock.isVisible()
    qtbot.waitUntil(lambda: window.formula_dock.width() > formulas + controls / 2)
    assert window.canvas.width() >= 0.55 * window.width()
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: widths(window) == (controls, formulas, canvas))


def test_a_window_state_saved_at_another_scale_keeps_no_stale_widths(qtbot):
    from gdsim.app import create_window

    first = create_window()
    qtbot.addWidget(first)
    first.show()
    first.resize(1500, 900)
    first.actions.scale_actions[2.0].trigger()
    qtbot.waitUntil(lambda: first.formula_dock.width() > 400)
    first.close()
    QSettings().setValue("scale", 1.0)  # as if the scale had been changed back on another machine
    second = create_window()
    qtbot.addWidget(second)
    second.show()
    second.resize(1500, 900)
    qtbot.waitUntil(lambda: second.formula_dock.width() == 340)
    assert second.appearance.scale == 1.0
    assert second.dock.width() > 300
    second.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_shipped_lessons_note_is_read_without_scrolling_at_1500_by_900(qtbot, window, language):
    window.resize(1500, 900)
    window.actions.language_actions[language].trigger()
    scroll = window.lesson_panel.verticalScrollBar()
    for lesson in shipped_lessons():
        window.actions.lesson_actions[window.lessons.index(lesson)][1].trigger()
        assert window.session.setup == lesson.setup and window.lesson_dock.isVisible()
        qtbot.waitUntil(lambda: window.lesson_panel.document().size().height()
                        <= window.lesson_panel.viewport().height())
        assert scroll.maximum() == 0, lesson.path.name
        assert window.formula_dock.height() >= 0.35 * window.canvas.height()


def test_the_slices_give_way_to_the_landscape_on_a_narrow_canvas_at_a_large_scale(qtbot, window):
    window.resize(1500, 900)
    window.session.set_problem("ravine")
    qtbot.waitUntil(lambda: window.canvas.slices_shown)
    window.actions.scale_actions[2.0].trigger()  # View → Scale → 200 %
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: not window.canvas.slices_shown)
    assert window.canvas.parameters.width() > 0.8 * window.canvas.width()
    window.actions.scale_actions[1.0].trigger()
    qtbot.waitUntil(lambda: window.canvas.slices_shown)


def test_the_slices_give_way_to_the_landscape_under_the_chain_rule_panel_on_a_projector(qtbot, window):
    """At 1024 × 700 lesson 6's chain-rule panel leaves the canvas ~330 px: the slices would be 37 px
    plots, too short for a label beside the point."""
    qtbot.waitUntil(lambda: len(window.lessons) > 0)
    window.resize(1024, 700)
    press(qtbot, window, Qt.Key.Key_6)
    assert window.chain_dock.isVisible()
    qtbot.waitUntil(lambda: not window.canvas.slices_shown)
    assert window.canvas.parameters.width() > 0.8 * window.canvas.width()
    press(qtbot, window, Qt.Key.Key_C)  # View → Chain rule off: the canvas has its height back
    assert not window.chain_dock.isVisible()
    qtbot.waitUntil(lambda: window.canvas.slices_shown)
