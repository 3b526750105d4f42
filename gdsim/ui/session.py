"""The Qt adapter of the model: it holds the current setup and its built problem, owns the worker
thread, and tells the views what changed.

Views call the verbs here (set_problem, set_hyperparameter, play, …). Each verb applies one of the
model's transitions (``gdsim.model.setup``) and, when the runs must start over, builds the new setup
once (``gdsim.model.build``) and hands the built runs to the worker. A new activation or loss does not
start over: the worker's runs go on with the new problem from where they are, η kept; if the new
problem suggests another η, ``lr_suggestion_changed`` offers it. A request the model refuses is
reported through ``error_occurred``, in the user's language, and changes nothing. The newest snapshot
of the current setup is kept in ``latest``; views draw it on their own clock.
"""

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..engine import InputError, Problem
from ..engine.run import make_batches
from ..model.build import Built, build, problem_on_the_same_data
from ..model.setup import Setup, check_shown, schedule_from_dict
from .i18n import translate_error
from .worker import FrameGate, Worker

JOIN_TIMEOUT_MS = 1000


class Session(QObject):
    # Requests to the worker thread (queued connections).
    configure_requested = Signal(object, int, int)  # (Built, generation, new landscape: 0 or 1)
    play_requested = Signal()
    pause_requested = Signal()
    toggle_requested = Signal()
    step_requested = Signal()
    hyperparameter_requested = Signal(int, str, object)
    schedule_requested = Signal(int, object)  # (contender, Schedule or None)
    batches_requested = Signal(int, object, int)  # (contender, batch size or None, seed)
    speed_requested = Signal(object)
    step_limit_requested = Signal(int)
    tolerance_requested = Signal(float)
    watched_requested = Signal(int)
    history_rows_requested = Signal(int)
    switch_requested = Signal(object, int)  # (Problem, generation): the runs go on with it
    trajectories_requested = Signal()

    # What the views react to.
    problem_changed = Signal(object)  # a new Problem: new landscape, new parameters
    setup_changed = Signal(object, object)  # (Setup, Problem): anything changed (the runs restarted,
    # or, for a new activation or loss, go on)
    hyperparameter_changed = Signal(int, str, float)  # (contender, name, value), applied mid-run
    schedule_changed = Signal(int, object)  # (contender, Schedule or None), applied mid-run
    batches_changed = Signal(int, object, int)  # (contender, batch size or None, seed), applied mid-run
    watched_changed = Signal(int)  # another run is watched; the runs go on
    landscape_changed = Signal(object)  # Curve | Surface | None
    stepped = Signal(object)  # Snapshot of the current setup
    error_occurred = Signal(str)
    lr_suggestion_changed = Signal(object)  # {contender: the η the problem suggests}; {} for none
    trajectories_ready = Signal(object)  # every run's recorded rows (tables.Recorded), when asked for

    def __init__(self, built: Built | None = None, parent=None):
        """``built``: the setup to begin with, already built (by default gdsim's first setup)."""
        super().__init__(parent)
        built = built or build(Setup())
        self._setup, self._problem = built.setup, built.problem
        self.latest = None
        self._generation = 0
        self._problem_generation = 0  # the generation whose landscape is the current one
        self._before_switch: tuple[Setup, Problem] | None = None  # what a refused switch goes back to
        self._lr_suggestion: dict[int, float] = {}
        self._thread = QThread()
        self._thread.setObjectName("gdsim-worker")
        self._gate = FrameGate()
        self._worker = Worker(self._gate)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._thread.finished.connect(self._worker.deleteLater)
        self.configure_requested.connect(self._worker.configure)
        self.play_requested.connect(self._worker.play)
        self.pause_requested.connect(self._worker.pause)
        self.toggle_requested.connect(self._worker.toggle)
        self.step_requested.connect(self._worker.step_once)
        self.hyperparameter_requested.connect(self._worker.set_hyperparameter)
        self.schedule_requested.connect(self._worker.set_schedule)
        self.batches_requested.connect(self._worker.set_batches)
        self.speed_requested.connect(self._worker.set_speed)
        self.step_limit_requested.connect(self._worker.set_step_limit)
        self.tolerance_requested.connect(self._worker.set_tolerance)
        self.watched_requested.connect(self._worker.set_watched)
        self.history_rows_requested.connect(self._worker.set_history_rows)
        self.switch_requested.connect(self._worker.switch_problem)
        self._worker.switch_refused.connect(self._on_switch_refused)
        self._worker.landscape_ready.connect(self._on_landscape_ready)
        self._worker.stepped.connect(self._on_stepped)
        self.trajectories_requested.connect(self._worker.send_trajectories)
        self._worker.trajectories_ready.connect(self._on_trajectories_ready)
        self._thread.start()
        self._run(built, new_landscape=True)

    @property
    def setup(self) -> Setup:
        return self._setup

    @property
    def problem(self) -> Problem:
        """The current setup's problem: the very object the worker's runs step on."""
        return self._problem

    # --- the setup ----------------------------------------------------------------------------

    def apply(self, setup: Setup, problem: Problem | None = None) -> bool:
        """Switch to a whole new setup (a lesson) if the engine accepts it and the window can show
        it; otherwise report why and keep the old. ``problem``, if given, is that setup's problem,
        already built and checked."""
        if self._refused_or(lambda: check_shown(setup)) is None:
            return False
        return self._build(setup, problem)

    def set_problem(self, name: str) -> bool:
        return self._build(self._setup.with_problem(name))

    def set_function(self, text: str, range=None) -> bool:
        """The problem custom: a typed function of x, or of x and y, drawn over ``range``."""
        return self._build(self._setup.with_function(text, range))

    def set_data(self, source: str | None) -> bool:
        return self._build(self._setup.with_data(source))

    def set_activation(self, name: str) -> bool:
        """The neuron's activation; the runs go on from where they are (w, b, step, η, optimizer state)."""
        return self._switch(self._setup.with_activation(name))

    def set_loss(self, name: str) -> bool:
        """The dataset model's loss; the runs go on from where they are, as for the activation."""
        return self._switch(self._setup.with_loss(name))

    def set_start(self, start) -> bool:
        """A start of one number per parameter, or None for the problem's own."""
        return self._restart(self._setup.with_start(start))

    def set_contenders(self, names: list[str]) -> bool:
        """Run these optimizers side by side; those already running stay as they are."""
        setup = self._refused_or(lambda: self._setup.with_contenders(names))
        if setup is None:
            return False
        if setup.contenders == self._setup.contenders:
            return True  # nothing changed: the runs go on
        return self._restart(setup)

    def copy_watched(self) -> bool:
        """Add a copy of the watched run and watch it (all runs start over, to be compared)."""
        setup = self._refused_or(lambda: self._setup.with_copy_of(self._setup.watched))
        return setup is not None and self._restart(setup)

    def remove_watched(self) -> bool:
        """Remove the watched run (all runs start over); the last run stays."""
        setup = self._refused_or(lambda: self._setup.without(self._setup.watched))
        return setup is not None and self._restart(setup)

    def set_hyperparameter(self, name: str, value, index: int = 0) -> bool:
        """Applies from the next step of the current run, and to every later reset."""
        setup = self._refused_or(lambda: self._setup.with_hyperparameter(index, name, value))
        if setup is None:
            return False
        self._setup = setup
        checked = setup.contenders[index].hyperparameters[name]
        self.hyperparameter_requested.emit(index, name, checked)
        self.hyperparameter_changed.emit(index, name, checked)
        if name == "lr" and index in self._lr_suggestion:
            self._offer_lr({i: lr for i, lr in self._lr_suggestion.items() if i != index})
        return True

    def set_schedule(self, schedule, index: int = 0) -> bool:
        """One run's learning-rate schedule (a Schedule, a schedule's name, {"name": …, its parameters},
        or None for none): from its next update on, at the run's own t (``Run.set_schedule``), and from
        the start after a reset. One the engine refuses is reported and changes nothing."""
        if isinstance(schedule, dict):
            schedule = self._refused_or(lambda: schedule_from_dict(schedule))
            if schedule is None:
                return False
        setup = self._refused_or(lambda: self._setup.with_schedule(index, schedule))
        if setup is None:
            return False
        if setup == self._setup:
            return True
        self._setup = setup
        chosen = setup.contenders[index].schedule
        self.schedule_requested.emit(index, chosen)
        self.schedule_changed.emit(index, chosen)
        return True

    def set_batches(self, batch_size: int | None, seed: int = 0, index: int = 0) -> bool:
        """One run's mini-batches: ``batch_size`` samples a step (None: the whole data, 1: stochastic)
        in the order ``seed`` sets; from its next update on (``Run.set_batches``), and from the start
        after a reset. A size the data cannot give, or a problem without data, is reported."""
        def checked() -> Setup:
            make_batches(self._problem, batch_size, seed)  # raises for a size the data cannot give
            return self._setup.with_batches(index, batch_size, seed)

        setup = self._refused_or(checked)
        if setup is None:
            return False
        if setup == self._setup:
            return True
        self._setup = setup
        c = setup.contenders[index]
        self.batches_requested.emit(index, c.batch_size, c.seed)
        self.batches_changed.emit(index, c.batch_size, c.seed)
        return True

    def hyperparameters(self, index: int = 0) -> dict[str, float]:
        return self._setup.hyperparameters_of(index, self._problem)

    @property
    def lr_suggestion(self) -> dict[int, float]:
        """The η the current problem suggests for the runs whose η a new activation or loss kept."""
        return dict(self._lr_suggestion)

    @Slot()
    def take_lr_suggestion(self) -> None:
        """Give every run the η its problem suggests (from the next step on)."""
        for index, lr in sorted(self._lr_suggestion.items()):
            self.set_hyperparameter("lr", lr, index)

    def set_speed(self, speed: float | None) -> bool:
        """Steps per second (the model's SPEED_RANGE), or None for as fast as possible."""
        setup = self._refused_or(lambda: self._setup.with_speed(speed))
        if setup is None:
            return False
        self._setup = setup
        self.speed_requested.emit(setup.speed)
        return True

    def set_step_limit(self, limit: int) -> bool:
        setup = self._refused_or(lambda: self._setup.with_step_limit(limit))
        if setup is None:
            return False
        self._setup = setup
        self.step_limit_requested.emit(setup.step_limit)
        return True

    def set_tolerance(self, tol) -> bool:
        setup = self._refused_or(lambda: self._setup.with_tolerance(tol))
        if setup is None:
            return False
        self._setup = setup
        self.tolerance_requested.emit(setup.tol)
        return True

    def set_watched(self, index: int) -> None:
        """Watch another run (an index into the setup's contenders); the runs go on."""
        if index == self._setup.watched:
            return
        self._setup = self._setup.with_watched(index)
        self.watched_requested.emit(index)
        self.watched_changed.emit(index)

    def set_history_rows(self, rows: int) -> None:
        """How many rows of the trajectory a snapshot carries (about a plot's width in pixels)."""
        self.history_rows_requested.emit(int(rows))

    def _refused_or(self, make):
        """What ``make`` gives (a transition's new setup, a build), or None after reporting why the
        model refused it."""
        try:
            return make()
        except InputError as e:
            self.error_occurred.emit(translate_error(e))
            return None

    def _build(self, setup: Setup, problem: Problem | None = None) -> bool:
        """Build the setup and its problem (or take ``problem``, the setup's, built before) and run it
        on a new landscape; a setup the engine refuses is reported and changes nothing."""
        built = self._refused_or(lambda: build(setup, problem))
        if built is None:
            return False
        self._run(built, new_landscape=True)
        return True

    def _switch(self, setup: Setup) -> bool:
        """The same model with another activation or loss: the worker's runs go on with the new problem
        from where they are. Each run keeps its η; where the new problem suggests another, it is
        offered (``lr_suggestion_changed``), never set silently."""
        if setup == self._setup:
            return True
        setup = setup.keeping_lr(self._problem)
        problem = self._refused_or(lambda: problem_on_the_same_data(setup, self._problem))
        if problem is None:
            return False
        self._before_switch = (self._setup, self._problem)
        self._setup, self._problem = setup, problem
        self._generation += 1
        self._problem_generation = self._generation
        self.latest = None
        self.problem_changed.emit(problem)
        self.setup_changed.emit(setup, problem)
        self.switch_requested.emit(problem, self._generation)
        self._offer_lr(setup.suggested_lr(problem))
        return True

    def _offer_lr(self, suggestion: dict[int, float]) -> None:
        if suggestion != self._lr_suggestion:
            self._lr_suggestion = dict(suggestion)
            self.lr_suggestion_changed.emit(dict(suggestion))

    def _restart(self, setup: Setup) -> bool:
        """Build the setup on the current problem (a new start, other optimizers) and run it."""
        built = self._refused_or(lambda: build(setup, self._problem))
        if built is None:
            return False
        self._run(built, new_landscape=False)
        return True

    def _run(self, built: Built, new_landscape: bool) -> None:
        self._offer_lr({})
        self._setup = built.setup
        self._generation += 1
        self.latest = None
        if new_landscape:
            self._problem = built.problem
            self._problem_generation = self._generation
            self.problem_changed.emit(built.problem)
        self.setup_changed.emit(built.setup, built.problem)
        self.configure_requested.emit(built, self._generation, int(new_landscape))

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
        """Start over: fresh runs of the current setup (η, speed, step limit and tolerance as they are
        now) on the current problem, whose data is not read again."""
        built = self._refused_or(lambda: build(self._setup, self._problem))
        if built is not None:
            self.configure_requested.emit(built, self._generation, 0)

    # --- the worker's thread ------------------------------------------------------------------

    def begin_frame(self) -> None:
        """A view starts painting a frame: the worker waits until ``end_frame`` (see FrameGate)."""
        self._gate.close()

    def end_frame(self) -> None:
        self._gate.open()

    def snapshot_drawn(self) -> None:
        """The window has drawn the newest snapshot: the worker may publish the next one (while playing
        it publishes no faster than the window draws)."""
        self._gate.drawn()

    @property
    def painting(self) -> bool:
        """True between ``begin_frame`` and ``end_frame``."""
        return not self._gate.is_open

    @property
    def worker_running(self) -> bool:
        return self._thread.isRunning()

    def shutdown(self) -> bool:
        """Stop the worker and join its thread; True if it ended within a second."""
        if not self._thread.isRunning():
            return True
        # The worker's event loop ends after its current chunk (a few milliseconds at most); its
        # timer and the worker itself are deleted in that thread as it finishes.
        self._thread.quit()
        return self._thread.wait(JOIN_TIMEOUT_MS)

    # --- from the worker ----------------------------------------------------------------------

    @Slot(object, int)
    def _on_landscape_ready(self, surface, generation: int):
        # Later setups with the same problem (a new start, say) keep this landscape.
        if generation == self._problem_generation:
            self.landscape_changed.emit(surface)

    @Slot(object, int)
    def _on_switch_refused(self, error, generation: int):
        """A run could not go on with the new problem from where it is: back to the old one."""
        if generation != self._generation or self._before_switch is None:
            return
        self._setup, self._problem = self._before_switch
        self._offer_lr({})
        self.problem_changed.emit(self._problem)
        self.setup_changed.emit(self._setup, self._problem)
        self.error_occurred.emit(translate_error(error))

    @Slot(object)
    def _on_stepped(self, snap):
        if snap.generation == self._generation:
            self.latest = snap
            self.stepped.emit(snap)

    # --- exports ------------------------------------------------------------------------------

    @Slot()
    def request_trajectories(self) -> None:
        """Ask the worker for every run's recorded rows; ``trajectories_ready`` brings them."""
        self.trajectories_requested.emit()

    @Slot(object, int)
    def _on_trajectories_ready(self, records, generation: int):
        if generation == self._generation and records:
            self.trajectories_ready.emit(records)
