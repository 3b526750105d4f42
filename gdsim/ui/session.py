"""The window's model: the current Setup, checked before it reaches the worker, and the worker thread.

Views call the verbs here (set_problem, set_hyperparameter, play, …). A request that the engine
rejects is reported through ``error_occurred`` and changes nothing. The newest snapshot of the
current setup is kept in ``latest``; views draw it on their own clock.
"""

from dataclasses import replace

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..engine import InputError, Problem
from ..engine.optimizers import get_optimizer
from ..engine.run import check_tolerance
from ..model.setup import Contender, Setup
from .i18n import translate_error
from .names import optimizer_title
from .style import format_number
from .worker import FrameGate, Worker

JOIN_TIMEOUT_MS = 1000


class Session(QObject):
    # Requests to the worker thread (queued connections).
    configure_requested = Signal(object, int, int)  # (setup, generation, new landscape: 0 or 1)
    play_requested = Signal()
    pause_requested = Signal()
    toggle_requested = Signal()
    step_requested = Signal()
    reset_requested = Signal(object)  # the setup to start over from
    hyperparameter_requested = Signal(int, str, object)
    speed_requested = Signal(object)
    step_limit_requested = Signal(int)
    tolerance_requested = Signal(float)
    history_rows_requested = Signal(int)

    # What the views react to.
    problem_changed = Signal(object)  # a new Problem: new landscape, new parameters
    setup_changed = Signal(object, object)  # (Setup, Problem): anything changed, the run restarts
    hyperparameter_changed = Signal(int, str, float)  # (contender, name, value), applied mid-run
    landscape_changed = Signal(object)  # Curve | Surface | None
    stepped = Signal(object)  # Snapshot of the current setup
    error_occurred = Signal(str)

    def __init__(self, setup: Setup | None = None, parent=None):
        super().__init__(parent)
        self.setup = setup or Setup()
        self.problem: Problem = self.setup.make_problem()  # replaced by apply() below
        self.latest = None
        self._generation = 0
        self._problem_generation = 0  # the generation whose landscape is the current one
        self._thread = QThread()
        self._thread.setObjectName("gdsim-worker")
        self.frame_gate = FrameGate()
        self._worker = Worker(self.frame_gate)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._thread.finished.connect(self._worker.deleteLater)
        self.configure_requested.connect(self._worker.configure)
        self.play_requested.connect(self._worker.play)
        self.pause_requested.connect(self._worker.pause)
        self.toggle_requested.connect(self._worker.toggle)
        self.step_requested.connect(self._worker.step_once)
        self.reset_requested.connect(self._worker.reset)
        self.hyperparameter_requested.connect(self._worker.set_hyperparameter)
        self.speed_requested.connect(self._worker.set_speed)
        self.step_limit_requested.connect(self._worker.set_step_limit)
        self.tolerance_requested.connect(self._worker.set_tolerance)
        self.history_rows_requested.connect(self._worker.set_history_rows)
        self._worker.landscape_ready.connect(self._on_landscape_ready)
        self._worker.stepped.connect(self._on_stepped)
        self._worker.failed.connect(self._on_worker_failed)
        self._thread.start()
        self.apply(self.setup)

    # --- the setup ----------------------------------------------------------------------------

    def apply(self, setup: Setup, new_landscape: bool = True) -> bool:
        """Switch to a new setup if the engine accepts it; otherwise report why and keep the old.

        ``new_landscape`` says the problem itself changed (not only the start or the optimizer)."""
        try:
            problem = setup.make_problem() if new_landscape else self.problem
            setup.make_runs(problem)
        except InputError as e:
            self.error_occurred.emit(translate_error(e))
            return False
        self.setup = setup
        self._generation += 1
        self.latest = None
        if new_landscape:
            self.problem = problem
            self._problem_generation = self._generation
            self.problem_changed.emit(problem)
        self.setup_changed.emit(setup, problem)
        self.configure_requested.emit(setup, self._generation, int(new_landscape))
        return True

    def set_problem(self, name: str) -> bool:
        keep_data = name in ("linreg", "neuron") and self.setup.problem in ("linreg", "neuron")
        setup = replace(
            self.setup, problem=name, start=None,
            data=self.setup.data if keep_data else None,
            activation=self.setup.activation if name == "neuron" else None,
            loss=self.setup.loss if keep_data else None,
            contenders=tuple(Contender(c.optimizer, _without_lr(c.hyperparameters))
                             for c in self.setup.contenders),
        )
        return self.apply(setup)

    def set_data(self, source: str | None) -> bool:
        return self.apply(replace(self.setup, data=source, start=None))

    def set_activation(self, name: str) -> bool:
        return self.apply(replace(self.setup, activation=name))

    def set_loss(self, name: str) -> bool:
        return self.apply(replace(self.setup, loss=name))

    def set_start(self, start) -> bool:
        return self.apply(replace(self.setup, start=tuple(float(v) for v in start)), new_landscape=False)

    def set_hyperparameter(self, name: str, value, index: int = 0) -> bool:
        """Applies from the next step of the current run, and to every later reset."""
        contender = self.setup.contenders[index]
        optimizer = get_optimizer(contender.optimizer)
        try:
            checked = optimizer.hyperparameter(name).check(value)
        except InputError as e:
            self.error_occurred.emit(translate_error(e))
            return False
        self.setup = self.setup.with_contender(
            index, Contender(contender.optimizer, {**contender.hyperparameters, name: checked}))
        self.hyperparameter_requested.emit(index, name, checked)
        self.hyperparameter_changed.emit(index, name, checked)
        return True

    def hyperparameters(self, index: int = 0) -> dict[str, float]:
        return self.setup.hyperparameters_of(index, self.problem)

    def labels(self) -> list[str]:
        """A short name for each optimizer run: its title and η."""
        return [f"{optimizer_title(c.optimizer)} η={format_number(self.hyperparameters(i)['lr'])}"
                for i, c in enumerate(self.setup.contenders)]

    def set_contenders(self, names: list[str]) -> bool:
        """Run these optimizers side by side. Those already running stay as they are (a lesson may
        run one optimizer several times with different η); new ones are added with their defaults."""
        if not names:
            self.error_occurred.emit(self.tr("choose at least one optimizer"))
            return False
        kept = [c for c in self.setup.contenders if c.optimizer in names]
        running = {c.optimizer for c in kept}
        contenders = tuple(kept) + tuple(Contender(name) for name in names if name not in running)
        if contenders == self.setup.contenders:
            return True  # nothing changed: the runs go on
        return self.apply(replace(self.setup, contenders=contenders), new_landscape=False)

    def set_speed(self, speed: float | None) -> None:
        self.setup = replace(self.setup, speed=speed)
        self.speed_requested.emit(speed)

    def set_step_limit(self, limit: int) -> bool:
        if limit < 1:
            message = self.tr("the step limit must be a whole number ≥ 1, got {0}")
            self.error_occurred.emit(message.format(limit))
            return False
        self.setup = replace(self.setup, step_limit=int(limit))
        self.step_limit_requested.emit(int(limit))
        return True

    def set_tolerance(self, tol) -> bool:
        try:
            value = check_tolerance(tol)
        except InputError as e:
            self.error_occurred.emit(translate_error(e))
            return False
        self.setup = replace(self.setup, tol=value)
        self.tolerance_requested.emit(value)
        return True

    def set_history_rows(self, rows: int) -> None:
        """How many rows of the trajectory a snapshot carries (about a plot's width in pixels)."""
        self.history_rows_requested.emit(int(rows))

    # --- running ------------------------------------------------------------------------------

    @Slot()
    def play(self):
        self.play_requested.emit()

    @Slot()
    def pause(self):
        self.pause_requested.emit()

    @Slot()
    def toggle(self):
        self.toggle_requested.emit()

    @Slot()
    def step(self):
        self.step_requested.emit()

    @Slot()
    def reset(self):
        # The session's setup, not the worker's first copy: η, speed, step limit and tolerance may
        # have changed since the runs were built.
        self.reset_requested.emit(self.setup)

    def shutdown(self) -> bool:
        """Stop the worker and join its thread; True if it ended within a second."""
        if not self._thread.isRunning():
            return True
        # The worker's event loop ends after its current chunk (a few milliseconds at most); its
        # timer and the worker itself are deleted in that thread as it finishes.
        self._thread.quit()
        return self._thread.wait(JOIN_TIMEOUT_MS)

    # --- from the worker ----------------------------------------------------------------------

    @Slot(object)
    def _on_worker_failed(self, error):
        self.error_occurred.emit(translate_error(error))

    @Slot(object, int)
    def _on_landscape_ready(self, surface, generation: int):
        # Later setups with the same problem (a new start, say) keep this landscape.
        if generation == self._problem_generation:
            self.landscape_changed.emit(surface)

    @Slot(object)
    def _on_stepped(self, snap):
        if snap.generation == self._generation:
            self.latest = snap
            self.stepped.emit(snap)


def _without_lr(hyperparameters: dict) -> dict:
    # A learning rate tuned for one problem rarely suits another: take the new problem's own.
    return {k: v for k, v in hyperparameters.items() if k != "lr"}
