"""What the window runs: a Setup names the problem, data, optimizer(s), start and pace. No Qt here."""

from dataclasses import asdict, dataclass, field, replace

from ..engine import InputError, Problem, Run, make_problem
from ..engine.optimizers import default_lr, get_optimizer
from ..engine.run import DEFAULT_TOLERANCE

MAX_SPEED = None  # steps per second: None runs as fast as the machine allows
DEFAULT_STEP_LIMIT = 10_000

# The window draws at most a few thousand points of a path, so 65,536 evenly spaced rows are plenty
# even for a million-step run; the engine's default (64 MiB a run) would cost milliseconds to
# allocate on every change of setting, and the lessons build their runs when they are read.
RECORD_ROWS = 2**16


@dataclass(frozen=True)
class Contender:
    """One optimizer on the landscape, with the hyperparameters that differ from its defaults."""

    optimizer: str
    hyperparameters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Setup:
    problem: str = "parabola"
    data: str | None = None
    activation: str | None = None
    loss: str | None = None
    contenders: tuple[Contender, ...] = (Contender("sgd"),)
    start: tuple[float, ...] | None = None  # None: the problem's own start
    speed: float | None = 10.0
    step_limit: int = DEFAULT_STEP_LIMIT
    tol: float = DEFAULT_TOLERANCE

    def make_problem(self) -> Problem:
        return make_problem(self.problem, self.data, self.activation, self.loss)

    def start_of(self, problem: Problem) -> tuple[float, ...]:
        return problem.start if self.start is None else self.start

    def make_runs(self, problem: Problem | None = None) -> list[Run]:
        """One run per contender, all from the same start; raises InputError on bad settings.

        The runs have no step limit of their own: the worker keeps ``step_limit``, so that it can
        be raised while a run is going."""
        problem = problem or self.make_problem()
        start = self.start_of(problem)
        return [Run(problem, c.optimizer, start, c.hyperparameters, tol=self.tol, history_rows=RECORD_ROWS)
                for c in self.contenders]

    def hyperparameters_of(self, index: int, problem: Problem) -> dict[str, float]:
        """The full hyperparameters of one contender: defaults, the problem's lr, the overrides."""
        c = self.contenders[index]
        optimizer = get_optimizer(c.optimizer)
        return optimizer.resolve(default_lr(problem, optimizer), c.hyperparameters)

    def with_contender(self, index: int, contender: Contender) -> "Setup":
        contenders = list(self.contenders)
        contenders[index] = contender
        return replace(self, contenders=tuple(contenders))


def setup_to_dict(setup: Setup) -> dict:
    d = asdict(setup)
    d["contenders"] = [{"optimizer": c.optimizer, "hyperparameters": dict(c.hyperparameters)}
                       for c in setup.contenders]
    return d


def setup_from_dict(d: dict) -> Setup:
    contenders = tuple(Contender(c["optimizer"], dict(c.get("hyperparameters", {})))
                       for c in d["contenders"])
    start = d.get("start")
    return Setup(problem=d["problem"], data=d.get("data"), activation=d.get("activation"),
                 loss=d.get("loss"), contenders=contenders,
                 start=None if start is None else tuple(float(v) for v in start),
                 speed=d.get("speed"), step_limit=int(d["step_limit"]), tol=float(d["tol"]))


__all__ = ["Contender", "InputError", "Setup", "MAX_SPEED", "DEFAULT_STEP_LIMIT"]
