"""The main window: a thin composer of the canvas, the panels, the status bar and the menus, which
also keeps the window's appearance (theme, scale, full screen) and its settings between runs."""

import html
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
)

from ..model.lessons import LessonError, LessonView, load_lesson, save_lesson, shipped_lessons
from . import garbage
from .actions import WindowActions, percent
from .basin_panel import BasinPanel
from .basins import BasinMode
from .canvas import Canvas
from .chain_panel import ChainRulePanel
from .controls import ControlPanel
from .data_editor import DataEditor
from .exports import Exports
from .formula_panel import TEXT_UPDATES_PER_SECOND, FormulaPanel
from .i18n import Translations, translate_error
from .job_indicator import JobIndicator
from .lesson_panel import LessonPanel
from .lr_offer import LrOffer
from .names import optimizer_title, problem_title
from .refusals import show_refusal
from .session import Session
from .settings import Settings
from .side_panels import SidePanels
from .style import format_number, themed

ERROR_SHOWN_MS = 10_000
BASE_FONT_POINTS = 10.0
PANEL_WIDTH = 340  # px the formula and lesson panels want at 100 %; they grow with the scale
PANEL_FLOOR = 200  # px they keep, where they can, when the window is narrow
CHAIN_SHARE = 0.45  # of the window's height for the chain-rule panel, below the canvas
CONTROLS_FLOOR = 240  # px the controls keep, where they can; narrower than their content, they scroll


class MainWindow(QMainWindow):
    def __init__(self, session: Session, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        garbage.window_opened()
        self.session = session
        self.settings = settings or Settings()
        self.translations = Translations()
        self.translations.install(self.settings.language)
        self.appearance = themed(self.settings.theme, self.settings.scale)
        self.canvas = Canvas(session, self.appearance)
        self.setCentralWidget(self.canvas)

        self.controls = ControlPanel(session)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # where the keys go after a field
        self.controls.field_left.connect(self._on_field_left)
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        self.dock = self._dock("controls", scroll, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._controls_scroll = scroll

        self.formulas = FormulaPanel(self.appearance)
        self.canvas.painted.connect(self.formulas.show_snapshot)
        self.formula_dock = self._dock("formulas", self.formulas, Qt.DockWidgetArea.RightDockWidgetArea)
        self.chain_rule = ChainRulePanel(self.appearance)
        self.canvas.painted.connect(self.chain_rule.show_snapshot)
        # Below the canvas and the controls; the formulas and the lesson keep the whole height on the right.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.chain_dock = self._dock("chain rule", self.chain_rule, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.chain_dock.hide()  # until asked for (View → Chain rule, or a lesson)
        self.chain_dock.visibilityChanged.connect(self._show_chosen_sample)
        self.chain_rule.sample_changed.connect(self._show_chosen_sample)
        self.canvas.sample_clicked.connect(self.chain_rule.choose_sample)
        self.lesson_panel = LessonPanel()
        self.lesson_dock = self._dock("lesson", self.lesson_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.basin_mode = BasinMode(session, self.canvas.parameters, self)
        self.basin_panel = BasinPanel(self.basin_mode)
        basin_scroll = QScrollArea()
        basin_scroll.setWidget(self.basin_panel)
        basin_scroll.setWidgetResizable(True)
        self.basin_dock = self._dock("basins", basin_scroll, Qt.DockWidgetArea.RightDockWidgetArea)
        self.lessons = []  # read once the window is up: the first frame does not need them
        self._full_screen_for_this_start = False  # asked for on the command line: not remembered
        # The controls give way first (they scroll); the formulas and the lesson grow with the scale.
        self.side_panels = SidePanels(self, [(self.dock, self._controls_width, CONTROLS_FLOOR),
                                             (self.formula_dock, self._panel_width, PANEL_FLOOR),
                                             (self.lesson_dock, self._panel_width, PANEL_FLOOR),
                                             (self.basin_dock, self._panel_width, PANEL_FLOOR)],
                                      note=(self.formula_dock, self.lesson_dock))

        self.status = QLabel()
        self._status_at = float("-inf")  # when the status line last took a snapshot's numbers
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        for label in (self.status, self.error):
            label.setTextFormat(Qt.TextFormat.PlainText)  # they may quote a file's name or contents
        self.error.setStyleSheet("color: #D55E00; font-weight: bold")
        self.error.setWordWrap(True)
        self.scale_label = QLabel()
        self.lr_offer = LrOffer(session)
        self.loading = JobIndicator(session.cancel_loading)
        session.loading_started.connect(self._on_loading_started)
        session.loading_progressed.connect(self.loading.advance)
        session.loading_finished.connect(self.loading.end)
        session.loading_refused.connect(self._on_loading_refused)
        self.refining = JobIndicator(session.cancel_refining)
        session.refining_started.connect(self._on_refining_started)
        session.refining_progressed.connect(self.refining.advance)
        session.refining_finished.connect(self.refining.end)
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.loading)
        self.statusBar().addPermanentWidget(self.refining)
        self.statusBar().addPermanentWidget(self.lr_offer, 4)
        self.statusBar().addPermanentWidget(self.error, 2)
        self.statusBar().addPermanentWidget(self.scale_label)
        self._error_timer = QTimer(self)
        self._error_timer.setSingleShot(True)
        self._error_timer.timeout.connect(self.error.clear)

        self.surface_window = None  # View → 3-D surface, made when first asked for
        self.data_editor = DataEditor(session, self.canvas, self)  # points placed by hand, with undo
        self.actions = WindowActions(self)
        self.exports = Exports(self)  # File → Export
        self.actions.show_language(self.settings.language)
        self.canvas.painted.connect(self._on_painted)
        session.setup_changed.connect(self._on_setup_changed)
        session.error_occurred.connect(self.show_error)
        self.resize(1500, 900)
        self._apply_style()
        geometry, state = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self.lesson_dock.hide()  # a restored layout may show it, but no lesson is open yet
        self.basin_dock.hide()  # until a map is asked for
        self.retranslate()
        if self.settings.damaged:  # what could not be used of the stored settings, named once
            self.show_error("   ·   ".join(translate_error(message) for message in self.settings.damaged))
        self.canvas.drawn.connect(self._on_first_frame, Qt.ConnectionType.SingleShotConnection)

    def _on_first_frame(self, _snap) -> None:
        QTimer.singleShot(0, self, self._read_shipped_lessons)  # once the frame is on screen

    def _read_shipped_lessons(self) -> None:
        try:
            self.lessons = shipped_lessons()
        except (LessonError, OSError) as e:  # a broken installation: the rest still works
            self.show_error(translate_error(e))
            return
        self.actions.set_lessons(self.lessons)

    def _dock(self, name: str, widget, area) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("gdsim — watch gradient descent work"))
        self.dock.setWindowTitle(self.tr("Controls"))
        self.formula_dock.setWindowTitle(self.tr("Formulas"))
        self.chain_dock.setWindowTitle(self.tr("Chain rule"))
        self.chain_rule.retranslate()
        self.lesson_dock.setWindowTitle(self.tr("Lesson"))
        self.basin_dock.setWindowTitle(self.tr("Basins of attraction"))
        self.basin_panel.retranslate()
        self.lesson_panel.retranslate(self.translations.language)
        self.actions.retranslate()
        self.exports.retranslate()
        self.controls.retranslate()
        self.canvas.retranslate()
        self.formulas.retranslate()
        self.scale_label.setText(percent(self.appearance.scale))
        self.scale_label.setToolTip(self.tr("The scale of text and lines (Ctrl + / Ctrl −, View → Scale)"))
        self.lr_offer.retranslate()
        self.loading.retranslate()
        self.refining.retranslate()
        if self.surface_window is not None:
            self.surface_window.retranslate()
        if self.session.latest is not None:
            self.status.setText(self.describe(self.session.latest))
        self.side_panels.fit()  # texts of another length

    def _controls_width(self) -> int:
        scroll = self._controls_scroll
        return (self.controls.sizeHint().width() + 2 * scroll.frameWidth()
                + scroll.verticalScrollBar().sizeHint().width())

    def _panel_width(self) -> float:
        return PANEL_WIDTH * self.appearance.scale

    def set_language(self, language: str) -> None:
        """'' follows the system. Qt sends every widget a LanguageChange; ours re-set their texts."""
        self.settings.language = language
        self.translations.install(language)
        self.actions.show_language(language)
        self._apply_style()  # fonts made anew: Chinese takes a Simplified Chinese font for its glyphs
        self.retranslate()  # now, not when the LanguageChange events arrive

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- lessons ------------------------------------------------------------------------------

    def load_lesson(self, lesson) -> bool:
        """Apply a lesson (already checked when it was read); a setup the engine refuses changes nothing."""
        if not self.session.apply(lesson.setup, lesson.problem):
            return False
        self.actions.log_scale.setChecked(lesson.view.log_scale)
        self.actions.step_parts.setChecked(lesson.view.step_parts)
        self.formula_dock.setVisible(lesson.view.formula)
        self.show_chain_rule(lesson.view.chain_rule)
        self.lesson_panel.show_lesson(lesson, self.translations.language)
        self.lesson_dock.show()
        self.side_panels.fit()
        return True

    def open_lesson_file(self, path) -> None:
        """Read a lesson file in the background and apply it (``session.loading_finished`` says
        whether it was); a malformed one is reported and changes nothing."""
        self.session.load(Path(path).name, lambda: load_lesson(path), self.load_lesson)

    @Slot(str)
    def _on_loading_started(self, what: str) -> None:
        self.loading.begin(lambda: self.tr("Reading {0}…").format(what))

    @Slot()
    def _on_refining_started(self) -> None:
        self.refining.begin(lambda: self.tr("Refining the landscape…"))

    @Slot(object)
    def _on_loading_refused(self, error) -> None:
        if isinstance(error, LessonError):
            self._refuse(self.tr("Open lesson"), error)

    def save_lesson_file(self, path, title: str) -> bool:
        view = LessonView(log_scale=self.canvas.losses.log_scale, step_parts=self.canvas.step_parts,
                          formula=self.formula_dock.isVisible(), chain_rule=self.chain_dock.isVisible())
        try:
            save_lesson(path, self.session.setup, view, {"en": title, "zh": title}, {}, number=1)
        except LessonError as e:
            self._refuse(self.tr("Save the setup as a lesson"), e)
            return False
        return True

    def _refuse(self, title: str, error: LessonError) -> None:
        """A lesson file refused: said over the window and in the status bar, with the names the file
        uses (not the window's titles)."""
        message = translate_error(error, titles=False)
        self.show_error(message)
        show_refusal(self, title, message)

    @Slot()
    def ask_to_open_lesson(self) -> None:
        """Ask for a lesson file and open it."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open lesson"), "",
                                              self.tr("Lessons (*.toml);;All files (*)"))
        if path:
            self.open_lesson_file(path)

    @Slot()
    def ask_to_save_lesson(self) -> None:
        """Ask for a file and a title, and save the setup there as a lesson."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the setup as a lesson"),
                                              "lesson.gdsim.toml", self.tr("Lessons (*.toml)"))
        if not path:
            return
        title, ok = QInputDialog.getText(self, self.tr("Lesson title"), self.tr("Title of the lesson:"))
        if ok:
            self.save_lesson_file(path, title.strip() or Path(path).stem)

    @Slot()
    def ask_to_save_data(self) -> None:
        """Ask for a file and save the data there as CSV (File → Export → Dataset does the same)."""
        self.exports.ask_for_dataset()

    # --- appearance ---------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        self.appearance = themed(name, self.appearance.scale)
        self.settings.theme = self.appearance.name
        self._apply_style()

    def set_scale(self, scale: float) -> None:
        self.appearance = themed(self.appearance.name, scale)
        self.settings.scale = self.appearance.scale
        self._apply_style()

    def _apply_style(self) -> None:
        style = self.appearance
        font = QFont(QApplication.font())
        font.setPointSizeF(BASE_FONT_POINTS * style.scale)
        for widget in (self.controls, self.status, self.error, self.lr_offer, self.loading, self.refining,
                       self.menuBar(), self.dock, self.formula_dock, self.chain_dock, self.lesson_dock,
                       self.basin_dock):
            widget.setFont(font)
        self.basin_panel.apply_scale(style.scale)
        self.lesson_panel.apply_style(style)
        self.canvas.apply_style(style)
        self.formulas.apply_style(style)
        if self.surface_window is not None:
            self.surface_window.apply_style(style)
        self.chain_rule.apply_style(style)
        self.side_panels.fit()  # the widths of this scale, both ways
        self.actions.dark.setChecked(style.name == "dark")
        self.actions.light.setChecked(style.name == "light")
        self.actions.show_scale(style.scale)
        self.scale_label.setText(percent(style.scale))

    def show_chain_rule(self, on: bool = True) -> None:
        """Show the chain-rule panel below the canvas, CHAIN_SHARE of the window's height, or hide it."""
        if on == self.chain_dock.isVisible():
            return
        self.chain_dock.setVisible(on)
        if on and not self.chain_dock.isFloating():
            self.resizeDocks([self.chain_dock], [round(self.height() * CHAIN_SHARE)], Qt.Orientation.Vertical)

    @Slot()
    def _show_chosen_sample(self, *_) -> None:
        """The chain rule's sample is ringed on the data while its panel shows."""
        shown = self.chain_dock.isVisible()
        self.canvas.show_chosen_sample(self.chain_rule.sample_index if shown else None)

    def start_with(self, options) -> None:
        """Start as the command line asks (a gdsim.launch.StartOptions): shown, never remembered."""
        if options.theme is not None or options.scale is not None:
            self.appearance = themed(options.theme or self.appearance.name,
                                     options.scale or self.appearance.scale)
            self._apply_style()
        if options.language is not None:
            self.translations.install(options.language)
            self.actions.show_language(options.language)
            self.retranslate()
        if options.full_screen:
            self._full_screen_for_this_start = True
            self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)
        if options.lesson is not None:
            self.load_lesson(options.lesson)

    def show_surface(self) -> None:
        """View → 3-D surface: its window, made the first time; where OpenGL does not work, only a
        message saying why."""
        gl = self.actions.check_gl()
        if not gl.available:
            self.show_error(self.actions.surface_3d.statusTip())
            return
        if self.session.problem.dim != 2:
            return
        if self.surface_window is None:
            from .surface_window import SurfaceWindow  # PyOpenGL, only now

            a = self.actions
            self.surface_window = SurfaceWindow(self.session, self.appearance,
                                                (a.play, a.step, a.reset, a.faster, a.slower), parent=self)
        self.surface_window.show()
        self.surface_window.raise_()
        self.surface_window.activateWindow()

    def show_basin_map(self) -> None:
        """Run → Basins: the panel, and a map of the region shown made with its settings."""
        if self.formula_dock.isVisible() and not self.basin_dock.isVisible():
            self.tabifyDockWidget(self.formula_dock, self.basin_dock)  # a tab beside the formulas
        self.basin_dock.show()
        self.basin_dock.raise_()
        self.basin_panel.start()

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    # --- reacting -----------------------------------------------------------------------------

    @Slot(str)
    def show_error(self, message: str) -> None:
        self.error.setText(message)
        # A tooltip is read as markup if it looks like markup: say it as escaped text in a paragraph.
        self.error.setToolTip(f"<p>{html.escape(message)}</p>")
        self._error_timer.start(ERROR_SHOWN_MS)

    @Slot()
    def _on_field_left(self) -> None:
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(object, object)
    def _on_setup_changed(self, setup, problem) -> None:
        self.error.clear()
        self.actions.show_data_import(problem)
        self.status.setText(problem_title(problem.name))

    @Slot(object)
    def _on_painted(self, snap) -> None:
        now = time.perf_counter()
        if snap.playing and now - self._status_at < 1 / TEXT_UPDATES_PER_SECOND:
            return  # as the formulas: a playing run's numbers at a rate one can read
        self._status_at = now
        self.status.setText(self.describe(snap))

    def describe(self, snap) -> str:
        t = snap.watched_track
        state = {
            "running": self.tr("running") if snap.playing else self.tr("paused"),
            "converged": self.tr("converged at step {0}").format(t.stopped_at),
            "stuck": self.tr("stuck at step {0}: ∇L = 0, yet no minimum").format(t.stopped_at),
            "diverged": self.tr("diverged at step {0}").format(t.stopped_at + 1),
            "step limit": self.tr("stopped at the step limit"),
        }[t.status]
        if t.undefined_at is not None:
            state = self._undefined(snap.problem, t)
        if t.diverging:  # an early warning, long before the engine stops the run
            state = self.tr("diverging: the loss keeps growing") + ("" if snap.playing else
                                                                     " · " + self.tr("paused"))
        parts = [
            self.tr("step {0}").format(t.step),
            self.tr("loss {0}").format(format_number(t.loss)),
            self.tr("‖∇L‖ {0}").format(format_number(t.grad_norm)),
            self.tr("η {0}").format(format_number(t.lr or t.hyperparameters.get("lr", 0.0))),  # the next ηₜ
            state,
        ]
        if len(snap.tracks) > 1:
            parts.insert(0, optimizer_title(t.optimizer))
        return "   ·   ".join(parts)

    def _undefined(self, problem, t) -> str:
        """Why a run stopped where its function is not defined, and where."""
        point = ", ".join(f"{name} = {format_number(v)}"
                          for name, v in zip(problem.param_names, t.undefined_at, strict=True))
        if np.isfinite(problem.loss(t.undefined_at)[0]):
            return self.tr("stopped at step {0}: the slope of L is not defined at {1}").format(
                t.stopped_at + 1, point)
        return self.tr("stopped at step {0}: L is not defined at {1}").format(t.stopped_at + 1, point)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About gdsim"), self.tr(
            "<p><b>gdsim</b> lets you watch gradient descent work.</p>"
            "<p>Each step moves the parameters against the slope of the loss: θ ← θ − η·∇L(θ). "
            "The optimizers follow PyTorch's torch.optim update rules.</p>"))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.exports.animation_export.cancel()  # an animation being made is not written
        if self.surface_window is not None:
            self.surface_window.close()
        self.chain_rule.shutdown()
        self.basin_mode.shutdown()
        self.session.shutdown()
        self.canvas.stop()
        if not (self._full_screen_for_this_start and self.isFullScreen()):
            self.settings.set_geometry(self.saveGeometry(), self.saveState())
        self.settings.set_setup(self.session.setup)
        self.settings.sync()
        super().closeEvent(event)

