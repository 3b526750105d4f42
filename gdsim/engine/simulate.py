"""``simulate``: one call from names and numbers to the arrays of a finished run."""

from dataclasses import dataclass

import numpy as np

from .catalog import make_problem
from .errors import QT_TRANSLATE_NOOP, InputError, shown, whole_number
from .problems import Problem
from .run import DEFAULT_TOLERANCE, STEP_LIMIT, Run, working_bytes
from .trajectory import record_bytes

# A bound on the memory one simulate() call may take, so a typo in `steps` cannot eat the machine.
MAX_RECORD_BYTES = 2 * 2**30


@dataclass(frozen=True)
class Simulation:
    """What ``simulate`` returns. Arrays have one row per step from 0 to ``steps``:
    params (steps+1, K, d), loss and grad_norm (steps+1, K). A start that stopped early keeps its
    final values in later rows; ``stopped_at[k]`` is its last row (−1 if it ran to the end) and
    ``status[k]`` one of 'converged', 'stuck', 'diverged', 'step limit' (see ``gdsim.engine.run``:
    stuck is a zero gradient at a point known to be no minimum, such as a flat activation).

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

    @property
    def last_step(self) -> int:
        """The last step any start reached."""
        stopped = self.stopped_at.copy()
        stopped[stopped < 0] = len(self.loss) - 1
        return int(stopped.max())


def simulate(problem: str | Problem, optimizer: str, start=None, steps: int = 100, *, data=None,
             activation: str | None = None, loss: str | None = None, batch_size: int | None = None,
             seed: int = 0, tol: float = DEFAULT_TOLERANCE, **hyperparameters) -> Simulation:
    """Run ``optimizer`` on ``problem`` from ``start`` ((d,) or (K, d); default: the problem's) for
    ``steps`` steps. Keyword arguments not listed are hyperparameters (lr, momentum, rho, alpha,
    beta1, beta2, eps, momentum_decay). Bad input raises ``gdsim.InputError``."""
    hyperparameters = {k: v for k, v in hyperparameters.items() if v is not None}  # None: the default
    prob = make_problem(problem, data, activation, loss)
    start = prob.start if start is None else start
    steps = whole_number(steps, QT_TRANSLATE_NOOP("errors", "steps"), 0)
    if isinstance(start, np.ndarray) and start.ndim >= 2:
        k = start.shape[0]
    else:  # nested lists, perhaps ragged: Run says what is wrong with them
        k = np.atleast_2d(np.asarray(start, dtype=object)).shape[0]
    # The record is what is returned (no copies are made); the run works beside it.
    needed = record_bytes(steps + 1, k, prob.dim) + working_bytes(prob, k, batch_size)
    if needed > MAX_RECORD_BYTES:
        template = (QT_TRANSLATE_NOOP(
            "errors", "recording {rows} rows of 1 start needs {needed} GiB (limit {limit} GiB); use fewer "
                      "steps, or gdsim.Run, which thins what it records") if k == 1 else QT_TRANSLATE_NOOP(
            "errors", "recording {rows} rows of {k} starts needs {needed} GiB (limit {limit} GiB); use "
                      "fewer steps or starts, or gdsim.Run, which thins what it records"))
        raise InputError(template, rows=shown(steps + 1), k=k, needed=_gib(needed),
                         limit=MAX_RECORD_BYTES // 2**30)
    run = Run(prob, optimizer, start, hyperparameters, tol=tol, step_limit=steps, batch_size=batch_size,
              seed=seed, history_rows=steps + 1)
    run.advance(steps)
    # Row t is step t; rows past the last step any start reached hold final values, so shapes are fixed.
    # The run is finished and dropped here: nothing else can write into the arrays returned.
    history = run.finish(steps + 1)
    stopped_at = np.where(run.status == STEP_LIMIT, -1, run.stopped_at)
    return Simulation(prob, run.optimizer.name, dict(run.hyperparameters), history.params, history.loss,
                      history.grad_norm, run.status_names, stopped_at)


def _gib(nbytes: int):
    """A size in GiB for a message, to one decimal (integers too large for a float stay integers)."""
    return shown(round(nbytes / 2**30, 1) if nbytes < 2**100 else -(-nbytes // 2**30))
