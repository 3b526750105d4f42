"""Building a Setup: its problem (its data read) and one run per contender, each from its start.

This is the one check of a whole setup: what builds can run, and whatever the engine refuses raises
InputError with a message that says what is allowed. The session builds each setup once and hands
the runs to the worker, which never builds anything. No Qt here.
"""

from dataclasses import dataclass

from ..engine import BUILTIN_DATASETS, Problem, Run, make_problem
from .hand_data import Points, keeping_domain
from .prepare import prepare
from .setup import MODEL_PROBLEMS, Setup

# The window draws at most a few thousand points of a path, so 65,536 evenly spaced rows are plenty
# even for a million-step run; the engine's default (64 MiB a run) would cost milliseconds to
# allocate on every change of setting.
RECORD_ROWS = 2**16
CHECK_ROWS = 2  # a run built only to check a setup records (almost) nothing


@dataclass(frozen=True, eq=False)
class Built:
    """A setup ready to run: its problem and one run per contender, in the order of the contenders."""

    setup: Setup
    problem: Problem
    runs: tuple[Run, ...]


def problem_of(setup: Setup) -> Problem:
    """The setup's problem, with its data read now (a CSV file too); raises InputError."""
    data = setup.data.dataset() if isinstance(setup.data, Points) else setup.data
    return make_problem(setup.problem, data, setup.activation, setup.loss, function=setup.function,
                        range=setup.range)


def reads_a_file(setup: Setup) -> bool:
    """True if building the setup reads a file (a dataset model's CSV data): the window does that in
    the background."""
    return (setup.problem in MODEL_PROBLEMS and isinstance(setup.data, str)
            and setup.data not in BUILTIN_DATASETS)  # not data placed by hand (Points)


def problem_on_the_same_data(setup: Setup, problem: Problem) -> Problem:
    """The setup's problem made on the data ``problem`` holds, nothing read again: the same model
    with another activation or loss, for runs that go on (``Run.switch_problem``). Raises InputError
    for a combination the engine refuses (bce with an activation that is no probability)."""
    return make_problem(setup.problem, getattr(problem, "dataset", None), setup.activation, setup.loss)


def problem_on_edited_data(setup: Setup, before: Problem) -> Problem:
    """The setup's problem on its data as edited (``Setup.with_edited_data``), over the domain of
    ``before`` (the problem the runs are on) while its minimum stays well inside it, so that the
    picture holds still as points move. Raises InputError (no points, targets the loss refuses)."""
    return keeping_domain(problem_of(setup), before)


def build(setup: Setup, problem: Problem | None = None, *, record_rows: int = RECORD_ROWS) -> Built:
    """The setup's problem and its runs, each with the setup's tolerance and step limit; raises
    InputError when the engine refuses any of it. A ``problem`` given (the setup's, built before) is
    used as it is: nothing is read again."""
    if problem is None:
        problem = problem_of(setup)
        prepare(problem)  # here, on the thread that builds it (in the background, for a file)
    runs = tuple(Run(problem, c.optimizer, setup.start_of(problem, i), c.hyperparameters, schedule=c.schedule,
                     tol=setup.tol, step_limit=setup.step_limit, batch_size=c.batch_size, seed=c.seed,
                     history_rows=record_rows)
                 for i, c in enumerate(setup.contenders))
    return Built(setup, problem, runs)


def check(setup: Setup, problem: Problem | None = None) -> Problem:
    """What ``build`` checks, for a setup that is not to run yet (a lesson being read): its runs are
    built recording (almost) nothing and dropped. Returns the problem; raises InputError."""
    return build(setup, problem, record_rows=CHECK_ROWS).problem


__all__ = ["CHECK_ROWS", "RECORD_ROWS", "Built", "build", "check", "problem_of", "problem_on_edited_data",
           "problem_on_the_same_data", "reads_a_file"]
