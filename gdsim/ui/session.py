"""The Qt adapter of the model: it holds the current setup and its built problem, owns the worker
thread and the background jobs, and tells the views what changed.

Views call the verbs here (set_problem, set_hyperparameter, play, …). Each verb applies one of the
model's transitions (``gdsim.model.setup``) and, when the runs must start over, builds the new setup
once (``gdsim.model.build``) and hands the built runs to the worker. A new activation or loss does not
start over: the worker's runs go on with the new problem from where they are, η kept; if the new
problem suggests another η, ``lr_suggestion_changed`` offers it. A request the model refuses is
reported through ``error_occurred``, in the user's language, and changes nothing. The newest snapshot
of the current setup is kept in ``latest``; views draw it on their own clock.

Nothing that reads a file runs on the window's thread. A setup whose data is a CSV file is read and
built in the background (``loading_started``, ``loading_progressed``, ``loading_finished``;
``cancel_loading``), and so is anything given to ``load`` (a lesson file); meanwhile the current runs
go on and every verb works. Only the newest load counts: another load, or a new problem, supersedes
it; settings changed meanwhile (optimizers, η, speed…) are carried into the setup it brings. A load
cancelled or refused changes nothing. The landscape of each new problem is computed in the
background too, coarse first and then refined (``landscape_changed`` for each stage,
``refining_progressed``; ``cancel_refining`` keeps the picture as it is); with more than two
parameters, in the plane chosen (``set_plane``) with the others where the watched run is. After a switch
of problem (another activation or loss, data edited by hand) the worker asks for the landscape once the
switches have stopped for 120 ms, and it is computed the same way.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..engine import InputError, Problem
from ..engine.errors import QT_TRANSLATE_NOOP
from ..engine.run import make_batches
from ..model import landscape
from ..model.build import Built, build, problem_on_edited_data, problem_on_the_same_data, reads_a_file
from ..model.hand_data import NO_POINTS, Points
from ..model.landscape import default_plane
from ..model.remembered import not_restored
from ..model.setup import MODEL_PROBLEMS, Setup, check_shown, schedule_from_dict
from .i18n import translate_error
from .jobs import DONE, JobLane
from .worker import FrameGate, Worker, held_point

JOIN_TIMEOUT_MS = 1000
_TWO_PARAMETERS = QT_TRANSLATE_NOOP("errors", "choose two different parameters of: {names}")
_NO_DATA_MODEL = QT_TRANSLATE_NOOP(
    "errors", "problem {problem!r} is a fixed function; only linreg and neuron are fitted to data")


@dataclass(frozen=True)
class Shutdown:
    """How the session's threads ended on close: all of them (``joined``), within ``seconds``."""

    joined: bool
    seconds: float


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
    plane_requested = Signal(int, int)

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
    loading_started = Signal(str)  # the name of the file being read
    loading_progressed = Signal(float)  # the fraction done
    loading_refused = Signal(object)  # the InputError or LessonError that refused it; nothing changed
    loading_finished = Signal(bool)  # True: what it read is in use; False: cancelled or refused
    refining_started = Signal()  # a new problem's landscape is being computed …
    refining_progressed = Signal(float)  # … this far (its stages come as landscape_changed) …
    refining_finished = Signal()  # … and is done, or was cancelled or superseded
    trajectories_ready = Signal(object)  # every run's recorded rows (tables.Recorded), when asked for
    plane_changed = Signal(int, int)  # the two parameters the landscape shows (of more than two)

    def __init__(self, built: Built | None = None, parent=None):
        """``built``: the setup to begin with, already built (by default gdsim's first setup)."""
        super().__init__(parent)
        built = built or build(Setup())
        self._setup, self._problem = built.setup, built.problem
        self.latest = None
        self.landscape = None  # the current problem's Curve | Surface (its latest stage), once computed
        self._generation = 0
        self._before_switch: tuple[Setup, Problem] | None = None  # what a refused switch goes back to
        self._lr_suggestion: dict[int, float] = {}
        self.shut_down: Shutdown | None = None  # once ``shutdown`` has run
        self.problem_changed.connect(self._forget_landscape)  # first: views connected later see None
        # Data placed by hand and cleared: the runs wait (paused) on their last data until a point is
        # placed, and go on playing then if they were playing when the data was cleared.
        self._data_missing = False
        self._resume_with_data = False
        self._plane = default_plane(built.problem.dim)
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
        self._worker.landscape_wanted.connect(self._on_landscape_wanted)
        self._worker.stepped.connect(self._on_stepped)
        self.trajectories_requested.connect(self._worker.send_trajectories)
        self.plane_requested.connect(self._worker.set_plane)
        self._worker.trajectories_ready.connect(self._on_trajectories_ready)
        self._thread.start()

        self._loads = JobLane("loader", self)
        self._load: tuple[int, Callable] | None = None  # (job, what to do with what it read)
        self._loads.progressed.connect(self._on_load_progressed)
        self._loads.delivered.connect(self._on_loaded)
        self._loads.refused.connect(self._on_load_refused)
        self._loads.ended.connect(self._on_load_ended)
        self._landscapes = JobLane("landscape", self)
        self._landscape_job: int | None = None
        self._landscapes.progressed.connect(self._on_landscape_progressed)
        self._landscapes.delivered.connect(self._on_landscape_delivered)
        self._landscapes.ended.connect(self._on_landscape_ended)
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
        return self._build(lambda _: setup, problem)

    def restore(self, setup: Setup) -> None:
        """Switch to a remembered setup that reads a file, in the background (the window opens
        meanwhile); one that cannot be used any more is said to be not restored, and nothing changes."""
        def work() -> Built:
            try:
                return build(setup)
            except (InputError, OSError) as e:  # a data file since moved, say
                raise not_restored(e) from None

        self.load(Path(setup.data).name, work, lambda built: self._land(lambda _: setup, built))

    def set_problem(self, name: str) -> bool:
        """Another problem, from its own start. A dataset model on a CSV file reads it in the
        background: True then says the load has begun."""
        return self._build(lambda setup: setup.with_problem(name))

    def set_function(self, text: str, range=None) -> bool:
        """The problem custom: a typed function of x, or of x and y, drawn over ``range``."""
        return self._build(lambda setup: setup.with_function(text, range))

    def set_data(self, source: str | None) -> bool:
        """Other data: a built-in dataset, or a CSV file, read in the background (see set_problem)."""
        return self._build(lambda setup: setup.with_data(source))

    def edit_data(self, data: str | Points | None) -> bool:
        """Data edited by hand (Points), or the data before an edit (an edit undone): the runs go on
        from where they are (w, b, step, η, optimizer state) on it, playing or paused as they were.
        Empty Points pause the runs until a point is placed (``data_missing``). Data the model
        refuses (a target bce cannot take) is reported and changes nothing."""
        if self._setup.problem not in MODEL_PROBLEMS:
            self.error_occurred.emit(translate_error(InputError(_NO_DATA_MODEL, problem=self._setup.problem)))
            return False
        setup = self._setup.with_edited_data(data)
        if setup == self._setup:
            return True
        if isinstance(data, Points) and len(data) == 0:
            self._resume_with_data |= self.latest is not None and self.latest.playing
            self._data_missing = True
            self._setup = setup
            self.pause_requested.emit()
            self.setup_changed.emit(setup, self._problem)
            return True
        setup = setup.keeping_lr(self._problem)
        problem = self._refused_or(lambda: problem_on_edited_data(setup, self._problem))
        if problem is None:
            return False
        for i, (old, new) in enumerate(zip(self._setup.contenders, setup.contenders, strict=True)):
            if (old.batch_size, old.seed) != (new.batch_size, new.seed):  # fewer points than a batch held
                self.batches_requested.emit(i, new.batch_size, new.seed)
        resume = self._data_missing and self._resume_with_data
        self._go_on_with(setup, problem)
        if resume:
            self.play_requested.emit()
        return True

    @property
    def plane(self) -> tuple[int, int]:
        """The two parameters (indices) the landscape and the paths show, when there are more than
        two; the others are held where the watched run is."""
        return self._plane

    def set_plane(self, i: int, j: int) -> bool:
        """Show parameters i (across) and j (up) of a problem of more than two; the runs go on."""
        dim = self._problem.dim
        if not (0 <= i < dim and 0 <= j < dim) or i == j:
            self.error_occurred.emit(translate_error(InputError(
                _TWO_PARAMETERS, names=", ".join(self._problem.param_names))))
            return False
        if (i, j) != self._plane:
            self._plane = (i, j)
            self.plane_requested.emit(i, j)
            self.plane_changed.emit(i, j)
        return True

    def _plane_for(self, problem: Problem) -> None:
        """A new problem: the plane stays if it has the same parameters, else it starts anew."""
        if tuple(problem.param_names) != tuple(self._problem.param_names) or not (
                max(self._plane) < problem.dim):
            self._plane = default_plane(problem.dim)
        self.plane_requested.emit(*self._plane)

    @property
    def data_missing(self) -> bool:
        """True while the data placed by hand is empty: nothing can run until a point is placed."""
        return self._data_missing

    def _refuse_without_data(self) -> bool:
        """True, after saying why, if the runs cannot go on: the data placed by hand is empty."""
        if self._data_missing:
            self.error_occurred.emit(translate_error(InputError(NO_POINTS)))
        return self._data_missing

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

    def _build(self, transition: Callable[[Setup], Setup], problem: Problem | None = None) -> bool:
        """Build the setup ``transition`` makes of the current one, and its problem (or take
        ``problem``, the setup's, built before), and run it on a new landscape; a setup the engine
        refuses is reported and changes nothing. One that reads a file is built in the background."""
        setup = transition(self._setup)
        if problem is None and reads_a_file(setup):
            self.load(Path(setup.data).name, lambda: build(setup),
                      lambda built: self._land(transition, built))
            return True
        built = self._refused_or(lambda: build(setup, problem))
        if built is None:
            return False
        self.cancel_loading()  # a new problem supersedes the one being read
        self._run(built, new_landscape=True)
        return True

    def _land(self, transition: Callable[[Setup], Setup], built: Built) -> bool:
        """A setup built in the background arrives. Settings changed meanwhile (optimizers, η,
        speed…; anything that would change the problem cancelled the load) are carried into it."""
        setup = transition(self._setup)
        if setup != built.setup:
            built = self._refused_or(lambda: build(setup, built.problem))
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
        if self._refuse_without_data():  # the runs' problem would not be on the data shown
            return False
        setup = setup.keeping_lr(self._problem)
        problem = self._refused_or(lambda: problem_on_the_same_data(setup, self._problem))
        if problem is None:
            return False
        self._go_on_with(setup, problem)
        return True

    def _go_on_with(self, setup: Setup, problem: Problem) -> None:
        """The worker's runs go on with ``problem`` (the same parameters) from where they are. Its
        landscape comes once the switches stop (the worker asks for it, ``_on_landscape_wanted``)."""
        self.cancel_loading()  # a new problem supersedes the one being read
        self._data_missing = self._resume_with_data = False
        self._plane_for(problem)
        self._before_switch = (self._setup, self._problem)
        self._setup, self._problem = setup, problem
        self._generation += 1
        self.latest = None
        self.cancel_refining()  # the old problem's landscape
        self.problem_changed.emit(problem)
        self.setup_changed.emit(setup, problem)
        self.switch_requested.emit(problem, self._generation)
        self._offer_lr(setup.suggested_lr(problem))

    def _offer_lr(self, suggestion: dict[int, float]) -> None:
        if suggestion != self._lr_suggestion:
            self._lr_suggestion = dict(suggestion)
            self.lr_suggestion_changed.emit(dict(suggestion))

    def _restart(self, setup: Setup) -> bool:
        """Build the setup on the current problem (a new start, other optimizers) and run it."""
        if self._refuse_without_data():
            return False
        built = self._refused_or(lambda: build(setup, self._problem))
        if built is None:
            return False
        self._run(built, new_landscape=False)
        return True

    def _run(self, built: Built, new_landscape: bool) -> None:
        self._offer_lr({})
        self._data_missing = self._resume_with_data = False
        self._setup = built.setup
        self._generation += 1
        self.latest = None
        if new_landscape:
            self._plane_for(built.problem)
            self._problem = built.problem
            self.problem_changed.emit(built.problem)
            held = held_point(built.runs, built.setup.watched) if built.problem.dim > 2 else None
            self._refine(built.problem, self._plane, held)
        self.setup_changed.emit(built.setup, built.problem)
        self.configure_requested.emit(built, self._generation, int(new_landscape))

    # --- in the background --------------------------------------------------------------------

    def load(self, what: str, work: Callable[[], object], land: Callable[[object], bool]) -> None:
        """Run ``work`` (reading ``what``, a file's name) in the background, then ``land`` what it
        returns, here; ``land`` says whether it was used. Supersedes the load before it. If ``work``
        refuses (InputError, LessonError), ``loading_refused`` says why and nothing changes; an
        InputError is also reported through ``error_occurred``."""
        self._load = (self._loads.submit(work), land)
        self.loading_started.emit(what)

    @property
    def loading(self) -> bool:
        """True while a load is under way."""
        return self._load is not None

    @Slot()
    def cancel_loading(self) -> None:
        """Stop the load under way, if any: nothing changes."""
        if self._load is None:
            return
        self._load = None
        self._loads.cancel()
        self.loading_finished.emit(False)

    def _loaded(self, job: int) -> Callable | None:
        """What to do with what ``job`` read, if it is the load waited for (which then ends)."""
        if self._load is None or self._load[0] != job:
            return None
        land, self._load = self._load[1], None
        return land

    @Slot(int, float)
    def _on_load_progressed(self, job: int, done: float) -> None:
        if self._load is not None and self._load[0] == job:
            self.loading_progressed.emit(done)

    @Slot(int, object)
    def _on_loaded(self, job: int, result) -> None:
        land = self._loaded(job)
        if land is not None:
            self.loading_finished.emit(bool(land(result)))

    @Slot(int, object)
    def _on_load_refused(self, job: int, error) -> None:
        if self._loaded(job) is None:
            return
        if isinstance(error, InputError):
            self.error_occurred.emit(translate_error(error))
        self.loading_refused.emit(error)
        self.loading_finished.emit(False)

    @Slot(int, int)
    def _on_load_ended(self, job: int, outcome: int) -> None:
        if outcome != DONE and self._loaded(job) is not None:  # it failed in a way no one refused
            self.loading_finished.emit(False)

    def _refine(self, problem: Problem, plane: tuple[int, int] | None = None, held=None) -> None:
        """Compute the problem's landscape in the background, stage by stage (see landscape.refine);
        with more than two parameters, in ``plane`` with the others at ``held``."""
        if problem.dim == 1 or (problem.dim > 2 and landscape.in_plane(problem, plane, held) is None):
            self._landscapes.cancel()
            self._end_refining()
            self._show_landscape(landscape.compute(problem))  # a curve (instant), or None
            return
        self._landscape_job = self._landscapes.submit(lambda: landscape.refine(problem, plane, held))
        self.refining_started.emit()

    def _show_landscape(self, surface) -> None:
        self.landscape = surface
        self.landscape_changed.emit(surface)

    @Slot(object, object, object)
    def _on_landscape_wanted(self, problem: Problem, plane, held) -> None:
        """The worker asks for the landscape of its runs' problem (after switches, in another plane, at
        another held point); one of a problem the session has left since is not computed."""
        if problem is self._problem:
            self._refine(problem, plane, held)

    @property
    def refining(self) -> bool:
        """True while a landscape is being computed."""
        return self._landscape_job is not None

    @Slot()
    def cancel_refining(self) -> None:
        """Keep the landscape as it is now: stop refining it."""
        self._landscapes.cancel()
        self._end_refining()

    def _end_refining(self) -> None:
        if self._landscape_job is not None:
            self._landscape_job = None
            self.refining_finished.emit()

    @Slot(int, float)
    def _on_landscape_progressed(self, job: int, done: float) -> None:
        if job == self._landscape_job:
            self.refining_progressed.emit(done)

    @Slot(int, object)
    def _on_landscape_delivered(self, job: int, surface) -> None:
        if job == self._landscape_job:
            self._show_landscape(surface)

    @Slot(int, int)
    def _on_landscape_ended(self, job: int, outcome: int) -> None:
        if job == self._landscape_job:
            self._end_refining()

    # --- running ------------------------------------------------------------------------------

    @Slot()
    def play(self):
        if not self._refuse_without_data():
            self.play_requested.emit()

    @Slot()
    def pause(self):
        self.pause_requested.emit()

    @Slot()
    def toggle(self):
        if self.latest is not None and self.latest.playing:
            self.toggle_requested.emit()
        elif not self._refuse_without_data():
            self.toggle_requested.emit()

    @Slot()
    def step(self):
        if not self._refuse_without_data():
            self.step_requested.emit()

    @Slot()
    def reset(self):
        """Start over: fresh runs of the current setup (η, speed, step limit and tolerance as they are
        now) on the current problem, whose data is not read again."""
        if self._refuse_without_data():
            return
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

    @property
    def threads_running(self) -> bool:
        """True while any thread of the session runs: the worker's, or a background lane's."""
        return self._thread.isRunning() or any(lane.thread.is_alive()
                                               for lane in (self._loads, self._landscapes))

    def shutdown(self) -> "Shutdown":
        """Stop the worker and the background jobs, whatever they are doing, and join their threads,
        within a second in all; says whether they ended and how long it took (also kept in
        ``shut_down``)."""
        began = time.perf_counter()
        deadline = began + JOIN_TIMEOUT_MS / 1000
        self._load = self._landscape_job = None
        # Everything is told to stop first, then each is waited for. The worker's event loop ends after
        # its current chunk (a few milliseconds); its timer and the worker itself are deleted in that
        # thread as it finishes. A job stops at its next checkpoint, a few tens of milliseconds away.
        self._loads.cancel()
        self._landscapes.cancel()
        self._thread.quit()
        ended = [lane.shutdown(deadline - time.perf_counter()) for lane in (self._loads, self._landscapes)]
        left_ms = max(int((deadline - time.perf_counter()) * 1000), 0)
        ended.append(self._thread.wait(left_ms))  # QThread.wait lets go of the interpreter lock
        self.shut_down = Shutdown(all(ended), time.perf_counter() - began)
        return self.shut_down

    # --- from the worker ----------------------------------------------------------------------

    @Slot(object)
    def _forget_landscape(self, problem) -> None:
        self.landscape = None

    @Slot(object, int)
    def _on_switch_refused(self, error, generation: int):
        """A run could not go on with the new problem from where it is: back to the old one."""
        if generation != self._generation or self._before_switch is None:
            return
        refused = self._setup
        self._setup, self._problem = self._before_switch
        for i, (old, new) in enumerate(zip(refused.contenders, self._setup.contenders, strict=True)):
            if (old.batch_size, old.seed) != (new.batch_size, new.seed):  # an edit of the data had set them
                self.batches_requested.emit(i, new.batch_size, new.seed)
        self._offer_lr({})
        self.problem_changed.emit(self._problem)  # its landscape comes again as the worker asks for it
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
