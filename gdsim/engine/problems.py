"""Loss functions with analytic gradients, vectorised over K parameter vectors of shape (K, d).

A problem's kernel has the signature ``kernel(params, loss, grad, ws)``: it reads params (K, d) and
writes the loss into ``loss`` (K,) and, unless ``grad`` is None, the gradient into ``grad`` (K, d).
Kernels work in place with scratch buffers from a Workspace, so a run's step loop allocates nothing;
``Problem.loss_and_grad`` is the allocating convenience front end.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .errors import QT_TRANSLATE_NOOP, InputError, real_array
from .workspace import Workspace, column_major

Kernel = Callable[[np.ndarray, np.ndarray, "np.ndarray | None", Workspace], None]

# Landscapes are evaluated in chunks of at most this many parameter vectors (bounded scratch memory).
_CHUNK = 65_536


@dataclass(frozen=True, eq=False)
class Problem:
    """A loss over d parameters, with everything a view needs to show it. Its formulas call the loss
    L (and a neuron's activation f), in every problem alike.

    ``lr`` is the suggested learning rate for plain and momentum descent, ``adaptive_lr`` the one for
    the adaptive methods (Adagrad, RMSprop, the Adam family); see ``optimizers.default_lr``.
    """

    name: str
    title: str
    formula: str
    param_names: tuple[str, ...]
    domain: tuple[tuple[float, float], ...]
    start: tuple[float, ...]
    lr: float
    adaptive_lr: float
    kernel: Kernel = field(repr=False)
    minima: tuple[tuple[float, ...], ...] = ()
    global_minima: tuple[tuple[float, ...], ...] = ()
    saddle_points: tuple[tuple[float, ...], ...] = ()
    gradient_formula: tuple[str, ...] = ()  # one line per parameter, e.g. "∂L/∂y = 200(y − x²)"
    # Drawn with one scale on both axes: the shape of the landscape is the point (a ravine must look
    # long and narrow, Himmelblau's minima lie where they are).
    equal_axes: bool = False

    @property
    def dim(self) -> int:
        return len(self.param_names)

    def loss_and_grad(self, params) -> tuple[np.ndarray, np.ndarray]:
        """Loss (K,) and gradient (K, d) at params (K, d), as new arrays."""
        params = self._as_params(params)
        loss = np.empty(len(params))
        grad = np.empty(params.shape)
        with np.errstate(all="ignore"):
            self.kernel(params, loss, grad, Workspace())
        return loss, grad

    def loss(self, params) -> np.ndarray:
        """Loss (K,) at params (K, d); evaluated in chunks, so K may be a whole grid."""
        params = self._as_params(params)
        out = np.empty(len(params))
        ws = Workspace()
        with np.errstate(all="ignore"):
            for lo in range(0, len(params), _CHUNK):
                hi = min(lo + _CHUNK, len(params))
                self.kernel(params[lo:hi], out[lo:hi], None, ws)
        return out

    def stuck_at(self, params) -> np.ndarray:
        """(K,) True where a point whose gradient is below the tolerance is known to be no minimum:
        for a fixed function, exactly one of its known saddle points. (Dataset models say more.)"""
        params = np.asarray(params, dtype=float).reshape(-1, self.dim)
        stuck = np.zeros(len(params), dtype=bool)
        for saddle in self.saddle_points:
            stuck |= np.all(params == np.asarray(saddle), axis=1)
        return stuck

    def _as_params(self, params) -> np.ndarray:
        params = real_array(params, QT_TRANSLATE_NOOP("errors", "the parameters"))
        if params.ndim == 1:
            params = params[None, :]
        if params.ndim != 2 or params.shape[1] != self.dim:
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "the parameters of {problem!r} must have shape (K, {dim}), got {shape}"),
                problem=self.name, dim=self.dim, shape=params.shape)
        soa = column_major(*params.shape)
        soa[...] = params
        return soa


# --- kernels ------------------------------------------------------------------------------------
# Each kernel states its formula and gradient first; the code is the same arithmetic done in place.
# Two habits keep one start fast: constants are 0-d arrays (numpy converts a Python float on every
# call), and no call writes into one of its inputs (for one-element arrays numpy then takes a slow,
# overlap-checking path). Scratch arrays come from the workspace.

_ONE, _TWO, _THREE, _FOUR = np.array(1.0), np.array(2.0), np.array(3.0), np.array(4.0)


def _parabola(p, loss, grad, ws):
    """f(x) = x²,  f'(x) = 2x."""
    x = p[:, 0]
    np.multiply(x, x, out=loss)
    if grad is not None:
        np.multiply(x, _TWO, out=grad[:, 0])


_SIX = np.array(6.0)


def _double_well(p, loss, grad, ws):
    """f(x) = x⁴ − 3x² + x = x²(x² − 3) + x,  f'(x) = 4x³ − 6x + 1 = x(4x² − 6) + 1."""
    x = p[:, 0]
    x2, a, b = ws.scratch(3, x.shape)
    np.multiply(x, x, out=x2)
    np.subtract(x2, _THREE, out=a)
    np.multiply(a, x2, out=b)
    np.add(b, x, out=loss)
    if grad is not None:
        np.multiply(x2, _FOUR, out=a)
        np.subtract(a, _SIX, out=b)
        np.multiply(b, x, out=a)
        np.add(a, _ONE, out=grad[:, 0])


_HALF, _TWENTY = np.array(0.5), np.array(20.0)


def _ravine(p, loss, grad, ws):
    """f(x, y) = ½(x² + 20y²),  ∇f = (x, 20y)."""
    x, y = p[:, 0], p[:, 1]
    a, b, c = ws.scratch(3, x.shape)
    np.multiply(y, y, out=a)
    np.multiply(a, _TWENTY, out=b)
    np.multiply(x, x, out=a)
    np.add(a, b, out=c)
    np.multiply(c, _HALF, out=loss)
    if grad is not None:
        grad[:, 0] = x
        np.multiply(y, _TWENTY, out=grad[:, 1])


_HUNDRED, _TWO_HUNDRED, _MINUS_TWO = np.array(100.0), np.array(200.0), np.array(-2.0)


def _rosenbrock(p, loss, grad, ws):
    """f = (1 − x)² + 100(y − x²)².  With u = 1 − x, t = y − x²:
    ∂f/∂x = −2u − 400xt = −2(u + x·200t),  ∂f/∂y = 200t."""
    x, y = p[:, 0], p[:, 1]
    t, u, a, b = ws.scratch(4, x.shape)
    np.multiply(x, x, out=a)
    np.subtract(y, a, out=t)
    np.subtract(_ONE, x, out=u)
    if grad is not None:
        gy = grad[:, 1]
        np.multiply(t, _TWO_HUNDRED, out=gy)
        np.multiply(x, gy, out=a)
        np.add(a, u, out=b)
        np.multiply(b, _MINUS_TWO, out=grad[:, 0])
    np.multiply(u, u, out=a)
    np.multiply(t, t, out=b)
    np.multiply(b, _HUNDRED, out=t)
    np.add(a, t, out=loss)


_BEALE_C = (np.array(1.5), np.array(2.25), np.array(2.625))


def _beale(p, loss, grad, ws):
    """f = a₁² + a₂² + a₃² with aᵢ = cᵢ + x·eᵢ, eᵢ = yⁱ − 1 and c = (1.5, 2.25, 2.625).
    ∂f/∂x = 2(a₁e₁ + a₂e₂ + a₃e₃),  ∂f/∂y = 2x(a₁ + 2y·a₂ + 3y²·a₃)."""
    x, y = p[:, 0], p[:, 1]
    y2, y3, e1, e2, e3, a1, a2, a3, s, t, u = ws.scratch(11, x.shape)
    np.multiply(y, y, out=y2)
    np.multiply(y2, y, out=y3)
    for power, e, a, c in ((y, e1, a1, _BEALE_C[0]), (y2, e2, a2, _BEALE_C[1]), (y3, e3, a3, _BEALE_C[2])):
        np.subtract(power, _ONE, out=e)
        np.multiply(x, e, out=s)
        np.add(s, c, out=a)
    _sum_of_products(((a1, a1), (a2, a2), (a3, a3)), s, t, u, loss)
    if grad is not None:
        _sum_of_products(((a1, e1), (a2, e2), (a3, e3)), s, t, u, y3)
        np.multiply(y3, _TWO, out=grad[:, 0])
        np.multiply(y, _TWO, out=s)
        np.multiply(s, a2, out=t)
        np.add(a1, t, out=u)
        np.multiply(y2, _THREE, out=s)
        np.multiply(s, a3, out=t)
        np.add(u, t, out=s)
        np.multiply(s, x, out=t)
        np.multiply(t, _TWO, out=grad[:, 1])


def _sum_of_products(pairs, s, t, u, out):
    """out = Σ a·b over the pairs (three of them), through the scratch arrays s, t, u."""
    (a, b), (c, d), (e, f) = pairs
    np.multiply(a, b, out=s)
    np.multiply(c, d, out=t)
    np.add(s, t, out=u)
    np.multiply(e, f, out=s)
    np.add(u, s, out=out)


_ELEVEN, _SEVEN = np.array(11.0), np.array(7.0)


def _himmelblau(p, loss, grad, ws):
    """f = u² + v² with u = x² + y − 11, v = x + y² − 7;  ∂f/∂x = 4xu + 2v,  ∂f/∂y = 2u + 4yv."""
    x, y = p[:, 0], p[:, 1]
    u, v, a, b = ws.scratch(4, x.shape)
    np.multiply(x, x, out=a)
    np.add(a, y, out=b)
    np.subtract(b, _ELEVEN, out=u)
    np.multiply(y, y, out=a)
    np.add(a, x, out=b)
    np.subtract(b, _SEVEN, out=v)
    np.multiply(u, u, out=a)
    np.multiply(v, v, out=b)
    np.add(a, b, out=loss)
    if grad is not None:
        for g, w, z, other in ((grad[:, 0], x, u, v), (grad[:, 1], y, v, u)):
            # 4·w·z + 2·other = 2(2wz + other)
            np.multiply(w, z, out=a)
            np.multiply(a, _TWO, out=b)
            np.add(b, other, out=a)
            np.multiply(a, _TWO, out=g)


def _saddle(p, loss, grad, ws):
    """f = x² − y²,  ∇f = (2x, −2y)."""
    x, y = p[:, 0], p[:, 1]
    a, b = ws.scratch(2, x.shape)
    np.multiply(x, x, out=a)
    np.multiply(y, y, out=b)
    np.subtract(a, b, out=loss)
    if grad is not None:
        np.multiply(x, _TWO, out=grad[:, 0])
        np.multiply(y, _MINUS_TWO, out=grad[:, 1])


_FIVE = np.array(5.0)


def _booth(p, loss, grad, ws):
    """f = u² + v² with u = x + 2y − 7, v = 2x + y − 5;  ∂f/∂x = 2u + 4v,  ∂f/∂y = 4u + 2v."""
    x, y = p[:, 0], p[:, 1]
    u, v, a, b = ws.scratch(4, x.shape)
    np.multiply(y, _TWO, out=a)
    np.add(a, x, out=b)
    np.subtract(b, _SEVEN, out=u)
    np.multiply(x, _TWO, out=a)
    np.add(a, y, out=b)
    np.subtract(b, _FIVE, out=v)
    np.multiply(u, u, out=a)
    np.multiply(v, v, out=b)
    np.add(a, b, out=loss)
    if grad is not None:
        for g, near, far in ((grad[:, 0], u, v), (grad[:, 1], v, u)):
            # 2·near + 4·far = 2(near + 2·far)
            np.multiply(far, _TWO, out=a)
            np.add(a, near, out=b)
            np.multiply(b, _TWO, out=g)


_TWO_PI, _MINUS_TEN, _TWENTY_PI = np.array(2.0 * np.pi), np.array(-10.0), np.array(20.0 * np.pi)


def _rastrigin(p, loss, grad, ws):
    """f = 20 + Σᵢ (xᵢ² − 10 cos 2πxᵢ),  ∂f/∂xᵢ = 2xᵢ + 20π sin 2πxᵢ."""
    angle, a, b, c = (ws.like(k, p) for k in ("angle", "a", "b", "c"))
    np.multiply(p, _TWO_PI, out=angle)
    np.cos(angle, out=a)
    np.multiply(a, _MINUS_TEN, out=b)
    np.multiply(p, p, out=a)
    np.add(a, b, out=c)  # xᵢ² − 10 cos 2πxᵢ, per coordinate
    s = ws.get("s", loss.shape)
    np.add(c[:, 0], c[:, 1], out=s)
    np.add(s, _TWENTY, out=loss)
    if grad is not None:
        np.sin(angle, out=a)
        np.multiply(a, _TWENTY_PI, out=b)
        np.multiply(p, _TWO, out=a)
        np.add(a, b, out=grad)


_C21, _THIRD, _C84 = np.array(2.1), np.array(1.0 / 3.0), np.array(8.4)
_EIGHT, _SIXTEEN = np.array(8.0), np.array(16.0)


def _six_hump_camel(p, loss, grad, ws):
    """f = (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²;
    ∂f/∂x = 8x − 8.4x³ + 2x⁵ + y,  ∂f/∂y = x − 8y + 16y³."""
    x, y = p[:, 0], p[:, 1]
    x2, y2, a, b, f = ws.scratch(5, x.shape)
    np.multiply(x, x, out=x2)
    np.multiply(y, y, out=y2)
    # ((x²/3 − 2.1)·x² + 4)·x²
    np.multiply(x2, _THIRD, out=a)
    np.subtract(a, _C21, out=b)
    np.multiply(b, x2, out=a)
    np.add(a, _FOUR, out=b)
    np.multiply(b, x2, out=f)
    # + xy
    np.multiply(x, y, out=a)
    np.add(f, a, out=b)
    # + (4y² − 4)·y²
    np.multiply(y2, _FOUR, out=a)
    np.subtract(a, _FOUR, out=f)
    np.multiply(f, y2, out=a)
    np.add(b, a, out=loss)
    if grad is not None:
        # ∂f/∂x = ((2x² − 8.4)·x² + 8)·x + y
        np.multiply(x2, _TWO, out=a)
        np.subtract(a, _C84, out=b)
        np.multiply(b, x2, out=a)
        np.add(a, _EIGHT, out=b)
        np.multiply(b, x, out=a)
        np.add(a, y, out=grad[:, 0])
        # ∂f/∂y = (16y² − 8)·y + x
        np.multiply(y2, _SIXTEEN, out=a)
        np.subtract(a, _EIGHT, out=b)
        np.multiply(b, y, out=a)
        np.add(a, x, out=grad[:, 1])


def _double_well_minima() -> tuple[tuple[float], ...]:
    # f'(x) = 4x³ − 6x + 1; the minima are the real roots where f''(x) = 12x² − 6 > 0.
    roots = np.roots([4.0, 0.0, -6.0, 1.0]).real
    return tuple((float(r),) for r in sorted(roots) if 12 * r * r - 6 > 0)


_HIMMELBLAU_MINIMA = (
    (3.0, 2.0),
    (-2.805118086952745, 3.131312518250573),
    (-3.779310253377747, -3.283185991286170),
    (3.584428340330492, -1.848126526964404),
)
_CAMEL_GLOBAL = ((0.08984201310031807, -0.7126564030207396), (-0.08984201310031807, 0.7126564030207396))
# Its six minima: the two global ones, then two pairs of local ones (each pair symmetric through the
# origin, f(−x, −y) = f(x, y)), the roots of ∇f found by Newton's method in 40-digit arithmetic.
_CAMEL_MINIMA = _CAMEL_GLOBAL + (
    (1.703606714969981, -0.7960835686726251), (-1.703606714969981, 0.7960835686726251),
    (-1.607104752920197, -0.5686514548841314), (1.607104752920197, 0.5686514548841314),
)

ANALYTIC_PROBLEMS: dict[str, Problem] = {
    p.name: p
    for p in (
        Problem(
            "parabola", "Parabola", "L(x) = x²", ("x",), ((-3.0, 3.0),), (2.0,), 0.1, 0.1,
            _parabola, minima=((0.0,),), global_minima=((0.0,),),
            gradient_formula=('L′(x) = 2x',),
        ),
        Problem(
            "double-well", "Double well", "L(x) = x⁴ − 3x² + x", ("x",), ((-2.2, 2.2),), (2.0,),
            0.01, 0.05, _double_well, minima=_double_well_minima(),
            global_minima=_double_well_minima()[:1],
            gradient_formula=('L′(x) = 4x³ − 6x + 1',),
        ),
        Problem(
            "ravine", "Ravine", "L(x, y) = ½(x² + 20y²)", ("x", "y"), ((-10.0, 10.0), (-3.0, 3.0)),
            (-9.0, 2.0), 0.09, 0.5, _ravine, minima=((0.0, 0.0),), global_minima=((0.0, 0.0),),
            equal_axes=True, gradient_formula=('∂L/∂x = x', '∂L/∂y = 20y'),
        ),
        Problem(
            "rosenbrock", "Rosenbrock", "L(x, y) = (1 − x)² + 100(y − x²)²", ("x", "y"),
            ((-2.0, 2.0), (-1.0, 3.0)), (-1.2, 1.0), 0.001, 0.02, _rosenbrock,
            minima=((1.0, 1.0),), global_minima=((1.0, 1.0),),
            equal_axes=True, gradient_formula=('∂L/∂x = −2(1 − x) − 400x(y − x²)', '∂L/∂y = 200(y − x²)'),
        ),
        Problem(
            "beale", "Beale",
            "L(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²", ("x", "y"),
            ((-4.5, 4.5), (-4.5, 4.5)), (1.0, 1.4), 0.001, 0.05, _beale,
            minima=((3.0, 0.5),), global_minima=((3.0, 0.5),),
            equal_axes=True, gradient_formula=(
                '∂L/∂x = 2 Σᵢ aᵢ(yⁱ − 1),  aᵢ = cᵢ − x + xyⁱ',
                '∂L/∂y = 2x(a₁ + 2y·a₂ + 3y²·a₃)',
            ),
        ),
        Problem(
            "himmelblau", "Himmelblau", "L(x, y) = (x² + y − 11)² + (x + y² − 7)²", ("x", "y"),
            ((-5.0, 5.0), (-5.0, 5.0)), (0.0, 0.0), 0.01, 0.1, _himmelblau,
            minima=_HIMMELBLAU_MINIMA, global_minima=_HIMMELBLAU_MINIMA,
            equal_axes=True, gradient_formula=(
                '∂L/∂x = 4x(x² + y − 11) + 2(x + y² − 7)',
                '∂L/∂y = 2(x² + y − 11) + 4y(x + y² − 7)',
            ),
        ),
        Problem(
            "saddle", "Saddle", "L(x, y) = x² − y²", ("x", "y"), ((-2.0, 2.0), (-2.0, 2.0)),
            (1.5, 0.01), 0.1, 0.05, _saddle, saddle_points=((0.0, 0.0),),
            equal_axes=True, gradient_formula=('∂L/∂x = 2x', '∂L/∂y = −2y'),
        ),
        Problem(
            "booth", "Booth", "L(x, y) = (x + 2y − 7)² + (2x + y − 5)²", ("x", "y"),
            ((-10.0, 10.0), (-10.0, 10.0)), (-6.0, -6.0), 0.05, 0.5, _booth,
            minima=((1.0, 3.0),), global_minima=((1.0, 3.0),),
            equal_axes=True, gradient_formula=(
                '∂L/∂x = 2(x + 2y − 7) + 4(2x + y − 5)',
                '∂L/∂y = 4(x + 2y − 7) + 2(2x + y − 5)',
            ),
        ),
        Problem(
            "rastrigin", "Rastrigin", "L(x, y) = 20 + Σ (xᵢ² − 10 cos 2πxᵢ)", ("x", "y"),
            ((-5.12, 5.12), (-5.12, 5.12)), (3.2, -2.7), 0.002, 0.05, _rastrigin,
            minima=((0.0, 0.0),), global_minima=((0.0, 0.0),),
            equal_axes=True, gradient_formula=('∂L/∂x = 2x + 20π sin 2πx', '∂L/∂y = 2y + 20π sin 2πy'),
        ),
        Problem(
            "six-hump-camel", "Six-hump camel",
            "L(x, y) = (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²", ("x", "y"),
            ((-2.0, 2.0), (-1.1, 1.1)), (-1.5, 0.9), 0.01, 0.05, _six_hump_camel,
            minima=_CAMEL_MINIMA, global_minima=_CAMEL_GLOBAL,
            equal_axes=True, gradient_formula=('∂L/∂x = 8x − 8.4x³ + 2x⁵ + y', '∂L/∂y = x − 8y + 16y³'),
        ),
    )
}
