"""The window of the 3-D surface (View → 3-D surface): the surface view, a line saying how to turn it,
and in place of the view a sentence when the problem is not one of two parameters.

It reacts to the session as the canvas does: a new problem, a new landscape, snapshots as the runs
step; it draws the newest snapshot on its own clock, at most ~30 times a second and spending at most
the canvas's share of the window's time on painting (software OpenGL may take tens of milliseconds a
frame). The run's keys (Space, →, R, ↑, ↓) work here as in the main window; Home resets the camera."""

import math
import time

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from .canvas import FRAME_SHARE
from .i18n import tr
from .session import Session
from .style import DARK, Style

FRAME_MS = 33
# A slow paint (software OpenGL on a loaded machine) is followed by a pause up to this long, so that the
# 3-D view never takes more than FRAME_SHARE of the window's time.
LONGEST_PAUSE_SECONDS = 0.5


class SurfaceWindow(QWidget):
    def __init__(self, session: Session, style: Style = DARK, run_actions=(), parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        from .surface_view import SurfaceView  # PyOpenGL: only once OpenGL is known to work

        self.setObjectName("surface3d")
        self.session = session
        self._style = style
        self.view = SurfaceView(style)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.message)
        self.log_height = QCheckBox()
        self.log_height.toggled.connect(self.view.set_log_height)
        bar = QHBoxLayout()
        bar.addWidget(self.hint, 1)
        bar.addWidget(self.log_height)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 4)
        layout.addLayout(self._stack, 1)
        layout.addLayout(bar)

        self.reset_camera = QAction(self)
        self.reset_camera.setShortcut(QKeySequence(Qt.Key.Key_Home))
        self.reset_camera.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.reset_camera.triggered.connect(self.view.reset_camera)
        self.addAction(self.reset_camera)
        self.toggle_log_height = QAction(self)
        self.toggle_log_height.setShortcut(QKeySequence(Qt.Key.Key_L))
        self.toggle_log_height.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.toggle_log_height.triggered.connect(self.log_height.toggle)
        self.addAction(self.toggle_log_height)
        for action in run_actions:  # the main window's, so that Space plays while one looks here
            self.addAction(action)

        self._newest = None
        self._drawn = None
        self._next_frame = 0.0
        self._frame = QTimer(self)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._on_frame)
        self.view.painted.connect(self._on_painted)
        session.problem_changed.connect(self._on_problem_changed)
        session.landscape_changed.connect(self._on_landscape_changed)
        session.setup_changed.connect(self._on_setup_changed)
        session.stepped.connect(self._on_stepped)
        self._on_problem_changed(session.problem)
        if session.landscape is not None:
            self._on_landscape_changed(session.landscape)
        self._newest = session.latest
        self.apply_style(style)
        self.retranslate()
        screen = self.screen().availableGeometry()  # on a 1024 × 768 projector: 820 × 614
        self.resize(min(900, round(0.8 * screen.width())), min(700, round(0.8 * screen.height())))

    # --- appearance ---------------------------------------------------------------------------

    def apply_style(self, style: Style) -> None:
        self._style = style
        self.view.apply_style(style)
        font = self.font()
        font.setPointSizeF(10 * style.scale)
        for label in (self.hint, self.message, self.log_height):
            label.setFont(font)
        pad, box, line = round(4 * style.scale), round(14 * style.scale), max(1, round(style.scale))
        fg, bg = style.foreground, style.background
        self.setStyleSheet(  # the indicator drawn in the theme's colours: Qt's own is dark on dark
            f"QWidget#surface3d {{ background: {bg} }}"
            f" QLabel, QCheckBox {{ color: {fg}; background: {bg}; padding: {pad}px }}"
            f" QCheckBox::indicator {{ width: {box}px; height: {box}px; border: {line}px solid {fg};"
            f" background: {bg} }} QCheckBox::indicator:checked {{ background: {fg} }}")

    def retranslate(self) -> None:
        self.setWindowTitle(tr("gdsim — the loss as a surface in 3-D"))
        self.reset_camera.setText(tr("Reset the camera"))
        self.toggle_log_height.setText(tr("Log height"))
        self.hint.setText(tr("Drag to turn · wheel to zoom · Home: the first view · the arrow: −∇L"))
        self.log_height.setText(tr("&Log height (L)"))
        self.log_height.setToolTip(tr("The height grows with the logarithm of the loss: the floor of a "
                                      "valley shows"))
        self._show_message(self.session.problem)
        self.view.retranslate()

    def _show_message(self, problem) -> None:
        if problem.dim == 2:
            self._stack.setCurrentWidget(self.view)
            return
        self.message.setText(tr("The 3-D surface shows a loss of two parameters; this problem has {0}. "
                                "Choose a problem of two parameters, a function of x and y, or a model "
                                "with one input (w and b).").format(problem.dim))
        self._stack.setCurrentWidget(self.message)

    @property
    def shows_surface(self) -> bool:
        """Whether the view (not the sentence in its place) is shown."""
        return self._stack.currentWidget() is self.view

    # --- reacting -----------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._frame.start()
        self._drawn = None  # drawn anew on the next tick

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().hideEvent(event)
        self._frame.stop()

    @Slot(object)
    def _on_problem_changed(self, problem) -> None:
        self.view.set_problem(problem)
        self._show_message(problem)
        self._newest = self._drawn = None

    @Slot(object)
    def _on_landscape_changed(self, landscape) -> None:
        self.view.set_landscape(landscape)
        self._drawn = None

    @Slot(object, object)
    def _on_setup_changed(self, setup, problem) -> None:
        self._newest = self._drawn = None

    @Slot(object)
    def _on_stepped(self, snap) -> None:
        self._newest = snap  # drawn by the next frame; snapshots in between are skipped

    @Slot()
    def _on_frame(self) -> None:
        newest = self._newest
        if newest is None or newest is self._drawn or time.perf_counter() < self._next_frame:
            return
        if self.view.draw(newest):
            self._drawn = newest

    @Slot(float)
    def _on_painted(self, seconds: float) -> None:
        pause = seconds * (1 / FRAME_SHARE - 1)
        self._next_frame = time.perf_counter() + min(pause, LONGEST_PAUSE_SECONDS)
        if pause * 1000 > FRAME_MS:
            self._frame.setInterval(min(math.ceil(pause * 1000), round(LONGEST_PAUSE_SECONDS * 1000)))
        else:
            self._frame.setInterval(FRAME_MS)
