"""The basin map mode: a grid of starts over the visible region, advanced by the watched optimizer (and,
to compare, by another optimizer or another η) on a worker thread; the cloud flows on the parameter
view, then the map shows where each start ended. A click on a cell runs the normal view from there.

``BasinMode`` is the Qt adapter: it builds the jobs from the session's setup, owns the worker's thread,
passes the worker's frames on and draws them on the parameter view's layer; the panel
(``basin_panel``) shows the settings, the progress and the legends, and reacts to its signals.
"""

import os

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from ..engine import InputError
from ..engine.optimizers import default_lr, get_optimizer
from ..engine.swarm import DEFAULT_STEPS, check_problem, default_radius, grid_starts
from .basin_worker import BasinJob, BasinWorker
from .worker import FrameGate

JOIN_TIMEOUT_MS = 2000
DEFAULT_GRID = 100
# What a second map may differ in: another optimizer (its name), or the watched one's η times a factor.
LR_FACTORS = (0.5, 2.0)


class BasinMode(QObject):
    start_requested = Signal(object)  # a tuple of BasinJob, to the worker
    cancel_requested = Signal()
    frame_drawn = Signal()

    started = Signal(object)  # the jobs: the maps being made
    progressed = Signal(object)  # a CloudFrame
    finished = Signal(object)  # a tuple of Basins
    cancelled = Signal()
    failed = Signal(object)  # an InputError: why no map can be made

    def __init__(self, session, view, parent=None):
        super().__init__(parent)
        self.session, self.view = session, view
        self.results = ()
        self.jobs = ()
        self.running = False
        # The worker and its thread are made with the first map asked for: a window that makes none
        # has neither (nothing to delete across threads when it goes).
        self._thread: QThread | None = None
        self._worker: BasinWorker | None = None
        self._gate = FrameGate()  # closed while a frame of the cloud is painted
        view.cell_clicked.connect(self.run_from_cell)
        session.problem_changed.connect(self._on_problem_changed)

    def _start_worker(self) -> None:
        self._thread = QThread()
        self._thread.setObjectName("gdsim-basins")
        # One thread of steps: the other core stays with the window.
        self._worker = BasinWorker(threads=max(1, (os.cpu_count() or 2) - 1), gate=self._gate)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.begin)
        self._thread.finished.connect(self._worker.deleteLater)
        self.start_requested.connect(self._worker.start)
        self.cancel_requested.connect(self._worker.cancel)
        self.frame_drawn.connect(self._worker.frame_drawn)
        self._worker.progressed.connect(self._on_progressed)
        self._worker.finished.connect(self._on_finished)
        self._worker.cancelled.connect(self._on_cancelled)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()

    def jobs_for(self, grid: int = DEFAULT_GRID, steps: int = DEFAULT_STEPS, compare=None) -> tuple:
        """The maps to make from the session's setup: the watched optimizer on a grid over the visible
        region, and with ``compare`` (an optimizer's name, or a factor of η) a second one. Raises
        InputError for a problem with more than two parameters."""
        session = self.session
        problem = check_problem(session.problem)
        setup = session.setup
        contender = setup.contenders[setup.watched]
        hyperparameters = session.hyperparameters(setup.watched)
        region = self.view.visible_region()
        starts = grid_starts(region, grid)
        radius = default_radius(region)
        box = self.view.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = box.viewRange()
        pixels = (min(1600, max(16, round(box.width()))), min(1600, max(16, round(box.height()))))
        common = dict(problem=problem, starts=starts, grid=grid, region=region, steps=steps, tol=setup.tol,
                      radius=radius, view=((x0, x1), (y0, y1)), pixels=pixels, dot_px=self.view.basins.dot_px)
        jobs = [BasinJob(optimizer=contender.optimizer, hyperparameters=hyperparameters,
                         schedule=contender.schedule, **common)]
        if isinstance(compare, float):
            jobs.append(BasinJob(optimizer=contender.optimizer, schedule=contender.schedule,
                                 hyperparameters=dict(hyperparameters, lr=hyperparameters["lr"] * compare),
                                 **common))
        elif compare is not None:
            own = [i for i, c in enumerate(setup.contenders) if c.optimizer == compare]
            if own:  # the η and settings it has in the window
                jobs.append(BasinJob(optimizer=compare, hyperparameters=session.hyperparameters(own[0]),
                                     schedule=setup.contenders[own[0]].schedule, **common))
            else:
                optimizer = get_optimizer(compare)
                jobs.append(BasinJob(optimizer=compare, schedule=None,
                                     hyperparameters={"lr": default_lr(problem, optimizer)}, **common))
        return tuple(jobs)

    @Slot()
    def start(self, grid: int = DEFAULT_GRID, steps: int = DEFAULT_STEPS, compare=None) -> bool:
        """Begin the maps (replacing any under way); False, with the reason in ``failed``, if refused."""
        try:
            jobs = self.jobs_for(grid, steps, compare)
        except InputError as e:
            self.failed.emit(e)
            return False
        if self._thread is None:
            self._start_worker()
        self.jobs, self.results, self.running = jobs, (), True
        self.view.basins.clear()
        self.started.emit(jobs)
        self.start_requested.emit(jobs)
        return True

    @Slot()
    def cancel(self) -> None:
        if self.running:
            self.cancel_requested.emit()

    @Slot(int)
    def run_from_cell(self, index: int) -> None:
        """The normal single-start view from the centre of a cell of the map shown."""
        shown = self.view.basins.shown
        if shown is None:
            return
        start = tuple(float(v) for v in shown.starts[index])
        self.view.basins.clear()
        if self.session.set_start(start):
            self.session.play()

    def clear(self) -> None:
        self.cancel()
        self.view.basins.clear()

    def shutdown(self) -> bool:
        self._gate.open()
        if self._thread is None or not self._thread.isRunning():
            return True
        self.cancel_requested.emit()
        self._thread.quit()
        return self._thread.wait(JOIN_TIMEOUT_MS)

    # --- from the worker ------------------------------------------------------------------------

    @Slot(object)
    def _on_progressed(self, frame) -> None:
        if not self.running:
            return
        self._gate.close()
        self.view.basins.show_cloud(frame.pictures[0], self.jobs[0].view)
        self.progressed.emit(frame)
        # Qt paints what changed before it fires a zero timer: then the worker may go on.
        QTimer.singleShot(0, self, self._on_painted)

    def _on_painted(self) -> None:
        self._gate.open()
        self.frame_drawn.emit()

    @Slot(object)
    def _on_finished(self, results) -> None:
        self.running = False
        self.results = results
        self.view.basins.show_map(results[0])
        self.finished.emit(results)

    @Slot()
    def _on_cancelled(self) -> None:
        self.running = False
        self.view.basins.clear()
        self.cancelled.emit()

    @Slot(object)
    def _on_failed(self, error) -> None:
        self.running = False
        self.failed.emit(error)

    @Slot(object)
    def _on_problem_changed(self, _problem) -> None:
        """Another problem: a map of the old one no longer belongs on the view."""
        self.cancel()
        self.results = ()
