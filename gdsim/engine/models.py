"""Dataset models as problems: linear regression ŷ = w·x + b and the neuron ŷ = f(w·x + b).

Parameters are ordered w1…wk, b (with one input: w, b). Losses, for N samples:

- ``sse``  L = ½ Σ (y − ŷ)²: the ½ makes −∂L/∂wᵢ = Σ (y − ŷ) f′(h) xᵢ, so one gradient step is exactly
  the delta rule Δwᵢ = η Σ δ xᵢ with δ = (y − ŷ) f′(h).
- ``mse``  (1/N) Σ (y − ŷ)², as torch.nn.MSELoss; its gradient carries the factor 2/N.
- ``half-mse``  1/(2N) Σ (y − ŷ)²: the ½ cancels the square's 2, so its gradient for linear regression,
  ∂L/∂w = (1/N) Σ (wx + b − y)·x and ∂L/∂b = (1/N) Σ (wx + b − y), is exactly the pair of formulas the
  tutorial writes (under its C = Σ (wx + b − y)², whose own derivative is 2 Σ (wx + b − y)·x). At any
  point SSE's gradient is N times this one and MSE's 2 times it.
- ``bce``  −(1/N) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)], for an output in (0, 1) (the sigmoid). It is computed
  from h as (1/N) Σ [ln(1 + eʰ) − y·h], which is the same number without overflow, and its gradient
  with respect to h is (ŷ − y)/N.
"""

from dataclasses import dataclass, field
from functools import cached_property, partial

import numpy as np

from .activations import ACTIVATIONS, Activation, softplus
from .datasets import Dataset
from .errors import QT_TRANSLATE_NOOP, InputError, check_name, shown
from .problems import Problem
from .progress import checkpoint
from .workspace import Workspace


@dataclass(frozen=True)
class Loss:
    name: str
    title: str
    formula: str


LOSSES = {
    loss.name: loss
    for loss in (
        Loss("sse", "Sum of squared errors", "L = ½ Σ (y − ŷ)²"),
        Loss("mse", "Mean squared error", "L = (1/N) Σ (y − ŷ)²"),
        Loss("half-mse", "Half the mean squared error", "L = 1/(2N) Σ (y − ŷ)²"),
        Loss("bce", "Binary cross-entropy", "L = −(1/N) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]"),
    )
}

MODEL_KINDS = ("linreg", "neuron")

_SQUARES = ("sse", "mse", "half-mse")  # the losses that sum squared errors


def _scale_squares(squares: np.ndarray, loss_name: str, n: int) -> None:
    """Σ (y − ŷ)² times ½ (sse), divided by N (mse) or by 2N (half-mse, so exactly half of mse), in place."""
    if loss_name == "sse":
        squares *= 0.5
    else:
        squares /= n if loss_name == "mse" else 2 * n


# Few points at a time, so that a landscape's scratch arrays of shape (chunk, N) stay small: at 1 MiB
# each they stay in the CPU's cache, which makes a coarse landscape about 1.5x as fast as at 8 MiB.
_LANDSCAPE_ELEMENTS = 1 << 17


@dataclass(frozen=True, eq=False)
class DatasetProblem(Problem):
    """A model fitted to a dataset; ``evaluate_on`` evaluates it on a subset (a mini-batch)."""

    dataset: Dataset | None = field(default=None, repr=False)
    activation: Activation | None = None
    loss_kind: Loss | None = None

    def evaluate_on(self, X, y, params, loss, grad, ws: Workspace) -> None:
        _neuron_kernel(X, y, self.activation, self.loss_kind.name, params, loss, grad, ws)

    def stuck_at(self, params) -> np.ndarray:
        """(K,) True where the activation is flat at every sample the model gets wrong: some error
        y − ŷ is not zero, yet f′(h) = 0 at each sample whose error is not zero, so every term of the
        gradient Σ (ŷ − y)·f′(h)·x is exactly zero (the step function anywhere, ReLU with every wrong
        sample at h ≤ 0, a sigmoid saturated to exactly 0 or 1). Such a point sits on a flat terrace
        of the loss, not where the errors balance out. With bce the gradient (ŷ − y)/N·x does not go
        through f′, so it never vanishes this way."""
        params = np.asarray(params, dtype=float).reshape(-1, self.dim)
        if self.loss_kind.name == "bce":
            return np.zeros(len(params), dtype=bool)
        X, y = self.dataset.X, self.dataset.y
        k = X.shape[1]
        h = params[:, :k] @ X.T + params[:, k:]
        yhat, slope = np.empty_like(h), np.empty_like(h)
        with np.errstate(all="ignore"):
            self.activation.forward(h, yhat)
            self.activation.derivative(h, yhat, slope)
        wrong = yhat != y
        return wrong.any(axis=1) & ~(wrong & (slope != 0)).any(axis=1)

    @property
    def quadratic(self) -> bool:
        """True if the loss is a quadratic in the parameters (a linear model with a loss that sums
        squared errors): then ``loss`` costs as little for a million samples as for thirty."""
        return self.activation.name == "identity" and self.loss_kind.name in _SQUARES

    def loss(self, params) -> np.ndarray:
        """Loss (K,) at params (K, d), exact; evaluated in chunks, with a checkpoint (see
        gdsim.engine.progress) between them."""
        params = self._as_params(params)
        if self.quadratic:
            with np.errstate(all="ignore"):  # far out, a loss may overflow to inf: no warning
                return self._quadratic_loss(params)
        return self._loss_of(params, self.dataset.X, self.dataset.y)

    def loss_estimate(self, params, rows) -> np.ndarray:
        """Loss (K,) at params (K, d) estimated from the samples ``rows`` (indices into the dataset),
        an unbiased estimate of the loss on all N: for mse, half-mse and bce, the mean over those rows;
        for sse, their sum times N / n. All rows, or a quadratic loss: the exact loss."""
        rows = np.asarray(rows)
        n = len(self.dataset.y)
        if self.quadratic or len(rows) >= n:
            return self.loss(params)
        out = self._loss_of(self._as_params(params), self.dataset.X[rows], self.dataset.y[rows])
        if self.loss_kind.name == "sse":
            out *= n / len(rows)
        return out

    def _loss_of(self, params, X, y) -> np.ndarray:
        out = np.empty(len(params))
        chunk = max(1, _LANDSCAPE_ELEMENTS // len(y))
        ws, kind = Workspace(), self.loss_kind.name
        with np.errstate(all="ignore"):
            for lo in range(0, len(params), chunk):
                checkpoint(lo / len(params))
                hi = min(lo + chunk, len(params))
                _neuron_kernel(X, y, self.activation, kind, params[lo:hi], out[lo:hi], None, ws)
        return out

    def _quadratic_loss(self, z: np.ndarray) -> np.ndarray:
        # For a linear model the sum of squares is a quadratic in (w, b), so its cost no longer grows
        # with N, which makes whole-grid landscapes cheap. On centred data (Xc = X − x̄, yc = y − ȳ)
        # with u = b + x̄·w − ȳ it is  wᵀSw − 2wᵀc + ycᵀyc + N·u²  (S = XcᵀXc, c = Xcᵀyc): centring
        # keeps the terms small, so little is lost to cancellation.
        x_mean, y_mean, S, c, yy = self._sufficient_statistics
        n, k = len(self.dataset.y), len(x_mean)
        w, b = z[:, :k], z[:, k]
        u = b + w @ x_mean - y_mean
        squares = np.einsum("ki,ki->k", w @ S, w) - 2.0 * (w @ c) + yy + n * u * u
        np.maximum(squares, 0.0, out=squares)  # rounding must not show a negative loss
        _scale_squares(squares, self.loss_kind.name, n)
        return squares

    @cached_property
    def _sufficient_statistics(self) -> tuple:
        """x̄, ȳ, S = XcᵀXc, c = Xcᵀyc and ycᵀyc, worked out once: a slice or a landscape of a million
        samples then costs no more than one of thirty."""
        X, y = self.dataset.X, self.dataset.y
        x_mean, y_mean = X.mean(axis=0), y.mean()
        Xc, yc = X - x_mean, y - y_mean
        return x_mean, y_mean, Xc.T @ Xc, Xc.T @ yc, yc @ yc


def make_model(kind: str, dataset: Dataset, activation: str | None = None, loss: str | None = None,
               start=None) -> DatasetProblem:
    kind = check_name("model", kind, MODEL_KINDS)
    if kind == "linreg":
        if activation is not None and not (isinstance(activation, str) and activation == "identity"):
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "linreg has no activation (it is ŷ = w·x + b); use the problem 'neuron' "
                "for activation {activation!r}"), activation=shown(activation))
        act = ACTIVATIONS["identity"]
    else:
        act_name = "sigmoid" if activation is None else activation
        act = ACTIVATIONS[check_name("activation", act_name, ACTIVATIONS)]
    loss_name = check_name("loss", "sse" if loss is None else loss, LOSSES)
    if loss_name == "bce":
        if not act.probability:
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "loss 'bce' needs an activation whose output lies in (0, 1), such as "
                "'sigmoid'; {name!r} does not (its outputs lie in {range})"),
                name=act.name, range=act.output_range)
        outside = np.flatnonzero((dataset.y < 0) | (dataset.y > 1))
        if len(outside):
            row = int(outside[0])
            if dataset.lines is not None:
                raise InputError(QT_TRANSLATE_NOOP(
                    "errors",
                    "{path}, line {line}: loss 'bce' needs targets y between 0 and 1, got y = {y:g}"),
                    path=dataset.source, line=int(dataset.lines[row]), y=dataset.y[row])
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "row {row}: loss 'bce' needs targets y between 0 and 1, got y = {y:g}"),
                row=row + 1, y=dataset.y[row])

    k = dataset.n_inputs
    names = ("w", "b") if k == 1 else tuple(f"w{i}" for i in range(1, k + 1)) + ("b",)
    inputs = "w·x" if k == 1 else "w·x (= " + " + ".join(f"w{i}x{i}" for i in range(1, k + 1)) + ")"
    model = f"ŷ = {inputs} + b" if kind == "linreg" else f"ŷ = f({inputs} + b)"
    minima = _least_squares(dataset) if act.name == "identity" else ()
    domain = _domain(dataset, minima, kind)
    default_start = tuple(-1.0 for _ in range(k)) + (0.0,) if start is None else tuple(start)
    title = "Linear regression" if kind == "linreg" else f"Neuron ({act.title})"
    return DatasetProblem(
        name=kind, title=title, formula=f"{model},  {LOSSES[loss_name].formula}",
        param_names=names, domain=domain, start=default_start,
        lr=_suggested_lr(dataset, loss_name, act), adaptive_lr=0.05,
        kernel=partial(_neuron_kernel, dataset.X, dataset.y, act, loss_name),
        minima=minima, global_minima=minima,
        gradient_formula=_gradient_formula(names, loss_name, kind),
        dataset=dataset, activation=act, loss_kind=LOSSES[loss_name],
    )


def square_loss_gradients(problem: DatasetProblem, params) -> dict[str, np.ndarray]:
    """The gradient at one point (d,) under each loss that sums squared errors ("half-mse", "sse",
    "mse"), on the problem's data and model: each from the kernel a run under that loss steps with,
    so the very numbers it would use. (SSE's is N times half-mse's, MSE's 2 times, up to rounding.)"""
    point = np.asarray(params, dtype=float).reshape(1, problem.dim)
    X, y = problem.dataset.X, problem.dataset.y
    out = {}
    for name in ("half-mse", "sse", "mse"):
        loss, grad = np.empty(1), np.empty((1, problem.dim))
        with np.errstate(all="ignore"):
            _neuron_kernel(X, y, problem.activation, name, point, loss, grad, Workspace())
        out[name] = grad[0]
    return out


def _gradient_formula(names: tuple[str, ...], loss_name: str, kind: str) -> tuple[str, ...]:
    """∂L/∂wᵢ and ∂L/∂b for the loss (with f′ = 1 for linear regression)."""
    factor = {"sse": "−Σ (y − ŷ)", "mse": "−(2/N) Σ (y − ŷ)", "half-mse": "−(1/N) Σ (y − ŷ)",
              "bce": "(1/N) Σ (ŷ − y)"}[loss_name]
    slope = "" if loss_name == "bce" or kind == "linreg" else "·f′(h)"
    inputs = ["x"] if len(names) == 2 else [f"x{i}" for i in range(1, len(names))]
    return tuple(f"∂L/∂{n} = {factor}{slope}·{x}" for n, x in zip(names[:-1], inputs, strict=True)) + (
        f"∂L/∂{names[-1]} = {factor}{slope}",)


def _neuron_kernel(X, y, act: Activation, loss_name: str, p, loss, grad, ws: Workspace) -> None:
    """h = X w + b for each of the K parameter vectors, ŷ = f(h); all scratch arrays are (K, N)."""
    n, k = X.shape
    shape = (len(p), n)
    h, yhat, r = ws.get("h", shape), ws.get("yhat", shape), ws.get("r", shape)
    np.matmul(p[:, :k], X.T, out=h)
    h += p[:, k:]
    if loss_name == "bce":
        softplus(h, r)
        np.multiply(h, y, out=yhat)
        r -= yhat
        np.sum(r, axis=1, out=loss)
        loss /= n
        if grad is None:
            return
        act.forward(h, yhat)
        np.subtract(yhat, y, out=r)
        r /= n
        dloss_dh = r
    else:
        act.forward(h, yhat)
        np.subtract(yhat, y, out=r)  # r = ŷ − y
        sq = ws.get("sq", shape)
        np.multiply(r, r, out=sq)
        np.sum(sq, axis=1, out=loss)
        _scale_squares(loss, loss_name, n)
        if grad is None:
            return
        act.derivative(h, yhat, sq)
        r *= sq  # (ŷ − y) f′(h) = −δ
        if loss_name == "mse":
            r *= 2.0 / n
        elif loss_name == "half-mse":
            r *= 1.0 / n  # exactly half of mse's 2/N: its gradient is exactly half of mse's
        dloss_dh = r
    np.matmul(dloss_dh, X, out=grad[:, :k])
    np.sum(dloss_dh, axis=1, out=grad[:, k])


def _least_squares(dataset: Dataset) -> tuple[tuple[float, ...], ...]:
    A = np.hstack([dataset.X, np.ones((len(dataset.y), 1))])
    z, *_ = np.linalg.lstsq(A, dataset.y, rcond=None)
    return (tuple(float(v) for v in z),)


def _domain(dataset: Dataset, minima, kind: str) -> tuple[tuple[float, float], ...]:
    """A box around the start region and the minimum, wide enough to show the valley's shape."""
    X = dataset.X
    if minima:
        centre = np.array(minima[0])
        half = 2.5 + 0.75 * np.abs(centre)
    else:
        # A neuron's weights matter on the scale 1/(spread of x); its bias on that times |x|. A spread
        # below 1e-30 is taken as 1e-30, so that with |x| ≤ 1e30 the box stays well inside 1e100.
        spread = float(np.ptp(X)) or 1.0
        spread = max(spread, 1e-30)
        w = 12.0 / spread
        centre = np.zeros(X.shape[1] + 1)
        half = np.append(np.full(X.shape[1], 2.0 * w), 2.0 * w * max(1.0, float(np.abs(X).max())))
    half = np.broadcast_to(half, centre.shape)
    return tuple((float(c - s), float(c + s)) for c, s in zip(centre, half, strict=True))


def _suggested_lr(dataset: Dataset, loss_name: str, act: Activation) -> float:
    """A plain-descent η that makes visible progress without blowing up: 1/L for the curvature L of
    the loss's Gauss–Newton part, the linear model's XᵀX scaled by the largest f′² (1/16 for the
    sigmoid, whose slope is at most ¼) and by the loss's own factor."""
    A = np.hstack([dataset.X, np.ones((len(dataset.y), 1))])
    curvature = float(np.linalg.eigvalsh(A.T @ A).max())  # SSE's Hessian for a linear model
    if loss_name == "bce":
        curvature *= 0.25 / len(dataset.y)
    else:
        if act.name in ("sigmoid",):
            curvature /= 16.0
        if loss_name == "mse":
            curvature *= 2.0 / len(dataset.y)
        elif loss_name == "half-mse":
            curvature /= len(dataset.y)
    # Rounded down to one significant digit: a number a teacher can say aloud, still below 1/L.
    # (With the data bounded by MAX_MAGNITUDE, 1/L lies between about 1e-68 and 16.)
    limit = 1.0 / curvature
    scale = 10.0 ** np.floor(np.log10(limit))
    digit = np.floor(limit / scale)
    if digit < 1:  # log10 rounded up to the next power of ten
        scale /= 10.0
        digit = np.floor(limit / scale)
    return float(digit * scale)
