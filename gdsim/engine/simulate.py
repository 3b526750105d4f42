"""``simulate``: one call from names and numbers to the arrays of a finished run."""

from dataclasses import dataclass

import numpy as np

from .catalog import make_problem
from .errors import QT_TRANSLATE_NOOP, InputError, shown, whole_number
from .prefault import Prefault
from .problems import Problem
from .run import DEFAULT_TOLERANCE, STEP_LIMIT, History, Run, working_bytes
from .schedules import Schedule
from .trajectory import record_bytes

# A bound on the memory one simulate() call may take, so a typo in `steps` cannot eat the machine.
MAX_RECORD_BYTES = 2 * 2**30
_LR_CHUNK = 8192


@dataclass(frozen=True)
class Simulation:
    """What ``simulate`` returns. Arrays have one row per step from 0 to ``steps``:
    params (steps+1, K, d), loss and grad_norm (steps+1, K). A start that stopped early keeps its
    final values in later rows; ``stopped_at[k]`` is its last row (−1 if it ran to the end) and
    ``status[k]`` one of 'converged', 'stuck', 'diverged', 'step limit' (see ``gdsim.engine.run``:
    stuck is a zero gradient at a point known to be no minimum, such as a flat activation).
    ``lr`` (steps+1,) is the η of the update that led to each row (``lr[t]``, the ηₜ of update t, with
    the schedule's factor), NaN in row 0, the start; ``schedule`` is the Schedule used, or None.
    ``undefined_at`` (K, d) is, for a start that diverged because its step landed where the loss or
    its gradient is not defined (NaN), that point; NaN for the others (see ``Run.undefined_at``).
    The arrays are the run's record itself, not copies, and belong to the caller alone. ``params`` is
    a transposed view of a (steps+1, d, K) array: ``params[t]`` is a Fortran-ordered (K, d) array
    whose columns ``params[t, :, i]`` (one parameter of every start) are contiguous. numpy and the
    libraries built on it take any layout; ``np.ascontiguousarray(params)`` makes a C-ordered copy for
    code that needs one (raw buffers, ctypes)."""

    problem: Problem
    optimizer: str
    hyperparameters: dict
    params: np.ndarray
    loss: np.ndarray
    grad_norm: np.ndarray
    status: list
    stopped_at: np.ndarray
    lr: np.ndarray = None
    schedule: Schedule | None = None
    undefined_at: np.ndarray | None = None

    @property
    def last_step(self) -> int:
        """The last step any start reached."""
        stopped = self.stopped_at.copy()
        stopped[stopped < 0] = len(self.loss) - 1
        return int(stopped.max())


def simulate(problem: str | Problem, optimizer: str, start=None, steps: int = 100, *, data=None,
             activation: str | None = None, loss: str | None = None, function: str | None = None,
             range=None, batch_size: int | None = None, seed: int = 0, tol: float = DEFAULT_TOLERANCE,
             schedule: str | Schedule | None = None, **hyperparameters) -> Simulation:
    """Run ``optimizer`` on ``problem`` from ``start`` ((d,) or (K, d); default: the problem's) for
    ``steps`` steps. ``problem`` is a name, or a Problem such as ``gdsim.function("x^2 + 3*sin(y)")``;
    ``function`` and ``range`` make the problem "custom" by name. Keyword arguments not listed are
    hyperparameters (lr, momentum, rho, alpha, beta1, beta2, eps, momentum_decay). ``schedule`` scales
    lr step by step: a schedule's name (with its defaults) or ``gdsim.Schedule(name, **parameters)``,
    e.g. ``Schedule("cosine", decay_steps=100, warmup=10)``. Bad input raises ``gdsim.InputError``."""
    prob, start, steps = _problem_start_steps(problem, start, steps, data, activation, loss, function, range)
    k = _count_starts(start)
    _check_memory(estimated_bytes(prob, optimizer, k, steps, batch_size), steps + 1, k)
    run = Run(prob, optimizer, start, _given(hyperparameters), schedule=schedule, tol=tol,
              step_limit=steps, batch_size=batch_size, seed=seed, history_rows=steps + 1)
    with Prefault([run.trajectory.params, run.trajectory.loss, run.trajectory.grad_norm]):
        run.advance(steps)
    # Row t is step t; rows past the last step any start reached hold final values, so shapes are fixed.
    # The run is finished and dropped here: nothing else can write into the arrays returned.
    history = run.finish(steps + 1)
    stopped_at = np.where(run.status == STEP_LIMIT, -1, run.stopped_at)
    return Simulation(prob, run.optimizer.name, dict(run.hyperparameters), history.params, history.loss,
                      history.grad_norm, run.status_names, stopped_at, _lr_rows(run, history.step),
                      run.schedule, run.undefined_at)


def estimated_bytes(problem: Problem, optimizer, k: int, steps: int, batch_size: int | None = None) -> int:
    """The most memory ``simulate`` takes at once for k starts and this many steps (within 20 % of
    the real peak): the record it returns, the row numbers and each row's η beside it, and what the run
    works with."""
    return (record_bytes(steps + 1, k, problem.dim) + 2 * 8 * (steps + 1)
            + working_bytes(problem, optimizer, k, batch_size))


class Pieces:
    """``simulate`` a piece at a time (made by ``simulate_in_pieces``). Iterating gives the rows from
    step 0 to ``last_step`` in order, in pieces of at most ``rows`` rows: each a ``History`` (step (n,),
    params (n, K, d), loss and grad_norm (n, K)) with the numbers ``simulate`` returns for those rows.
    Once the pieces are taken, ``status``, ``stopped_at``, ``undefined_at`` and ``last_step`` are as
    ``simulate`` gives them. ``lr(step)`` gives each row's η as ``Simulation.lr`` does; ``schedule`` is
    the Schedule used, or None. The pieces can be taken once."""

    def __init__(self, run: Run, steps: int, rows: int):
        self.problem, self.steps, self.rows, self.schedule = run.problem, steps, rows, run.schedule
        self._run = run

    def lr(self, step: np.ndarray) -> np.ndarray:
        """The η of the update that led to each row of ``step`` (NaN for row 0, the start)."""
        return _lr_rows(self._run, step)

    def __iter__(self):
        run = self._run
        while True:
            run.advance(self.rows)
            piece = run.drain()
            if run.running:
                yield piece
                continue
            n = int(np.searchsorted(piece.step, self.last_step, side="right"))
            yield History(piece.step[:n], piece.params[:n], piece.loss[:n], piece.grad_norm[:n])
            return

    @property
    def status(self) -> list[str]:
        return self._run.status_names

    @property
    def stopped_at(self) -> np.ndarray:
        return np.where(self._run.status == STEP_LIMIT, -1, self._run.stopped_at)

    @property
    def undefined_at(self) -> np.ndarray:
        return self._run.undefined_at

    @property
    def final_loss(self) -> np.ndarray:
        """Each start's loss where it stopped (or at the last step), (K,)."""
        return self._run.loss

    @property
    def last_step(self) -> int:
        """The last step any start reached."""
        return int(np.where(self._run.status == STEP_LIMIT, self.steps, self._run.stopped_at).max())


def simulate_in_pieces(problem: str | Problem, optimizer: str, start=None, steps: int = 100, *,
                       rows: int = 2**16, data=None, activation: str | None = None, loss: str | None = None,
                       function: str | None = None, range=None, batch_size: int | None = None, seed: int = 0,
                       tol: float = DEFAULT_TOLERANCE, schedule: str | Schedule | None = None,
                       **hyperparameters) -> Pieces:
    """``simulate``, its rows handed out in pieces of at most ``rows`` rows (see ``Pieces``), so that
    a long run written out as it goes (``gdsim run`` writing CSV) takes the memory of one piece, not
    of the whole run. The arguments are those of ``simulate``; bad input raises ``gdsim.InputError``
    here, before any step is taken."""
    prob, start, steps = _problem_start_steps(problem, start, steps, data, activation, loss, function, range)
    rows = whole_number(rows, QT_TRANSLATE_NOOP("errors", "the rows of a piece"), 1)
    k = _count_starts(start)
    kept = min(rows, steps) + 1
    # The record of one piece, and history()'s copies of it: params twice, loss and grad_norm once.
    _check_memory(record_bytes(kept, k, prob.dim) + 8 * kept * k * (2 * prob.dim + 2)
                  + working_bytes(prob, optimizer, k, batch_size), kept, k)
    run = Run(prob, optimizer, start, _given(hyperparameters), schedule=schedule, tol=tol,
              step_limit=steps, batch_size=batch_size, seed=seed, history_rows=kept)
    return Pieces(run, steps, rows)


def _lr_rows(run: Run, step: np.ndarray) -> np.ndarray:
    """ηₜ for each row t of ``step`` (NaN for row 0), worked out 8,192 rows at a time so that its
    temporaries stay small beside a long record."""
    out = np.empty(len(step))
    for a in range(0, len(step), _LR_CHUNK):
        t = np.asarray(step[a:a + _LR_CHUNK], dtype=np.int64)
        later = t >= 1
        part = out[a:a + _LR_CHUNK]
        part[~later] = np.nan
        part[later] = run.lr_at(t[later])
    return out


def _given(hyperparameters: dict) -> dict:
    return {k: v for k, v in hyperparameters.items() if v is not None}  # None: the default


def _problem_start_steps(problem, start, steps, data, activation, loss, function, range):
    prob = make_problem(problem, data, activation, loss, function=function, range=range)
    start = prob.start if start is None else start
    return prob, start, whole_number(steps, QT_TRANSLATE_NOOP("errors", "steps"), 0)


def _count_starts(start) -> int:
    if isinstance(start, np.ndarray) and start.ndim >= 2:
        return start.shape[0]
    # Nested lists, perhaps ragged: Run says what is wrong with them.
    return np.atleast_2d(np.asarray(start, dtype=object)).shape[0]


def _check_memory(needed: int, rows: int, k: int) -> None:
    if needed <= MAX_RECORD_BYTES:
        return
    template = (QT_TRANSLATE_NOOP(
        "errors", "recording {rows} rows of 1 start needs {needed} GiB (limit {limit} GiB); use fewer "
                  "steps, or gdsim.Run, which thins what it records") if k == 1 else QT_TRANSLATE_NOOP(
        "errors", "recording {rows} rows of {k} starts needs {needed} GiB (limit {limit} GiB); use "
                  "fewer steps or starts, or gdsim.Run, which thins what it records"))
    raise InputError(template, rows=shown(rows), k=k, needed=_gib(needed), limit=MAX_RECORD_BYTES // 2**30)


def _gib(nbytes: int):
    """A size in GiB for a message, to one decimal (integers too large for a float stay integers)."""
    return shown(round(nbytes / 2**30, 1) if nbytes < 2**100 else -(-nbytes // 2**30))
