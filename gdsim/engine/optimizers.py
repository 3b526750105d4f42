"""The ten optimizers of Ruder's overview, with PyTorch's update rules and default hyperparameters.

Each optimizer is data plus two functions: ``init(params) -> State`` and
``update(grad, state, params, c, ws)``, which advances params (K, d) and the state in place by one
step, with the hyperparameters given as ``c = coefficients(hp)``; ``Optimizer.step`` does both.
Every rule is element-wise, so K starts (or K
copies of one start) are one array. The arithmetic follows the pseudo-code of the torch.optim class
named in ``torch_equivalent`` (weight decay, dampening, ``maximize`` and ``centered`` are not offered),
so the same run gives the same numbers as in PyTorch, up to rounding.

RMSprop's α is kept in [0, 1] (PyTorch only asks α ≥ 0; above 1 the running mean of g² turns
negative). Where PyTorch's default would switch the method off (SGD's ``momentum=0``), ``momentum`` and
``nesterov`` default to 0.9, the value Ruder's overview uses. The default ``lr`` comes from the problem
(``default_lr``): ``Problem.lr`` for plain and momentum descent, ``Problem.adaptive_lr`` for the adaptive
methods, and PyTorch's 1.0 for Adadelta, whose ``lr`` only scales a step that is already in the
units of the parameters.
"""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .errors import QT_TRANSLATE_NOOP, InputError, check_name, parse_number, shown
from .workspace import Workspace, column_major


@dataclass(frozen=True)
class Hyperparameter:
    name: str
    default: float | None  # None: taken from the problem (only lr)
    low: float
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    description: str = ""

    @property
    def allowed(self) -> str:
        left = "(" if self.low_open else "["
        right = ")" if self.high_open or self.high == math.inf else "]"
        high = "∞" if self.high == math.inf else f"{self.high:g}"
        return f"{left}{self.low:g}, {high}{right}"

    def check(self, value) -> float:
        """The value as a float if it is allowed, else an InputError saying what is allowed."""
        what = QT_TRANSLATE_NOOP("errors", "the learning rate η (lr)") if self.name == "lr" else self.name
        v = parse_number(value, what)
        below = v < self.low or (self.low_open and v == self.low)
        above = v > self.high or (self.high_open and v == self.high)
        if below or above:
            raise InputError(QT_TRANSLATE_NOOP("errors", "{what} must be in {allowed}, got {value}"),
                             what=what, allowed=self.allowed, value=value)
        return v


class State:
    """An optimizer's state: the step count t, named arrays shaped like params, and scalars."""

    def __init__(self, params: np.ndarray, buffers: tuple[str, ...], scalars: dict[str, float] | None = None):
        self.step = 0
        self.buffers = {name: np.zeros_like(params) for name in buffers}
        self.scalars = dict(scalars or {})

    def take(self, rows: np.ndarray) -> None:
        """Keep only the given starts (rows), in order, in a fresh layout like the old one."""
        for name, buf in self.buffers.items():
            kept = column_major(len(rows), buf.shape[1])
            np.take(buf, rows, axis=0, out=kept)
            self.buffers[name] = kept

    def copy(self) -> "State":
        clone = State.__new__(State)
        clone.step = self.step
        clone.buffers = {name: buf.copy() for name, buf in self.buffers.items()}
        clone.scalars = dict(self.scalars)
        return clone


UpdateFn = Callable[[np.ndarray, State, np.ndarray, dict, Workspace], None]


@dataclass(frozen=True, eq=False)
class Optimizer:
    name: str
    title: str
    torch_equivalent: str
    hyperparameters: tuple[Hyperparameter, ...]
    buffers: tuple[str, ...]
    update: UpdateFn = field(repr=False)
    lr_kind: str = "adaptive"  # 'plain', 'adaptive' or 'unit' (see default_lr)
    scalars: tuple[tuple[str, float], ...] = ()
    # The update rule as the window's formula panel writes it, one line per formula, in order; the
    # panel adds the numbers. RMSprop's last two lines replace its second when μ > 0.
    rule: tuple[str, ...] = ()

    def init(self, params: np.ndarray) -> State:
        return State(params, self.buffers, dict(self.scalars))

    def step(self, grad: np.ndarray, state: State, params: np.ndarray, hp: dict[str, float],
             ws: Workspace | None = None) -> None:
        """One update of params and state, in place, with hyperparameters given as plain numbers."""
        self.update(grad, state, params, coefficients(hp), ws or Workspace())

    def hyperparameter(self, name: str) -> Hyperparameter:
        for h in self.hyperparameters:
            if h.name == name:
                return h
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "{optimizer} has no hyperparameter {name!r}; its hyperparameters are: {valid}"),
            optimizer=self.name, name=shown(name), valid=", ".join(h.name for h in self.hyperparameters))

    def resolve(self, lr: float | None, overrides: dict | None = None) -> dict[str, float]:
        """The defaults with ``lr`` as the default η, then the overrides, checked: a new dict.

        An unknown name or a value out of range raises InputError, naming what is allowed.
        """
        values = {h.name: h.default for h in self.hyperparameters}
        if lr is not None:
            values["lr"] = float(lr)
        if overrides is not None and not isinstance(overrides, Mapping):
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "hyperparameters must be given by name, in a dict such as {{'lr': 0.1}}; "
                "got {got!r}"), got=shown(overrides))
        for name, value in (overrides or {}).items():
            values[name] = self.hyperparameter(name).check(value)
        if values["lr"] is None:
            raise InputError(QT_TRANSLATE_NOOP("errors", "{optimizer} needs a learning rate: give lr"),
                             optimizer=self.name)
        return values


def default_lr(problem, optimizer: Optimizer) -> float:
    if optimizer.lr_kind == "plain":
        return problem.lr
    if optimizer.lr_kind == "unit":
        return 1.0
    return problem.adaptive_lr


# --- update rules -------------------------------------------------------------------------------
# g: gradient, p: params, s: state, all (K, d); c: the hyperparameters as coefficients (see
# ``coefficients``). The comment above each is the torch.optim pseudo-code.


def coefficients(hp: dict[str, float]) -> dict[str, np.ndarray]:
    """Each hyperparameter as a 0-d array, and its complement 1 − value under "1-name".

    Numpy converts a Python float operand on every call; for one start that conversion costs as much
    as the arithmetic, so the update rules take their constants ready-made.
    """
    c = {}
    for name, value in hp.items():
        c[name] = np.array(value, dtype=float)
        c["1-" + name] = np.array(1.0 - value, dtype=float)
    return c


def _sgd(g, s, p, c, ws):
    # θ ← θ − γ g
    s.step += 1
    t = ws.like("t", p)
    np.multiply(g, c["lr"], out=t)
    np.subtract(p, t, out=p)


def _momentum(g, s, p, c, ws):
    # b ← μ b + g (b₁ = g₁);  θ ← θ − γ b
    s.step += 1
    b, t = s.buffers["b"], ws.like("t", p)
    np.multiply(b, c["momentum"], out=b)
    np.add(b, g, out=b)
    np.multiply(b, c["lr"], out=t)
    np.subtract(p, t, out=p)


def _nesterov(g, s, p, c, ws):
    # b ← μ b + g;  g ← g + μ b;  θ ← θ − γ g
    s.step += 1
    mu = c["momentum"]
    b, t = s.buffers["b"], ws.like("t", p)
    np.multiply(b, mu, out=b)
    np.add(b, g, out=b)
    np.multiply(b, mu, out=t)
    np.add(t, g, out=t)
    np.multiply(t, c["lr"], out=t)
    np.subtract(p, t, out=p)


def ruder_nesterov(params: np.ndarray, b: np.ndarray, lr: float, momentum: float):
    """PyTorch's Nesterov point θ and buffer b, (K, d) each, in the variables of Ruder's overview:
    his parameters φ = θ + μ·v and his velocity v = η·b, returned as (φ, v).

    PyTorch (which the engine follows) keeps b and steps  b ← μ·b + ∇L(θ),  θ ← θ − η·(∇L(θ) + μ·b).
    Ruder writes  v ← μ·v + η·∇L(φ − μ·v),  φ ← φ − v: it evaluates the gradient at the look-ahead
    point φ − μ·v, where momentum alone would carry φ. The two are one method: with v = η·b and
    θ = φ − μ·v (so φ = θ + η·μ·b), Ruder's look-ahead point *is* PyTorch's θ, both start from
    φ₀ = θ₀ with v₀ = b₀ = 0, and each of Ruder's updates gives, in these variables, exactly
    PyTorch's: v ← μ·v + η·g is η·(μ·b + g) = η·b_new, and φ − v − μ·v_new = θ − η·(g + μ·b_new).
    So PyTorch's θ is the point where Ruder's form evaluates its gradient, and Ruder's φ is the point
    PyTorch's θ would be without the momentum look-ahead, η·μ·b ahead of it.

    With η changing from step to step (a schedule) PyTorch scales the whole step g + μ·b by the ηₜ of
    that step, which in Ruder's variables is his update with ηₜ after rescaling his velocity to
    v = ηₜ·b (by ηₜ/ηₜ₋₁) and his φ to θ + μ·v; for the update t this is what the η given here does.
    """
    velocity = lr * b
    return params + momentum * velocity, velocity


def _adagrad(g, s, p, c, ws):
    # sum ← sum + g²;  θ ← θ − γ g / (√sum + ε)
    s.step += 1
    acc, t = s.buffers["sum"], ws.like("t", p)
    np.multiply(g, g, out=t)
    np.add(acc, t, out=acc)
    np.sqrt(acc, out=t)
    np.add(t, c["eps"], out=t)
    np.divide(g, t, out=t)
    np.multiply(t, c["lr"], out=t)
    np.subtract(p, t, out=p)


def _adadelta(g, s, p, c, ws):
    # v ← ρv + (1 − ρ)g²;  Δ ← √(u + ε) / √(v + ε) · g;  u ← ρu + (1 − ρ)Δ²;  θ ← θ − γΔ
    s.step += 1
    eps = c["eps"]
    v, u = s.buffers["v"], s.buffers["u"]
    t, delta = ws.like("t", p), ws.like("delta", p)
    _running_mean(v, c["rho"], c["1-rho"], g, g, t)
    np.add(v, eps, out=t)
    np.sqrt(t, out=t)
    np.add(u, eps, out=delta)
    np.sqrt(delta, out=delta)
    np.divide(delta, t, out=delta)
    np.multiply(delta, g, out=delta)
    _running_mean(u, c["rho"], c["1-rho"], delta, delta, t)
    np.multiply(delta, c["lr"], out=delta)
    np.subtract(p, delta, out=p)


def _running_mean(acc, decay, weight, a, b, t):
    """acc ← decay·acc + weight·a·b."""
    np.multiply(acc, decay, out=acc)
    np.multiply(a, b, out=t)
    np.multiply(t, weight, out=t)
    np.add(acc, t, out=acc)


def _rmsprop(g, s, p, c, ws):
    # v ← αv + (1 − α)g²;  if μ > 0: b ← μb + g/(√v + ε), θ ← θ − γb;  else θ ← θ − γ g/(√v + ε)
    s.step += 1
    v, t = s.buffers["v"], ws.like("t", p)
    _running_mean(v, c["alpha"], c["1-alpha"], g, g, t)
    np.sqrt(v, out=t)
    np.add(t, c["eps"], out=t)
    np.divide(g, t, out=t)
    if c["momentum"] > 0:
        b = s.buffers["b"]
        np.multiply(b, c["momentum"], out=b)
        np.add(b, t, out=b)
        np.multiply(b, c["lr"], out=t)
    else:
        np.multiply(t, c["lr"], out=t)
    np.subtract(p, t, out=p)


def _moments(g, s, c, t):
    """m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²  (Adam, AMSGrad and NAdam share these)."""
    m, v = s.buffers["m"], s.buffers["v"]
    np.multiply(m, c["beta1"], out=m)
    np.multiply(g, c["1-beta1"], out=t)
    np.add(m, t, out=m)
    _running_mean(v, c["beta2"], c["1-beta2"], g, g, t)
    return m, v


def _adam(g, s, p, c, ws):
    # m̂ ← m/(1 − β₁ᵗ);  v̂ ← v/(1 − β₂ᵗ);  θ ← θ − γ m̂/(√v̂ + ε)
    s.step += 1
    t = ws.like("t", p)
    m, v = _moments(g, s, c, t)
    _adam_step(p, m, v, s.step, c, t)


def _amsgrad(g, s, p, c, ws):
    # as Adam, with v replaced by vₘₐₓ ← max(vₘₐₓ, v) before the bias correction
    s.step += 1
    t = ws.like("t", p)
    m, v = _moments(g, s, c, t)
    vmax = s.buffers["vmax"]
    np.maximum(vmax, v, out=vmax)
    _adam_step(p, m, vmax, s.step, c, t)


def _adam_step(p, m, v, step, c, t):
    # γ m̂/(√v̂ + ε) = γ' m/(√v + ε') with γ' = γ√(1 − β₂ᵗ)/(1 − β₁ᵗ) and ε' = ε√(1 − β₂ᵗ): the same
    # step up to rounding, with one pass over the arrays fewer.
    root = math.sqrt(1.0 - float(c["beta2"]) ** step)
    np.sqrt(v, out=t)
    np.add(t, float(c["eps"]) * root, out=t)
    np.divide(m, t, out=t)
    np.multiply(t, float(c["lr"]) * root / (1.0 - float(c["beta1"]) ** step), out=t)
    np.subtract(p, t, out=p)


def _adamax(g, s, p, c, ws):
    # m ← β₁m + (1 − β₁)g;  u ← max(β₂u, |g| + ε);  θ ← θ − γ m / ((1 − β₁ᵗ) u)
    s.step += 1
    m, u, t = s.buffers["m"], s.buffers["u"], ws.like("t", p)
    np.multiply(m, c["beta1"], out=m)
    np.multiply(g, c["1-beta1"], out=t)
    np.add(m, t, out=m)
    np.multiply(u, c["beta2"], out=u)
    np.abs(g, out=t)
    np.add(t, c["eps"], out=t)
    np.maximum(u, t, out=u)
    np.divide(m, u, out=t)
    np.multiply(t, float(c["lr"]) / (1.0 - float(c["beta1"]) ** s.step), out=t)
    np.subtract(p, t, out=p)


def _nadam(g, s, p, c, ws):
    # μₜ = β₁(1 − ½·0.96^(tψ));  m̂ = μₜ₊₁m/(1 − Πᵢ₌₁ᵗ⁺¹μᵢ) + (1 − μₜ)g/(1 − Πᵢ₌₁ᵗμᵢ);
    # v̂ = v/(1 − β₂ᵗ);  θ ← θ − γ m̂/(√v̂ + ε)
    s.step += 1
    step, b1, psi, lr = s.step, float(c["beta1"]), float(c["momentum_decay"]), float(c["lr"])
    mu = b1 * (1.0 - 0.5 * 0.96 ** (step * psi))
    mu_next = b1 * (1.0 - 0.5 * 0.96 ** ((step + 1) * psi))
    s.scalars["mu_product"] *= mu
    mu_product = s.scalars["mu_product"]
    t, denom = ws.like("t", p), ws.like("denom", p)
    m, v = _moments(g, s, c, t)
    np.divide(v, 1.0 - float(c["beta2"]) ** step, out=denom)
    np.sqrt(denom, out=denom)
    np.add(denom, c["eps"], out=denom)
    np.divide(g, denom, out=t)
    np.multiply(t, lr * (1.0 - mu) / (1.0 - mu_product), out=t)
    np.subtract(p, t, out=p)
    np.divide(m, denom, out=t)
    np.multiply(t, lr * mu_next / (1.0 - mu_product * mu_next), out=t)
    np.subtract(p, t, out=p)


# --- the catalogue ------------------------------------------------------------------------------

_LR = Hyperparameter("lr", None, 0.0, description="learning rate η: the step size")
_EPS_ADAM = Hyperparameter("eps", 1e-8, 0.0, description="ε: keeps the division finite")
_BETA1 = Hyperparameter("beta1", 0.9, 0.0, 1.0, high_open=True,
                        description="β₁: decay of the running mean of gradients")
_BETA2 = Hyperparameter("beta2", 0.999, 0.0, 1.0, high_open=True,
                        description="β₂: decay of the running mean of squared gradients")
_MOMENTUM = Hyperparameter("momentum", 0.9, 0.0, description="μ: how much of the last step carries over")
_ADAM_FAMILY = (_LR, _BETA1, _BETA2, _EPS_ADAM)

OPTIMIZERS: dict[str, Optimizer] = {
    o.name: o
    for o in (
        Optimizer("sgd", "Gradient descent", "torch.optim.SGD(lr)", (_LR,), (), _sgd, "plain",
                  rule=("θ ← θ − η·g",)),
        Optimizer("momentum", "Momentum", "torch.optim.SGD(lr, momentum)", (_LR, _MOMENTUM), ("b",),
                  _momentum, "plain", rule=("b ← μ·b + g", "θ ← θ − η·b")),
        Optimizer("nesterov", "Nesterov momentum", "torch.optim.SGD(lr, momentum, nesterov=True)",
                  (_LR, Hyperparameter("momentum", 0.9, 0.0, low_open=True,
                                       description="μ: how much of the last step carries over")),
                  ("b",), _nesterov, "plain",
                  rule=("b ← μ·b + g", "θ ← θ − η·(g + μ·b)")),
        Optimizer("adagrad", "Adagrad", "torch.optim.Adagrad(lr, eps)",
                  (_LR, Hyperparameter("eps", 1e-10, 0.0, description="ε: keeps the division finite")),
                  ("sum",), _adagrad, rule=("s ← s + g²", "θ ← θ − η·g / (√s + ε)")),
        Optimizer("adadelta", "Adadelta", "torch.optim.Adadelta(lr, rho, eps)",
                  (_LR, Hyperparameter("rho", 0.9, 0.0, 1.0, description="ρ: decay of both running means"),
                   Hyperparameter("eps", 1e-6, 0.0, description="ε: keeps the division finite")),
                  ("v", "u"), _adadelta, "unit",
                  rule=("v ← ρ·v + (1 − ρ)·g²", "Δ ← √(u + ε) / √(v + ε) · g", "u ← ρ·u + (1 − ρ)·Δ²",
                        "θ ← θ − η·Δ")),
        Optimizer("rmsprop", "RMSprop", "torch.optim.RMSprop(lr, alpha, eps, momentum)",
                  (_LR, Hyperparameter("alpha", 0.99, 0.0, 1.0,
                                                  description="α: decay of the running mean of g²"),
                   _EPS_ADAM, Hyperparameter("momentum", 0.0, 0.0, description="μ: momentum (0: none)")),
                  ("v", "b"), _rmsprop,
                  rule=("v ← α·v + (1 − α)·g²", "θ ← θ − η·g / (√v + ε)", "b ← μ·b + g / (√v + ε)",
                        "θ ← θ − η·b")),
        Optimizer("adam", "Adam", "torch.optim.Adam(lr, betas, eps)", _ADAM_FAMILY, ("m", "v"), _adam,
                  rule=("m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²", "m* = m / (1 − β₁ᵗ)",
                        "v* = v / (1 − β₂ᵗ)", "θ ← θ − η·m* / (√v* + ε)")),
        Optimizer("adamax", "AdaMax", "torch.optim.Adamax(lr, betas, eps)", _ADAM_FAMILY, ("m", "u"),
                  _adamax,
                  rule=("m ← β₁·m + (1 − β₁)·g", "u ← max(β₂·u, |g| + ε)", "θ ← θ − η·m / ((1 − β₁ᵗ)·u)")),
        Optimizer("nadam", "NAdam", "torch.optim.NAdam(lr, betas, eps, momentum_decay)",
                  _ADAM_FAMILY + (Hyperparameter("momentum_decay", 4e-3, 0.0,
                                                 description="ψ: how fast μₜ approaches β₁"),),
                  ("m", "v"), _nadam, scalars=(("mu_product", 1.0),),
                  rule=("m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²", "v* = v / (1 − β₂ᵗ)",
                        "μₜ = β₁·(1 − ½·0.96^(t·ψ)),  Πₜ = μ₁·μ₂·…·μₜ",
                        "θ ← θ − η·((1 − μₜ)·g / (1 − Πₜ) + μₜ₊₁·m / (1 − Πₜ₊₁)) / (√v* + ε)")),
        Optimizer("amsgrad", "AMSGrad", "torch.optim.Adam(lr, betas, eps, amsgrad=True)", _ADAM_FAMILY,
                  ("m", "v", "vmax"), _amsgrad,
                  rule=("m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²", "vₘₐₓ ← max(vₘₐₓ, v)",
                        "θ ← θ − η·(m / (1 − β₁ᵗ)) / (√(vₘₐₓ / (1 − β₂ᵗ)) + ε)")),
    )
}


def get_optimizer(name: str) -> Optimizer:
    if isinstance(name, Optimizer):
        return name
    return OPTIMIZERS[check_name("optimizer", name, OPTIMIZERS)]
