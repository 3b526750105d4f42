"""The ten update rules against hand-worked steps of the torch.optim pseudo-code, their descent on
simple problems, and the checking of hyperparameters.

Most hand calculations use f(x) = x² (gradient g = 2x) from x = 2. Steps 2 and 3 are computed below
with plain Python floats by a line-by-line transcription of the torch.optim documentation's
pseudo-code (weight decay 0, no dampening, maximize False).
"""

import math

import numpy as np
import pytest

import gdsim
from gdsim import InputError
from gdsim.engine import ANALYTIC_PROBLEMS, OPTIMIZERS, Run, default_lr

from tolerance import UPDATE_ULPS, ulps


def parabola_steps(name: str, n: int, x0: float = 2.0, **overrides) -> list[float]:
    """x₀, x₁, …, xₙ on f(x) = x², stepping with Optimizer.step and the gradient 2x computed here.

    The same n steps through gdsim.simulate (the run's step loop) must give the very same numbers.
    """
    opt = OPTIMIZERS[name]
    hp = opt.resolve(overrides.pop("lr", 0.1), overrides)
    params = np.array([[x0]])
    state = opt.init(params)
    xs = [x0]
    for _ in range(n):
        opt.step(2.0 * params, state, params, hp)
        xs.append(float(params[0, 0]))
    assert state.step == n
    sim = gdsim.simulate("parabola", name, [x0], steps=n, tol=0, **hp)
    np.testing.assert_array_equal(sim.params[:, 0, 0], xs)  # the same element-wise arithmetic
    return xs


def assert_steps(actual: list[float], expected: list[float]) -> None:
    """The same steps grouped differently (gdsim folds Adam's bias corrections into η and ε, the hand
    calculation writes decimals): each step differs by at most UPDATE_ULPS ulps of the numbers in it,
    and on f(x) = x² with these η a step does not enlarge an earlier difference, so after t steps the
    difference is at most t·UPDATE_ULPS ulps of the largest |x| so far."""
    assert len(actual) == len(expected)
    for t, (a, e) in enumerate(zip(actual, expected, strict=True)):
        scale = max(abs(x) for x in expected[: t + 1])
        assert a == pytest.approx(e, rel=0, abs=ulps(t * UPDATE_ULPS, scale)), f"step {t}: {a!r} != {e!r}"


# --- first steps by hand -----------------------------------------------------------------------


def test_sgd_first_steps_by_hand():
    # θ ← θ − γg with γ = 0.1:  g₀ = 4, x₁ = 2 − 0.1·4 = 1.6;  g₁ = 3.2, x₂ = 1.6 − 0.32 = 1.28;
    # g₂ = 2.56, x₃ = 1.28 − 0.256 = 1.024.
    assert_steps(parabola_steps("sgd", 3), [2.0, 1.6, 1.28, 1.024])


def test_sgd_lr_zero_does_not_move():
    assert parabola_steps("sgd", 3, lr=0.0) == [2.0] * 4


def test_momentum_first_steps_by_hand():
    # b ← μb + g, θ ← θ − γb with μ = 0.9, γ = 0.1:
    # b₁ = 4, x₁ = 2 − 0.4 = 1.6;  g = 3.2, b₂ = 0.9·4 + 3.2 = 6.8, x₂ = 1.6 − 0.68 = 0.92;
    # g = 1.84, b₃ = 0.9·6.8 + 1.84 = 7.96, x₃ = 0.92 − 0.796 = 0.124.
    assert_steps(parabola_steps("momentum", 3), [2.0, 1.6, 0.92, 0.124])


def test_momentum_non_default_mu_by_hand():
    # μ = 0.5: b₁ = 4, x₁ = 1.6;  b₂ = 0.5·4 + 3.2 = 5.2, x₂ = 1.6 − 0.52 = 1.08;
    # g = 2.16, b₃ = 2.6 + 2.16 = 4.76, x₃ = 1.08 − 0.476 = 0.604.
    assert_steps(parabola_steps("momentum", 3, momentum=0.5), [2.0, 1.6, 1.08, 0.604])


def test_nesterov_first_steps_by_hand():
    # b ← μb + g;  g' = g + μb;  θ ← θ − γg'  (torch's nesterov=True), μ = 0.9, γ = 0.1:
    # b₁ = 4, g' = 4 + 3.6 = 7.6, x₁ = 2 − 0.76 = 1.24;
    # g = 2.48, b₂ = 3.6 + 2.48 = 6.08, g' = 2.48 + 5.472 = 7.952, x₂ = 1.24 − 0.7952 = 0.4448;
    # g = 0.8896, b₃ = 5.472 + 0.8896 = 6.3616, g' = 0.8896 + 5.72544 = 6.61504, x₃ = −0.216704.
    assert_steps(parabola_steps("nesterov", 3), [2.0, 1.24, 0.4448, -0.216704])


def test_adagrad_first_steps_by_hand():
    # s ← s + g²;  θ ← θ − γg/(√s + ε), γ = 0.1, ε = 1e-10:
    # s₁ = 16, x₁ = 2 − 0.1·4/(4 + 1e-10) ≈ 1.9.
    x1 = 2 - 0.1 * 4 / (4 + 1e-10)
    g1 = 2 * x1
    s2 = 16 + g1 * g1  # ≈ 16 + 14.44 = 30.44
    x2 = x1 - 0.1 * g1 / (math.sqrt(s2) + 1e-10)  # ≈ 1.9 − 0.38/5.5173 ≈ 1.8311
    g2 = 2 * x2
    s3 = s2 + g2 * g2
    x3 = x2 - 0.1 * g2 / (math.sqrt(s3) + 1e-10)
    # Hand values written to k decimals are checked to half a unit of the last one; x₁ is 1.9 up to
    # ε's share 0.1·1e-10/4 = 2.5e-12.
    assert x1 == pytest.approx(1.9, abs=2.5e-12 + ulps(4, 2.0)) and x2 == pytest.approx(1.8311, abs=5e-5)
    assert_steps(parabola_steps("adagrad", 3), [2.0, x1, x2, x3])


def adadelta_reference(x: float, n: int, lr: float, rho: float = 0.9, eps: float = 1e-6) -> list[float]:
    # torch.optim.Adadelta: v ← ρv + (1 − ρ)g²;  Δ ← √(u + ε)/√(v + ε)·g;  u ← ρu + (1 − ρ)Δ²;
    # θ ← θ − γΔ
    v = u = 0.0
    xs = [x]
    for _ in range(n):
        g = 2 * x
        v = rho * v + (1 - rho) * g * g
        delta = math.sqrt(u + eps) / math.sqrt(v + eps) * g
        u = rho * u + (1 - rho) * delta * delta
        x = x - lr * delta
        xs.append(x)
    return xs


def test_adadelta_first_steps_by_hand():
    # γ = 1, ρ = 0.9, ε = 1e-6:  v₁ = 0.1·16 = 1.6;  Δ₁ = √1e-6/√(1.6 + 1e-6)·4 ≈ 0.0031623;
    # u₁ = 0.1·Δ₁² ≈ 1e-6;  x₁ = 2 − Δ₁ ≈ 1.9968377.
    delta1 = math.sqrt(1e-6) / math.sqrt(1.6 + 1e-6) * 4
    assert delta1 == pytest.approx(0.0031623, abs=5e-8)
    expected = adadelta_reference(2.0, 3, lr=1.0)
    assert expected[1] == 2 - delta1
    assert_steps(parabola_steps("adadelta", 3, lr=1.0), expected)


def test_adadelta_accumulates_the_step_before_lr():
    # With γ = 0.5 the running mean u holds Δ², not (γΔ)²: the second step shows which.
    expected = adadelta_reference(2.0, 3, lr=0.5, rho=0.8, eps=1e-4)
    assert_steps(parabola_steps("adadelta", 3, lr=0.5, rho=0.8, eps=1e-4), expected)


def rmsprop_reference(x: float, n: int, lr: float, alpha: float = 0.99, eps: float = 1e-8,
                      momentum: float = 0.0) -> list[float]:
    # torch.optim.RMSprop (centered=False): v ← αv + (1 − α)g²;
    # if μ > 0: b ← μb + g/(√v + ε), θ ← θ − γb;  else θ ← θ − γg/(√v + ε)
    v = b = 0.0
    xs = [x]
    for _ in range(n):
        g = 2 * x
        v = alpha * v + (1 - alpha) * g * g
        if momentum > 0:
            b = momentum * b + g / (math.sqrt(v) + eps)
            x = x - lr * b
        else:
            x = x - lr * g / (math.sqrt(v) + eps)
        xs.append(x)
    return xs


def test_rmsprop_first_steps_by_hand():
    # γ = 0.01, α = 0.99:  v₁ = 0.01·16 = 0.16, x₁ = 2 − 0.01·4/(0.4 + 1e-8) ≈ 1.9;
    # g = 3.8, v₂ = 0.99·0.16 + 0.01·14.44 = 0.3028, x₂ = 1.9 − 0.038/(0.55027 + 1e-8) ≈ 1.83094.
    expected = rmsprop_reference(2.0, 3, lr=0.01)
    assert expected[1] == 2 - 0.01 * 4 / (0.4 + 1e-8)
    assert expected[2] == pytest.approx(1.83094, abs=5e-6)
    assert_steps(parabola_steps("rmsprop", 3, lr=0.01), expected)


def test_rmsprop_with_momentum_by_hand():
    # μ = 0.5: b₁ = 4/(0.4 + 1e-8) ≈ 10, x₁ = 2 − 0.01·10 ≈ 1.9 (as without momentum);
    # b₂ = 0.5·10 + 3.8/0.55027 ≈ 11.9057, x₂ ≈ 1.9 − 0.119057 = 1.78094 (without: 1.83094).
    expected = rmsprop_reference(2.0, 3, lr=0.01, momentum=0.5)
    assert expected[2] == pytest.approx(1.78094, abs=5e-6)
    assert_steps(parabola_steps("rmsprop", 3, lr=0.01, momentum=0.5), expected)
    assert parabola_steps("rmsprop", 3, lr=0.01)[2] != pytest.approx(expected[2], rel=1e-3)


def adam_reference(x: float, n: int, lr: float, beta1: float = 0.9, beta2: float = 0.999,
                   eps: float = 1e-8, amsgrad: bool = False) -> list[float]:
    # torch.optim.Adam: m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  m̂ = m/(1 − β₁ᵗ);
    # amsgrad: vₘₐₓ ← max(vₘₐₓ, v), v̂ = vₘₐₓ/(1 − β₂ᵗ); else v̂ = v/(1 − β₂ᵗ);  θ ← θ − γm̂/(√v̂ + ε)
    m = v = vmax = 0.0
    xs = [x]
    for t in range(1, n + 1):
        g = 2 * x
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1**t)
        if amsgrad:
            vmax = max(vmax, v)
            v_hat = vmax / (1 - beta2**t)
        else:
            v_hat = v / (1 - beta2**t)
        x = x - lr * m_hat / (math.sqrt(v_hat) + eps)
        xs.append(x)
    return xs


def test_adam_first_steps_by_hand():
    # Step 1: m = 0.1·4 = 0.4, v = 0.001·16 = 0.016, m̂ = 0.4/0.1 = 4, v̂ = 0.016/0.001 = 16,
    # x₁ = 2 − 0.1·4/(4 + 1e-8) ≈ 1.9.
    # Step 2: g = 3.8, m = 0.36 + 0.38 = 0.74, v = 0.015984 + 0.01444 = 0.030424,
    # m̂ = 0.74/0.19 ≈ 3.894737, v̂ = 0.030424/0.001999 ≈ 15.21961, x₂ ≈ 1.9 − 0.1·3.894737/3.901232.
    x1 = 2 - 0.1 * 4 / (4 + 1e-8)
    x2 = x1 - 0.1 * (0.74 / 0.19) / (math.sqrt(0.030424 / 0.001999) + 1e-8)
    expected = adam_reference(2.0, 3, lr=0.1)
    assert expected[1] == pytest.approx(x1, abs=ulps(UPDATE_ULPS, 2.0))  # one step, grouped two ways
    # The hand step uses g = 3.8, where 2·x₁ = 3.8 + 5e-10: that moves x₂ by far less than 1e-9.
    assert expected[2] == pytest.approx(x2, rel=1e-9)
    assert_steps(parabola_steps("adam", 3), expected)


def test_adam_non_default_betas():
    expected = adam_reference(2.0, 3, lr=0.05, beta1=0.5, beta2=0.9, eps=1e-3)
    assert_steps(parabola_steps("adam", 3, lr=0.05, beta1=0.5, beta2=0.9, eps=1e-3), expected)


def test_amsgrad_first_steps_by_hand():
    # With the defaults v grows over the first steps, so AMSGrad equals Adam there.
    assert_steps(parabola_steps("amsgrad", 3), adam_reference(2.0, 3, lr=0.1, amsgrad=True))
    assert parabola_steps("amsgrad", 2) == parabola_steps("adam", 2)


def test_amsgrad_keeps_the_largest_v():
    # γ = 1, β₂ = 0.5: step 1: m = 0.4, v = 0.5·16 = 8 = vₘₐₓ, m̂ = 4, v̂ = 8/0.5 = 16, x₁ ≈ 2 − 1 = 1.
    # Step 2: g ≈ 2, m = 0.36 + 0.2 = 0.56, v = 4 + 2 = 6 < vₘₐₓ = 8, m̂ = 0.56/0.19 ≈ 2.947368;
    # AMSGrad: v̂ = 8/0.75 ≈ 10.6667, x₂ ≈ 1 − 2.947368/3.265986 ≈ 0.097556;
    # Adam:    v̂ = 6/0.75 = 8,       x₂ ≈ 1 − 2.947368/2.828427 ≈ −0.042052.
    ams = adam_reference(2.0, 3, lr=1.0, beta2=0.5, amsgrad=True)
    adam = adam_reference(2.0, 3, lr=1.0, beta2=0.5)
    assert ams[2] == pytest.approx(0.097556, abs=5e-7)
    assert adam[2] == pytest.approx(-0.042052, abs=5e-7)
    assert_steps(parabola_steps("amsgrad", 3, lr=1.0, beta2=0.5), ams)
    assert_steps(parabola_steps("adam", 3, lr=1.0, beta2=0.5), adam)


def adamax_reference(x: float, n: int, lr: float, beta1: float = 0.9, beta2: float = 0.999,
                     eps: float = 1e-8) -> list[float]:
    # torch.optim.Adamax: m ← β₁m + (1 − β₁)g;  u ← max(β₂u, |g| + ε);  θ ← θ − γm/((1 − β₁ᵗ)u)
    m = u = 0.0
    xs = [x]
    for t in range(1, n + 1):
        g = 2 * x
        m = beta1 * m + (1 - beta1) * g
        u = max(beta2 * u, abs(g) + eps)
        x = x - lr * m / ((1 - beta1**t) * u)
        xs.append(x)
    return xs


def test_adamax_first_steps_by_hand():
    # Step 1: m = 0.4, u = max(0, 4 + 1e-8), x₁ = 2 − 0.1·0.4/(0.1·(4 + 1e-8)) ≈ 1.9.
    # Step 2: g ≈ 3.8, m = 0.74, u = max(0.999·4, 3.8) = 3.996 (the decayed maximum wins),
    # x₂ ≈ 1.9 − 0.1·0.74/(0.19·3.996) ≈ 1.80253.
    expected = adamax_reference(2.0, 3, lr=0.1)
    assert expected[1] == pytest.approx(2 - 0.1 * 0.4 / (0.1 * (4 + 1e-8)), abs=ulps(UPDATE_ULPS, 2.0))
    assert expected[2] == pytest.approx(1.80253, abs=5e-6)
    assert_steps(parabola_steps("adamax", 3), expected)


def nadam_reference(x: float, n: int, lr: float, beta1: float = 0.9, beta2: float = 0.999,
                    eps: float = 1e-8, psi: float = 4e-3) -> list[float]:
    # torch.optim.NAdam: μₜ = β₁(1 − ½·0.96^(tψ)), μₜ₊₁ = β₁(1 − ½·0.96^((t+1)ψ));
    # m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
    # m̂ = μₜ₊₁m/(1 − Πᵢ₌₁ᵗ⁺¹μᵢ) + (1 − μₜ)g/(1 − Πᵢ₌₁ᵗμᵢ);  v̂ = v/(1 − β₂ᵗ);  θ ← θ − γm̂/(√v̂ + ε)
    m = v = 0.0
    product = 1.0
    xs = [x]
    for t in range(1, n + 1):
        g = 2 * x
        mu = beta1 * (1 - 0.5 * 0.96 ** (t * psi))
        mu_next = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        product *= mu
        m_hat = mu_next * m / (1 - product * mu_next) + (1 - mu) * g / (1 - product)
        v_hat = v / (1 - beta2**t)
        x = x - lr * m_hat / (math.sqrt(v_hat) + eps)
        xs.append(x)
    return xs


def test_nadam_first_steps_by_hand():
    # Step 1: μ₁ = 0.9(1 − ½·0.96^0.004) ≈ 0.4500735, μ₂ = 0.9(1 − ½·0.96^0.008) ≈ 0.4501469;
    # m = 0.4, v̂ = 16; m̂ = μ₂·0.4/(1 − μ₁μ₂) + (1 − μ₁)·4/(1 − μ₁) ≈ 0.225807 + 4;
    # x₁ ≈ 2 − 0.1·4.225807/4 ≈ 1.894355.
    mu1 = 0.9 * (1 - 0.5 * 0.96**0.004)
    mu2 = 0.9 * (1 - 0.5 * 0.96**0.008)
    x1 = 2 - 0.1 * (mu2 * 0.4 / (1 - mu1 * mu2) + 4) / (4 + 1e-8)
    assert x1 == pytest.approx(1.894355, abs=5e-7)
    expected = nadam_reference(2.0, 3, lr=0.1)
    assert expected[1] == pytest.approx(x1, abs=ulps(UPDATE_ULPS, 2.0))
    assert_steps(parabola_steps("nadam", 3), expected)


def test_nadam_momentum_decay_changes_the_steps():
    # ψ = 0.5 makes μₜ approach β₁ faster: μ₁ = 0.9(1 − ½·0.96^0.5) ≈ 0.45909 (default ≈ 0.45007).
    expected = nadam_reference(2.0, 3, lr=0.1, psi=0.5)
    assert_steps(parabola_steps("nadam", 3, momentum_decay=0.5), expected)
    default = nadam_reference(2.0, 3, lr=0.1)
    assert all(abs(a - b) > 1e-4 for a, b in zip(expected[1:], default[1:], strict=True))


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_optimizer_rule_is_element_wise(name):
    # K starts in d dimensions are K·d independent one-dimensional updates.
    opt = OPTIMIZERS[name]
    hp = opt.resolve(0.05)
    rng = np.random.default_rng(1)
    params = rng.normal(size=(3, 2))
    grads = [rng.normal(size=(3, 2)) for _ in range(3)]
    single = {(i, j): (np.array([[params[i, j]]]), None) for i in range(3) for j in range(2)}
    single = {key: (p, opt.init(p)) for key, (p, _) in single.items()}
    state = opt.init(params)
    for g in grads:
        opt.step(g, state, params, hp)
        for (i, j), (p, s) in single.items():
            opt.step(np.array([[g[i, j]]]), s, p, hp)
    for (i, j), (p, _) in single.items():
        assert params[i, j] == p[0, 0]


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_optimizer_init_gives_zero_state(name):
    opt = OPTIMIZERS[name]
    params = np.ones((4, 2))
    state = opt.init(params)
    assert state.step == 0
    assert set(state.buffers) == set(opt.buffers)
    for buf in state.buffers.values():
        assert buf.shape == (4, 2) and not buf.any()
    np.testing.assert_array_equal(params, 1.0)


# --- descent on the default problems ------------------------------------------------------------


@pytest.mark.parametrize("name", list(OPTIMIZERS))
@pytest.mark.parametrize(("problem", "steps"), [("parabola", 500), ("rosenbrock", 2000)])
def test_optimizer_decreases_loss_from_default_start(name, problem, steps):
    sim = gdsim.simulate(problem, name, steps=steps)
    assert sim.hyperparameters["lr"] == default_lr(ANALYTIC_PROBLEMS[problem], OPTIMIZERS[name])
    assert sim.status[0] != "diverged"
    start, end = sim.loss[0, 0], sim.loss[-1, 0]
    assert np.isfinite(sim.loss).all()
    if problem == "parabola":
        assert end < 0.01 * start
    else:
        assert end < start
        assert sim.loss[:, 0].min() < start


def test_default_lr_follows_the_kind_of_optimizer():
    problem = ANALYTIC_PROBLEMS["rosenbrock"]
    for name in ("sgd", "momentum", "nesterov"):
        assert default_lr(problem, OPTIMIZERS[name]) == problem.lr
    for name in ("adagrad", "rmsprop", "adam", "adamax", "nadam", "amsgrad"):
        assert default_lr(problem, OPTIMIZERS[name]) == problem.adaptive_lr
    assert default_lr(problem, OPTIMIZERS["adadelta"]) == 1.0


# PyTorch's documented defaults (momentum: Ruder's 0.9, since PyTorch's 0 would switch it off).
_TORCH_DEFAULTS = {
    "sgd": {},
    "momentum": {"momentum": 0.9},
    "nesterov": {"momentum": 0.9},
    "adagrad": {"eps": 1e-10},
    "adadelta": {"rho": 0.9, "eps": 1e-6},
    "rmsprop": {"alpha": 0.99, "eps": 1e-8, "momentum": 0.0},
    "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
    "adamax": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
    "nadam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "momentum_decay": 4e-3},
    "amsgrad": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
}


def test_optimizer_catalogue_is_the_ten_with_torch_defaults():
    assert set(OPTIMIZERS) == set(_TORCH_DEFAULTS)
    for name, defaults in _TORCH_DEFAULTS.items():
        assert OPTIMIZERS[name].resolve(0.3) == {"lr": 0.3, **defaults}, name


# --- hyperparameter validation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("optimizer", "name", "value", "allowed"),
    [
        ("sgd", "lr", -0.1, "[0, ∞)"),
        ("adam", "lr", -1e-9, "[0, ∞)"),
        ("adam", "beta1", 1.0, "[0, 1)"),
        ("nadam", "beta2", 1.0, "[0, 1)"),
        ("adam", "beta1", -0.1, "[0, 1)"),
        ("adadelta", "rho", 1.5, "[0, 1]"),
        ("nesterov", "momentum", 0.0, "(0, ∞)"),
        ("momentum", "momentum", -0.5, "[0, ∞)"),
        ("adagrad", "eps", -1e-10, "[0, ∞)"),
    ],
)
def test_hyperparameter_out_of_range_raises_input_error(optimizer, name, value, allowed):
    opt = OPTIMIZERS[optimizer]
    with pytest.raises(InputError) as e:
        opt.resolve(0.1, {name: value})
    assert allowed in str(e.value) and str(value) in str(e.value)
    with pytest.raises(InputError, match=r"must be in"):
        gdsim.simulate("parabola", optimizer, steps=1, **{name: value})
    run = Run(ANALYTIC_PROBLEMS["parabola"], optimizer, [2.0])
    with pytest.raises(InputError, match=r"must be in"):
        run.set_hyperparameter(name, value)


def test_hyperparameter_edges_are_accepted():
    assert OPTIMIZERS["adam"].resolve(0.1, {"beta1": 0.0, "beta2": 0.0})["beta1"] == 0.0
    assert OPTIMIZERS["adadelta"].resolve(1.0, {"rho": 1.0})["rho"] == 1.0
    assert OPTIMIZERS["momentum"].resolve(0.1, {"momentum": 0.0})["momentum"] == 0.0
    assert OPTIMIZERS["sgd"].resolve(None, {"lr": "0.25"})["lr"] == 0.25


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "rmsprop"])
def test_hyperparameter_unknown_name_lists_the_valid_ones(optimizer):
    opt = OPTIMIZERS[optimizer]
    with pytest.raises(InputError) as e:
        opt.resolve(0.1, {"betas": 0.5})
    message = str(e.value)
    assert "'betas'" in message
    for h in opt.hyperparameters:
        assert h.name in message
    with pytest.raises(InputError, match="no hyperparameter 'betas'"):
        gdsim.simulate("parabola", optimizer, steps=1, betas=0.5)


@pytest.mark.parametrize("value", ["fast", None, "nan", float("inf"), float("nan"), [0.1]])
def test_hyperparameter_non_number_raises_input_error(value):
    with pytest.raises(InputError, match=r"learning rate.*(number|finite)"):
        OPTIMIZERS["sgd"].resolve(None, {"lr": value})


def test_hyperparameter_missing_lr_raises_input_error():
    with pytest.raises(InputError, match="learning rate"):
        OPTIMIZERS["adam"].resolve(None)


def test_input_error_is_a_value_error():
    assert issubclass(InputError, ValueError)


@pytest.mark.parametrize(("name", "value"), [("lr", -1.0), ("momentum", "lots"), ("nope", 1.0)])
def test_run_unchanged_after_rejected_set_hyperparameter(name, value):
    problem = ANALYTIC_PROBLEMS["rosenbrock"]
    run = Run(problem, "momentum", [-1.2, 1.0], {"lr": 0.001}, tol=0)
    twin = Run(problem, "momentum", [-1.2, 1.0], {"lr": 0.001}, tol=0)
    run.advance(5)
    twin.advance(5)
    before = dict(run.hyperparameters)
    with pytest.raises(InputError):
        run.set_hyperparameter(name, value)
    assert run.hyperparameters == before
    run.advance(5)
    twin.advance(5)
    np.testing.assert_array_equal(run.params, twin.params)
    np.testing.assert_array_equal(run.history().params, twin.history().params)


def test_rmsprop_alpha_above_one_is_refused():
    # PyTorch only asks α ≥ 0; above 1 the running mean of g² would turn negative
    with pytest.raises(InputError, match=r"alpha must be in \[0, 1\]"):
        OPTIMIZERS["rmsprop"].resolve(0.01, {"alpha": 2.0})
