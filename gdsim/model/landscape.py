"""The loss over the plotting domain: a curve for 1-D problems, a grid with contours for 2-D ones.

Computed once per problem, off the window's thread, never per frame. Contour lines come from
contourpy, the library matplotlib uses for the same job. No Qt here.

A dataset model whose loss sums over many samples would take minutes for the whole grid (200 × 200
points × 1,000,000 samples), so its landscape comes in stages (``stages``, ``refine``): a coarse grid
on a seeded subsample of 2,000 rows first (a tenth of a second for any size the engine reads), then
finer grids on more samples, each stage a picture of its own that replaces the last. A Surface
says how many of the samples it was estimated from; the estimate is unbiased (a mean over the rows
used, or for sse their sum scaled to all of them). Where the loss is a quadratic in (w, b) (linear
regression with sse or mse) it is exact and cheap for any number of samples, in one stage. Between
chunks of work ``checkpoint`` says how far the whole is, so a background job can be cancelled.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..engine import Problem
from ..engine.progress import part
from . import samples

CURVE_POINTS = 801
GRID = 200
COARSE_GRID = 50
CONTOUR_LEVELS = 14
# A loss range wider than this factor is shown on a log scale (colours and contour levels).
LOG_RANGE = 1e3
# Loss terms (grid points × samples) a landscape may take in one stage: about 0.3 s for a sigmoid.
AT_ONCE = 25_000_000
# A large dataset's stages: (grid, samples estimated from), each finer or from more samples than the
# one before. The first costs 5 million loss terms (a sigmoid's: about 0.06 s), the next 100 million.
LADDER = ((COARSE_GRID, 2_000), (100, 10_000), (GRID, 10_000), (GRID, 100_000))
SLICE_SAMPLES = 1_000  # a slice (301 points, at every snapshot) of a larger dataset is estimated


@dataclass(frozen=True)
class Stage:
    """One picture of a landscape: a ``grid`` × ``grid`` grid, the loss estimated from ``samples`` of
    the ``total`` samples of the data (both 0 for a fixed function)."""

    grid: int
    samples: int = 0
    total: int = 0

    @property
    def exact(self) -> bool:
        return self.samples >= self.total

    @property
    def cost(self) -> int:
        """Loss terms to evaluate."""
        return self.grid * self.grid * max(self.samples, 1)


@dataclass(frozen=True)
class Curve:
    """f(x) over the domain of a 1-D problem."""

    x: np.ndarray
    loss: np.ndarray


@dataclass(frozen=True)
class Surface:
    """The loss on a GRID × GRID grid over a 2-D domain, ready to draw.

    ``image`` (nx, ny) float32 holds the shown value (the loss, or log10 of its height above the
    minimum when ``log_scale``), with colour ``levels``; ``contours`` is an (n, 2) array of points
    and ``connect`` (n,) says which point joins the next, as pyqtgraph's PlotCurveItem takes them.
    With ``log_scale`` a shown value v stands for the loss 10**v + ``log_shift`` (``loss_of``).
    ``loss_range`` is the least and the greatest loss on the grid.
    """

    x: np.ndarray
    y: np.ndarray
    image: np.ndarray
    levels: tuple[float, float]
    log_scale: bool
    contours: np.ndarray
    connect: np.ndarray
    contour_values: np.ndarray
    log_shift: float = 0.0
    loss_range: tuple[float, float] = (0.0, 1.0)
    samples: int = 0  # of the data's ``total`` samples the loss was estimated from (0: no data)
    total: int = 0
    # With more than two parameters: the two across and up (indices), and the point whose other
    # parameters are held where they are (d,); None for a problem of two parameters.
    plane: tuple[int, int] | None = None
    held: tuple[float, ...] | None = None

    @property
    def estimated(self) -> bool:
        """True if the loss was estimated from some of the samples, not all."""
        return self.samples < self.total

    def loss_of(self, shown):
        """The loss that a shown value (or an array of them) stands for."""
        shown = np.asarray(shown, float)
        return 10.0 ** shown + self.log_shift if self.log_scale else shown


def compute(problem: Problem, grid: int = GRID, plane: tuple[int, int] | None = None,
            held=None) -> Curve | Surface | None:
    """The exact landscape at once, from every sample: a Curve in 1-D, else a Surface. With more than
    two parameters, over the two of ``plane`` (by default the first and the last), the others held at
    ``held`` (d,) (by default the start); None if ``held`` is not finite."""
    if problem.dim == 1:
        x = np.linspace(*problem.domain[0], CURVE_POINTS)
        return Curve(x, problem.loss(x[:, None]))
    if problem.dim == 2:
        total = samples.count(problem)
        return surface(problem, Stage(grid, total, total))
    view = in_plane(problem, plane, held)
    if view is None:
        return None
    total = samples.count(problem)
    return surface(problem, Stage(grid, total, total), *view)


def default_plane(dim: int) -> tuple[int, int]:
    """The parameters a landscape of more than two shows first: the first weight and the bias."""
    return (0, dim - 1)


def in_plane(problem: Problem, plane: tuple[int, int] | None = None,
             held=None) -> tuple[tuple[int, int], np.ndarray] | None:
    """The plane (i, j) and the held point (d,) a landscape of more than two parameters shows: ``plane``
    if it names two different parameters, else ``default_plane``; ``held``, by default the start.
    None if the held point is not finite."""
    dim = problem.dim
    if plane is None or not (0 <= plane[0] < dim and 0 <= plane[1] < dim and plane[0] != plane[1]):
        plane = default_plane(dim)
    held = np.array(problem.start if held is None else held, dtype=float)
    if not np.isfinite(held).all():
        return None
    return (int(plane[0]), int(plane[1])), held


def stages(problem: Problem) -> tuple[Stage, ...]:
    """The stages of a landscape over two parameters, each finer or from more samples than the one
    before: one exact stage where that is quick; else the LADDER's, each on as many of the samples as
    there are up to its count (a step the data cannot make finer is left out)."""
    total = samples.count(problem)
    if total == 0 or getattr(problem, "quadratic", False) or GRID * GRID * total <= AT_ONCE:
        return (Stage(GRID, total, total),)
    plan: list[Stage] = []
    for grid, n in LADDER:
        stage = Stage(grid, min(total, n), total)
        if not plan or stage != plan[-1]:
            plan.append(stage)
    return tuple(plan)


def refine(problem: Problem, plane: tuple[int, int] | None = None, held=None) -> Iterator[Surface]:
    """The landscape over two parameters, stage by stage (``stages``); with more than two, in the plane
    and at the held point of ``in_plane`` (nothing if that point is not finite). Checkpoints inside
    report the fraction of all the stages' work done."""
    if problem.dim > 2:
        view = in_plane(problem, plane, held)
        if view is None:
            return
        plane, held = view
    else:
        plane = held = None
    plan = stages(problem)
    whole, done = sum(stage.cost for stage in plan), 0
    for stage in plan:
        with part(done / whole, (done + stage.cost) / whole):
            picture = surface(problem, stage, plane, held)
        done += stage.cost
        yield picture


def surface(problem: Problem, stage: Stage, plane: tuple[int, int] | None = None, held=None) -> Surface:
    """The loss on the stage's grid over the domain, ready to draw. With more than two parameters, over
    those of ``plane`` (i, j), the others held at ``held`` (d,) (both as ``in_plane`` gives them)."""
    i, j = (0, 1) if held is None else plane
    (x0, x1), (y0, y1) = problem.domain[i], problem.domain[j]
    grid = stage.grid
    x, y = np.linspace(x0, x1, grid), np.linspace(y0, y1, grid)
    xx, yy = np.meshgrid(x, y, indexing="ij")
    if held is None:
        points = np.column_stack([xx.ravel(), yy.ravel()])
    else:
        held = np.asarray(held, dtype=float)
        points = np.repeat(held[None, :], grid * grid, axis=0)
        points[:, i], points[:, j] = xx.ravel(), yy.ravel()
    if stage.exact:
        loss = problem.loss(points)
    else:
        loss = problem.loss_estimate(points, samples.rows(stage.total, stage.samples))
    loss = loss.reshape(grid, grid)
    undefined = np.isnan(loss)  # a typed function's log of a negative number: left blank
    finite = np.isfinite(loss)
    if not finite.all():  # e.g. overflow far out in a corner: show it as the largest finite value
        loss = np.where(finite, loss, np.max(loss, where=finite, initial=-np.inf))
    lo, hi = float(loss.min()), float(loss.max())
    spread = hi - lo
    log_scale = lo >= 0 and spread > 0 and hi > LOG_RANGE * max(lo, spread * 1e-12) and spread > 0
    offset = spread * 1e-4  # keeps log10 finite at the minimum while resolving the valley floor
    shown = np.log10(loss - lo + offset) if log_scale else loss
    s_lo, s_hi = float(shown.min()), float(shown.max())
    if s_hi <= s_lo:
        s_hi = s_lo + 1.0
    levels = np.linspace(s_lo, s_hi, CONTOUR_LEVELS + 2)[1:-1]
    if undefined.any():
        shown = np.where(undefined, np.nan, shown)
    points, connect = _contour_lines(x, y, shown, levels)
    shift = lo - offset if log_scale else 0.0
    values = (10.0 ** levels + shift) if log_scale else levels
    return Surface(x, y, np.ascontiguousarray(shown, dtype=np.float32), (s_lo, s_hi), log_scale,
                   points, connect, values, shift, (lo, hi), stage.samples, stage.total,
                   None if held is None else (i, j), None if held is None else tuple(map(float, held)))


def loss_along(problem: Problem, points: np.ndarray, at: np.ndarray,
               loss_at: float) -> tuple[np.ndarray, int]:
    """The loss at ``points`` (M, d) of a line through ``at`` (d,), whose exact loss is ``loss_at``, and
    the number of samples it was worked out from. Of a dataset of more than SLICE_SAMPLES samples
    (whose loss is no quadratic) it is estimated: ``loss_at`` plus the change from ``at`` estimated
    on a subsample, so the curve passes through the exact point, and the closer to it, the smaller
    the error."""
    total = samples.count(problem)
    if total <= SLICE_SAMPLES or getattr(problem, "quadratic", False):
        return problem.loss(points), total
    rows = samples.rows(total, SLICE_SAMPLES)
    estimate = problem.loss_estimate(np.vstack([points, at[None, :]]), rows)
    with np.errstate(all="ignore"):
        return estimate[:-1] - estimate[-1] + loss_at, SLICE_SAMPLES


def _contour_lines(x, y, z, levels) -> tuple[np.ndarray, np.ndarray]:
    import contourpy  # only when a surface is drawn

    # contourpy takes z indexed [row = y, column = x]
    generator = contourpy.contour_generator(x, y, z.T, line_type="SeparateCode")
    chunks, joins = [], []
    for level in levels:
        lines, _codes = generator.lines(level)
        for line in lines:
            if len(line) < 2:
                continue
            chunks.append(line)
            join = np.ones(len(line), dtype=bool)
            join[-1] = False  # the last point of a line does not join the first of the next
            joins.append(join)
    if not chunks:
        return np.empty((0, 2)), np.empty(0, dtype=bool)
    return np.concatenate(chunks), np.concatenate(joins)
