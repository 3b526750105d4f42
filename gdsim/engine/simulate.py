"""``simulate``: one call from names and numbers to the arrays of a finished run."""

from dataclasses import dataclass

import numpy as np

from .catalog import make_problem
from .errors import InputError
from .problems import Problem
from .run import DEFAULT_TOLERANCE, STEP_LIMIT, Run
from .schedules import Schedule

# A bound on what one simulate() call may record, so a typo in `steps` cannot eat the machine.
MAX_RECORD_BYTES = 2 * 2**30


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
    its gradient is not defined (NaN), that point; NaN for the others (see ``Run.undefined_at``)."""

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
    hyperparameters = {k: v for k, v in hyperparameters.items() if v is not None}  # None: the default
    prob = make_problem(problem, data, activation, loss, function=function, range=range)
    start = prob.start if start is None else start
    if not isinstance(steps, (int, np.integer)) or isinstance(steps, bool) or steps < 0:
        raise InputError(f"steps must be a whole number ≥ 0, got {steps!r}")
    k = np.atleast_2d(np.asarray(start, dtype=object)).shape[0]
    needed = (steps + 1) * k * (prob.dim + 2) * 8
    if needed > MAX_RECORD_BYTES:
        raise InputError(f"recording {steps + 1} rows of {k} starts needs {needed / 2**30:.1f} GiB "
                         f"(limit {MAX_RECORD_BYTES / 2**30:.0f} GiB); use fewer steps or starts, or "
                         "gdsim.Run, which thins what it records")
    run = Run(prob, optimizer, start, hyperparameters, schedule=schedule, tol=tol, step_limit=steps,
              batch_size=batch_size, seed=seed, history_rows=steps + 1)
    run.advance(steps)
    history = run.history()
    # Rows past the last step any start reached are padded up to `steps`, so shapes are fixed.
    rows = steps + 1
    pad = rows - len(history.step)
    params, loss_rows, gnorm = history.params, history.loss, history.grad_norm
    if pad:
        params = np.concatenate([params, np.broadcast_to(run.params, (pad,) + run.params.shape)])
        loss_rows = np.concatenate([loss_rows, np.broadcast_to(run.loss, (pad, run.k))])
        gnorm = np.concatenate([gnorm, np.broadcast_to(run.grad_norm, (pad, run.k))])
    stopped_at = np.where(run.status == STEP_LIMIT, -1, run.stopped_at)
    lr = np.full(rows, np.nan)
    lr[1:] = run.lr_at(np.arange(1, rows))
    return Simulation(prob, run.optimizer.name, dict(run.hyperparameters), params, loss_rows, gnorm,
                      run.status_names, stopped_at, lr, run.schedule, run.undefined_at)
