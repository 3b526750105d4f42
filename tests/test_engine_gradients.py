"""Analytic gradients of every problem against central finite differences, and the known minima."""

import numpy as np
import pytest

import gdsim
from gdsim.engine import ACTIVATIONS, ANALYTIC_PROBLEMS, LOSSES, load_dataset, make_problem

H = 1e-6  # finite-difference step
RTOL = 1e-6
POINTS = 60  # points per problem, evaluated in one (K, d) call
EPS = np.finfo(float).eps


def finite_difference(problem, params: np.ndarray) -> np.ndarray:
    """Central differences (f(p + h eᵢ) − f(p − h eᵢ)) / 2h for every point (row) of params."""
    k, d = params.shape
    out = np.empty((k, d))
    for i in range(d):
        step = np.zeros(d)
        step[i] = H
        out[:, i] = (problem.loss(params + step) - problem.loss(params - step)) / (2 * H)
    return out


def assert_gradient_matches(problem, params: np.ndarray) -> None:
    """The analytic gradient equals the finite difference up to RTOL, plus the rounding error of the
    difference quotient itself (a few ulps of f divided by 2h)."""
    loss, grad = problem.loss_and_grad(params)
    assert loss.shape == (len(params),) and grad.shape == params.shape
    fd = finite_difference(problem, params)
    rounding = 100 * EPS * (1.0 + np.abs(loss))[:, None] / H
    bad = np.abs(grad - fd) > RTOL * np.abs(fd) + rounding
    assert not bad.any(), (
        f"{problem.name}: analytic gradient differs from finite differences at "
        f"{params[bad.any(axis=1)][:3]}: analytic {grad[bad.any(axis=1)][:3]}, fd {fd[bad.any(axis=1)][:3]}")


def uniform_in_domain(problem, n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    low = np.array([lo for lo, _ in problem.domain])
    high = np.array([hi for _, hi in problem.domain])
    return rng.uniform(low, high, size=(n, problem.dim))


# --- the analytic problems -------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(ANALYTIC_PROBLEMS))
def test_analytic_gradient_matches_finite_differences(name):
    problem = ANALYTIC_PROBLEMS[name]
    params = uniform_in_domain(problem, POINTS, seed=sum(map(ord, name)))
    assert_gradient_matches(problem, params)


@pytest.mark.parametrize("name", list(ANALYTIC_PROBLEMS))
def test_analytic_batched_evaluation_equals_one_point_at_a_time(name):
    problem = ANALYTIC_PROBLEMS[name]
    params = uniform_in_domain(problem, 7, seed=1)
    loss, grad = problem.loss_and_grad(params)
    for i, p in enumerate(params):
        one_loss, one_grad = problem.loss_and_grad(p[None, :])
        assert one_loss[0] == loss[i]
        np.testing.assert_array_equal(one_grad[0], grad[i])
    np.testing.assert_array_equal(problem.loss(params), loss)


def test_analytic_gradient_check_can_fail():
    # The checker itself must catch a wrong gradient: a problem whose kernel's gradient is off by 1%.
    parabola = ANALYTIC_PROBLEMS["parabola"]

    def wrong_kernel(p, loss, grad, ws):
        parabola.kernel(p, loss, grad, ws)
        if grad is not None:
            grad *= 1.01

    wrong = gdsim.engine.Problem("wrong", "Wrong", "x²", ("x",), ((-3.0, 3.0),), (2.0,), 0.1, 0.1,
                                 wrong_kernel)
    with pytest.raises(AssertionError):
        assert_gradient_matches(wrong, uniform_in_domain(wrong, 10, seed=0))


# Minima known from the literature (and, for the double well, the roots of f'(x) = 4x³ − 6x + 1).
_KNOWN_MINIMA = {
    "parabola": [(0.0,)],
    "ravine": [(0.0, 0.0)],
    "rosenbrock": [(1.0, 1.0)],
    "beale": [(3.0, 0.5)],
    "booth": [(1.0, 3.0)],
    "rastrigin": [(0.0, 0.0)],
    "himmelblau": [(3.0, 2.0)],
}


@pytest.mark.parametrize("name", list(ANALYTIC_PROBLEMS))
def test_analytic_minima_have_zero_gradient(name):
    problem = ANALYTIC_PROBLEMS[name]
    points = list(problem.minima) + list(problem.saddle_points) + _KNOWN_MINIMA.get(name, [])
    assert points, f"{name} lists no minimum or saddle point"
    _, grad = problem.loss_and_grad(np.array(points, dtype=float))
    assert np.all(np.linalg.norm(grad, axis=1) < 1e-7), grad


@pytest.mark.parametrize("name", list(ANALYTIC_PROBLEMS))
def test_analytic_minima_are_lower_than_their_neighbourhood(name):
    problem = ANALYTIC_PROBLEMS[name]
    rng = np.random.default_rng(3)
    for m in problem.minima:
        m = np.array(m)
        around = m + rng.normal(scale=1e-3, size=(50, problem.dim))
        assert np.all(problem.loss(around) > problem.loss(m[None, :])[0])
    for g in problem.global_minima:
        assert tuple(g) in set(map(tuple, problem.minima))
    if problem.global_minima:
        best = problem.loss(np.array(problem.global_minima)).max()
        assert best <= problem.loss(np.array(problem.minima)).min() + 1e-12
        # ...and no point of a fine sample of the domain is lower.
        assert best <= problem.loss(uniform_in_domain(problem, 20_000, seed=4)).min() + 1e-9


def test_double_well_minima_are_roots_of_the_derivative():
    problem = ANALYTIC_PROBLEMS["double-well"]
    assert len(problem.minima) == 2
    for (x,) in problem.minima:
        assert abs(4 * x**3 - 6 * x + 1) < 1e-12
        assert 12 * x * x - 6 > 0
    (left,), (right,) = sorted(problem.minima)
    assert left < 0 < right
    assert problem.global_minima == ((left,),)  # f(x) = x⁴ − 3x² + x is lower on the left


def test_saddle_point_is_not_a_minimum():
    problem = ANALYTIC_PROBLEMS["saddle"]
    assert problem.minima == ()
    assert problem.loss(np.array([[0.0, 0.1]]))[0] < problem.loss(np.array([[0.0, 0.0]]))[0]


# --- activations ---------------------------------------------------------------------------------


def test_sigmoid_derivative_is_f_times_one_minus_f():
    act = ACTIVATIONS["sigmoid"]
    h = np.linspace(-30, 30, 601)
    f, fp = np.empty_like(h), np.empty_like(h)
    act.forward(h, f)
    act.derivative(h, f, fp)
    expected_f = 1.0 / (1.0 + np.exp(-h))
    np.testing.assert_allclose(f, expected_f, rtol=1e-15, atol=0)
    np.testing.assert_allclose(fp, expected_f * (1.0 - expected_f), rtol=1e-14, atol=0)


@pytest.mark.parametrize("name", [n for n in ACTIVATIONS if n != "step"])
def test_activation_derivative_matches_finite_differences(name):
    act = ACTIVATIONS[name]
    h = np.linspace(-6, 6, 241)
    h = h[np.abs(h) > 1e-3]  # away from the kinks of relu and leaky relu
    f, fp, up, down = (np.empty_like(h) for _ in range(4))
    act.forward(h, f)
    act.derivative(h, f, fp)
    act.forward(h + H, up)
    act.forward(h - H, down)
    np.testing.assert_allclose(fp, (up - down) / (2 * H), rtol=RTOL, atol=1e-9)


def test_softplus_is_accurate_and_never_overflows():
    act = ACTIVATIONS["softplus"]
    h = np.concatenate([np.linspace(-800, 800, 3201), [-1e300, -40.0, -1e-300, 0.0, 1e-300, 40.0, 1e300]])
    f = np.empty_like(h)
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        act.forward(h, f)
    # ln(1 + eʰ), written independently: log1p(eʰ) below 0, h + log1p(e^−h) above.
    with np.errstate(under="ignore"):
        expected = np.where(h < 0, np.log1p(np.exp(np.minimum(h, 0))), h + np.log1p(np.exp(-np.abs(h))))
    np.testing.assert_allclose(f, expected, rtol=4 * EPS, atol=0)
    assert f[h == 0.0][0] == np.log(2.0)


def test_step_activation_has_zero_derivative():
    act = ACTIVATIONS["step"]
    h = np.array([-2.0, -1e-9, 0.0, 1e-9, 3.0])
    f, fp = np.empty_like(h), np.full_like(h, 7.0)
    act.forward(h, f)
    act.derivative(h, f, fp)
    np.testing.assert_array_equal(f, [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(fp, 0.0)


# --- dataset models ------------------------------------------------------------------------------


def two_input_data(seed: int = 7, n: int = 25) -> tuple[np.ndarray, np.ndarray]:
    """A seeded dataset with two inputs and targets in [0, 1] (so bce applies too)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2)) * [1.0, 2.0] + [0.5, -1.0]
    y = rng.uniform(0.0, 1.0, size=n)
    y[:5] = [0.0, 1.0, 0.0, 1.0, 1.0]
    return X, y


DATASETS = {"line": "line", "pass-fail": "pass-fail", "two-input": two_input_data()}


def _targets(data) -> np.ndarray:
    return data[1] if isinstance(data, tuple) else load_dataset(data).y


def _model_cases():
    for dname, data in DATASETS.items():
        bce_ok = bool(np.all((_targets(data) >= 0) & (_targets(data) <= 1)))
        for loss in LOSSES:
            if loss != "bce":
                yield pytest.param("linreg", None, loss, dname, id=f"linreg-{loss}-{dname}")
            for act in ACTIVATIONS:
                if loss == "bce" and not (act == "sigmoid" and bce_ok):
                    continue
                yield pytest.param("neuron", act, loss, dname, id=f"neuron-{act}-{loss}-{dname}")


def _pre_activations(problem, params: np.ndarray) -> np.ndarray:
    X = problem.dataset.X
    return params[:, :-1] @ X.T + params[:, -1:]


def _smooth_points(problem, n: int, seed: int) -> np.ndarray:
    """Points of the problem's domain where no sample's pre-activation h is within 1e-3 of a kink."""
    params = uniform_in_domain(problem, 8 * n, seed)
    far = np.abs(_pre_activations(problem, params)).min(axis=1) > 1e-3
    return params[far][:n]


@pytest.mark.parametrize(("kind", "activation", "loss", "dname"), list(_model_cases()))
def test_model_gradient_matches_finite_differences(kind, activation, loss, dname):
    problem = make_problem(kind, DATASETS[dname], activation, loss)
    assert problem.dim == problem.dataset.n_inputs + 1
    if activation == "step":
        params = uniform_in_domain(problem, POINTS, seed=5)
        _, grad = problem.loss_and_grad(params)
        np.testing.assert_array_equal(grad, 0.0)
        return
    params = _smooth_points(problem, POINTS, seed=len(dname) + len(loss))
    assert len(params) >= 50
    assert_gradient_matches(problem, params)


@pytest.mark.parametrize("loss", ["sse", "mse"])
@pytest.mark.parametrize("dname", list(DATASETS))
def test_linreg_minimum_equals_least_squares(dname, loss):
    problem = make_problem("linreg", DATASETS[dname], loss=loss)
    X, y = problem.dataset.X, problem.dataset.y
    A = np.column_stack([X, np.ones(len(y))])
    z, *_ = np.linalg.lstsq(A, y, rcond=None)
    assert len(problem.minima) == 1
    np.testing.assert_allclose(problem.minima[0], z, rtol=1e-10, atol=1e-12)
    _, grad = problem.loss_and_grad(z[None, :])
    assert np.linalg.norm(grad) < 1e-7 * max(1.0, np.abs(A.T @ y).max())
    # Any other point is worse.
    around = z + np.random.default_rng(0).normal(scale=1e-2, size=(20, len(z)))
    assert np.all(problem.loss(around) > problem.loss(z[None, :])[0])


@pytest.mark.parametrize("dname", list(DATASETS))
def test_model_losses_equal_their_formulas(dname):
    # E from the formulas of the docs, computed here with plain numpy.
    data = DATASETS[dname]
    params = np.array([[0.7] * (2 if dname == "two-input" else 1) + [-0.3]])
    for act in ("sigmoid", "tanh", "identity"):
        sse = make_problem("neuron", data, act, "sse")
        mse = make_problem("neuron", data, act, "mse")
        X, y = sse.dataset.X, sse.dataset.y
        h = X @ params[0, :-1] + params[0, -1]
        yhat = {"sigmoid": 1 / (1 + np.exp(-h)), "tanh": np.tanh(h), "identity": h}[act]
        assert sse.loss(params)[0] == pytest.approx(0.5 * np.sum((y - yhat) ** 2), rel=1e-13)
        assert mse.loss(params)[0] == pytest.approx(np.mean((y - yhat) ** 2), rel=1e-13)
        if act == "sigmoid" and np.all((y >= 0) & (y <= 1)):
            bce = make_problem("neuron", data, act, "bce")
            expected = -np.mean(y * np.log(yhat) + (1 - y) * np.log(1 - yhat))
            assert bce.loss(params)[0] == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "softplus", "identity"])
@pytest.mark.parametrize("dname", list(DATASETS))
def test_sse_gradient_step_is_the_delta_rule(dname, activation):
    # One plain gradient step on E = ½ Σ (y − ŷ)² is the delta rule
    # Δwᵢ = η Σ (y − ŷ) f′(h) xᵢ,  Δb = η Σ (y − ŷ) f′(h), computed here independently.
    data = DATASETS[dname]
    problem = make_problem("neuron", data, activation, "sse")
    X, y = problem.dataset.X, problem.dataset.y
    eta = 0.01
    start = np.linspace(-0.5, 0.4, problem.dim)
    w, b = start[:-1], start[-1]
    h = X @ w + b
    f, f_prime = {
        "sigmoid": (1 / (1 + np.exp(-h)), np.exp(-h) / (1 + np.exp(-h)) ** 2),
        "tanh": (np.tanh(h), 1 / np.cosh(h) ** 2),
        "softplus": (np.log1p(np.exp(h)), 1 / (1 + np.exp(-h))),
        "identity": (h, np.ones_like(h)),
    }[activation]
    delta = (y - f) * f_prime
    expected = np.append(w + eta * delta @ X, b + eta * delta.sum())

    sim = gdsim.simulate("neuron", "sgd", start, steps=1, data=data, activation=activation, loss="sse",
                         lr=eta, tol=0)
    np.testing.assert_allclose(sim.params[1, 0], expected, rtol=1e-12, atol=1e-14)
