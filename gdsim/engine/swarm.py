"""Basins of attraction: a grid or cloud of starts advanced together, each labelled by where it ended.

A ``Swarm`` advances N starts (a whole grid, up to 300 × 300) with one optimizer, in chunks of a few
thousand starts that stay in cache. Each chunk steps exactly as ``Run`` does, with the optimizer's own
update and the problem's own kernel on its rows, in blocks of a few steps checked at once, each start
stopping at its own first converged, stuck or diverged row; starts are independent and the arithmetic
element-wise, so every start gets the numbers a ``Run`` of it alone gives (a test checks the bits).
Stopped starts leave their chunk's arrays at the end of the block that stopped them. Chunks run side
by side on a thread pool (numpy releases the GIL inside its loops).

``label_ends`` then says where each start ended: at which minimum (the problem's known minima first,
then minima found by clustering the converged end points), or ``DIVERGED``, ``STUCK`` (∇L = 0 at a
point that is no minimum) or ``MOVING`` (still moving when the steps ran out, and not near a minimum).
``basins`` does all of it from names and numbers.
"""

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .catalog import make_problem
from .errors import QT_TRANSLATE_NOOP, InputError, parse_number, real_array, shown, whole_number
from .optimizers import coefficients, default_lr, get_optimizer
from .problems import Problem
from .run import (
    CONVERGED,
    DEFAULT_TOLERANCE,
    DIVERGED,
    DIVERGENCE_LIMIT,
    STATUS_NAMES,
    STEP_LIMIT,
    STUCK,
    _etas,
    _squared_norms,
    block_stops,
    check_tolerance,
)
from .schedules import Schedule, get_schedule
from .workspace import Workspace, column_major

# Labels besides the minima (0, 1, …): negative, so ``labels >= 0`` picks the starts at a minimum.
DIVERGED_LABEL, STUCK_LABEL, MOVING_LABEL = -1, -2, -3
OTHER_LABELS = (DIVERGED_LABEL, STUCK_LABEL, MOVING_LABEL)
OTHER_NAMES = {DIVERGED_LABEL: "diverged", STUCK_LABEL: "stuck", MOVING_LABEL: "still moving"}

MIN_GRID, MAX_GRID = 10, 300
MAX_STARTS = MAX_GRID * MAX_GRID
MAX_STEPS = 1_000_000
DEFAULT_STEPS = 1000
RADIUS_SHARE = 0.01  # the default radius: this share of the region's diagonal
_CHUNK = 8192  # most starts a chunk holds: its dozen (C, 2) arrays stay in the L2 cache
_BLOCK = 8  # steps between checks


class _Chunk:
    """Some of a swarm's starts, stepped as ``Run`` steps them (see the module's docstring)."""

    def __init__(self, swarm: "Swarm", rows: np.ndarray):
        problem, d = swarm.problem, swarm.problem.dim
        self.swarm, self.rows = swarm, rows
        k = len(rows)
        self.ws = Workspace()
        self.p = column_major(k, d)
        self.p[...] = swarm.starts[rows]
        self.grad = column_major(k, d)
        loss = np.empty(k)
        with np.errstate(all="ignore"):
            problem.kernel(self.p, loss, self.grad, self.ws)
            gnorm = np.sqrt(np.sum(self.grad * self.grad, axis=1))
            finite = np.isfinite(loss) & np.isfinite(self.grad).all(axis=1)
            finite &= np.abs(loss) <= DIVERGENCE_LIMIT
            finite &= np.all(np.abs(self.p) <= DIVERGENCE_LIMIT, axis=1)
        self.loss = loss
        self.state = swarm.optimizer.init(self.p)
        # A start where L or its slope is not defined (or too large) ends there: diverged, at step 0.
        bad = np.flatnonzero(~finite)
        swarm._end(rows[bad], self.p[bad], loss[bad], DIVERGED, 0)
        flat = np.flatnonzero(finite & (gnorm < swarm.tol))
        swarm._end(rows[flat], self.p[flat], loss[flat], swarm._stationary(self.p[flat]), 0)
        self._keep(np.flatnonzero(finite & ~(gnorm < swarm.tol)))
        self.step = 0

    def _keep(self, local: np.ndarray) -> None:
        """Keep only the given starts (positions in the chunk's arrays) in the working arrays."""
        if len(local) == len(self.rows):
            return
        self.rows = self.rows[local]
        for name in ("p", "grad"):
            old = getattr(self, name)
            new = column_major(len(local), old.shape[1])
            np.take(old, local, axis=0, out=new)
            setattr(self, name, new)
        self.loss = self.loss[local]
        self.state.take(local)

    def advance(self, n: int) -> None:
        """n steps (fewer if every start stops), in blocks of at most ``_BLOCK``."""
        with np.errstate(all="ignore"):
            end = self.step + n
            while self.step < end and len(self.rows):
                self._block(min(_BLOCK, end - self.step))
            self.step = end

    def _block(self, m: int) -> None:
        swarm, ws = self.swarm, self.ws
        k, d = self.p.shape
        p, grad, state = self.p, self.grad, self.state
        xs, losses = ws.get("xs", (_BLOCK, d, k)), ws.get("losses", (_BLOCK, k))
        gnorm2 = ws.get("gnorm2", (_BLOCK, k))
        before = ws.like("before", p)
        before[...] = p
        update, kernel = swarm.optimizer.update, swarm.problem.kernel
        c = swarm.coefficients
        etas = swarm.etas(self.step, m)
        if etas is not None:
            c = dict(c)
            lr_cell = c["lr"] = np.empty(())
        square = ws.like("t", p)
        for j in range(m):
            if etas is not None:
                lr_cell[()] = etas[j]
            update(grad, state, p, c, ws)
            xs[j] = p.T
            kernel(p, losses[j], grad, ws)
            _squared_norms(grad, square, gnorm2[j])
        self.step += m
        loss_before, self.loss = self.loss, losses[m - 1].copy()
        events = _events(xs[:m], losses[:m], gnorm2[:m], swarm.tol)
        if events is None:
            return
        hit, _, diverged, ends, inside, final = block_stops(xs[:m], before, *events)
        final_loss = np.where(inside, losses[ends, hit], loss_before[hit])
        statuses = np.full(len(hit), DIVERGED, dtype=np.int8)
        statuses[~diverged] = swarm._stationary(final[~diverged])
        swarm._end(self.rows[hit], final, final_loss, statuses, self.step - m + 1 + ends)
        kept = np.ones(k, dtype=bool)
        kept[hit] = False
        self._keep(np.flatnonzero(kept))

    def points(self) -> np.ndarray:
        """(k, d) where the running starts are now, a copy."""
        return np.array(self.p)


def _events(xs, losses, gnorm2, tol):
    """None if no start converged or diverged in the block, else the masks (m, K) of its finite rows
    and of the rows that stop a start: the checks of ``Run``, in the same order. Usually six
    reductions decide (no BLAS: chunks run on several threads at once, and a BLAS's own threads
    would fight them)."""
    limit, tol2 = DIVERGENCE_LIMIT, tol * tol
    # A NaN makes max and min NaN, and every comparison with NaN is False: not calm.
    calm = (xs.max() <= limit and xs.min() >= -limit and losses.max() <= limit and losses.min() >= -limit
            and gnorm2.max() <= math.inf)
    if calm and not gnorm2.min() < tol2:
        return None
    finite = np.all(np.abs(xs) <= DIVERGENCE_LIMIT, axis=1)
    finite &= np.abs(losses) <= DIVERGENCE_LIMIT
    finite &= np.isfinite(gnorm2)
    event = ~finite | (gnorm2 < tol2)
    return (finite, event) if event.any() else None


class Swarm:
    """N starts (N, d) of one problem under one optimizer, advanced together with ``advance(n)``.

    ``hyperparameters`` override the optimizer's defaults (lr: the problem's suggestion), ``schedule``
    scales lr per update as in ``Run``. ``threads`` chunks run at once (default: the CPU count).
    After each ``advance``, ``points()`` gives where every start is and ``status``, ``steps``,
    ``end_points`` and ``end_loss`` what is known of the stopped ones; ``finish()`` holds the rest at
    the step reached (status ``STEP_LIMIT``)."""

    def __init__(self, problem: Problem, optimizer, starts, hyperparameters=None, *,
                 schedule: str | Schedule | None = None, tol: float = DEFAULT_TOLERANCE,
                 threads: int | None = None, chunk: int = _CHUNK):
        if not isinstance(problem, Problem):
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "a swarm needs a problem made by make_problem; got {problem!r}"),
                problem=shown(problem))
        self.problem = problem
        self.optimizer = get_optimizer(optimizer)
        self.hyperparameters = self.optimizer.resolve(default_lr(problem, self.optimizer), hyperparameters)
        self.coefficients = coefficients(self.hyperparameters)
        self.schedule = get_schedule(schedule)
        self.tol = check_tolerance(tol)
        starts = real_array(starts, QT_TRANSLATE_NOOP("errors", "the starts"))
        if starts.ndim != 2 or starts.shape[1] != problem.dim or not len(starts):
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "the starts of {problem!r} must have shape (N, {dim}) with N ≥ 1, got {shape}"),
                problem=problem.name, dim=problem.dim, shape=starts.shape)
        self.starts = starts
        n, d = starts.shape
        self.threads = whole_number((os.cpu_count() or 1) if threads is None else threads,
                                    QT_TRANSLATE_NOOP("errors", "the threads"), 1, 64)
        chunk = whole_number(chunk, QT_TRANSLATE_NOOP("errors", "the chunk size"), 1)
        self.step = 0
        self.status = np.full(n, STEP_LIMIT, dtype=np.int8)
        self.steps = np.full(n, -1)
        self.end_points = np.full((n, d), np.nan)
        self.end_loss = np.full(n, np.nan)
        # Chunks of equal size, as many as a multiple of the threads, each at most `chunk` starts.
        per_round = self.threads * chunk
        count = self.threads * max(1, -(-n // per_round)) if n > chunk else 1
        self._chunks = [_Chunk(self, rows) for rows in np.array_split(np.arange(n), count) if len(rows)]
        self._pool = ThreadPoolExecutor(self.threads) if self.threads > 1 and len(self._chunks) > 1 else None

    def etas(self, t0: int, m: int) -> np.ndarray | None:
        """ηₜ for the updates t0 + 1 … t0 + m, or None when every update uses lr."""
        if self.schedule is None or self.schedule.is_constant:
            return None
        return _etas(self.hyperparameters["lr"], self.schedule, np.arange(t0 + 1, t0 + m + 1))

    def _stationary(self, points: np.ndarray) -> np.ndarray:
        if len(points) == 0:
            return np.empty(0, dtype=np.int8)
        with np.errstate(all="ignore"):
            return np.where(self.problem.stuck_at(points), STUCK, CONVERGED).astype(np.int8)

    def _end(self, rows, points, loss, status, steps) -> None:
        """Starts (global rows) stopped at these points: record where, with what loss and status."""
        self.end_points[rows] = points
        self.end_loss[rows] = loss
        self.status[rows] = status
        self.steps[rows] = steps

    @property
    def running(self) -> int:
        """How many starts are still moving."""
        return sum(len(chunk.rows) for chunk in self._chunks)

    def advance(self, n: int) -> None:
        """n more steps for every start still moving (each chunk all n steps at once)."""
        n = whole_number(n, QT_TRANSLATE_NOOP("errors", "the number of steps"), 0)
        chunks = [chunk for chunk in self._chunks if len(chunk.rows)]
        if self._pool is None or len(chunks) < 2:
            for chunk in chunks:
                chunk.advance(n)
        else:
            for _ in self._pool.map(lambda chunk: chunk.advance(n), chunks):
                pass
        self.step += n

    def points(self) -> np.ndarray:
        """(N, d) where every start is now: a running one's point, a stopped one's end."""
        out = self.end_points.copy()
        for chunk in self._chunks:
            out[chunk.rows] = chunk.p
        return out

    def finish(self) -> None:
        """Hold the starts still moving where they are (status STEP_LIMIT, steps = the step reached)
        and free the threads."""
        for chunk in self._chunks:
            self._end(chunk.rows, chunk.points(), chunk.loss, STEP_LIMIT, self.step)
            chunk._keep(np.empty(0, dtype=int))
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


# --- labels -----------------------------------------------------------------------------------------


def default_radius(region) -> float:
    """The default clustering radius: ``RADIUS_SHARE`` of the region's diagonal."""
    return RADIUS_SHARE * float(np.hypot.reduce([hi - lo for lo, hi in region]))


def label_ends(problem: Problem, end_points: np.ndarray, end_loss: np.ndarray, status: np.ndarray,
               radius: float, minima=None) -> tuple[np.ndarray, np.ndarray, int]:
    """Each start's label (N,) by where it ended, the minima (M, d) the labels 0 … M−1 name, and how
    many of them are known ones (the first).

    The known minima are ``minima`` (default: the problem's). A start that converged, or was still
    moving at the end, within ``radius`` of a minimum gets that minimum's label. The converged end
    points near none are clustered, lowest loss first: each cluster's lowest point is its centre, and
    it takes every converged end within ``radius``; a centre with a point of lower loss around it (at
    a tenth and at half the radius, in 16 directions, beyond rounding) is no minimum, so its starts are
    ``STUCK_LABEL`` (a saddle point or a maximum); the others are minima found, numbered after the
    known ones in the order of their loss. Starts the run found stuck are ``STUCK_LABEL``, diverged
    ones ``DIVERGED_LABEL``, and the rest ``MOVING_LABEL``."""
    d = problem.dim
    known = np.array(problem.minima if minima is None else minima, dtype=float).reshape(-1, d)
    labels = np.full(len(status), MOVING_LABEL, dtype=np.int64)
    labels[status == DIVERGED] = DIVERGED_LABEL
    labels[status == STUCK] = STUCK_LABEL
    settled = (status == CONVERGED) | (status == STEP_LIMIT)
    _assign(labels, end_points, settled, known, 0, radius)
    loose = np.flatnonzero((status == CONVERGED) & (labels < 0))
    found, not_minima = [], []
    order = loose[np.argsort(end_loss[loose], kind="stable")]
    while len(order):
        centre = end_points[order[0]]
        near = np.linalg.norm(end_points[order] - centre, axis=1) <= radius
        (found if _is_minimum(problem, centre, radius) else not_minima).append((centre, order[near]))
        order = order[~near]
    for _, members in not_minima:
        labels[members] = STUCK_LABEL
    centres = np.array([centre for centre, _ in found], dtype=float).reshape(-1, d)
    for i, (_, members) in enumerate(found):
        labels[members] = len(known) + i
    _assign(labels, end_points, settled & (labels == MOVING_LABEL), centres, len(known), radius)
    return labels, np.concatenate([known, centres]), len(known)


def _assign(labels, points, which, centres, first: int, radius: float) -> None:
    """Label the points picked by ``which`` within ``radius`` of a centre with first + its index."""
    rows = np.flatnonzero(which)
    best = np.full(len(rows), np.inf)
    for i, centre in enumerate(centres):
        distance = np.linalg.norm(points[rows] - centre, axis=1)
        closer = (distance <= radius) & (distance < best)
        labels[rows[closer]] = first + i
        best[closer] = distance[closer]


def _is_minimum(problem: Problem, centre: np.ndarray, radius: float) -> bool:
    """No point around ``centre`` (16 directions in 2-D, both sides in 1-D, at a tenth and at half the
    radius) has a lower loss, beyond rounding."""
    if problem.dim == 1:
        directions = np.array([[-1.0], [1.0]])
    else:
        angles = np.arange(16) * (np.pi / 8)
        directions = np.column_stack([np.cos(angles), np.sin(angles)])
    around = np.concatenate([centre + 0.1 * radius * directions, centre + 0.5 * radius * directions])
    here = problem.loss(centre[None, :])[0]
    losses = problem.loss(around)
    rounding = 1e-12 * (1.0 + abs(here))
    return not np.any(losses < here - rounding)


# --- from names and numbers -------------------------------------------------------------------------


@dataclass(frozen=True)
class Basins:
    """What ``basins`` returns. For N starts of d parameters: ``starts``, ``end_points`` (N, d);
    ``end_loss`` (N,) (NaN where a start diverged at once); ``steps`` (N,), the steps each start took
    (for a converged or stuck one the row it stopped on, for a diverged one its last finite row, else
    ``steps_given``); ``status`` (N,), the engine's per-start statuses by name ('converged', 'stuck',
    'diverged', 'step limit'); ``labels`` (N,): i ≥ 0 for ``minima[i]`` (the problem's ``known``
    minima first, then those found), ``DIVERGED_LABEL`` (−1), ``STUCK_LABEL`` (−2) or ``MOVING_LABEL``
    (−3). ``grid`` is n for an n × n grid (n points in 1-D: starts run along x fastest, then y,
    as an image's rows), None for a cloud; ``region`` the d ranges (low, high) the starts cover."""

    problem: Problem
    optimizer: str
    hyperparameters: dict
    schedule: Schedule | None
    starts: np.ndarray
    end_points: np.ndarray
    end_loss: np.ndarray
    steps: np.ndarray
    status: list
    labels: np.ndarray
    minima: np.ndarray
    known: int
    radius: float
    grid: int | None
    region: tuple
    steps_given: int
    tol: float

    @property
    def names(self) -> list[str]:
        """The name of each label in ``kinds`` order: 'minimum 1', … then 'diverged', 'stuck',
        'still moving'."""
        return [label_name(label) for label in self.kinds]

    @property
    def kinds(self) -> list[int]:
        """Every label a start can have here: 0 … M−1, then −1, −2, −3."""
        return list(range(len(self.minima))) + list(OTHER_LABELS)

    @property
    def counts(self) -> np.ndarray:
        """How many starts have each label, in ``kinds`` order."""
        return label_counts(self.labels, len(self.minima))

    @property
    def shares(self) -> np.ndarray:
        """The share of the starts with each label, in ``kinds`` order (they sum to 1)."""
        return self.counts / len(self.labels)

    def label_map(self) -> np.ndarray:
        """The labels of a grid as an image: (n, n), row j for the j-th y (1-D: (1, n)); for a grid only."""
        if self.grid is None:
            raise InputError(QT_TRANSLATE_NOOP("errors", "a cloud of starts has no map; make a grid"))
        n = self.grid
        return self.labels.reshape(n, n) if self.problem.dim == 2 else self.labels.reshape(1, n)


def label_name(label: int) -> str:
    return f"minimum {label + 1}" if label >= 0 else OTHER_NAMES[label]


def label_counts(labels: np.ndarray, minima: int) -> np.ndarray:
    """Counts of labels 0 … minima−1, then of −1, −2, −3."""
    counts = np.bincount(labels[labels >= 0], minlength=minima)[:minima]
    return np.concatenate([counts, [np.count_nonzero(labels == label) for label in OTHER_LABELS]])


def check_region(problem: Problem, region) -> tuple[tuple[float, float], ...]:
    """The region as d pairs (low, high) of finite numbers, low < high; default the problem's domain."""
    if region is None:
        return tuple((float(lo), float(hi)) for lo, hi in problem.domain)
    a = real_array(region, QT_TRANSLATE_NOOP("errors", "the region"))
    if a.shape != (problem.dim, 2) or not np.isfinite(a).all() or np.any(a[:, 0] >= a[:, 1]) or np.abs(
            a).max() > 1e15:
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "the region of {problem!r} must be {dim} pairs (low, high) of finite numbers with "
                      "low < high, within ±1e15, such as {example}; got {got}"),
            problem=problem.name, dim=problem.dim, got=shown(region),
            example="((-5, 5), (-5, 5))" if problem.dim == 2 else "((-2, 2),)")
    return tuple((float(lo), float(hi)) for lo, hi in a)


def grid_starts(region, n: int) -> np.ndarray:
    """The centres of an n × n grid of cells over a 2-D region (n cells in 1-D), x fastest: (n^d, d)."""
    axes = [lo + (np.arange(n) + 0.5) * ((hi - lo) / n) for lo, hi in region]
    if len(axes) == 1:
        return axes[0][:, None]
    xs, ys = np.meshgrid(axes[0], axes[1])
    return np.column_stack([xs.ravel(), ys.ravel()])


def cloud_starts(region, n: int, seed: int) -> np.ndarray:
    """n starts drawn uniformly over the region by a generator seeded with ``seed``: (n, d)."""
    rng = np.random.default_rng(seed)
    low = np.array([lo for lo, _ in region])
    high = np.array([hi for _, hi in region])
    return low + rng.random((n, len(region))) * (high - low)


def check_problem(problem: Problem) -> Problem:
    if problem.dim not in (1, 2):
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "a basin map needs a problem of 1 or 2 parameters; {problem!r} has {dim}"),
            problem=problem.name, dim=problem.dim)
    return problem


def make_starts(problem: Problem, grid, cloud, seed, region) -> tuple[np.ndarray, int | None, tuple]:
    """The starts of ``basins``, checked: a grid of n × n (``grid``) or a cloud (``cloud`` starts)."""
    region = check_region(problem, region)
    if cloud is not None:
        if grid is not None:
            raise InputError(QT_TRANSLATE_NOOP("errors", "give a grid or a cloud of starts, not both"))
        count = whole_number(cloud, QT_TRANSLATE_NOOP("errors", "the starts of a cloud"), 1, MAX_STARTS)
        seed = whole_number(seed, QT_TRANSLATE_NOOP("errors", "the seed"), 0)
        return cloud_starts(region, count, seed), None, region
    n = whole_number(100 if grid is None else grid, QT_TRANSLATE_NOOP("errors", "the grid"), MIN_GRID,
                     MAX_GRID)
    return grid_starts(region, n), n, region


def basins(problem: str | Problem, optimizer: str = "sgd", *, grid: int | None = None,
           cloud: int | None = None, seed: int = 0, region=None, steps: int = DEFAULT_STEPS,
           tol: float = DEFAULT_TOLERANCE, schedule: str | Schedule | None = None,
           radius: float | None = None, data=None, activation: str | None = None, loss: str | None = None,
           function: str | None = None, range=None, threads: int | None = None,
           **hyperparameters) -> Basins:
    """Where every start of a grid (or a cloud) ends under ``optimizer`` on ``problem`` (1 or 2
    parameters): a grid of ``grid`` × ``grid`` starts (10 to 300; default 100; in 1-D ``grid`` starts)
    at the centres of the cells of ``region`` (default the problem's domain), or ``cloud`` starts (1 to
    90,000) drawn uniformly over it with ``seed``; ``steps`` steps at most (0 to 1,000,000), each start
    stopping where its gradient norm falls below ``tol`` or where it diverges, as in ``simulate``.
    ``radius`` (default 1 % of the region's diagonal) is how near a minimum an end point counts as
    there, and the tolerance of the clustering (see ``label_ends``). Other keyword arguments are
    hyperparameters (lr, momentum, …) and ``schedule`` as in ``simulate``. Bad input raises
    ``gdsim.InputError``."""
    prob = check_problem(make_problem(problem, data, activation, loss, function=function, range=range))
    starts, n, region = make_starts(prob, grid, cloud, seed, region)
    steps = whole_number(steps, QT_TRANSLATE_NOOP("errors", "steps"), 0, MAX_STEPS)
    radius = default_radius(region) if radius is None else _check_radius(radius)
    swarm = Swarm(prob, optimizer, starts, {k: v for k, v in hyperparameters.items() if v is not None},
                  schedule=schedule, tol=tol, threads=threads)
    try:
        swarm.advance(steps)
        swarm.finish()
    finally:
        swarm.close()
    return result(swarm, n, region, steps, radius)


def result(swarm: Swarm, n: int | None, region, steps: int, radius: float, minima=None) -> Basins:
    """The ``Basins`` of a finished swarm."""
    with np.errstate(all="ignore"):
        labels, centres, known = label_ends(swarm.problem, swarm.end_points, swarm.end_loss, swarm.status,
                                            radius, minima)
    return Basins(swarm.problem, swarm.optimizer.name, dict(swarm.hyperparameters), swarm.schedule,
                  swarm.starts, swarm.end_points, swarm.end_loss, swarm.steps,
                  [STATUS_NAMES[s] for s in swarm.status.tolist()], labels, centres, known, radius, n,
                  region, steps, swarm.tol)


def _check_radius(radius) -> float:
    value = parse_number(radius, QT_TRANSLATE_NOOP("errors", "the radius"))
    if value <= 0:
        raise InputError(QT_TRANSLATE_NOOP("errors", "the radius must be > 0, got {radius}"), radius=radius)
    return value
