"""The live formulas: the loss L, its derivatives and the next update of the watched run,
written out with the current numbers filled in (rich text for a QTextBrowser).

Every number comes from the engine (the gradient, the optimizer's arrays before and after the step,
the point it leads to), and so does the text of each update rule (``Optimizer.rule``); the only
arithmetic done here is what the text itself shows, such as m* = m / (1 − β₁ᵗ) or the delta rule
for the first sample.
"""

import html
from dataclasses import dataclass, field

import numpy as np

from ..engine import OPTIMIZERS
from ..engine.models import square_loss_gradients
from ..engine.schedules import WARMUP, WARMUP_FORMULA
from .i18n import tidy, tr
from .names import formula_text, optimizer_title, schedule_title
from .style import format_number


@dataclass
class FormulaText:
    html: str
    values: dict = field(default_factory=dict)  # the numbers shown, by name (tests read them)


def num(v) -> str:
    """A number, or a vector as (a, b)."""
    a = np.atleast_1d(np.asarray(v, float))
    if a.size == 1:
        return format_number(float(a[0]))
    return "(" + ", ".join(format_number(float(x)) for x in a) + ")"


def factor(v) -> str:
    """A number as the right-hand factor of a product: a negative one in parentheses, "2 × (−3)"."""
    text = num(v)
    return f"({text})" if text.startswith("−") else text


def plus(left: str, v) -> str:
    """``left`` plus a number, written "a − 3" for a negative one, never "a + −3"."""
    text = num(v)
    return f"{left} − {text[1:]}" if text.startswith("−") else f"{left} + {text}"


def describe(problem, track) -> FormulaText:
    out = FormulaText("")
    parts = [_loss(problem, track, out), _gradient(problem, track, out)]
    if problem.name == "linreg" and problem.loss_kind.name in ("sse", "mse", "half-mse"):
        parts.append(_tutorial_beside(problem, track, out))
    if getattr(problem, "dataset", None) is not None and problem.loss_kind.name == "sse":
        parts.append(_delta_rule(problem, track, out))
    if getattr(track, "diverging", False):
        parts.append(_diverging())
    parts.append(_update(problem, track, out) if track.status == "running" else _stopped(problem, track))
    if problem.name in ("linreg", "neuron"):
        parts.append(_convention(problem))
    out.html = "".join(p for p in parts if p)
    return out


def _p(*lines: str) -> str:
    return "<p>" + "<br>".join(lines) + "</p>"


def _h(text: str) -> str:
    return f"<h3>{html.escape(text)}</h3>"


def _e(text: str) -> str:
    return html.escape(text)


def _loss(problem, track, out) -> str:
    out.values["loss"] = float(track.loss)
    return _h(tr("Loss")) + _p(_e(problem.formula), tr("now L = {0}").format(num(track.loss)))


def _gradient(problem, track, out) -> str:
    g = np.asarray(track.gradient, float)
    out.values["gradient"] = g
    lines = [f"{_e(formula)} = <b>{num(value)}</b>"
             for formula, value in zip(problem.gradient_formula, g, strict=False)]
    if problem.dim == 1:
        lines.append(tr("the slope of the tangent at x = {0}: {1}").format(
            num(track.params), num(g)))
        lines.append(tr("positive slope: step left; negative: step right — against the slope"))
    # One variable has a derivative (导数); several have partial derivatives (偏导数), the gradient.
    heading = tr("Derivative") if problem.dim == 1 else tr("Gradient (partial derivatives)")
    return _h(heading) + _p(*lines)


def _tutorial_beside(problem, track, out) -> str:
    """The tutorial's ∂C/∂w = (1/N) Σ (wx + b − y)·x and ∂C/∂b beside SSE's, MSE's and the derivative
    of its C = Σ (wx + b − y)² itself, all at the current point: the same direction, other factors."""
    grads = square_loss_gradients(problem, track.params)
    n = len(problem.dataset.y)
    tutorial, sse, mse = grads["half-mse"], grads["sse"], grads["mse"]
    own_c = 2.0 * sse  # C = Σ (ŷ − y)² is twice L = ½ Σ (ŷ − y)²: doubling is exact
    out.values.update(tutorial=tutorial, sse=sse, mse=mse, tutorial_c=own_c)
    lines = [
        _e(tr("(∂/∂w, ∂/∂b) at (w, b) = {0}, N = {1}:").format(num(track.params), n)),
        _line(tr("the tutorial: (1/N) Σ (wx + b − y)·x, (1/N) Σ (wx + b − y)"), tutorial),
        _e(tr("(the gradient of half-mse, L = 1/(2N) Σ (y − ŷ)²)")),
        _line(tr("SSE, L = ½ Σ (y − ŷ)²: N × the tutorial's"), sse),
        _line(tr("MSE, L = (1/N) Σ (y − ŷ)²: 2 × the tutorial's"), mse),
        _line(tr("the tutorial's C = Σ (wx + b − y)² itself: 2N × the tutorial's"), own_c),
        _e(tr("All four point the same way and differ by a constant factor, which η makes up: "
              "η on SSE takes the step that N·η takes on half-mse.")),
    ]
    return _h(tr("The tutorial's formulas beside SSE and MSE")) + _p(*lines)


def _delta_rule(problem, track, out) -> str:
    """h = w·x + b, ŷ = f(h), δ = (y − ŷ) f′(h), and Δw = η Σ δ x for the first sample and in sum: the
    step plain gradient descent takes, which another optimizer turns into its own (said so)."""
    data, act = problem.dataset, problem.activation
    k = data.n_inputs
    w, b = np.asarray(track.params[:k], float), float(track.params[k])
    x, y = data.X[0], float(data.y[0])
    h = float(x @ w + b)
    f_h, slope = np.empty(1), np.empty(1)
    with np.errstate(all="ignore"):
        act.forward(np.array([h]), f_h)
        act.derivative(np.array([h]), f_h, slope)
    delta = (y - f_h[0]) * slope[0]
    lr = track.lr  # the η of the next update (with a schedule: lr times its factor)
    sums = -np.asarray(track.gradient, float)  # Σ δ·xᵢ and Σ δ, from the engine's gradient
    out.values.update(h=h, yhat=float(f_h[0]), delta=float(delta), sum_delta_x=sums, delta_step=lr * sums)
    if act.name == "identity":  # linear regression: ŷ = h, so f′(h) = 1 and δ is the error itself
        rule = "h = w·x + b,  ŷ = h,  δ = y − ŷ  (f′(h) = 1)"
    else:
        rule = f"h = w·x + b,  ŷ = f(h),  δ = (y − ŷ)·f′(h),  {formula_text(act.derivative_formula)}"
    lines = [
        _e(rule),
        tr("first sample x = {0}, y = {1}: h = {2}, ŷ = {3}, δ = {4}").format(
            num(x), num(y), num(h), num(f_h[0]), num(delta)),
    ]
    for i, name in enumerate(problem.param_names):
        term = "Σ δ·x" if i < k and k == 1 else (f"Σ δ·x{i + 1}" if i < k else "Σ δ")
        lines.append(_line(f"Δ{name} = η·{term} = {num(lr)} × {factor(sums[i])}", lr * sums[i]))
    if track.optimizer == "sgd":
        lines.append(_e(tr("This is the step gradient descent takes.")))
    else:
        lines.append(_e(tidy(tr("This is the plain gradient step, for comparison: {0} starts from the same "
                                "gradient but takes a step of its own (below).").format(
            optimizer_title(track.optimizer)))))
    return _h(tr("The delta rule")) + _p(*lines)


def _update(problem, track, out) -> str:
    """The optimizer's rule for the next step, with the numbers before and after it."""
    name = track.optimizer
    hp = dict(track.hyperparameters, lr=track.lr)  # η as the next update uses it
    g = np.asarray(track.update_gradient, float)
    theta, after = np.asarray(track.params, float), np.asarray(track.next_params, float)
    before, new = track.state_before, track.state_after
    t = track.update_step
    out.values.update(update_gradient=g, next=after, step=after - theta, t=t)
    for key, value in new.items():
        out.values[key] = np.asarray(value, float)
    lr = hp.get("lr", 0.0)
    written = _RULES.get(name)
    lines = _schedule(track, t, out)
    rows = getattr(track, "batch_rows", None)
    if rows is not None:
        out.values["batch_gradient"] = g
        n = len(problem.dataset.y)
        lines.append(_line(tr("g: the gradient on this step's mini-batch, {0} of the {1} samples").format(
            len(rows), n), g))
    lines += written(OPTIMIZERS[name].rule, hp, g, before, new, t, track.scalars) if written else []
    lines.append(_e(plus(f"θ ← {num(theta)}", after - theta) + " = ") + f"<b>{num(after)}</b>")
    if getattr(track, "lookahead", None) is not None:
        look = track.lookahead
        out.values.update(ruder_position=np.asarray(look.position, float),
                          ruder_velocity=np.asarray(look.velocity, float))
        lines.append(_e(tr("Ruder's form is the same method: his point φ = θ + η·μ·b = {0} moves by momentum "
                           "alone to the look-ahead point φ − μ·v (v = η·b) = θ, takes the gradient there, "
                           "and steps v ← μ·v + η·g, φ ← φ − v; so θ is where he looks ahead to.").format(
            num(look.position))))
    title = tidy(tr("Next step of {0} (t = {1}, η = {2})").format(optimizer_title(name), t, num(lr)))
    return _h(title) + _p(*lines)


def _schedule(track, t: int, out) -> list[str]:
    """With a schedule: its formula and this update's ηₜ = η·λ(t), from the engine's own λ."""
    schedule = getattr(track, "schedule", None)
    if schedule is None or schedule.is_constant:
        return []
    kind = schedule.kind
    formula = kind.formula if not schedule.warmup else f"{kind.formula};  {WARMUP_FORMULA}"
    symbols = {p.name: p.symbol for p in (*kind.parameters, WARMUP)}
    settings = ", ".join(f"{symbols[k]} = {v:g}" for k, v in schedule.parameters.items()
                         if k != "warmup" or v)
    factor_t = float(schedule(t))
    lr = track.hyperparameters["lr"]
    out.values.update(schedule_factor=factor_t)
    return [_e(tr("{0}: {1}  ({2})").format(schedule_title(schedule.name), formula, settings)),
            _line(f"ηₜ = η·λ({t}) = {num(lr)} × {num(factor_t)}", track.lr)]


def _diverging() -> str:
    """The early warning of gdsim.model.divergence, before the engine's hard limit stops the run."""
    return _h(tr("Diverging")) + _p(_e(tr("The loss has grown a thousandfold and grows at every step: "
                                          "each step overshoots by more than the last. Try a smaller η.")))


def _stopped(problem, track) -> str:
    """A run that has stopped takes no next step; say why instead of showing one."""
    if track.status == "converged":
        title = tr("Converged at step {0}").format(track.stopped_at)
        why = tr("‖∇L‖ fell below the tolerance, so there is no next step.")
    elif track.status == "stuck" and getattr(problem, "dataset", None) is not None:
        title = tr("Stuck at step {0}: ∇L = 0").format(track.stopped_at)
        why = tr("The activation's slope f′(h) is 0 at every sample the model gets wrong, so every term of "
                 "the gradient is 0 although the errors are not (the loss is still {0}). This is no "
                 "minimum, but the gradient shows no way down, so the run stops here.").format(
            num(track.loss))
    elif track.status == "stuck":
        title = tr("Stuck at step {0}: ∇L = 0").format(track.stopped_at)
        why = tr("This is a saddle point: the gradient is 0, yet the loss falls along another direction. "
                 "The gradient shows no way down, so the run stops here; start a little off it.")
    elif track.status == "diverged" and track.undefined_at is not None:
        title = tr("Stopped at step {0}: not defined there").format(track.stopped_at + 1)
        point = ", ".join(f"{name} = {num(v)}" for name, v in zip(problem.param_names, track.undefined_at,
                                                                  strict=True))
        why = tr("The step lands at {0}, where the function or its slope is not defined (such as the log "
                 "of a negative number, or a division by 0). The point shown is the last one where both "
                 "are. Try a smaller η, or another start.").format(point)
    elif track.status == "diverged":
        title = tr("Diverged at step {0}").format(track.stopped_at + 1)
        why = tr("The loss or the parameters stopped being finite numbers; the point shown is the last "
                 "finite one. Try a smaller η.")
    else:
        title = tr("Held at the step limit")
        why = tr("Raise the step limit to let the run go on.")
    return _h(title) + _p(_e(why))


def _line(text: str, value) -> str:
    return _e(f"{text} = ") + f"<b>{num(value)}</b>"


# Each writes the optimizer's rule (the engine's ``Optimizer.rule``, line by line) with the numbers
# of the next step after it; ``scalars`` are the optimizer's scalars after that step.


def _sgd(rule, hp, g, before, new, t, scalars):
    (step,) = rule
    return [_line(f"{step},  −η·g = −{num(hp['lr'])} × {factor(g)}", -hp["lr"] * g)]


def _momentum(rule, hp, g, before, new, t, scalars):
    velocity, step = rule
    mu, lr = hp["momentum"], hp["lr"]
    return [_line(plus(f"{velocity} = {num(mu)} × {factor(before['b'])}", g), new["b"]),
            _line(f"{step},  −η·b = −{num(lr)} × {factor(new['b'])}", -lr * new["b"])]


def _nesterov(rule, hp, g, before, new, t, scalars):
    velocity, step = rule
    mu, lr = hp["momentum"], hp["lr"]
    look = g + mu * new["b"]
    return [_line(plus(f"{velocity} = {num(mu)} × {factor(before['b'])}", g), new["b"]),
            _line(f"g + μ·b = {num(g)} + {num(mu)} × {factor(new['b'])}", look),
            _line(f"{step},  −η·(g + μ·b) = −{num(lr)} × {factor(look)}", -lr * look)]


def _adagrad(rule, hp, g, before, new, t, scalars):
    total, step = rule
    return [_line(f"{total} = {num(before['sum'])} + {num(g * g)}", new["sum"]),
            _e(f"{step},  η = {num(hp['lr'])},  ε = {num(hp['eps'])}")]


def _adadelta(rule, hp, g, before, new, t, scalars):
    mean_g2, delta, mean_delta2, step = rule
    rho = hp["rho"]
    return [_line(f"{mean_g2} = {num(rho)} × {num(before['v'])} + {num(1 - rho)} × {num(g * g)}", new["v"]),
            _e(f"{delta},  u = {num(before['u'])},  ε = {num(hp['eps'])}"),
            _line(f"{mean_delta2} = {num(rho)} × {num(before['u'])} + {num(1 - rho)} × Δ²", new["u"]),
            _e(f"{step},  η = {num(hp['lr'])}")]


def _rmsprop(rule, hp, g, before, new, t, scalars):
    mean_g2, step, velocity, momentum_step = rule
    alpha = hp["alpha"]
    lines = [_line(f"{mean_g2} = {num(alpha)} × {num(before['v'])} + {num(1 - alpha)} × {num(g * g)}",
                   new["v"])]
    if hp.get("momentum", 0) > 0:
        lines.append(_line(f"{velocity}  (μ = {num(hp['momentum'])})", new["b"]))
        lines.append(_e(f"{momentum_step},  η = {num(hp['lr'])}"))
    else:
        lines.append(_e(f"{step},  η = {num(hp['lr'])},  ε = {num(hp['eps'])}"))
    return lines


def _moments(rule, hp, g, before, new):
    """The first two lines of the Adam family: the running means m of g and v of g²."""
    b1, b2 = hp["beta1"], hp["beta2"]
    return [_line(f"{rule[0]} = {num(b1)} × {factor(before['m'])} + {num(1 - b1)} × {factor(g)}", new["m"]),
            _line(f"{rule[1]} = {num(b2)} × {num(before['v'])} + {num(1 - b2)} × {num(g * g)}", new["v"])]


def _adam(rule, hp, g, before, new, t, scalars):
    m_corrected, v_corrected, step = rule[2:]
    b1, b2 = hp["beta1"], hp["beta2"]
    m_hat, v_hat = new["m"] / (1 - b1**t), new["v"] / (1 - b2**t)
    return _moments(rule, hp, g, before, new) + [
        _e(tr("m*, v*: the running means corrected for starting at zero")),
        _line(f"{m_corrected} = {num(new['m'])} / {num(1 - b1**t)}", m_hat),
        _line(f"{v_corrected} = {num(new['v'])} / {num(1 - b2**t)}", v_hat),
        _line(f"{step},  −η·m* / (√v* + ε) = −{num(hp['lr'])} × {factor(m_hat)} / "
              f"({num(np.sqrt(v_hat))} + {num(hp['eps'])})",
              -hp["lr"] * m_hat / (np.sqrt(v_hat) + hp["eps"])),
        _e(tr("without the correction the step would be {0} times as long:").format(
            num((1 - b1**t) / np.sqrt(1 - b2**t)))),
        _line(f"−η·m / (√v + ε) = −{num(hp['lr'])} × {factor(new['m'])} / "
              f"({num(np.sqrt(new['v']))} + {num(hp['eps'])})",
              -hp["lr"] * new["m"] / (np.sqrt(new["v"]) + hp["eps"])),
    ]


def _amsgrad(rule, hp, g, before, new, t, scalars):
    v_max, step = rule[2:]
    b1, b2 = hp["beta1"], hp["beta2"]
    return _moments(rule, hp, g, before, new) + [
        _line(f"{v_max} = max({num(before['vmax'])}, {num(new['v'])})", new["vmax"]),
        _e(f"{step},  1 − β₁ᵗ = {num(1 - b1**t)}, 1 − β₂ᵗ = {num(1 - b2**t)}"),
    ]


def _adamax(rule, hp, g, before, new, t, scalars):
    mean_g, u_max, step = rule
    b1, b2 = hp["beta1"], hp["beta2"]
    return [_line(f"{mean_g} = {num(b1)} × {factor(before['m'])} + {num(1 - b1)} × {factor(g)}", new["m"]),
            _line(f"{u_max} = max({num(b2)} × {num(before['u'])}, {num(np.abs(g))} + ε)", new["u"]),
            _e(f"{step},  1 − β₁ᵗ = {num(1 - b1**t)}")]


def _nadam(rule, hp, g, before, new, t, scalars):
    """μₜ and μₜ₊₁ from the schedule, Πₜ = μ₁⋯μₜ from the engine's state, Πₜ₊₁ = Πₜ·μₜ₊₁."""
    v_corrected, schedule, step = rule[2:]
    b1, b2, psi = hp["beta1"], hp["beta2"], hp["momentum_decay"]
    mu = b1 * (1 - 0.5 * 0.96 ** (t * psi))
    mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
    product = scalars["mu_product"]  # after this step's μₜ: Πₜ
    new_product = product * mu_next
    return _moments(rule, hp, g, before, new) + [
        _e(tr("v*: the running mean of g² corrected for starting at zero")),
        _line(f"{v_corrected} = {num(new['v'])} / {num(1 - b2**t)}", new["v"] / (1 - b2**t)),
        _e(schedule),
        _line(f"μₜ = {num(b1)} × (1 − ½ × 0.96^({t} × {num(psi)}))", mu),
        _e(f"μₜ₊₁ = {num(mu_next)},  Πₜ = {num(product)},  Πₜ₊₁ = Πₜ·μₜ₊₁ = {num(new_product)}"),
        _e(step),
    ]


_RULES = {"sgd": _sgd, "momentum": _momentum, "nesterov": _nesterov, "adagrad": _adagrad,
          "adadelta": _adadelta, "rmsprop": _rmsprop, "adam": _adam, "amsgrad": _amsgrad,
          "adamax": _adamax, "nadam": _nadam}


def _convention(problem) -> str:
    loss = problem.loss_kind.name
    text = {
        "sse": tr("Convention: L = ½ Σ (y − ŷ)² (the tutorial calls this error E). The ½ cancels the 2 of "
                  "the square's derivative, so a gradient step is exactly the delta rule. (Without the ½, "
                  "as in the tutorial's C = Σ (wx + b − y)², the derivative is ∂C/∂w = 2 Σ (wx + b − y)·x.)"),
        "mse": tr("Convention: L = (1/N) Σ (y − ŷ)², as PyTorch's MSELoss; its derivative carries the "
                  "factor 2/N."),
        "half-mse": tr("Convention: L = 1/(2N) Σ (y − ŷ)². The ½ cancels the 2 of the square's derivative, "
                       "so ∂L/∂w = (1/N) Σ (ŷ − y)·x: the tutorial's formulas. At the same point SSE's "
                       "gradient is N times this one and MSE's 2 times."),
        "bce": tr("Convention: L is the mean binary cross-entropy; with the sigmoid its derivative "
                  "with respect to h is simply (ŷ − y)/N."),
    }[loss]
    return f"<p><i>{_e(text)}</i></p>"
