"""The problem ``custom``: a loss the user types, in x (one parameter) or x and y (two).

``typed_function("x^4 - 3*x^2 + x")`` checks the text (``expression``), differentiates it exactly
(``symbolic``, SymPy), and compiles the loss and its gradient to numpy code that writes into the
run's arrays (``compiled``). The loss is computed from the tree as typed, so it is undefined (NaN)
wherever what was typed is: log of a negative number, 0/0, √ of a negative number; SymPy's
canonical form is used for the gradient and the formulas only.

What a typed function has that a built-in one has by design:

- a **range** (``domain``): the x range, and the y range in 2-D, that the window draws; by default
  [−3, 3] for each variable. A range with two pairs makes a function of x alone two-dimensional.
- a **start**: the point at 5/6 of the x range (x = 2 in [−3, 3]; in 2-D at 2/3 of each range,
  (1, 1)); if the function or its slope is not defined there or the slope is 0, the same point
  mirrored through the middle of the range (x = −2), or the middle, or else the nearest point of a
  grid over the range where both are defined and the slope is not 0;
- a **learning rate** from the curvature at that start: η = 0.2/λ for plain and momentum descent,
  λ the largest size of an eigenvalue of the Hessian there (for x², λ = 2 and η = 0.1, the built-in
  parabola's; plain descent on a quadratic is stable below 2/λ), and for the adaptive methods a
  step of about 1/60 of the narrowest range (0.1 for [−3, 3]); each rounded to 1, 2 or 5 times a
  power of ten and kept within ``LR_RANGE``;
- no known minima: the window draws no ☆ for it.
"""

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .compiled import Program
from .errors import QT_TRANSLATE_NOOP, InputError, parse_number, shown
from .expression import Expression, Node, parse
from .notation import default_number, write
from .problems import Problem
from .run import DIVERGENCE_LIMIT
from .workspace import Workspace

CUSTOM = "custom"
DEFAULT_RANGE = (-3.0, 3.0)
MAX_RANGE = 1e6  # the ends of a range lie within ±MAX_RANGE
MIN_WIDTH = 1e-6
LR_RANGE = (1e-5, 0.5)
ADAPTIVE_LR_RANGE = (1e-4, 1.0)
_SCAN = {1: 121, 2: 25}  # grid points per variable searched for a start


@dataclass(frozen=True, eq=False)
class TypedFunction(Problem):
    """A problem whose loss was typed. ``expression`` is the checked text; ``derivatives`` holds the
    tree of each partial derivative, as ``gradient_formula`` writes it."""

    expression: Expression | None = field(default=None, repr=False)
    derivatives: tuple[Node, ...] = field(default=(), repr=False)

    @property
    def text(self) -> str:
        """The function as typed."""
        return self.expression.text

    def derivatives_at(self, point, number=default_number) -> tuple[str, ...]:
        """Each derivative written with the point's numbers in place of x (and y), such as
        "4·2³ − 6·2 + 1" for L′(x) = 4x³ − 6x + 1 at x = 2; ``number`` writes each number."""
        values = dict(zip(self.param_names, (float(v) for v in np.ravel(point)), strict=True))
        return tuple(write(d, values, number) for d in self.derivatives)


def typed_function(text, range=None) -> TypedFunction:
    """The problem ``custom`` for a typed function of x, or of x and y, such as "x^4 - 3*x^2 + x".

    ``range`` is [low, high] for x, or [[x0, x1], [y0, y1]]; by default [−3, 3] for each variable
    the function uses. Raises InputError (a ``FunctionError`` with its column, for the text) for a
    text or a range that is not allowed, or a function defined nowhere in the range."""
    expression = parse(text)
    return _typed_function(expression.text, check_range(range, expression.variables))


@lru_cache(maxsize=32)
def _typed_function(text: str, domain: tuple[tuple[float, float], ...]) -> TypedFunction:
    from .symbolic import derivatives  # SymPy: only now

    expression = parse(text)
    variables = ("x", "y")[: len(domain)]
    slopes = derivatives(expression.tree, variables)
    kernel = _kernel(Program([expression.tree], variables), Program([expression.tree, *slopes], variables),
                     len(variables))
    start = _default_start(kernel, domain, expression)
    lr, adaptive_lr = _default_lrs(kernel, start, domain)
    if len(variables) == 1:
        formula = f"L(x) = {write(expression.tree)}"
        gradient_formula = (f"L′(x) = {write(slopes[0])}",)
    else:
        formula = f"L(x, y) = {write(expression.tree)}"
        gradient_formula = tuple(f"∂L/∂{v} = {write(d)}" for v, d in zip(variables, slopes, strict=True))
    return TypedFunction(
        CUSTOM, "Your function", formula, variables, domain, start, lr, adaptive_lr, kernel,
        gradient_formula=gradient_formula, expression=expression, derivatives=slopes,
    )


def _kernel(loss_only: Program, full: Program, d: int):
    """A problem kernel (see ``problems``) running the compiled programs."""
    if d == 1:
        def kernel(p, loss, grad, ws):
            if grad is None:
                loss_only.run([p[:, 0]], [loss], ws)
            else:
                full.run([p[:, 0]], [loss, grad[:, 0]], ws)
    else:
        def kernel(p, loss, grad, ws):
            if grad is None:
                loss_only.run([p[:, 0], p[:, 1]], [loss], ws)
            else:
                full.run([p[:, 0], p[:, 1]], [loss, grad[:, 0], grad[:, 1]], ws)
    return kernel


# --- the range ----------------------------------------------------------------------------------

_RANGE_SHAPE = QT_TRANSLATE_NOOP(
    "errors", "the range must be a pair [low, high] for x, or one for x and one for y, such as [-3, 3] or "
              "[[-3, 3], [-2, 2]]; got {got}")


def check_range(value, variables: tuple[str, ...]) -> tuple[tuple[float, float], ...]:
    """The range as pairs (low, high), one per variable of a function that uses ``variables``
    (a function of x alone may have two: it is then drawn in 2-D); raises InputError."""
    if value is None:
        return (DEFAULT_RANGE,) * (2 if "y" in variables else 1)
    if not isinstance(value, (list, tuple, np.ndarray)) or len(value) == 0:
        raise InputError(_RANGE_SHAPE, got=shown(value))
    pairs = [value] if not isinstance(value[0], (list, tuple, np.ndarray)) else list(value)
    if len(pairs) > 2 or not all(isinstance(p, (list, tuple, np.ndarray)) and len(p) == 2 for p in pairs):
        raise InputError(_RANGE_SHAPE, got=shown(value))
    if "y" in variables and len(pairs) == 1:
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "the function uses y, so the range needs a pair for x and one for y, such as "
                      "[[-3, 3], [-3, 3]]; got {got}"), got=shown(value))
    domain = []
    for name, (low, high) in zip(("x", "y"), pairs, strict=False):
        what = QT_TRANSLATE_NOOP("errors", "the range of {name}")
        low = parse_number(low, what.format(name=name))
        high = parse_number(high, what.format(name=name))
        if not low < high:
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "the range of {name} must go from a lower to a higher number, got [{low:g}, "
                          "{high:g}]"),
                name=name, low=low, high=high)
        if max(abs(low), abs(high)) > MAX_RANGE or high - low < MIN_WIDTH:
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "the range of {name} must lie within ±{limit:g} and be at least {width:g} wide, "
                          "got [{low:g}, {high:g}]"),
                name=name, limit=MAX_RANGE, width=MIN_WIDTH, low=low, high=high)
        domain.append((low, high))
    return tuple(domain)


# --- the start and the learning rates -------------------------------------------------------------


def _evaluate(kernel, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p = np.asfortranarray(points, dtype=float)
    loss, grad = np.empty(len(p)), np.empty(p.shape, order="F")
    with np.errstate(all="ignore"):
        kernel(p, loss, grad, Workspace())
    return loss, grad


def _default_start(kernel, domain, expression: Expression) -> tuple[float, ...]:
    low = np.array([lo for lo, _ in domain])
    width = np.array([hi - lo for lo, hi in domain])
    preferred = low + width * (5 / 6 if len(domain) == 1 else 2 / 3)
    axes = [np.linspace(lo, hi, _SCAN[len(domain)]) for lo, hi in domain]
    grid = np.stack([a.ravel() for a in np.meshgrid(*axes, indexing="ij")], axis=1)
    grid = grid[np.argsort(np.linalg.norm((grid - preferred) / width, axis=1), kind="stable")]
    candidates = np.vstack([preferred, 2 * low + width - preferred, low + width / 2, grid])
    candidates = np.array([[_round(v, lo, hi) for v, (lo, hi) in zip(c, domain, strict=True)]
                           for c in candidates])
    loss, grad = _evaluate(kernel, candidates)
    defined = (np.isfinite(loss) & np.isfinite(grad).all(axis=1) & (np.abs(loss) <= DIVERGENCE_LIMIT))
    if not defined.any():
        names = " × ".join(f"[{lo:g}, {hi:g}]" for lo, hi in domain)
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "the function {text!r} or its slope is not defined anywhere in the range {range} "
                      "(tried {count} points); choose another range or function"),
            text=shown(expression.text), range=names, count=len(candidates))
    with np.errstate(all="ignore"):  # a huge slope (e^x^x) is a slope all the same
        sloped = defined & (np.linalg.norm(grad, axis=1) >= 1e-6)
    best = np.flatnonzero(sloped if sloped.any() else defined)[0]
    return tuple(float(v) for v in candidates[best])


def _round(v: float, low: float, high: float) -> float:
    """A point of the range as a short number (1.95, not 1.9500000000000002), still in the range."""
    digits = max(0, 2 - math.floor(math.log10(high - low)))
    return min(max(round(float(v), digits), low), high)


def _default_lrs(kernel, start, domain) -> tuple[float, float]:
    curvature = _largest_curvature(kernel, np.array(start), domain)
    plain = 0.2 / curvature if math.isfinite(curvature) and curvature > 0 else LR_RANGE[1]
    narrowest = min(hi - lo for lo, hi in domain)
    return _nice(plain, LR_RANGE), _nice(narrowest / 60, ADAPTIVE_LR_RANGE)


def _largest_curvature(kernel, start: np.ndarray, domain) -> float:
    """The largest size of an eigenvalue of the Hessian at the start, by central differences of the
    exact gradient (nan where the gradient is not defined on either side)."""
    d = len(start)
    steps = np.array([max(1e-4 * (hi - lo), 1e-8) for lo, hi in domain])
    points = np.vstack([start + s * np.eye(d)[i] * steps[i] for i in range(d) for s in (1, -1)])
    _, grad = _evaluate(kernel, points)
    with np.errstate(all="ignore"):
        hessian = np.array([(grad[2 * i] - grad[2 * i + 1]) / (2 * steps[i]) for i in range(d)])
    if not np.isfinite(hessian).all():
        return math.nan
    with np.errstate(all="ignore"):
        hessian = (hessian + hessian.T) / 2
        if not np.isfinite(hessian).all():
            return math.nan
        return float(np.max(np.abs(np.linalg.eigvalsh(hessian))))


def _nice(value: float, bounds: tuple[float, float]) -> float:
    """The nearest of 1, 2, 5 × 10ᵏ on a log scale, within the bounds."""
    value = min(max(value, bounds[0]), bounds[1])
    exponent = math.floor(math.log10(value))
    mantissa = value / 10**exponent
    nice = min((1, 2, 5, 10), key=lambda m: abs(math.log(mantissa / m)))
    return min(max(float(f"{nice}e{exponent}"), bounds[0]), bounds[1])
