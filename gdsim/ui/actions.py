"""The window's menus, actions and keyboard shortcuts; Help → Keyboard lists them from the actions
themselves, so the list is always what the keys do."""

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)
from shiboken6 import isValid

from ..engine.models import MODEL_KINDS
from .controls import data_import_off
from .fields import LR_RANGE
from .gl_support import GlSupport, gl_support, quick_check
from .i18n import LANGUAGES, tr, without_mnemonic
from .style import SCALES


def percent(scale: float) -> str:
    """A scale as people say it: 1.25 → '125 %'."""
    return tr("{0} %").format(round(scale * 100))


class WindowActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.keyed: list[QAction] = []  # the actions listed in Help → Keyboard
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.edit_menu = bar.addMenu("")
        self.run_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.lessons_menu = bar.addMenu("")
        self.language_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")

        self.import_data = self._add(self.file_menu, QKeySequence.StandardKey.Open,
                                     window.controls.ask_for_data_file)
        self.save_data = self._add(self.file_menu, None, window.ask_to_save_data)
        self.file_menu.setToolTipsVisible(True)  # why Import is off for a fixed function
        self.file_menu.addSeparator()
        self.quit = self._add(self.file_menu, QKeySequence.StandardKey.Quit, window.close)

        editor = window.data_editor
        self.undo = self._add(self.edit_menu, QKeySequence.StandardKey.Undo, editor.stack.undo)
        self.redo = self._add(self.edit_menu, QKeySequence.StandardKey.Redo, editor.stack.redo)
        self.edit_menu.addSeparator()
        self.remove_point = self._add(self.edit_menu, Qt.Key.Key_Delete, editor.remove_selected)
        self.clear_data = self._add(self.edit_menu, None, editor.clear)
        self.edit_menu.setToolTipsVisible(True)
        editor.stack.indexChanged.connect(self._show_undo)
        editor.editable_changed.connect(self._show_editable)
        editor.selection_changed.connect(self._show_selection)

        session = window.session
        self.play = self._add(self.run_menu, Qt.Key.Key_Space, session.toggle)
        self.step = self._add(self.run_menu, Qt.Key.Key_Right, session.step)
        self.reset = self._add(self.run_menu, Qt.Key.Key_R, session.reset)
        self.reset.triggered.connect(window.canvas.parameters.reset_view)  # and show the whole domain
        self.faster = self._add(self.run_menu, Qt.Key.Key_Up, lambda: self.scale_lr(2.0))
        self.slower = self._add(self.run_menu, Qt.Key.Key_Down, lambda: self.scale_lr(0.5))
        self.run_menu.addSeparator()
        self.copy_run = self._add(self.run_menu, None, session.copy_watched)
        self.remove_run = self._add(self.run_menu, None, session.remove_watched)
        self.run_menu.addSeparator()
        # With Ctrl: a bare B would be taken from a list one types into (the loss "bce").
        self.basin_map = self._add(self.run_menu, QKeySequence("Ctrl+B"), window.show_basin_map)
        self.run_menu.setToolTipsVisible(True)  # why the basin map is off for more than 2 parameters

        self.show_controls = window.dock.toggleViewAction()
        self.show_controls.setShortcut(QKeySequence(Qt.Key.Key_F9))
        self.view_menu.addAction(self.show_controls)
        self.keyed.append(self.show_controls)
        self.show_formulas = window.formula_dock.toggleViewAction()
        self.view_menu.addAction(self.show_formulas)
        self.show_chain_rule = self._add(self.view_menu, Qt.Key.Key_C, None, checkable=True)
        self.show_chain_rule.toggled.connect(window.show_chain_rule)
        window.chain_dock.visibilityChanged.connect(self._show_chain_rule_shown)
        self.log_scale = self._add(self.view_menu, Qt.Key.Key_L, None, checkable=True)
        self.log_scale.toggled.connect(window.canvas.losses.set_log_scale)
        self.step_parts = self._add(self.view_menu, Qt.Key.Key_P, None, checkable=True)
        self.step_parts.toggled.connect(window.canvas.set_step_parts)
        self.secant = self._add(self.view_menu, Qt.Key.Key_S, None, checkable=True)
        self.secant.toggled.connect(window.canvas.parameters.secant.set_on)
        self.equal_axes = self._add(self.view_menu, None, None, checkable=True)
        self.equal_axes.toggled.connect(window.canvas.parameters.set_equal_axes)
        session.problem_changed.connect(self._show_equal_axes)
        session.problem_changed.connect(self._show_basin_map)
        self._show_equal_axes(session.problem)
        self.surface_3d = self._add(self.view_menu, QKeySequence("Ctrl+3"), window.show_surface)
        self.view_menu.setToolTipsVisible(True)  # why the 3-D surface is off
        # Whether OpenGL works: the cheap checks now, a GL context only when the menu opens (None: not
        # known yet). The 2-D window never imports PyOpenGL.
        self.gl: GlSupport | None = quick_check()
        self.view_menu.aboutToShow.connect(self.check_gl)
        session.problem_changed.connect(self.show_surface_3d)
        self.view_menu.addSeparator()
        self.themes = QActionGroup(self)
        self.dark = self._add(self.view_menu, None, lambda: window.set_theme("dark"), checkable=True)
        self.light = self._add(self.view_menu, None, lambda: window.set_theme("light"), checkable=True)
        for action in (self.dark, self.light):
            self.themes.addAction(action)
        self.switch_theme = self._add(self.view_menu, Qt.Key.Key_T, lambda: window.set_theme(
            "dark" if window.appearance.name == "light" else "light"))
        self.scale_menu = self.view_menu.addMenu("")
        zoom_in, zoom_out = QKeySequence.StandardKey.ZoomIn, QKeySequence.StandardKey.ZoomOut
        self.larger = self._add(self.scale_menu, zoom_in, lambda: self.step_scale(+1))
        self.smaller = self._add(self.scale_menu, zoom_out, lambda: self.step_scale(-1))
        self.scale_menu.addSeparator()
        self.scales = QActionGroup(self)
        self.scale_actions = {}
        for scale in SCALES:
            action = self._add(self.scale_menu, None, lambda s=scale: window.set_scale(s), checkable=True)
            self.scales.addAction(action)
            self.scale_actions[scale] = action
        self.full_screen = self._add(self.view_menu, Qt.Key.Key_F11, window.toggle_full_screen)

        self.lesson_actions = []  # (lesson, action), filled in by set_lessons
        self._lessons_end = self.lessons_menu.addSeparator()
        self.open_lesson = self._add(self.lessons_menu, None, window.ask_to_open_lesson)
        self.save_lesson = self._add(self.lessons_menu, None, window.ask_to_save_lesson)

        self.languages = QActionGroup(self)
        self.language_actions = {}
        for code in ("", *LANGUAGES):
            action = self._add(self.language_menu, None, lambda c=code: window.set_language(c),
                               checkable=True)
            self.languages.addAction(action)
            self.language_actions[code] = action

        self.keyboard = self._add(self.help_menu, QKeySequence.StandardKey.HelpContents, self.show_keyboard)
        self.about = self._add(self.help_menu, None, window.show_about)
        self.retranslate()

    def set_lessons(self, lessons) -> None:
        """One menu entry per lesson, opened by its number key too."""
        for _, action in self.lesson_actions:
            self.lessons_menu.removeAction(action)
            self.keyed.remove(action)
        self.lesson_actions = []
        for lesson in lessons:
            action = self._add(self.lessons_menu, lesson_key(lesson.number),
                               lambda chosen=lesson: self.window.load_lesson(chosen),
                               before=self._lessons_end)
            self.lesson_actions.append((lesson, action))
        self.retranslate()

    def _add(self, menu, key, slot, checkable: bool = False, before: QAction | None = None) -> QAction:
        action = QAction(self.window)
        action.setCheckable(checkable)
        if key is not None:
            action.setShortcut(QKeySequence(key))
            # Anywhere in the window, except in a field that takes the key while typing.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.keyed.append(action)
        if slot is not None:
            # triggered(bool) hands Qt's `checked` flag to a slot's first parameter, even to a lambda's
            # default one (lambda c=code: …, which then gets True): the menus' slots take no arguments.
            action.triggered.connect(lambda _checked=False, run=slot: run())
        if before is None:
            menu.addAction(action)
        else:
            menu.insertAction(before, action)
        return action

    def retranslate(self) -> None:
        self.file_menu.setTitle(tr("&File"))
        self.edit_menu.setTitle(tr("&Edit"))
        self.run_menu.setTitle(tr("&Run"))
        self.view_menu.setTitle(tr("&View"))
        self.lessons_menu.setTitle(tr("Less&ons"))
        language = self.window.translations.language
        for lesson, action in self.lesson_actions:  # a title's own & is not a mnemonic
            title = lesson.text("title", language).replace("&", "&&")
            action.setText(f"{lesson_label(lesson.number)}  {title}")
        self.open_lesson.setText(tr("&Open a lesson file…"))
        self.save_lesson.setText(tr("&Save the setup as a lesson…"))
        # Named in both languages, so that whoever cannot read the one shown still finds it.
        self.language_menu.setTitle(tr("La&nguage / 语言"))
        self.help_menu.setTitle(tr("&Help"))
        for code, action in self.language_actions.items():
            action.setText(LANGUAGES[code] if code else tr("As the system"))
        for scale, action in self.scale_actions.items():
            action.setText(percent(scale))
        self.show_scale(self.window.appearance.scale)
        self.show_data_import(self.window.session.problem)
        self.show_surface_3d(self.window.session.problem)
        self._show_basin_map(self.window.session.problem)
        texts = {
            self.import_data: tr("&Import data…"), self.quit: tr("&Quit"),
            self.save_data: tr("&Save data as CSV…"),
            self.remove_point: tr("Re&move the selected point"), self.clear_data: tr("&Clear data"),
            self.play: tr("Play / Pause"), self.step: tr("One step"), self.reset: tr("Reset to the start"),
            self.faster: tr("η × 2"), self.slower: tr("η ÷ 2"),
            self.copy_run: tr("Add a &copy of the watched run"),
            self.remove_run: tr("Re&move the watched run"),
            self.basin_map: tr("&Basins: where every start of a grid ends"),
            self.log_scale: tr("&Log scale for the loss"),
            self.step_parts: tr("Show the &parts of each step"),
            self.equal_axes: tr("&Equal axis scales (1:1)"),
            self.secant: tr("&Secant → tangent (1-D): the derivative as a limit"),
            self.dark: tr("&Dark theme"), self.light: tr("&Light theme (projector)"),
            self.switch_theme: tr("Switch between the dark and the light &theme"),
            self.larger: tr("&Larger"), self.smaller: tr("&Smaller"), self.full_screen: tr("&Full screen"),
            self.keyboard: tr("&Keyboard"), self.about: tr("&About gdsim"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.show_controls.setText(tr("&Controls"))
        self.show_formulas.setText(tr("F&ormulas"))
        self.show_chain_rule.setText(tr("C&hain rule for the neuron"))
        self._show_undo()
        self._show_editable(self.window.data_editor.editable)
        self.clear_data.setToolTip(tr("Remove every point, to place your own (a run needs at least one)"))

    def _show_undo(self, *_) -> None:
        """Undo and Redo name the edit they take back or do again, and are off when there is none."""
        stack = self.window.data_editor.stack
        if not isValid(stack):  # the window is being closed: its stack goes first
            return
        for action, can, text, plain, named in (
                (self.undo, stack.canUndo(), stack.undoText(), tr("&Undo"), tr("&Undo: {0}")),
                (self.redo, stack.canRedo(), stack.redoText(), tr("&Redo"), tr("&Redo: {0}"))):
            action.setEnabled(can)
            action.setText(named.format(text) if can and text else plain)

    def _show_selection(self, *_) -> None:
        editor = self.window.data_editor
        self.remove_point.setEnabled(editor.editable and editor.has_selection)

    def _show_editable(self, editable: bool) -> None:
        """Removing and clearing points, for data that can be placed by hand; saving, for any data."""
        self._show_selection()
        self.clear_data.setEnabled(editable)
        self.save_data.setEnabled(self.window.session.problem.name in MODEL_KINDS)

    # --- what the keys do ---------------------------------------------------------------------

    def _show_equal_axes(self, problem) -> None:
        """The 1:1 toggle follows each new problem: on where its shape is the point, and only in 2-D;
        the secant is drawn for a function of one variable only."""
        self.equal_axes.setEnabled(problem.dim == 2)
        self.equal_axes.setChecked(problem.dim == 2 and problem.equal_axes)
        self.secant.setEnabled(problem.dim == 1)

    def _show_chain_rule_shown(self, _visible: bool) -> None:
        """The menu's tick follows the panel (closed by its own button, shown by a lesson)."""
        self.show_chain_rule.setChecked(not self.window.chain_dock.isHidden())

    def check_gl(self) -> GlSupport:
        """Find out (once) whether OpenGL works here, and say it in the menu."""
        if self.gl is None:
            self.gl = gl_support()
            self.show_surface_3d(self.window.session.problem)
        return self.gl

    def show_surface_3d(self, problem) -> None:
        """View → 3-D surface: on for a loss of two parameters where OpenGL works; otherwise off, and its
        text, tooltip and status tip say why."""
        action = self.surface_3d
        gl = self.gl
        if gl is not None and not gl.available:
            action.setText(tr("&3-D surface (no OpenGL here)"))
            why = tr("The 3-D surface needs OpenGL: {0}").format(gl.reason())
        else:
            action.setText(tr("&3-D surface…"))
            why = "" if problem.dim == 2 else tr(
                "The 3-D surface shows a loss of two parameters; this problem has {0}.").format(problem.dim)
        action.setEnabled(not why)
        action.setToolTip(why or tr("The loss as a surface one can turn, with every run's path on it"))
        action.setStatusTip(why)

    def _show_basin_map(self, problem) -> None:
        """Run → Basins for problems of one or two parameters; for more it is off and says why."""
        on = problem.dim <= 2
        self.basin_map.setEnabled(on)
        self.basin_map.setToolTip("" if on else tr("A basin map needs a problem of 1 or 2 parameters"))

    def show_language(self, language: str) -> None:
        self.language_actions.get(language, self.language_actions[""]).setChecked(True)

    def show_data_import(self, problem) -> None:
        """File → Import data… only for the problems fitted to data; for a fixed function it is off
        and says why, so that Ctrl O cannot lead to an error message."""
        on = problem.name in MODEL_KINDS
        self.import_data.setEnabled(on)
        self.import_data.setToolTip("" if on else data_import_off(problem))

    def show_scale(self, scale: float) -> None:
        """The scale as a number: in the submenu's title and as its ticked step."""
        self.scale_menu.setTitle(tr("&Scale: {0}").format(percent(scale)))
        action = self.scale_actions.get(scale)
        if action is not None:
            action.setChecked(True)

    def scale_lr(self, factor: float) -> None:
        """η of the watched run times a factor, within the η field's range."""
        session = self.window.session
        index = session.setup.watched
        lr = session.hyperparameters(index)["lr"] * factor
        session.set_hyperparameter("lr", min(max(lr, LR_RANGE[0]), LR_RANGE[1]), index)

    def step_scale(self, direction: int) -> None:
        current = self.window.appearance.scale
        i = min(range(len(SCALES)), key=lambda j: abs(SCALES[j] - current))
        self.window.set_scale(SCALES[min(max(i + direction, 0), len(SCALES) - 1)])

    def shortcut_list(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every action with a shortcut, as Help → Keyboard shows them."""
        lessons = {action for _, action in self.lesson_actions}
        rows = [(a.shortcut().toString(QKeySequence.SequenceFormat.NativeText), without_mnemonic(a.text()))
                for a in self.keyed if a not in lessons]
        keyed = [lesson.number for lesson, _ in self.lesson_actions if lesson_key(lesson.number) is not None]
        if keyed:
            last = max(keyed)
            keys = "1 … 9, 0" if last == 10 else f"1 … {last}"
            rows.append((keys, tr("Open lesson 1 … {0}").format(last)))
        return rows

    def show_keyboard(self) -> None:
        KeyboardDialog(self.shortcut_list(), self.window).open()


def lesson_key(number: int) -> Qt.Key | None:
    """Keys 1 … 9 open lessons 1 … 9 and 0 opens lesson 10; later lessons are in the menu only."""
    if 1 <= number <= 9:
        return Qt.Key(Qt.Key.Key_0 + number)
    return Qt.Key.Key_0 if number == 10 else None


def lesson_label(number: int) -> str:
    """The number in the menu, its key as the mnemonic (none after lesson 10, whose key is 0)."""
    if number <= 9:
        return f"&{number}"
    return "1&0" if number == 10 else str(number)


class KeyboardDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard"))
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([tr("Keys"), tr("Does")])
        for i, (keys, text) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(keys))
            self.table.setItem(i, 1, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 480)
