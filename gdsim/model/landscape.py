"""The loss over the plotting domain: a curve for 1-D problems, a grid with contours for 2-D ones.

Computed once per problem (on the worker thread), never per frame. Contour lines come from
contourpy, the library matplotlib uses for the same job. No Qt here.
"""

from dataclasses import dataclass

import numpy as np

from ..engine import Problem

CURVE_POINTS = 801
GRID = 200
CONTOUR_LEVELS = 14
# A loss range wider than this factor is shown on a log scale (colours and contour levels).
LOG_RANGE = 1e3


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
    # With more than two parameters: the two across and up (indices), and the point whose other
    # parameters are held where they are (d,); None for a problem of two parameters.
    plane: tuple[int, int] | None = None
    held: tuple[float, ...] | None = None

    def loss_of(self, shown):
        """The loss that a shown value (or an array of them) stands for."""
        shown = np.asarray(shown, float)
        return 10.0 ** shown + self.log_shift if self.log_scale else shown


def compute(problem: Problem, grid: int = GRID, plane: tuple[int, int] | None = None,
            held=None) -> Curve | Surface | None:
    """The loss over the problem's domain. With more than two parameters, over the two of ``plane``
    (by default the first and the last), the others held at ``held`` (d,) (by default the start)."""
    if problem.dim == 1:
        x = np.linspace(*problem.domain[0], CURVE_POINTS)
        return Curve(x, problem.loss(x[:, None]))
    if problem.dim == 2:
        return _surface(problem, grid)
    dim = problem.dim
    if plane is None or not (0 <= plane[0] < dim and 0 <= plane[1] < dim and plane[0] != plane[1]):
        plane = default_plane(dim)
    held = np.array(problem.start if held is None else held, dtype=float)
    if not np.isfinite(held).all():
        return None
    return _surface(problem, grid, plane, held)


def default_plane(dim: int) -> tuple[int, int]:
    """The parameters a landscape of more than two shows first: the first weight and the bias."""
    return (0, dim - 1)


def _surface(problem: Problem, grid: int, plane=(0, 1), held=None) -> Surface:
    i, j = plane
    (x0, x1), (y0, y1) = problem.domain[i], problem.domain[j]
    x, y = np.linspace(x0, x1, grid), np.linspace(y0, y1, grid)
    xx, yy = np.meshgrid(x, y, indexing="ij")
    if held is None:
        at = np.column_stack([xx.ravel(), yy.ravel()])
    else:
        at = np.repeat(held[None, :], grid * grid, axis=0)
        at[:, i], at[:, j] = xx.ravel(), yy.ravel()
    loss = problem.loss(at).reshape(grid, grid)
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
                   points, connect, values, shift, (lo, hi),
                   None if held is None else (i, j), None if held is None else tuple(map(float, held)))


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
