"""What the window runs: a Setup names the problem, its data, the optimizers (contenders), the start
and the pace. A Setup never changes; each transition (``with_problem``, ``with_start``, …) returns a
new one, with the rules of what a change keeps and what it drops. No Qt here.

A transition checks a single value it is given (a hyperparameter, the tolerance, the step limit, the
speed) with the engine's own checks, and with what the window can show and keep (``check_speed``,
``check_hyperparameter``), and raises ``InputError`` if it is not allowed; whether a whole Setup can
be run is decided in one place, by building it (``gdsim.model.build``).
"""

import math
from dataclasses import asdict, dataclass, field, replace

from ..engine import CUSTOM, OPTIMIZERS, InputError, Problem
from ..engine.errors import QT_TRANSLATE_NOOP, shown, whole_number
from ..engine.optimizers import Hyperparameter, default_lr, get_optimizer
from ..engine.run import DEFAULT_TOLERANCE, check_tolerance
from ..engine.schedules import Schedule, get_schedule

DEFAULT_STEP_LIMIT = 10_000
MAX_STEP_LIMIT = 1_000_000_000  # the window's step-limit box goes no higher
MAX_CONTENDERS = len(OPTIMIZERS)  # runs side by side: as many as there are optimizers
DEFAULT_SPEED = 10.0
# Steps per second when paced (None: as fast as the machine allows). Slower than 0.1 is a still
# picture; faster than 1,000 no eye follows, and "max" is there for it. The worker's timer then waits
# 1 ms to 10 s between steps, well within what a QTimer takes.
SPEED_RANGE = (0.1, 1000.0)
# What the window's fields show exactly: η within its slider's ends; any other hyperparameter 0 or a
# magnitude within SHOWN_RANGE (a field keeps 323 decimals, so all 17 digits of a float down to 1e-300).
LR_RANGE = (1e-5, 10.0)
SHOWN_RANGE = (1e-300, 1e300)


def check_speed(speed) -> float | None:
    """A speed the window can keep: None (as fast as possible) or steps per second in SPEED_RANGE."""
    if speed is None:
        return None
    ok = isinstance(speed, (int, float)) and not isinstance(speed, bool)
    if not ok or not SPEED_RANGE[0] <= speed <= SPEED_RANGE[1]:
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", 'the speed must be a number of steps per second from {low:g} to {high:,g}, or "max" '
                      '(as fast as possible); got {value}'),
            low=SPEED_RANGE[0], high=SPEED_RANGE[1], value=shown(speed))
    return float(speed)


def check_step_limit(limit) -> int:
    """A step limit the window's box shows: a whole number from 1 to MAX_STEP_LIMIT (3.0 is 3)."""
    try:
        whole = not isinstance(limit, bool) and int(limit) == limit
    except (TypeError, ValueError, OverflowError):
        whole = False
    if not whole or not 1 <= limit <= MAX_STEP_LIMIT:
        raise InputError(QT_TRANSLATE_NOOP("errors", "the step limit must be a whole number from 1 to "
                                                     "{most}, got {limit}"),
                         most=f"{MAX_STEP_LIMIT:,}", limit=shown(limit))
    return int(limit)


def check_hyperparameter(optimizer: str, name: str, value) -> float:
    """A hyperparameter as the engine allows it and as the window's fields show it exactly."""
    v = get_optimizer(optimizer).hyperparameter(name).check(value)
    if name == "lr":
        if not LR_RANGE[0] <= v <= LR_RANGE[1]:
            raise InputError(QT_TRANSLATE_NOOP("errors", "{what} must be from {low:g} to {high:g} in the "
                                                         "window, got {value}"),
                             what=QT_TRANSLATE_NOOP("errors", "the learning rate η (lr)"), low=LR_RANGE[0],
                             high=LR_RANGE[1], value=shown(value))
    elif v != 0 and not SHOWN_RANGE[0] <= abs(v) <= SHOWN_RANGE[1]:
        raise InputError(QT_TRANSLATE_NOOP("errors", "{what} must be 0 or from {low:g} to {high:g} in the "
                                                     "window, got {value}"),
                         what=name, low=SHOWN_RANGE[0], high=SHOWN_RANGE[1], value=shown(value))
    return v


def check_shown(setup: "Setup") -> "Setup":
    """The setup, if the window can show and keep each of its values (speed, step limit, every
    hyperparameter); else InputError for the first it cannot. Whether it runs, ``build`` decides."""
    check_speed(setup.speed)
    check_step_limit(setup.step_limit)
    for c in setup.contenders:
        for name, value in c.hyperparameters.items():
            check_hyperparameter(c.optimizer, name, value)
    return setup


def field_range(h: Hyperparameter) -> tuple[float, float]:
    """The least and the greatest value a window's field for ``h`` takes: those the engine allows
    and check_hyperparameter lets through (an open end moves inside)."""
    if h.name == "lr":
        return LR_RANGE
    low = (SHOWN_RANGE[0] if h.low == 0 else math.nextafter(h.low, math.inf)) if h.low_open else h.low
    high = min(h.high, SHOWN_RANGE[1])
    return low, math.nextafter(high, -math.inf) if h.high_open and high == h.high else high
MODEL_PROBLEMS = ("linreg", "neuron")  # the problems that take data and a loss


@dataclass(frozen=True)
class Contender:
    """One optimizer on the landscape, with the hyperparameters that differ from its defaults, its
    learning-rate schedule (None: η stays lr), and its mini-batches (``batch_size`` None: the whole
    data; ``seed`` orders the batches). Each contender has its own, so a lesson can run the noisy
    path of mini-batches beside the full-batch one. ``start`` is its own start (None: the setup's),
    so that a lesson can run one optimizer from several starts into different minima."""

    optimizer: str
    hyperparameters: dict = field(default_factory=dict)
    schedule: Schedule | None = None
    batch_size: int | None = None
    seed: int = 0
    start: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Setup:
    problem: str = "parabola"
    data: str | None = None
    activation: str | None = None
    loss: str | None = None
    contenders: tuple[Contender, ...] = (Contender("sgd"),)
    start: tuple[float, ...] | None = None  # None: the problem's own start
    speed: float | None = DEFAULT_SPEED  # steps per second; None: as fast as the machine allows
    step_limit: int = DEFAULT_STEP_LIMIT
    tol: float = DEFAULT_TOLERANCE
    watched: int = 0  # the contender that the η field, the tangent, the arrows and the formulas are about
    function: str | None = None  # problem custom: the typed function, such as "x^4 - 3*x^2 + x"
    range: tuple[tuple[float, float], ...] | None = None  # problem custom: its drawn range; None: default

    def __post_init__(self):
        if not 0 <= self.watched < max(1, len(self.contenders)):
            raise ValueError(f"watched must index one of the {len(self.contenders)} contenders, "
                             f"got {self.watched}")

    def start_of(self, problem: Problem, index: int | None = None) -> tuple[float, ...]:
        """Where the runs start (None: the setup's start), or where contender ``index`` starts: its own
        start if it has one, else the setup's."""
        own = None if index is None else self.contenders[index].start
        if own is not None:
            return own
        return problem.start if self.start is None else self.start

    def starts_of(self, problem: Problem) -> tuple[tuple[float, ...], ...]:
        """Each contender's start, in their order."""
        return tuple(self.start_of(problem, i) for i in range(len(self.contenders)))

    def hyperparameters_of(self, index: int, problem: Problem) -> dict[str, float]:
        """The full hyperparameters of one contender: defaults, the problem's lr, the overrides."""
        c = self.contenders[index]
        optimizer = get_optimizer(c.optimizer)
        return optimizer.resolve(default_lr(problem, optimizer), c.hyperparameters)

    # --- transitions: each returns a new Setup --------------------------------------------------

    def with_problem(self, name: str) -> "Setup":
        """Another problem, from its own start. Going from one dataset model to the other keeps the
        data and the loss (and the activation, for the neuron); every contender keeps its
        hyperparameters except η, which a new problem suggests afresh, and its schedule, and its
        mini-batches while the data stays (a problem without data has none)."""
        keep_data = name in MODEL_PROBLEMS and self.problem in MODEL_PROBLEMS
        return replace(
            self, problem=name, start=None, function=None, range=None,
            data=self.data if keep_data else None,
            activation=self.activation if name == "neuron" else None,
            loss=self.loss if keep_data else None,
            contenders=tuple(replace(c, hyperparameters=_without_lr(c.hyperparameters), start=None,
                                     **({} if keep_data else {"batch_size": None, "seed": 0}))
                             for c in self.contenders),
        )

    def with_function(self, text: str, range=None) -> "Setup":
        """The problem custom: the typed function ``text`` drawn over ``range`` (None: its default),
        from its own start; as for another problem, every contender takes the η it suggests."""
        pairs = None if range is None else tuple((float(lo), float(hi)) for lo, hi in range)
        return replace(self.with_problem(CUSTOM), function=text, range=pairs)

    def with_data(self, source: str | None) -> "Setup":
        """Other data (a built-in dataset's name or a CSV path), every run from the problem's own start."""
        return replace(self, data=source, start=None, contenders=_one_start(self.contenders))

    def with_activation(self, name: str) -> "Setup":
        """Another activation of the neuron. The runs go on from where they are (see
        ``keeping_lr``: their η stays too)."""
        return replace(self, activation=name)

    def with_loss(self, name: str) -> "Setup":
        """Another loss of a dataset model; as for the activation, the runs go on."""
        return replace(self, loss=name)

    def keeping_lr(self, problem: Problem) -> "Setup":
        """Every contender's η written out as it is on ``problem``, so that it stays when the problem
        changes under the runs (a new activation or loss) instead of following the new problem's
        suggestion silently."""
        contenders = tuple(
            replace(c, hyperparameters={**c.hyperparameters, "lr": self.hyperparameters_of(i, problem)["lr"]})
            for i, c in enumerate(self.contenders))
        return replace(self, contenders=contenders)

    def suggested_lr(self, problem: Problem) -> dict[int, float]:
        """The contenders whose η differs from what ``problem`` suggests for their optimizer, with
        that suggestion: {index: η}."""
        out = {}
        for i, c in enumerate(self.contenders):
            suggestion = default_lr(problem, get_optimizer(c.optimizer))
            if self.hyperparameters_of(i, problem)["lr"] != suggestion:
                out[i] = suggestion
        return out

    def with_start(self, start) -> "Setup":
        """A start of one number per parameter (None for the problem's own), for every run: runs that
        had their own start take this one too."""
        return replace(self, start=None if start is None else tuple(float(v) for v in start),
                       contenders=_one_start(self.contenders))

    def with_hyperparameter(self, index: int, name: str, value) -> "Setup":
        """One hyperparameter of one contender, checked by its optimizer (InputError if not allowed)."""
        c = self.contenders[index]
        checked = check_hyperparameter(c.optimizer, name, value)
        contenders = list(self.contenders)
        contenders[index] = replace(c, hyperparameters={**c.hyperparameters, name: checked})
        return replace(self, contenders=tuple(contenders))

    def with_schedule(self, index: int, schedule: str | Schedule | None) -> "Setup":
        """One contender's learning-rate schedule (a Schedule, a schedule's name with its defaults,
        or None for none); InputError for an unknown one."""
        contenders = list(self.contenders)
        contenders[index] = replace(contenders[index], schedule=get_schedule(schedule))
        return replace(self, contenders=tuple(contenders))

    def with_batches(self, index: int, batch_size: int | None, seed: int = 0) -> "Setup":
        """One contender's mini-batches: ``batch_size`` samples a step (None: the whole data) in an
        order set by ``seed``. Whether the data has that many samples ``build`` decides."""
        contenders = list(self.contenders)
        contenders[index] = replace(contenders[index], batch_size=check_batch_size(batch_size),
                                    seed=check_seed(seed))
        return replace(self, contenders=tuple(contenders))

    def with_contenders(self, names: list[str]) -> "Setup":
        """Run these optimizers side by side. The contenders whose optimizer is still named stay as
        they are (a lesson may run one optimizer several times with different η); new ones are
        added with their defaults. The watched run stays watched if it stays."""
        if not names:
            raise InputError(QT_TRANSLATE_NOOP("errors", "choose at least one optimizer"))
        kept = tuple(c for c in self.contenders if c.optimizer in names)
        running = {c.optimizer for c in kept}
        contenders = kept + tuple(Contender(name) for name in names if name not in running)
        watched = self.contenders[self.watched]
        index = next((i for i, c in enumerate(contenders) if c is watched), None)
        return replace(self, contenders=contenders,
                       watched=min(self.watched, len(contenders) - 1) if index is None else index)

    def with_copy_of(self, index: int) -> "Setup":
        """One more run, a copy of run ``index`` (its hyperparameters, schedule, mini-batches and start),
        watched, so that one setting of it can be changed beside the original (lesson 7's noisy path
        beside the full-batch one). InputError once MAX_CONTENDERS runs go side by side."""
        if len(self.contenders) >= MAX_CONTENDERS:
            raise InputError(QT_TRANSLATE_NOOP("errors", "at most {most} runs go side by side; remove one "
                                                         "first"), most=MAX_CONTENDERS)
        return replace(self, contenders=self.contenders + (self.contenders[index],),
                       watched=len(self.contenders))

    def without(self, index: int) -> "Setup":
        """The runs without run ``index``; InputError for the last one. The watched run stays watched;
        if it is the one removed, the run before it is."""
        if len(self.contenders) == 1:
            raise InputError(QT_TRANSLATE_NOOP("errors", "the only run cannot be removed: one run at least "
                                                         "is always there"))
        watched = self.watched - (self.watched > index or self.watched == index > 0)
        kept = self.contenders[:index] + self.contenders[index + 1:]
        return replace(self, contenders=kept, watched=watched)

    def with_watched(self, index: int) -> "Setup":
        """Watch another of the runs (nothing else changes: the runs go on)."""
        return replace(self, watched=index)

    def with_speed(self, speed: float | None) -> "Setup":
        """Steps per second (see check_speed), or None for as fast as possible."""
        return replace(self, speed=check_speed(speed))

    def with_step_limit(self, limit: int) -> "Setup":
        return replace(self, step_limit=check_step_limit(limit))

    def with_tolerance(self, tol) -> "Setup":
        return replace(self, tol=check_tolerance(tol))


def check_batch_size(size) -> int | None:
    """None (the whole data) or a whole number ≥ 1 (up to the data's size, which build checks)."""
    return None if size is None else whole_number(size, QT_TRANSLATE_NOOP("errors", "the batch size"), 1)


def check_seed(seed) -> int:
    return whole_number(seed, QT_TRANSLATE_NOOP("errors", "the seed"), 0)


def _one_start(contenders: tuple[Contender, ...]) -> tuple[Contender, ...]:
    return tuple(c if c.start is None else replace(c, start=None) for c in contenders)


def _without_lr(hyperparameters: dict) -> dict:
    # A learning rate tuned for one problem rarely suits another: take the new problem's own.
    return {k: v for k, v in hyperparameters.items() if k != "lr"}


def contender_to_dict(c: Contender) -> dict:
    """A contender as JSON-ready values: a schedule as {"name": …, its parameters}; the schedule
    and the mini-batches and its own start only when there are any."""
    d = {"optimizer": c.optimizer, "hyperparameters": dict(c.hyperparameters)}
    if c.schedule is not None:
        d["schedule"] = {"name": c.schedule.name, **c.schedule.parameters}
    if c.batch_size is not None:
        d["batch_size"], d["seed"] = c.batch_size, c.seed
    if c.start is not None:
        d["start"] = list(c.start)
    return d


def schedule_from_dict(d) -> Schedule:
    """A schedule stored as {"name": …, its parameters}; InputError for anything else."""
    if not isinstance(d, dict) or not isinstance(d.get("name"), str):
        raise InputError(QT_TRANSLATE_NOOP("errors", 'a schedule must be an object such as {{"name": "step", '
                                                     '"gamma": 0.5}}, got {value}'), value=shown(d))
    return Schedule(d["name"], **{k: v for k, v in d.items() if k != "name"})


def setup_to_dict(setup: Setup) -> dict:
    """A Setup as plain JSON-ready values; ``setup_from_dict`` reads it back."""
    d = asdict(setup)
    d["contenders"] = [contender_to_dict(c) for c in setup.contenders]
    return d


def setup_from_dict(d: dict) -> Setup:
    """Raises KeyError, TypeError or ValueError (InputError is one) for a dict that is not a setup."""
    contenders = tuple(Contender(c["optimizer"], dict(c.get("hyperparameters", {})),
                                 None if c.get("schedule") is None else schedule_from_dict(c["schedule"]),
                                 c.get("batch_size"), int(c.get("seed", 0)),
                                 None if c.get("start") is None else tuple(float(v) for v in c["start"]))
                       for c in d["contenders"])
    start, range_ = d.get("start"), d.get("range")
    return Setup(problem=d["problem"], data=d.get("data"), activation=d.get("activation"),
                 loss=d.get("loss"), contenders=contenders,
                 start=None if start is None else tuple(float(v) for v in start),
                 speed=d.get("speed"), step_limit=int(d["step_limit"]), tol=float(d["tol"]),
                 watched=int(d.get("watched", 0)), function=d.get("function"),
                 range=None if range_ is None else tuple((float(lo), float(hi)) for lo, hi in range_))


__all__ = ["DEFAULT_SPEED", "DEFAULT_STEP_LIMIT", "LR_RANGE", "MAX_CONTENDERS", "MAX_STEP_LIMIT",
           "MODEL_PROBLEMS", "SHOWN_RANGE", "SPEED_RANGE", "Contender", "Setup", "check_batch_size",
           "check_hyperparameter", "check_seed", "check_shown", "check_speed", "check_step_limit",
           "contender_to_dict", "field_range", "schedule_from_dict", "setup_from_dict", "setup_to_dict"]
