"""What the window draws, copied out of the runs: a Snapshot never shares an array with the worker.

Everything a frame needs is computed here, on the worker thread: the thinned trajectory, the next
step, and, for the watched run, the slices through its current point and its model's curve over the
data. No Qt here.
"""

from dataclasses import dataclass

import numpy as np

from ..engine import RUNNING, Lookahead, Problem, Run
from ..engine.schedules import Schedule
from .divergence import is_diverging, reference_loss
from .landscape import loss_along

SLICE_POINTS = 301
MODEL_POINTS = 200


@dataclass(frozen=True)
class Track:
    """One contender's run: its current point and the rows recorded so far (thinned)."""

    step: int
    params: np.ndarray  # (d,) the current point of its (single) start
    loss: float
    gradient: np.ndarray  # (d,)
    grad_norm: float
    next_params: np.ndarray  # (d,) where the next step goes
    status: str  # 'running', 'converged', 'stuck', 'diverged' or 'step limit'
    stopped_at: int
    hyperparameters: dict
    optimizer: str
    update_gradient: np.ndarray  # (d,) the gradient the next step uses (a mini-batch's, with batches)
    state_before: dict  # the optimizer's arrays, (d,) each, before the next step …
    state_after: dict  # … and after it
    update_step: int  # the step count t of the next step
    scalars: dict
    history_step: np.ndarray  # (R,)
    history_params: np.ndarray  # (R, d)
    history_loss: np.ndarray  # (R,)
    history_grad_norm: np.ndarray  # (R,)
    diverging: bool = False  # still running, but its loss keeps growing (see gdsim.model.divergence)
    lr: float = 0.0  # the η of the next update: lr times its schedule's factor
    # The η in force at each recorded row (R,): the η of the update that led to it, and at the start
    # (step 0) the η of the first update, so that η per step is drawn beside the loss.
    history_lr: np.ndarray | None = None
    # Nesterov momentum: the next update in Ruder's form, each (d,): his point φ, the look-ahead point
    # φ − μ·v where the gradient is evaluated (the current point), his velocity v, φ after the update.
    lookahead: Lookahead | None = None
    schedule: Schedule | None = None  # the run's learning-rate schedule now (immutable, shared)
    # With mini-batches: the rows of the data the next update's batch holds (a copy), while it runs.
    batch_rows: np.ndarray | None = None
    # (d,) for a run that stopped because its step landed where the loss or its slope is not defined
    # (a typed function's log of a negative number): that point; None otherwise (Run.undefined_at)
    undefined_at: np.ndarray | None = None
    start: tuple[float, ...] = ()  # where this run started
    # With mini-batches: the rows of the data the last update's batch held (a copy); None before the
    # first update or on the whole data.
    last_batch_rows: np.ndarray | None = None


@dataclass(frozen=True)
class Slice:
    """The loss along one parameter with the others held at the current point; NaN where it is not
    defined (a typed function), a gap in the curve."""

    index: int
    values: np.ndarray
    loss: np.ndarray
    samples: int = 0  # of the data's ``total`` samples the curve was estimated from (see loss_along)
    total: int = 0


@dataclass(frozen=True)
class Snapshot:
    generation: int  # which setup it belongs to: older snapshots are dropped
    playing: bool
    tracks: tuple[Track, ...]
    slices: tuple[Slice, ...]  # through the watched run's current point
    model_x: np.ndarray | None  # (M,) inputs and (M,) outputs of the watched run's model
    model_y: np.ndarray | None
    problem: Problem  # the very problem the runs step on
    start: tuple[float, ...]  # where the watched run started (each track has its own start)
    watched: int  # which track the tangent, the arrows and the formulas are about

    @property
    def lead(self) -> Track:
        return self.tracks[0]

    @property
    def watched_track(self) -> Track:
        return self.tracks[self.watched]

    @property
    def finished(self) -> bool:
        return all(t.status != "running" for t in self.tracks)


def take(runs, generation: int, playing: bool, max_rows: int, starts, watched: int) -> Snapshot:
    """A snapshot of runs of one start each (at most ``max_rows`` rows of each path) on one problem,
    run i having begun at ``starts[i]``, of which run ``watched`` is watched: the slices and the
    model's curve go through its current point."""
    problem = runs[0].problem
    problem_start_loss = float(problem.loss(np.asarray(problem.start, float))[0])
    starts = tuple(tuple(float(v) for v in start) for start in starts)
    tracks = tuple(_track(run, max_rows, problem_start_loss, start)
                   for run, start in zip(runs, starts, strict=True))
    point, loss = tracks[watched].params, tracks[watched].loss
    slices = tuple(_slice(problem, point, loss, i) for i in range(problem.dim)) if problem.dim >= 2 else ()
    model_x, model_y = _model_curve(problem, point)
    return Snapshot(generation, playing, tracks, slices, model_x, model_y, problem, starts[watched], watched)


def _track(run: Run, max_rows: int, problem_start_loss: float, start: tuple[float, ...]) -> Track:
    h = run.history(max_rows)
    update = run.next_update()
    running = run.status[0] == RUNNING
    loss = h.loss[:, 0]
    diverging = running and is_diverging(loss, reference_loss(float(loss[0]), problem_start_loss))
    return Track(
        step=run.step if running else int(run.stopped_at[0]),
        params=run.params[0], loss=float(run.loss[0]), gradient=run.gradient[0],
        grad_norm=float(run.grad_norm[0]), next_params=update.params[0],
        status=run.status_names[0], stopped_at=int(run.stopped_at[0]),
        hyperparameters=dict(run.hyperparameters), optimizer=run.optimizer.name,
        update_gradient=update.gradient[0],
        state_before={name: a[0] for name, a in update.before.items()},
        state_after={name: a[0] for name, a in update.after.items()},
        update_step=update.step, scalars=update.scalars, history_step=h.step,
        history_params=h.params[:, 0], history_loss=loss, history_grad_norm=h.grad_norm[:, 0],
        diverging=diverging, lr=update.lr, history_lr=run.lr_at(np.maximum(h.step, 1)),
        lookahead=None if update.lookahead is None else Lookahead(
            *(a[0] for a in (update.lookahead.position, update.lookahead.lookahead, update.lookahead.velocity,
                             update.lookahead.position_after))),
        schedule=run.schedule,
        batch_rows=run.next_batch_rows() if running else None,
        undefined_at=_undefined_at(run),
        start=start,
        last_batch_rows=run.last_batch_rows(),
    )


def _undefined_at(run: Run) -> np.ndarray | None:
    point = run.undefined_at[0]
    return None if np.isnan(point).any() else point


def _slice(problem, point: np.ndarray, loss: float, index: int) -> Slice:
    lo, hi = problem.domain[index]
    values = np.linspace(lo, hi, SLICE_POINTS)
    points = np.repeat(point[None, :], SLICE_POINTS, axis=0)
    points[:, index] = values
    along, used = loss_along(problem, points, point, loss)
    undefined = np.isnan(along)  # a typed function's log of a negative number: a gap in the curve
    total = len(problem.dataset.y) if getattr(problem, "dataset", None) is not None else 0
    return Slice(index, values, np.where(undefined, np.nan, _finite(along)), used, total)


def _model_curve(problem, point: np.ndarray):
    dataset = getattr(problem, "dataset", None)
    if dataset is None or dataset.n_inputs != 1:
        return None, None
    x = dataset.X[:, 0]
    pad = 0.05 * (float(np.ptp(x)) or 1.0)
    xs = np.linspace(x.min() - pad, x.max() + pad, MODEL_POINTS)
    h = point[0] * xs + point[1]
    yhat = np.empty_like(h)
    with np.errstate(all="ignore"):
        problem.activation.forward(h, yhat)
    return xs, _finite(yhat)


def _finite(a: np.ndarray) -> np.ndarray:
    """Replace what pyqtgraph cannot draw (inf, nan) by the largest finite value present."""
    if np.isfinite(a).all():
        return a
    finite = a[np.isfinite(a)]
    big = float(np.abs(finite).max()) if finite.size else 0.0
    return np.nan_to_num(a, nan=big, posinf=big, neginf=-big)
