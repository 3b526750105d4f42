"""Building a Setup: its problem (its data read) and one run per contender, each from its start.

This is the one check of a whole setup: what builds can run, and whatever the engine refuses raises
InputError with a message that says what is allowed. The session builds each setup once and hands
the runs to the worker, which never builds anything. No Qt here.
"""

from dataclasses import dataclass

from ..engine import Problem, Run, make_problem
from .setup import Setup

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
    return make_problem(setup.problem, setup.data, setup.activation, setup.loss, function=setup.function,
                        range=setup.range)


def problem_on_the_same_data(setup: Setup, problem: Problem) -> Problem:
    """The setup's problem made on the data ``problem`` holds, nothing read again: the same model
    with another activation or loss, for runs that go on (``Run.switch_problem``). Raises InputError
    for a combination the engine refuses (bce with an activation that is no probability)."""
    return make_problem(setup.problem, getattr(problem, "dataset", None), setup.activation, setup.loss)


def build(setup: Setup, problem: Problem | None = None, *, record_rows: int = RECORD_ROWS) -> Built:
    """The setup's problem and its runs, each with the setup's tolerance and step limit; raises
    InputError when the engine refuses any of it. A ``problem`` given (the setup's, built before) is
    used as it is: nothing is read again."""
    problem = problem_of(setup) if problem is None else problem
    runs = tuple(Run(problem, c.optimizer, setup.start_of(problem, i), c.hyperparameters, schedule=c.schedule,
                     tol=setup.tol, step_limit=setup.step_limit, batch_size=c.batch_size, seed=c.seed,
                     history_rows=record_rows)
                 for i, c in enumerate(setup.contenders))
    return Built(setup, problem, runs)


def check(setup: Setup, problem: Problem | None = None) -> Problem:
    """What ``build`` checks, for a setup that is not to run yet (a lesson being read): its runs are
    built recording (almost) nothing and dropped. Returns the problem; raises InputError."""
    return build(setup, problem, record_rows=CHECK_ROWS).problem


__all__ = ["CHECK_ROWS", "RECORD_ROWS", "Built", "build", "check", "problem_of", "problem_on_the_same_data"]
