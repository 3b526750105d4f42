"""The main window: a thin composer of the canvas, the control panel, the status bar and the menus."""

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QScrollArea

from .canvas import Canvas
from .controls import ControlPanel
from .formula_panel import FormulaPanel
from .session import Session
from .style import DARK, format_number

ERROR_SHOWN_MS = 10_000


class MainWindow(QMainWindow):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("gdsim — watch gradient descent work"))
        self.canvas = Canvas(session, DARK)
        self.setCentralWidget(self.canvas)

        self.controls = ControlPanel(session)
        self.controls.focus_changed.connect(self.canvas.set_focus)
        self.canvas.set_focus(self.controls.focus)
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.dock = QDockWidget(self.tr("Controls"), self)
        self.dock.setObjectName("controls")
        self.dock.setWidget(scroll)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        scroll.setMinimumWidth(self.controls.sizeHint().width() + 24)

        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setStyleSheet("color: #D55E00; font-weight: bold")
        self.error.setWordWrap(True)
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.error, 2)
        self._error_timer = QTimer(self)
        self._error_timer.setSingleShot(True)
        self._error_timer.timeout.connect(self.error.clear)

        self.formulas = FormulaPanel(self.canvas, DARK)
        self.formula_dock = QDockWidget(self.tr("Formulas"), self)
        self.formula_dock.setObjectName("formulas")
        self.formula_dock.setWidget(self.formulas)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.formula_dock)
        self.formula_dock.setMinimumWidth(320)

        self._build_menus()
        session.stepped.connect(self._on_stepped)
        session.setup_changed.connect(self._on_setup_changed)
        session.error_occurred.connect(self.show_error)
        self.resize(1400, 900)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = QAction(self.tr("&Import data…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self.controls._on_import_clicked)
        file_menu.addAction(self.import_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        run_menu = self.menuBar().addMenu(self.tr("&Run"))
        self.play_action = self._action(run_menu, self.tr("Play / Pause"), Qt.Key.Key_Space,
                                        self.session.toggle)
        self.step_action = self._action(run_menu, self.tr("Step"), Qt.Key.Key_Right, self.session.step)
        self.reset_action = self._action(run_menu, self.tr("Reset"), Qt.Key.Key_R, self.session.reset)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.dock.toggleViewAction())
        view_menu.addAction(self.formula_dock.toggleViewAction())
        self.log_action = QAction(self.tr("&Log scale for the loss"), self)
        self.log_action.setCheckable(True)
        self.log_action.setShortcut(QKeySequence(Qt.Key.Key_L))
        self.log_action.toggled.connect(self.canvas.losses.set_log_scale)
        view_menu.addAction(self.log_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About gdsim"), self)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    def _action(self, menu, text, key, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        # The window's shortcuts work wherever the focus is, except while typing in a field.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- reacting -----------------------------------------------------------------------------

    @Slot(str)
    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setToolTip(message)
        self._error_timer.start(ERROR_SHOWN_MS)

    @Slot(object, object)
    def _on_setup_changed(self, setup, problem) -> None:
        self.error.clear()
        self.status.setText(problem.title)

    @Slot(object)
    def _on_stepped(self, snap) -> None:
        self.status.setText(self.describe(snap))

    def describe(self, snap) -> str:
        t = snap.lead
        state = {
            "running": self.tr("running") if snap.playing else self.tr("paused"),
            "converged": self.tr("converged at step {0}").format(t.stopped_at),
            "diverged": self.tr("diverged at step {0}").format(t.stopped_at + 1),
            "step limit": self.tr("stopped at the step limit"),
        }[t.status]
        parts = [
            self.tr("step {0}").format(t.step),
            self.tr("loss {0}").format(format_number(t.loss)),
            self.tr("‖∇L‖ {0}").format(format_number(t.grad_norm)),
            self.tr("η {0}").format(format_number(t.hyperparameters.get("lr", 0.0))),
            state,
        ]
        return "   ·   ".join(parts)

    def _show_about(self) -> None:
        QMessageBox.about(self, self.tr("About gdsim"), self.tr(
            "<p><b>gdsim</b> lets you watch gradient descent work.</p>"
            "<p>Each step moves the parameters against the slope of the loss: θ ← θ − η·∇L(θ). "
            "The optimizers follow PyTorch's torch.optim update rules.</p>"))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.session.shutdown()
        super().closeEvent(event)
