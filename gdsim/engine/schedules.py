"""Learning-rate schedules: the η of each update as a factor of the learning rate, λ(t).

Update t (t = 1 for the first update, 2 for the second, …: the step that leads to row t of a run, and
the t of the optimizers' own step count) uses

    ηₜ = lr · λ(t)

computed in that order (one rounding). Every schedule starts at λ = 1: without warm-up the first update
uses lr itself, as PyTorch's schedulers do (torch's counter ``last_epoch`` is t − 1 during update t,
its ``lr_lambda`` is called with t − 1). With s = t − 1 the number of updates before this one:

- ``constant``: λ = 1 (PyTorch: no scheduler);
- ``step``: λ = γ^⌊s/k⌋, × γ every k = ``decay_steps`` updates (``StepLR(step_size=k, gamma=γ)``);
- ``exponential``: λ = γ^s (``ExponentialLR(gamma=γ)``);
- ``inverse-time``, the "1/t" decay: λ = 1 / (1 + d·s), d = ``decay``
  (``LambdaLR(lambda s: 1 / (1 + d * s))``);
- ``cosine``: λ = φ + (1 − φ)·½(1 + cos(π·min(s, T)/T)), φ = ``floor``, T = ``decay_steps``
  (``CosineAnnealingLR(T_max=T, eta_min=φ·lr)`` for s ≤ T).

``cosine`` falls from 1 to the floor φ over T updates and then stays there (PyTorch's rises again, a
period of 2T; gdsim holds the floor, like optax's ``cosine_decay_schedule``). With a linear warm-up
over w = ``warmup`` updates, the first w updates use λ = t/w (so update w uses lr itself) and then the
schedule runs as if it started at update w + 1: λ(t) = λ₀(t − w) for t > w. That is PyTorch's
``SequentialLR([LinearLR(start_factor=1/w, total_iters=w − 1), <the schedule>], milestones=[w])``
(for w ≥ 2; w = 1 only delays the schedule by one update).

A schedule is data: ``Schedule("cosine", decay_steps=100, warmup=10)`` holds its name and every
parameter (defaults filled in), checked; calling it with t (an int or an array of ints ≥ 1) gives
λ(t). The factors themselves are plain functions of s (``step_decay``, ``exponential_decay``, …) over
arrays, in the style of optax's schedules. An optimizer's lr scales its whole step, so a schedule
applies to every optimizer the same way (for Adadelta too, whose lr multiplies its step Δ, as in
PyTorch).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .errors import QT_TRANSLATE_NOOP, InputError, check_name, parse_number, shown, whole_number

MAX_STEPS = 10**9  # what decay_steps and warmup may be: as many steps as a run may take


@dataclass(frozen=True)
class ScheduleParameter:
    name: str
    default: float
    low: float
    high: float = math.inf
    low_open: bool = False
    whole: bool = False  # a number of updates
    symbol: str = ""  # as the formulas write it
    description: str = ""

    @property
    def allowed(self) -> str:
        left = "(" if self.low_open else "["
        high = "∞)" if self.high == math.inf else f"{self.high:g}]"
        return f"{left}{self.low:g}, {high}"

    def check(self, value) -> float | int:
        """The value if it is allowed (a whole number as an int), else an InputError saying what is."""
        if self.whole:
            if isinstance(value, str):  # from the command line
                try:
                    value = int(value.strip())
                except ValueError:
                    pass  # refused below, as text
            return whole_number(value, self.name, int(self.low), int(self.high), float_ok=True)
        v = parse_number(value, self.name)
        if v < self.low or (self.low_open and v == self.low) or v > self.high:
            raise InputError(QT_TRANSLATE_NOOP("errors", "{what} must be in {allowed}, got {value}"),
                             what=self.name, allowed=self.allowed, value=value)
        return v


# --- the factors, as plain functions of s = the updates before this one (after any warm-up) -------


def constant(s: np.ndarray) -> np.ndarray:
    return np.ones(np.shape(s))


def step_decay(s: np.ndarray, decay_steps: int, gamma: float) -> np.ndarray:
    """γ^⌊s/k⌋."""
    return np.power(gamma, np.floor_divide(s, decay_steps).astype(float))


def exponential_decay(s: np.ndarray, gamma: float) -> np.ndarray:
    """γ^s."""
    return np.power(gamma, np.asarray(s, dtype=float))


def inverse_time_decay(s: np.ndarray, decay: float) -> np.ndarray:
    """1 / (1 + d·s)."""
    return 1.0 / (1.0 + decay * np.asarray(s, dtype=float))


def cosine_decay(s: np.ndarray, decay_steps: int, floor: float) -> np.ndarray:
    """φ + (1 − φ)·½(1 + cos(π·min(s, T)/T))."""
    done = np.minimum(s, decay_steps).astype(float) / decay_steps
    return floor + (1.0 - floor) * (0.5 * (1.0 + np.cos(np.pi * done)))


@dataclass(frozen=True)
class ScheduleKind:
    name: str
    title: str
    factor: Callable  # (s, **parameters) -> λ
    parameters: tuple[ScheduleParameter, ...] = ()  # besides warmup
    # λ as the window writes it, with t counted from 1 (see the module's docstring)
    formula: str = ""
    torch_equivalent: str = ""


_GAMMA = "the factor of each decay"
WARMUP = ScheduleParameter("warmup", 0, 0, MAX_STEPS, whole=True, symbol="w",
                           description="updates of linear warm-up, η·t/w, before the schedule starts")

SCHEDULES: dict[str, ScheduleKind] = {
    k.name: k
    for k in (
        ScheduleKind("constant", "Constant", constant, (), "ηₜ = η", "no scheduler"),
        ScheduleKind("step", "Step decay", step_decay,
                     (ScheduleParameter("decay_steps", 100, 1, MAX_STEPS, whole=True, symbol="k",
                                        description="updates between two decays"),
                      ScheduleParameter("gamma", 0.5, 0.0, 1.0, low_open=True, symbol="γ",
                                        description=_GAMMA)),
                     "ηₜ = η·γ^⌊(t − 1)/k⌋", "StepLR(step_size=k, gamma=γ)"),
        ScheduleKind("exponential", "Exponential decay", exponential_decay,
                     (ScheduleParameter("gamma", 0.99, 0.0, 1.0, low_open=True, symbol="γ",
                                        description=_GAMMA),),
                     "ηₜ = η·γ^(t − 1)", "ExponentialLR(gamma=γ)"),
        ScheduleKind("inverse-time", "1/t decay", inverse_time_decay,
                     (ScheduleParameter("decay", 0.01, 0.0, symbol="d", description="how fast η falls"),),
                     "ηₜ = η / (1 + d·(t − 1))", "LambdaLR(lambda s: 1 / (1 + d·s))"),
        ScheduleKind("cosine", "Cosine annealing", cosine_decay,
                     (ScheduleParameter("decay_steps", 1000, 1, MAX_STEPS, whole=True, symbol="T",
                                        description="updates from η down to the floor"),
                      ScheduleParameter("floor", 0.0, 0.0, 1.0, symbol="φ",
                                        description="the last η as a share of η")),
                     "ηₜ = η·(φ + (1 − φ)·½(1 + cos(π·min(t − 1, T)/T)))",
                     "CosineAnnealingLR(T_max=T, eta_min=φ·η), up to T"),
    )
}

WARMUP_FORMULA = "t ≤ w: ηₜ = η·t/w;  t > w: the schedule with t − w for t"


class Schedule:
    """A learning-rate schedule: its name and every parameter, checked; ``schedule(t)`` is λ(t).

    ``Schedule("step", decay_steps=100, gamma=0.5, warmup=10)``; parameters not given take their
    defaults (``gdsim list`` shows them). Bad names and values raise InputError, naming what is
    allowed. Schedules are immutable and compare equal when name and parameters are equal.
    """

    __slots__ = ("name", "settings")

    def __init__(self, name: str, **settings):
        name = check_name("schedule", name, SCHEDULES)
        kind = SCHEDULES[name]
        known = {p.name: p for p in (*kind.parameters, WARMUP)}
        for key in settings:
            if key not in known:
                raise InputError(QT_TRANSLATE_NOOP(
                    "errors", "the schedule {schedule} has no parameter {name!r}; its parameters are: "
                              "{valid}"),
                    schedule=name, name=shown(key), valid=", ".join(known))
        values = tuple((p.name, p.check(settings[p.name]) if p.name in settings else p.default)
                       for p in known.values())
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "settings", values)

    def __setattr__(self, key, value):
        raise AttributeError("a Schedule cannot be changed; make a new one")

    @property
    def kind(self) -> ScheduleKind:
        return SCHEDULES[self.name]

    @property
    def parameters(self) -> dict:
        """Every parameter by name, warmup last."""
        return dict(self.settings)

    @property
    def warmup(self) -> int:
        return self.parameters["warmup"]

    @property
    def is_constant(self) -> bool:
        """True when λ(t) = 1 for every t (the constant schedule without warm-up)."""
        return self.name == "constant" and self.warmup == 0

    def __call__(self, t):
        """λ(t) for the update t ≥ 1 (an int, or an array of them: an array of the same shape)."""
        t = np.asarray(t)
        params = self.parameters
        w = params.pop("warmup")
        s = np.maximum(t - w - 1, 0)
        out = np.asarray(self.kind.factor(s, **params), dtype=float)
        if w:
            out = np.where(t <= w, t / w, out)
        return out if out.ndim else float(out)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return _rebuilt, (self.name, self.settings)

    def __eq__(self, other):
        return isinstance(other, Schedule) and (self.name, self.settings) == (other.name, other.settings)

    def __hash__(self):
        return hash((self.name, self.settings))

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.settings)
        return f"Schedule({self.name!r}, {args})"

    def __str__(self):
        return f"{self.name}(" + ", ".join(f"{k}={v:g}" for k, v in self.settings) + ")"


def _rebuilt(name: str, settings) -> Schedule:
    return Schedule(name, **dict(settings))


def get_schedule(schedule) -> Schedule | None:
    """None (no schedule), a Schedule as it is, or a schedule's name with its defaults."""
    if schedule is None or isinstance(schedule, Schedule):
        return schedule
    return Schedule(schedule)


def schedule_parameter_names() -> tuple[str, ...]:
    """Every parameter name any schedule takes (warmup included), each once."""
    names = [p.name for kind in SCHEDULES.values() for p in kind.parameters] + [WARMUP.name]
    return tuple(dict.fromkeys(names))


__all__ = ["MAX_STEPS", "SCHEDULES", "WARMUP", "Schedule", "ScheduleKind", "ScheduleParameter", "constant",
           "cosine_decay", "exponential_decay", "get_schedule", "inverse_time_decay",
           "schedule_parameter_names", "step_decay"]
