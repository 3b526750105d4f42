"""What the chain-rule panel shows, without Qt: one sample's forward values and backward factors at a
run's point, and the sums of every sample's products (over all the data, and over the mini-batch the
next step uses). It is computed away from the window's thread (it takes time in proportion to the
number of samples) and handed over as a few numbers, never the per-sample arrays."""

from dataclasses import dataclass

import numpy as np

from ..engine.chain_rule import chain_rule


@dataclass(frozen=True)
class ChainAtSample:
    """The chain rule at ``params`` (d,) for sample ``sample`` (a row of the data), and the sums."""

    loss: str  # the loss convention: 'sse', 'mse', 'half-mse' or 'bce'
    activation: str
    n: int  # the number of samples
    sample: int
    params: np.ndarray  # (d,) w1…wk, b
    x: np.ndarray  # (k,) the sample's inputs
    y: float
    h: float
    yhat: float
    error: float  # the sample's share E of the loss
    dE_dyhat: float
    dyhat_dh: float
    dE_dh: float
    terms: np.ndarray  # (d,) ∂E/∂ŷ · ∂ŷ/∂h · ∂h/∂θ for each parameter θ
    sums: np.ndarray  # (d,) Σ over all samples of their terms: ∂L/∂θ
    batch_n: int | None = None  # with mini-batches: how many samples the next step takes …
    batch_sums: np.ndarray | None = None  # … and (d,) Σ of their terms (N = batch_n in E)


def chain_at(problem, params, sample: int, batch_rows=None) -> ChainAtSample:
    """The chain rule of a linreg or neuron ``problem`` at ``params`` for data row ``sample`` (clipped
    to the data), with the sums over all samples and, given ``batch_rows``, over that mini-batch."""
    rule = chain_rule(problem, params)
    i = min(max(int(sample), 0), rule.n - 1)
    batch = None if batch_rows is None else chain_rule(problem, params, rows=batch_rows)
    return ChainAtSample(
        loss=rule.loss, activation=rule.activation, n=rule.n, sample=i, params=rule.params,
        x=rule.x[i].copy(), y=float(rule.y[i]), h=float(rule.h[i]), yhat=float(rule.yhat[i]),
        error=float(rule.error[i]), dE_dyhat=float(rule.dE_dyhat[i]), dyhat_dh=float(rule.dyhat_dh[i]),
        dE_dh=float(rule.dE_dh[i]), terms=rule.terms[i].copy(), sums=rule.gradient,
        batch_n=None if batch is None else batch.n, batch_sums=None if batch is None else batch.gradient)
