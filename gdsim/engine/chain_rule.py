"""The chain rule for a model fitted to data, sample by sample: the forward values h = w·x + b,
ŷ = f(h) and each sample's share E of the loss, and the backward factors ∂E/∂ŷ, ∂ŷ/∂h = f′(h),
∂h/∂wᵢ = xᵢ and ∂h/∂b = 1, whose products, summed over the samples, are the loss's gradient.

Each loss gives its own ∂E/∂ŷ for sample n (N samples, or a mini-batch's N):

- ``sse``       E = ½ (y − ŷ)²        ∂E/∂ŷ = −(y − ŷ)
- ``mse``       E = (1/N) (y − ŷ)²    ∂E/∂ŷ = −(2/N)(y − ŷ)
- ``half-mse``  E = 1/(2N) (y − ŷ)²   ∂E/∂ŷ = −(1/N)(y − ŷ)
- ``bce``       E = −(1/N)[y ln ŷ + (1 − y) ln(1 − ŷ)]   ∂E/∂ŷ = (ŷ − y) / (N·ŷ(1 − ŷ))

With bce and the sigmoid, f′(h) = ŷ(1 − ŷ) cancels, and ∂E/∂h = (ŷ − y)/N is taken as it is (as the
engine's kernel does), not as the product of a huge and a tiny number where the sigmoid saturates.
"""

from dataclasses import dataclass

import numpy as np

from .activations import softplus
from .errors import QT_TRANSLATE_NOOP, InputError, real_array
from .models import DatasetProblem

# ∂E/∂ŷ for each loss, as written: the view and the lessons quote it.
LOSS_SLOPES = {
    "sse": "∂E/∂ŷ = −(y − ŷ)",
    "mse": "∂E/∂ŷ = −(2/N)·(y − ŷ)",
    "half-mse": "∂E/∂ŷ = −(1/N)·(y − ŷ)",
    "bce": "∂E/∂ŷ = (ŷ − y) / (N·ŷ(1 − ŷ))",
}
# Each sample's share E of the loss L = Σ E.
SAMPLE_LOSSES = {
    "sse": "E = ½ (y − ŷ)²",
    "mse": "E = (1/N)·(y − ŷ)²",
    "half-mse": "E = 1/(2N)·(y − ŷ)²",
    "bce": "E = −(1/N)·[y ln ŷ + (1 − y) ln(1 − ŷ)]",
}


@dataclass(frozen=True)
class ChainRule:
    """The chain rule at one point (w1…wk, b) for N samples; every array has one row per sample.

    ``terms[n]`` is sample n's part of the gradient, ∂E/∂ŷ · ∂ŷ/∂h · ∂h/∂θ for each parameter θ,
    and ``gradient`` their sum over the samples: the loss's gradient (up to the order of summation,
    the very numbers the engine's kernel computes).
    """

    loss: str  # the loss convention: 'sse', 'mse', 'half-mse' or 'bce'
    activation: str  # f's name ('identity' for linear regression)
    params: np.ndarray  # (d,) w1…wk, b
    rows: np.ndarray  # (N,) which rows of the data the samples are
    x: np.ndarray  # (N, k) the inputs: ∂h/∂wᵢ = xᵢ (and ∂h/∂b = 1)
    y: np.ndarray  # (N,) the targets
    h: np.ndarray  # (N,) h = w·x + b
    yhat: np.ndarray  # (N,) ŷ = f(h)
    error: np.ndarray  # (N,) each sample's share E of the loss, so that Σ E = L
    dE_dyhat: np.ndarray  # (N,) ∂E/∂ŷ  (inf for bce where ŷ is exactly 0 or 1)
    dyhat_dh: np.ndarray  # (N,) ∂ŷ/∂h = f′(h)
    dE_dh: np.ndarray  # (N,) ∂E/∂h = ∂E/∂ŷ · ∂ŷ/∂h
    terms: np.ndarray  # (N, d) ∂E/∂h · (x1 … xk, 1)
    gradient: np.ndarray  # (d,) Σ terms: ∂L/∂w1 … ∂L/∂wk, ∂L/∂b

    @property
    def n(self) -> int:
        return len(self.rows)


def chain_rule(problem, params, rows=None) -> ChainRule:
    """The chain rule of ``problem`` (a linreg or neuron problem) at ``params`` (d,), over all its
    samples or over the data rows ``rows`` (a mini-batch: then N is the batch's size, as when a run
    steps on it). Raises InputError for a fixed function, a point of the wrong shape or not finite,
    or bad rows."""
    if not isinstance(problem, DatasetProblem):
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "the chain rule needs a model fitted to data (linreg or neuron); problem {name!r} "
                      "is a fixed function"), name=getattr(problem, "name", type(problem).__name__))
    point = real_array(params, QT_TRANSLATE_NOOP("errors", "the parameters"))
    if point.shape not in ((problem.dim,), (1, problem.dim)):
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "the chain rule takes one point of {dim} parameters ({names}), got shape {shape}"),
            dim=problem.dim, names=", ".join(problem.param_names), shape=point.shape)
    point = point.reshape(problem.dim)
    if not np.isfinite(point).all():
        raise InputError(QT_TRANSLATE_NOOP("errors", "the chain rule needs finite parameters, got {point}"),
                         point=", ".join(f"{v:g}" for v in point))
    X, y = problem.dataset.X, problem.dataset.y
    all_rows = np.arange(len(y))
    rows = all_rows if rows is None else _rows(rows, len(y))
    X, y = X[rows], y[rows]
    n, k = X.shape
    act, loss = problem.activation, problem.loss_kind.name
    with np.errstate(all="ignore"):
        h = X @ point[:k] + point[k]
        yhat, slope = np.empty_like(h), np.empty_like(h)
        act.forward(h, yhat)
        act.derivative(h, yhat, slope)
        if loss == "bce":
            error = np.empty_like(h)
            softplus(h, error)  # −[y ln ŷ + (1 − y) ln(1 − ŷ)] = ln(1 + eʰ) − y·h for the sigmoid
            error -= y * h
            error /= n
            dE_dyhat = (yhat - y) / (n * yhat * (1.0 - yhat))
            dE_dh = (yhat - y) / n
        else:
            r = yhat - y
            scale = {"sse": 1.0, "mse": 2.0 / n, "half-mse": 1.0 / n}[loss]
            error = r * r * {"sse": 0.5, "mse": 1.0 / n, "half-mse": 0.5 / n}[loss]
            dE_dyhat = r * scale
            dE_dh = dE_dyhat * slope
        terms = np.column_stack([dE_dh[:, None] * X, dE_dh])
        gradient = terms.sum(axis=0)
    return ChainRule(loss, act.name, point.copy(), rows, X, y, h, yhat, error, dE_dyhat, slope, dE_dh,
                     terms, gradient)


def _rows(rows, n: int) -> np.ndarray:
    a = np.asarray(rows)
    if a.ndim != 1 or a.size == 0 or not np.issubdtype(a.dtype, np.integer) or a.min() < 0 or a.max() >= n:
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "the rows must be a non-empty list of whole numbers from 0 to {last}"), last=n - 1)
    return a.astype(np.intp)
