"""The canvas: parameter space, the two slices, the loss over the steps and the data, laid out for the
current problem, redrawn from the session's newest snapshot at most ~60 times a second, and never
taking more than FRAME_SHARE of the window's time.

Each frame is drawn from one snapshot alone (its problem, its start, its watched run). From the moment
the views take it until Qt has painted it the worker waits (``Session.begin_frame`` / ``end_frame``):
see ``FrameGate``."""

import math
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QWidget

from .data_view import DataView
from .loss_view import LossView
from .lr_view import LrView
from .names import short_run_labels
from .parameter_view import ParameterView
from .session import Session
from .slice_view import SliceView
from .style import DARK, Style

FRAME_MS = 16
# The share of its time the window spends on frames, at most: the worker waits while a frame is drawn
# and painted, and the window must stay quick to answer. A frame that takes 10 ms is followed by the
# next 22 ms later at the earliest. With lesson 10's frames (~15 ms) 0.4 gave 25 redraws a second; 0.45
# gives 30–32 with the runs at 5,300–5,800 steps/s each; 0.5 gave 32–38 but 4,900–5,400 steps/s
# (benchmarks/gui_speed.py runs, idle machine).
FRAME_SHARE = 0.45
LONGEST_PAUSE_SECONDS = 0.1
MIN_HISTORY_ROWS = 50  # a plot narrower than this has not been laid out yet
# Beside the parameter space the slices leave it about 3/5 of the canvas: below this width (times the
# scale) its axis, colour bar and ticks leave the landscape a sliver, so the slices give way to it.
SLICES_MIN_WIDTH = 520
# Each slice has a third of the canvas's height, of which its title and axis take about 75 px (times
# the scale): below this height (times the scale) its plot is under 2.5 times its ∂L label's height,
# too short for the label to sit clear of the point and the curve (37 px under lesson 6's chain-rule
# panel at 1024 × 700), so the slices give way to the landscape.
SLICES_MIN_HEIGHT = 420
UNPAINTED_FRAME_MS = 100  # a frame that changed nothing on screen is not painted: the gate opens anyway


class _PaintWatcher(QObject):
    """Tells the canvas when Qt has painted a frame: Qt paints everything the frame changed while it
    handles the window's UpdateRequest, so a zero timer started then fires after the paint."""

    def __init__(self, canvas: "Canvas"):
        super().__init__(canvas)
        self._canvas = canvas
        self._frame: int | None = None
        # A timer of its own, not QTimer.singleShot with a lambda: a closed window is deleted, and a
        # pending lambda would then either reach a deleted canvas or, with the canvas as its context,
        # be dropped by Qt yet kept by Python, and the window's memory with it.
        self._painted = QTimer(self)
        self._painted.setSingleShot(True)
        self._painted.setInterval(0)
        self._painted.timeout.connect(self._on_painted)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        frame = self._canvas._unpainted_frame
        if frame is not None and event.type() == QEvent.Type.UpdateRequest:
            self._frame = frame
            self._painted.start()
        return False

    @Slot()
    def _on_painted(self) -> None:
        self._canvas._end_frame(self._frame)


class Canvas(QWidget):
    drawn = Signal(object)  # the snapshot just drawn (tests and benchmarks wait on it)
    # The snapshot drawn, once Qt has painted it (at once if no view is on screen): text that follows
    # the run is set then, so that Qt paints it apart from the plots, between two frames.
    painted = Signal(object)
    data_view_made = Signal(object)  # the DataView, made when a problem first needs it
    sample_clicked = Signal(int)  # a data point clicked: its row

    def __init__(self, session: Session, style: Style = DARK, parent=None):
        super().__init__(parent)
        self.session = session
        self._style = style
        self.parameters = ParameterView(style)
        self.losses = LossView(style)
        # The slices and the data view are made when a problem first needs them: the first
        # window (a 1-D problem) then appears sooner.
        self._slices: tuple[SliceView, SliceView] | None = None
        self._data: DataView | None = None
        self._chosen_sample: int | None = None  # ringed on the data view (the chain rule's sample)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)

        self.step_parts = False
        self._lr: LrView | None = None  # η per step, while some run has a schedule
        # (slices, data, η per step) the current problem and runs have
        self._wanted = (False, False, False)
        self._arranged: tuple[bool, bool, bool] | None = None  # what is laid out: the slices need room
        self._newest = None  # the newest snapshot of the current setup
        self._drawn = None
        self._painted = None  # the snapshot of the last frame Qt painted
        self._frame = QTimer(self)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._on_frame)
        self._frame.start()
        self._paint_watcher = _PaintWatcher(self)
        self._watched_window = None
        self._frames = 0
        self._unpainted_frame: int | None = None  # the frame the worker waits for, until it is painted
        self._frame_began = 0.0
        self._next_frame = 0.0  # perf_counter() time before which no frame begins
        self._unpainted = QTimer(self)
        self._unpainted.setSingleShot(True)
        self._unpainted.setInterval(UNPAINTED_FRAME_MS)
        self._unpainted.timeout.connect(lambda: self._end_frame(self._unpainted_frame))
        # The next frame begins as soon as it may (a snapshot waits and the last frame's share is
        # kept), not at the periodic timer's next tick, which could come nearly a tick later.
        self._due = QTimer(self)
        self._due.setSingleShot(True)
        self._due.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire up to 5 % early
        self._due.timeout.connect(self._on_frame)
        self._history_rows = None
        for view in (self.parameters, self.losses):
            view.getPlotItem().getViewBox().sigResized.connect(self._fit_history_rows)
        self.parameters.start_requested.connect(session.set_start)
        session.problem_changed.connect(self._on_problem_changed)
        session.setup_changed.connect(self._on_setup_changed)
        session.hyperparameter_changed.connect(self._on_hyperparameter_changed)
        session.schedule_changed.connect(self._on_schedule_changed)
        session.batches_changed.connect(self._on_batches_changed)  # the names say the batch size
        session.landscape_changed.connect(self.parameters.set_landscape)
        session.plane_changed.connect(self._on_plane_changed)
        session.stepped.connect(self._on_stepped)
        self._on_problem_changed(session.problem)
        self._show_lr(session.setup)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size() != event.oldSize():
            self._arrange(*self._wanted)

    def _fit_history_rows(self) -> None:
        """Never more points per curve than the widest plot area has pixels (the axes and the loss
        view's legend take a third of a view's width; every point costs the worker its copy and the
        window a segment to stroke)."""
        rows = max(int(view.getPlotItem().getViewBox().width()) for view in (self.parameters, self.losses))
        if rows >= MIN_HISTORY_ROWS and rows != self._history_rows:
            self._history_rows = rows
            self.session.set_history_rows(rows)

    def _begin_frame(self) -> None:
        """Hold the worker at its gate until Qt has painted this frame, if any view is on screen."""
        window = self.window()
        if not (self.views_on_screen() and window.isVisible() and not window.isMinimized()):
            return
        if self._watched_window is not window:  # the canvas is placed in its window after it is made
            window.installEventFilter(self._paint_watcher)
            self._watched_window = window
        self._frames += 1
        self._unpainted_frame = self._frames
        self._frame_began = time.perf_counter()
        self.session.begin_frame()
        self._unpainted.start()

    def _end_frame(self, frame: int | None) -> None:
        """Frame ``frame`` is painted: the worker goes on (unless a later frame has begun since)."""
        if frame is not None and frame == self._unpainted_frame:
            self._unpainted_frame = None
            self._unpainted.stop()
            self.session.end_frame()
            if self._drawn is not None:
                self._painted = self._drawn
                self.painted.emit(self._drawn)
            now = time.perf_counter()
            # The time since the frame began also counts whatever else the window did meanwhile (a
            # lesson loaded, a dialog): the pause it earns is held to LONGEST_PAUSE_SECONDS.
            pause = (now - self._frame_began) * (1 / FRAME_SHARE - 1)
            self._next_frame = now + min(pause, LONGEST_PAUSE_SECONDS)
            self._due.start(max(0, math.ceil((self._next_frame - now) * 1000)))

    def stop(self) -> None:
        """Draw no more frames (the window is closing): a closed window that stays alive, as one
        reopened in the same process leaves behind, keeps no timer ticking."""
        for timer in (self._frame, self._due, self._unpainted, self._paint_watcher._painted):
            timer.stop()
        self._unpainted_frame = None

    def views_on_screen(self) -> set:
        """The views Qt will paint: shown, with some of their viewport (where a view paints; it
        covers the view itself, whose own visible region is therefore empty) on screen."""
        return {view for view in self._views()
                if view.isVisible() and not view.viewport().visibleRegion().isEmpty()}

    @property
    def slices(self) -> tuple[SliceView, SliceView]:
        if self._slices is None:
            self._slices = tuple(SliceView(i, self._style) for i in (0, 1))
        return self._slices

    @property
    def data(self) -> DataView:
        if self._data is None:
            self._data = DataView(self._style)
            self.data_view_made.emit(self._data)
            self._data.sample_clicked.connect(self.sample_clicked)
            self._data.show_chosen(self._chosen_sample)
        return self._data

    def show_chosen_sample(self, row: int | None) -> None:
        """Ring sample ``row`` of the data (None: none), as the chain-rule panel shows it."""
        self._chosen_sample = row
        if self._data is not None:
            self._data.show_chosen(row)

    @property
    def data_view_exists(self) -> bool:
        return self._data is not None

    @property
    def lr(self) -> LrView:
        if self._lr is None:
            self._lr = LrView(self._style)
        return self._lr

    @property
    def lr_shown(self) -> bool:
        """Whether η per step is laid out beside the loss (some run has a schedule)."""
        return self._wanted[2]

    def _views(self) -> list:
        return [v for v in (self.parameters, *(self._slices or ()), self.losses, self._data, self._lr)
                if v is not None]

    def retranslate(self) -> None:
        for view in self._views():
            view.retranslate()
        self._show_labels()
        self._drawn = None  # texts drawn with each frame (slope, labels) come anew

    def apply_style(self, style: Style) -> None:
        self._style = style
        for view in self._views():
            view.apply_style(style)
        self._arrange(*self._wanted)
        self._drawn = None  # redraw with the new style on the next frame

    @Slot(object)
    def _on_problem_changed(self, problem) -> None:
        plane = getattr(self.session, "plane", None) if problem.dim > 2 else None
        self.parameters.set_problem(problem, plane)
        slices = problem.dim >= 2
        data = self._shows_data(problem)
        if slices:
            # the two parameters of the landscape: of more than two, the first and the bias at first
            self.slices[0].index, self.slices[1].index = plane or (0, problem.dim - 1)
            for view in self.slices:
                view.set_problem(problem)
        if data:
            self.data.set_problem(problem)
        self._arrange(slices, data, self.lr_shown)

    @Slot(int, int)
    def _on_plane_changed(self, i: int, j: int) -> None:
        """Two other parameters of many: the landscape, the paths and the slices show them."""
        problem = self.session.problem
        self.parameters.set_plane((i, j))
        if self._slices is not None:
            self._slices[0].index, self._slices[1].index = i, j
            for view in self._slices:
                view.set_problem(problem)
        self._drawn = None  # drawn again on the next frame

    @staticmethod
    def _shows_data(problem) -> bool:
        return getattr(problem, "dataset", None) is not None and problem.dataset.n_inputs == 1

    @Slot(object, object)
    def _on_setup_changed(self, setup, problem) -> None:
        self._show_labels()
        self._show_lr(setup)
        self.losses.clear_data()
        if self._lr is not None:
            self._lr.clear_data()
        if self._data is not None:
            self._data.clear_model()
        self._newest = self._drawn = None  # the old runs' snapshots are not drawn again

    @Slot(int, str, float)
    def _on_hyperparameter_changed(self, index: int, name: str, value: float) -> None:
        self._show_labels()

    @Slot(int, object)
    def _on_schedule_changed(self, index: int, schedule) -> None:
        self._show_labels()
        self._show_lr(self.session.setup)

    def _show_lr(self, setup) -> None:
        """η per step beside the loss, while some run's η changes from step to step."""
        scheduled = any(c.schedule is not None for c in setup.contenders)
        if scheduled != self.lr_shown:
            self._arrange(*self._wanted[:2], scheduled)

    @Slot(int, object, int)
    def _on_batches_changed(self, index: int, batch_size, seed: int) -> None:
        # A method, not a lambda: Qt drops a connection to a method of a deleted canvas, while a lambda
        # would keep the closed window alive as long as the session lives.
        self._show_labels()

    def _show_labels(self) -> None:
        self.losses.set_labels(short_run_labels(self.session.setup, self.session.problem))

    def set_step_parts(self, on: bool) -> None:
        self.step_parts = bool(on)
        self._drawn = None

    @property
    def slices_shown(self) -> bool:
        return self._slices is not None and not self._slices[0].isHidden()

    def _arrange(self, slices: bool, data: bool, lr: bool) -> None:
        """Parameter space big on the left, slices beside it, the loss (and the data) below, and η
        per step beside the loss (or under it, when the data is beside); a view that does not apply,
        or has no room, is hidden and leaves its room to its neighbours."""
        self._wanted = (slices, data, lr)
        scale = self._style.scale
        room = self.width() >= SLICES_MIN_WIDTH * scale and self.height() >= SLICES_MIN_HEIGHT * scale
        slices = slices and room
        if (slices, data, lr) == self._arranged:
            return
        self._arranged = (slices, data, lr)
        self._drawn = None  # views shown again are drawn on the next frame
        layout = self._layout
        for view in self._views():
            layout.removeWidget(view)
        layout.addWidget(self.parameters, 0, 0, 2, 1 if slices else 2)
        for view in self._slices or ():
            view.setVisible(slices)
        if slices:
            layout.addWidget(self.slices[0], 0, 1)
            layout.addWidget(self.slices[1], 1, 1)
        layout.addWidget(self.losses, 2, 0, 1, 1 if data or lr else 2)
        if self._data is not None:
            self._data.setVisible(data)
        if data:
            layout.addWidget(self.data, 2, 1)
        if lr:
            layout.addWidget(self.lr, 3 if data else 2, 0 if data else 1)
        if self._lr is not None:
            self._lr.setVisible(lr)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2 if slices or data or lr else 0)
        for row in range(3):
            layout.setRowStretch(row, 2)
        layout.setRowStretch(3, 1 if lr and data else 0)

    @property
    def last_drawn(self):
        """The snapshot drawn last (None after a change of setup, until the next is drawn)."""
        return self._drawn

    @property
    def last_painted(self):
        """The snapshot drawn last once Qt has painted it and ``painted`` has gone out (None before)."""
        return self._drawn if self._drawn is self._painted else None

    @Slot(object)
    def _on_stepped(self, snap) -> None:
        self._newest = snap  # drawn by the next frame; snapshots between two frames are skipped
        if self._unpainted_frame is None and time.perf_counter() >= self._next_frame:
            self._due.start(0)

    @Slot()
    def _on_frame(self) -> None:
        if (self._newest is not None and self._newest is not self._drawn and self._unpainted_frame is None
                and time.perf_counter() >= self._next_frame):
            self.draw(self._newest)

    def draw(self, snap) -> None:
        self._begin_frame()
        self.parameters.draw(snap, self.step_parts)
        if snap.problem.dim >= 2 and self.slices_shown:
            for view in self.slices:
                view.draw(snap)
        self.losses.draw(snap)
        if self.lr_shown:
            self._lr.draw(snap)
        if self._data is not None and not self._data.isHidden():  # laid out (an off-screen canvas too)
            self._data.draw(snap)
        self._drawn = snap
        self.session.snapshot_drawn()
        self.drawn.emit(snap)
        if self._unpainted_frame is None:  # no view on screen: nothing to wait for
            self._painted = snap
            self.painted.emit(snap)
