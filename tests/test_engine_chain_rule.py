"""The chain rule, sample by sample (gdsim.chain_rule): the product of its factors for each sample,
summed over the samples, is the gradient the engine steps with, for every loss and activation, one
input or several, the whole data or a mini-batch; each factor is the one its formula names."""

import numpy as np
import pytest

import gdsim
from gdsim.engine import ACTIVATIONS, LOSSES, Run, make_problem
from gdsim.engine.chain_rule import LOSS_SLOPES, SAMPLE_LOSSES
from tests.tolerance import EPS

SQUARES = ("sse", "mse", "half-mse")
CASES = ([("linreg", "identity", loss) for loss in SQUARES]
         + [("neuron", act, loss) for act in ACTIVATIONS for loss in SQUARES]
         + [("neuron", "sigmoid", "bce")])


def data(inputs: int, seed: int = 0, probability: bool = False):
    rng = np.random.default_rng(seed)
    X = rng.normal(0.0, 2.0, size=(25, inputs))
    y = rng.uniform(0, 1, size=25) if probability else X @ rng.normal(size=inputs) + rng.normal(size=25)
    return X, y


def problem_for(kind: str, activation: str, loss: str, inputs: int):
    X, y = data(inputs, probability=loss == "bce")
    return make_problem(kind, data=(X, y), activation=None if kind == "linreg" else activation, loss=loss)


def bound(rule) -> np.ndarray:
    """(d,) how far the sum of the products may be from the engine's gradient, from rounding alone.

    Both compute h = w·x + b (k + 1 roundings, in another order), ŷ = f(h) (a transcendental function:
    a few ulps), f′(h), the error ŷ − y, the loss's factor and the products, then sum N terms in
    another order. Every error is a few ulps of the numbers it is made from: of |ŷ| + |y| + Σ|wᵢxᵢ| + |b|
    for the error, of 1 + |f′| for the slope, of the factor and of 1 + |x|. So each sample's term differs
    by at most c·EPS times their product, and the sums by the reordering bound on top."""
    n, k = rule.x.shape
    scale = {"sse": 1.0, "mse": 2.0 / n, "half-mse": 1.0 / n, "bce": 1.0 / n}[rule.loss]
    reach = np.abs(rule.x) @ np.abs(rule.params[:k]) + abs(rule.params[k])
    slope = np.ones(n) if rule.loss == "bce" else 1.0 + np.abs(rule.dyhat_dh)
    size = scale * (np.abs(rule.yhat) + np.abs(rule.y) + reach) * slope
    sizes = size[:, None] * (1.0 + np.abs(np.column_stack([rule.x, np.ones(n)])))
    return (n + 1 + 32 + 2 * k) * EPS * sizes.sum(axis=0)


@pytest.mark.parametrize("inputs", [1, 3])
@pytest.mark.parametrize(("kind", "activation", "loss"), CASES)
def test_chain_rule_sums_to_the_engines_gradient(kind, activation, loss, inputs):
    problem = problem_for(kind, activation, loss, inputs)
    rng = np.random.default_rng(inputs)
    for point in rng.normal(0.0, 1.5, size=(5, problem.dim)):
        rule = gdsim.chain_rule(problem, point)
        value, grad = problem.loss_and_grad(point)
        assert rule.n == 25 and rule.terms.shape == (25, problem.dim)
        np.testing.assert_array_equal(rule.gradient, rule.terms.sum(axis=0))
        off = np.abs(rule.gradient - grad[0])
        assert np.all(off <= bound(rule)), (point, rule.gradient, grad[0], bound(rule))
        # a wrong factor (2, or 1/N) would be far outside the bound wherever the gradient is not tiny
        sizable = np.abs(grad[0]) > 1e-3
        assert np.all(bound(rule)[sizable] < 1e-9 * np.abs(grad[0, sizable]))
        np.testing.assert_allclose(rule.error.sum(), value[0], rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize(("kind", "activation", "loss"), CASES)
def test_chain_rule_factors_are_the_ones_written(kind, activation, loss):
    problem = problem_for(kind, activation, loss, 2)
    point = np.array([0.3, -0.7, 0.4])
    rule = gdsim.chain_rule(problem, point)
    n = rule.n
    h = rule.x @ point[:2] + point[2]
    np.testing.assert_allclose(rule.h, h, rtol=1e-14, atol=1e-15)
    yhat, slope = np.empty(n), np.empty(n)
    ACTIVATIONS[activation].forward(h, yhat)
    ACTIVATIONS[activation].derivative(h, yhat, slope)
    np.testing.assert_array_equal(rule.dyhat_dh, slope)
    residual = rule.yhat - rule.y
    if loss == "bce":
        expected = residual / (n * rule.yhat * (1 - rule.yhat))
    else:
        expected = {"sse": 1.0, "mse": 2 / n, "half-mse": 1 / n}[loss] * residual
    np.testing.assert_allclose(rule.dE_dyhat, expected, rtol=4 * EPS)
    # each term is the product ∂E/∂ŷ · ∂ŷ/∂h · ∂h/∂θ with ∂h/∂wᵢ = xᵢ and ∂h/∂b = 1
    product = rule.dE_dyhat * rule.dyhat_dh
    np.testing.assert_allclose(rule.dE_dh, product, rtol=64 * EPS, atol=0)
    np.testing.assert_allclose(rule.terms, rule.dE_dh[:, None] * np.column_stack([rule.x, np.ones(n)]),
                               rtol=0, atol=0)
    assert loss in LOSS_SLOPES and loss in SAMPLE_LOSSES
    if activation == "sigmoid":  # f′ = f(1 − f) on the edge
        np.testing.assert_allclose(rule.dyhat_dh, rule.yhat * (1 - rule.yhat), rtol=2 * EPS)


def test_chain_rule_on_a_mini_batch_is_the_gradient_that_step_uses():
    problem = make_problem("neuron", data="pass-fail", activation="sigmoid", loss="mse")
    run = Run(problem, "sgd", [[-1.0, 0.0]], {"lr": 0.5}, batch_size=7, seed=3)
    for _ in range(4):
        rows = run.next_batch_rows()
        rule = gdsim.chain_rule(problem, run.params[0], rows=rows)
        assert rule.n == 7 and list(rule.rows) == list(rows)
        g = run.next_update().gradient[0]
        assert np.all(np.abs(rule.gradient - g) <= bound(rule))
        full = gdsim.chain_rule(problem, run.params[0])
        assert not np.allclose(full.gradient, g)  # the batch's own N and samples, not the whole data's
        run.advance(1)


def test_chain_rule_bce_stays_finite_where_the_sigmoid_saturates():
    problem = make_problem("neuron", data="pass-fail", activation="sigmoid", loss="bce")
    rule = gdsim.chain_rule(problem, [80.0, -1.0])  # h up to 400: ŷ rounds to 1
    assert np.isfinite(rule.dE_dh).all() and np.isfinite(rule.gradient).all()
    _, grad = problem.loss_and_grad([80.0, -1.0])
    assert np.all(np.abs(rule.gradient - grad[0]) <= bound(rule))


@pytest.mark.parametrize(("call", "words"), [
    (lambda: gdsim.chain_rule(make_problem("parabola"), [1.0]), "fixed function"),
    (lambda: gdsim.chain_rule(make_problem("linreg"), [1.0, 2.0, 3.0]), "one point of 2 parameters"),
    (lambda: gdsim.chain_rule(make_problem("linreg"), [[1.0, 2.0], [0.0, 0.0]]), "one point of 2"),
    (lambda: gdsim.chain_rule(make_problem("linreg"), ["a", 2.0]), "number"),
    (lambda: gdsim.chain_rule(make_problem("linreg"), [float("inf"), 2.0]), "finite parameters, got inf, 2"),
    (lambda: gdsim.chain_rule(make_problem("linreg"), [1.0, 2.0], rows=[0, 30]), "from 0 to 29"),
    (lambda: gdsim.chain_rule(make_problem("linreg"), [1.0, 2.0], rows=[1.5]), "whole numbers"),
    (lambda: gdsim.chain_rule(make_problem("linreg"), [1.0, 2.0], rows=[]), "non-empty"),
])
def test_chain_rule_refuses_bad_input_with_a_clear_message(call, words):
    with pytest.raises(gdsim.InputError, match=words):
        call()


def test_every_loss_has_its_chain_rule_factor():
    assert set(LOSS_SLOPES) == set(SAMPLE_LOSSES) == set(LOSSES)
