"""Analytic gradients of every problem against central finite differences, and the known minima."""

import numpy as np
import pytest

import gdsim
from gdsim.engine import ACTIVATIONS, ANALYTIC_PROBLEMS, LOSSES, load_dataset, make_problem

from tolerance import TRANSCENDENTAL_ULPS, least_squares_error, reordering_bound, ulps

TU = TRANSCENDENTAL_ULPS
H = 1e-6  # finite-difference step
# Central differences are off by H²/6·|f‴| ≈ 1.7e-13·|f‴|: RTOL, relative to the gradient, leaves room
# for third derivatives a million times the first, while a wrong gradient is off by a factor.
RTOL = 1e-6
# The rounding of f(p ± H·eᵢ): sums of up to 40 samples (41 ulps of terms that add up to about the
# loss) and up to 20 further operations of a kernel, each within ½ ulp of numbers that, at the points
# sampled here, are no larger than a few times 1 + |f|; counted as 100 ulps of 1 + |f|, over 2H twice.
FD_ROUNDING_ULPS = 100
POINTS = 60  # points per problem, evaluated in one (K, d) call


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
    difference quotient itself (FD_ROUNDING_ULPS of f divided by 2h, for each of the two values)."""
    loss, grad = problem.loss_and_grad(params)
    assert loss.shape == (len(params),) and grad.shape == params.shape
    fd = finite_difference(problem, params)
    rounding = ulps(FD_ROUNDING_ULPS, 1.0 + np.abs(loss))[:, None] / H
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
    # Element-wise arithmetic (and, for Rastrigin, numpy's sin and cos, which take the same path for
    # any length): one point alone gives the same bits as among seven.
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
    points = np.array(points, dtype=float)
    _, grad = problem.loss_and_grad(points)
    # The points are listed to 16 significant digits (or found by np.roots), a few ulps off the true
    # ones, and evaluating the gradient rounds like a move of a few ulps more: the gradient there is at
    # most the curvature ‖H‖ (from central differences of the gradient) times 16 ulps of the point.
    curvature = np.zeros(len(points))
    for i in range(problem.dim):
        step = np.zeros(problem.dim)
        step[i] = H
        change = problem.loss_and_grad(points + step)[1] - problem.loss_and_grad(points - step)[1]
        curvature = np.maximum(curvature, np.linalg.norm(change, axis=1) / (2 * H))
    bound = curvature * ulps(16, np.maximum(1.0, np.linalg.norm(points, axis=1)))
    assert np.all(np.linalg.norm(grad, axis=1) <= bound), (grad, bound)


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
        # Equal minima (Himmelblau's four, the camel's two) differ by rounding only: a few ulps of the
        # numbers the loss adds up, which at these points are at most a few times 1 + |f|.
        rounding = ulps(64, 1.0 + abs(best))
        assert best <= problem.loss(np.array(problem.minima)).min() + rounding
        # ...and no point of a fine sample of the domain is lower.
        assert best <= problem.loss(uniform_in_domain(problem, 20_000, seed=4)).min() + rounding


def test_double_well_minima_are_roots_of_the_derivative():
    problem = ANALYTIC_PROBLEMS["double-well"]
    assert len(problem.minima) == 2
    for (x,) in problem.minima:
        # np.roots finds eigenvalues of the companion matrix, a backward-stable method: the residual is a
        # few ulps of the polynomial's terms, and so is the rounding of evaluating it here.
        assert abs(4 * x**3 - 6 * x + 1) <= ulps(16, 4 * abs(x) ** 3 + 6 * abs(x) + 1)
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
    # Each side: exp within TRANSCENDENTAL_ULPS (1 + e passes its relative error on, no larger), then
    # the sum and the reciprocal.
    np.testing.assert_allclose(f, expected_f, rtol=ulps(2 * (TU + 2)), atol=0)
    np.testing.assert_array_equal(fp, (1.0 - f) * f)  # the engine's two roundings, in its order


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
    fd = (up - down) / (2 * H)
    # h ± H and f(h ± H) round: at most TRANSCENDENTAL_ULPS + 3 ulps of |h| and |f| (|f′| ≤ 1 here),
    # for each of the two values, over 2H.
    rounding = ulps(TU + 3, np.abs(h) + np.abs(f)) / H
    np.testing.assert_array_less(np.abs(fp - fd), RTOL * np.abs(fd) + rounding)


def test_softplus_is_accurate_and_never_overflows():
    act = ACTIVATIONS["softplus"]
    h = np.concatenate([np.linspace(-800, 800, 3201), [-1e300, -40.0, -1e-300, 0.0, 1e-300, 40.0, 1e300]])
    f = np.empty_like(h)
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        act.forward(h, f)
    # ln(1 + eʰ), written independently: log1p(eʰ) below 0, h + log1p(e^−h) above.
    with np.errstate(under="ignore"):
        expected = np.where(h < 0, np.log1p(np.exp(np.minimum(h, 0))), h + np.log1p(np.exp(-np.abs(h))))
    # Each side takes exp and log1p, within TRANSCENDENTAL_ULPS each; log1p passes exp's relative error
    # on, no larger; then the sum with max(h, 0).
    np.testing.assert_allclose(f, expected, rtol=ulps(2 * (2 * TU + 1)), atol=0)
    assert f[h == 0.0][0] == pytest.approx(np.log(2.0), rel=ulps(2 * TU))  # log1p(e⁰) against log 2


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


@pytest.mark.parametrize("loss", ["sse", "mse", "half-mse"])
@pytest.mark.parametrize("dname", list(DATASETS))
def test_linreg_minimum_equals_least_squares(dname, loss):
    problem = make_problem("linreg", DATASETS[dname], loss=loss)
    X, y = problem.dataset.X, problem.dataset.y
    A = np.column_stack([X, np.ones(len(y))])
    z, *_ = np.linalg.lstsq(A, y, rcond=None)
    assert len(problem.minima) == 1
    off = least_squares_error(A, y, z)  # each solution's distance from the exact one
    assert np.linalg.norm(np.subtract(problem.minima[0], z)) <= 2 * off
    # The gradient there, Aᵀ(Az − y) (times 2/N for mse), is AᵀA times z's error plus the rounding of
    # its sums: N samples' terms, each made of the k + 1 products in h and y.
    _, grad = problem.loss_and_grad(z[None, :])
    factor = {"sse": 1.0, "mse": 2.0 / len(y), "half-mse": 1.0 / len(y)}[loss]
    terms = np.abs(A).T @ (np.abs(A) @ np.abs(z) + np.abs(y))
    rounding = np.linalg.norm(reordering_bound(len(y) + A.shape[1] + 1, terms))
    assert np.linalg.norm(grad) <= factor * (np.linalg.norm(A, 2) ** 2 * off + rounding)
    # Any other point is worse.
    around = z + np.random.default_rng(0).normal(scale=1e-2, size=(20, len(z)))
    assert np.all(problem.loss(around) > problem.loss(z[None, :])[0])


def _squares_rounding(X, y, w, b) -> float:
    """How far two computations of Σ (y − ŷ)² may be apart, for ŷ = f(w·x + b) with |f′| ≤ 1.

    The engine sums the squares (for the identity, it expands them about the means x̄, ȳ); the formula
    sums them directly. Every residual rounds like the numbers it comes from, all within
    mₙ = Σ|wᵢ|(|xᵢ| + |x̄ᵢ|) + |b| + |y| + |ȳ|: the k products and b in h, f within TRANSCENDENTAL_ULPS
    and the subtraction, about k + TU + 4 ulps a side. A square moves by 2|r|·δr, so by 2k + 2·TU + 9
    ulps of mₙ² a side; both sides and the sums' reordering make N + 4k + 4·TU + 19 ulps of Σ mₙ².
    """
    n, k = X.shape
    m = np.abs(X) @ np.abs(w) + np.abs(X.mean(axis=0)) @ np.abs(w) + abs(b) + np.abs(y) + abs(y.mean())
    return float(ulps(n + 4 * k + 4 * TU + 19, np.sum(m * m)))


def _cross_entropy_rounding(X, y, w, b, h, yhat) -> float:
    """How far the engine's Σ [ln(1 + eʰ) − y·h] and the formula's −Σ [y ln ŷ + (1 − y) ln(1 − ŷ)] may
    be apart (the sums, before the division by N).

    Both see h with k + 1 ulps of |X||w| + |b|, which moves a term by at most that (its slope in h is
    ŷ − y). The engine's terms round within 2·TU + 4 ulps of 2|h| + 1 (softplus, the product, the
    difference). In the formula ŷ carries a relative error ρ (TRANSCENDENTAL_ULPS + 2, and 1 − ŷ times
    h's), which ln ŷ passes on; 1 − ŷ magnifies it by ŷ/(1 − ŷ); each ln adds TU ulps of itself and the
    products and the sum 3 ulps of the term. The sums' reordering adds N + 1 ulps of Σ|terms|.
    """
    n, k = X.shape
    dh = ulps(k + 1, np.abs(X) @ np.abs(w) + abs(b))
    engine = dh + ulps(2 * TU + 4, 2 * np.abs(h) + 1)
    rho = ulps(TU + 2) + (1 - yhat) * dh
    log_yhat, log_rest = np.abs(np.log(yhat)), np.abs(np.log1p(-yhat))
    formula = (dh + y * (rho + ulps(TU, log_yhat))
               + (1 - y) * ((yhat * rho + ulps(1)) / (1 - yhat) + ulps(TU, log_rest))
               + ulps(3, y * log_yhat + (1 - y) * log_rest))
    terms = y * log_yhat + (1 - y) * log_rest
    return float(np.sum(engine + formula) + reordering_bound(n, np.sum(terms)))


@pytest.mark.parametrize("dname", list(DATASETS))
def test_model_losses_equal_their_formulas(dname):
    # E from the formulas of the docs, computed here with plain numpy.
    data = DATASETS[dname]
    params = np.array([[0.7] * (2 if dname == "two-input" else 1) + [-0.3]])
    for act in ("sigmoid", "tanh", "identity"):
        sse = make_problem("neuron", data, act, "sse")
        mse = make_problem("neuron", data, act, "mse")
        X, y = sse.dataset.X, sse.dataset.y
        w, b = params[0, :-1], params[0, -1]
        h = X @ w + b
        yhat = {"sigmoid": 1 / (1 + np.exp(-h)), "tanh": np.tanh(h), "identity": h}[act]
        rounding = _squares_rounding(X, y, w, b)
        assert sse.loss(params)[0] == pytest.approx(0.5 * np.sum((y - yhat) ** 2), abs=0.5 * rounding)
        assert mse.loss(params)[0] == pytest.approx(np.mean((y - yhat) ** 2), abs=rounding / len(y))
        half = make_problem("neuron", data, act, "half-mse")
        assert half.loss(params)[0] == pytest.approx(np.sum((y - yhat) ** 2) / (2 * len(y)),
                                                     abs=rounding / (2 * len(y)))
        if act == "sigmoid" and np.all((y >= 0) & (y <= 1)):
            bce = make_problem("neuron", data, act, "bce")
            expected = -np.mean(y * np.log(yhat) + (1 - y) * np.log(1 - yhat))
            rounding = _cross_entropy_rounding(X, y, w, b, h, yhat)
            assert bce.loss(params)[0] == pytest.approx(expected, abs=rounding / len(y))


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
    # The engine computes f′ from f (f(1 − f), 1 − f²) and sums with np.matmul; the formulas above
    # differ. Per sample: h rounds within k + 1 ulps of |X||w| + |b| a side (|f′|, |f″| ≤ 1 carry that
    # into f and f′); f within 2·TRANSCENDENTAL_ULPS + 2 ulps a side; f′ within 3·TU + 6 ulps of 1 on
    # both sides together; then y − f and the product. The sum over N samples adds its reordering,
    # η·Σ and w + … an ulp each a side.
    A = np.column_stack([X, np.ones(len(y))])
    dh = ulps(X.shape[1] + 1, np.abs(X) @ np.abs(w) + abs(b))
    per_sample = (np.abs(f_prime) * (ulps(4 * TU + 6, np.abs(f) + np.abs(y)) + 2 * dh)
                  + np.abs(y - f) * (ulps(3 * TU + 6, 1.0) + 2 * dh) + ulps(2, delta))
    step = eta * (per_sample @ np.abs(A) + reordering_bound(len(y), np.abs(delta) @ np.abs(A)))
    bound = step + ulps(2, eta * np.abs(delta) @ np.abs(A)) + ulps(2, np.abs(start) + np.abs(expected))
    np.testing.assert_array_less(np.abs(sim.params[1, 0] - expected), bound)


def test_leaky_relus_formulas_write_its_slope():
    # The formulas are literal strings (marked for translation), so they must say LEAKY_SLOPE's value.
    from gdsim.engine.activations import ACTIVATIONS, LEAKY_SLOPE

    leaky = ACTIVATIONS["leaky_relu"]
    assert leaky.formula.endswith(f"else {LEAKY_SLOPE}·h")
    assert leaky.derivative_formula.endswith(f"else {LEAKY_SLOPE}")


# --- half-mse: the tutorial's formulas ------------------------------------------------------------


@pytest.mark.parametrize("dname", list(DATASETS))
def test_half_mse_gradient_is_the_tutorials_formulas(dname):
    # The tutorial: ∂C/∂w = (1/N) Σ (wx + b − y)x and ∂C/∂b = (1/N) Σ (wx + b − y) (with several
    # inputs, one such sum per weight), computed here straight from those formulas at random points.
    problem = make_problem("linreg", DATASETS[dname], loss="half-mse")
    X, y = problem.dataset.X, problem.dataset.y
    n = len(y)
    points = uniform_in_domain(problem, 40, seed=11)
    _, grad = problem.loss_and_grad(points)
    for p, g in zip(points, grad, strict=True):
        w, b = p[:-1], p[-1]
        error = X @ w + b - y  # wx + b − y
        expected = np.append([np.sum(error * X[:, i]) / n for i in range(X.shape[1])], np.sum(error) / n)
        # The engine scales each error by 1/N before summing (one rounding more a term, and 1/N's own),
        # the formula divides the sum; the sums may be taken in other orders. h = w·x + b rounds the
        # same way on both sides for one input, within k + 1 ulps of |X||w| + |b| for k inputs.
        dh = ulps(X.shape[1] + 1, np.abs(X) @ np.abs(w) + abs(b))
        A = np.column_stack([X, np.ones(n)])
        terms = np.abs(error) @ np.abs(A)
        bound = (reordering_bound(n + 3, terms) + dh @ np.abs(A)) / n
        np.testing.assert_array_less(np.abs(g - expected), bound + 1e-300)
        # The bound tells the tutorial's formulas from any other factor (MSE's 2/N, the exact 2 of C).
        assert np.abs(expected).max() > 1e6 * bound.max()


@pytest.mark.parametrize("activation", ["identity", "sigmoid", "tanh"])
@pytest.mark.parametrize("dname", list(DATASETS))
def test_sse_and_mse_gradients_are_n_and_2_times_half_mse(dname, activation):
    # The relations the formula panel shows, at the same points: ∇SSE = N·∇(half-mse), ∇MSE = 2·∇(half-mse).
    half = make_problem("neuron", DATASETS[dname], activation, "half-mse")
    sse = make_problem("neuron", DATASETS[dname], activation, "sse")
    mse = make_problem("neuron", DATASETS[dname], activation, "mse")
    n = len(half.dataset.y)
    points = uniform_in_domain(half, 30, seed=12)
    _, g_half = half.loss_and_grad(points)
    _, g_sse = sse.loss_and_grad(points)
    _, g_mse = mse.loss_and_grad(points)
    # mse scales each term by 2/N = 2·(1/N) exactly, so its sums are exactly twice half-mse's.
    np.testing.assert_array_equal(g_mse, 2.0 * g_half)
    # sse sums the unscaled terms in the same order: each term differs by the rounding of the scaling
    # (2 ulps with 1/N's own), and each sum by its own rounding on both sides.
    A = np.column_stack([half.dataset.X, np.ones(n)])
    h = points[:, :-1] @ half.dataset.X.T + points[:, -1:]
    yhat, slope = np.empty_like(h), np.empty_like(h)
    half.activation.forward(h, yhat)
    half.activation.derivative(h, yhat, slope)
    terms = np.abs((yhat - half.dataset.y) * slope) @ np.abs(A)  # Σ |(ŷ − y)·f′(h)·x| per parameter
    bound = reordering_bound(n + 2, terms) + ulps(2, terms)
    np.testing.assert_array_less(np.abs(g_sse - n * g_half), bound + 1e-300)
    assert np.abs(g_sse).max() > 10 * bound.max()  # the relation is not met by gradients of zero


@pytest.mark.parametrize("activation", ["identity", "sigmoid"])
def test_square_loss_gradients_are_each_loss_own_gradient_at_the_same_point(activation):
    from gdsim.engine.models import square_loss_gradients

    kind = "linreg" if activation == "identity" else "neuron"
    point = np.array([0.7, -0.3])
    shown = square_loss_gradients(make_problem(kind, "line", None if kind == "linreg" else activation),
                                  point)
    n = 30
    for loss in ("half-mse", "sse", "mse"):
        problem = make_problem(kind, "line", None if kind == "linreg" else activation, loss)
        _, grad = problem.loss_and_grad(point)
        np.testing.assert_array_equal(shown[loss], grad[0])
    np.testing.assert_array_equal(shown["mse"], 2 * shown["half-mse"])
    np.testing.assert_allclose(shown["sse"], n * shown["half-mse"], rtol=1e-13)
