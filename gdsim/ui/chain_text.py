"""The chain rule for the neuron as rich text: a small computation graph x, w, b → h = w·x + b →
ŷ = f(h) → E with the forward values in its nodes and the backward factors on its edges, for one
sample of the watched run at its current point; then the products of the factors and their sums
over the samples, set beside the gradient the optimizer steps with.

Every number comes from the engine: ``gdsim.chain_rule`` for the samples' values and factors, the
snapshot's track for the gradient the run uses. Nothing is computed here but what the text shows.
"""

import html
from dataclasses import dataclass

import numpy as np

from ..engine.chain_rule import LOSS_SLOPES, SAMPLE_LOSSES, chain_rule
from .formula import FormulaText, factor, num
from .i18n import tr
from .names import formula_text
from .style import Style


@dataclass
class ChainText(FormulaText):
    caption: str = ""  # the line beside the sample's spin box: N, the loss, how to read the graph


_LOSS_NAMES = {"sse": "SSE", "mse": "MSE", "half-mse": "half-mse", "bce": "BCE"}


def _e(text: str) -> str:
    return html.escape(text)


def _names(k: int) -> tuple[list[str], list[str]]:
    if k == 1:
        return ["w"], ["x"]
    return [f"w{i}" for i in range(1, k + 1)], [f"x{i}" for i in range(1, k + 1)]


def describe_chain(problem, track, sample: int, style: Style) -> ChainText:
    """The graph and the sums for sample ``sample`` (0-based row of the data) at the track's point.
    ``values`` holds what is shown: the sample's forward values and factors, its products, the sums
    over all samples, the gradient they are set beside, and, with mini-batches, the batch's."""
    out = ChainText("")
    if getattr(problem, "dataset", None) is None:
        out.html = "<p>" + _e(tr("The chain rule is shown for models fitted to data: choose the problem "
                                 "Linear regression or Neuron.")) + "</p>"
        return out
    rule = chain_rule(problem, track.params)
    n, k = rule.x.shape
    sample = min(max(sample, 0), n - 1)
    ws, xs = _names(k)
    loss = rule.loss
    identity = rule.activation == "identity"
    x, y = rule.x[sample], float(rule.y[sample])
    h, yhat, error = float(rule.h[sample]), float(rule.yhat[sample]), float(rule.error[sample])
    dE_dyhat, slope = float(rule.dE_dyhat[sample]), float(rule.dyhat_dh[sample])
    dE_dh = float(rule.dE_dh[sample])
    terms = rule.terms[sample]
    out.values.update(sample=sample, x=x.copy(), y=y, h=h, yhat=yhat, error=error, dE_dyhat=dE_dyhat,
                      dyhat_dh=slope, dE_dh=dE_dh, terms=terms.copy(), sums=rule.gradient.copy(),
                      gradient=np.asarray(track.gradient, float).copy(), loss=loss, n=n)

    back = style.gradient
    node_bg = "#E8EEF5" if style.name == "light" else "#1E2A36"
    rows_n = k + 1

    def node(text: str, rowspan: int = 1) -> str:
        return (f'<td rowspan="{rowspan}" align="center" valign="middle" bgcolor="{node_bg}">'
                f"{text}</td>")

    def edge(text: str, rowspan: int = 1) -> str:
        return (f'<td rowspan="{rowspan}" align="center" valign="middle">→<br>'
                f'<span style="color: {back}">{text}</span></td>')

    inputs = " + ".join(f"{w}·{xn}" for w, xn in zip(ws, xs, strict=True))
    if identity:
        f_node = _e(tr("ŷ = h = {0}").format(num(yhat))) + "<br>" + _e(tr("(f is the identity)"))
        f_edge = _e("∂ŷ/∂h = 1")
    else:
        f_node = _e(f"ŷ = f(h) = {num(yhat)}")
        f_edge = _e("∂ŷ/∂h = f′(h)") + "<br>" + _e(f"= {_slope_formula(problem)} = {num(slope)}")
    e_edge = _e(LOSS_SLOPES[loss]) + "<br>" + _e(f"= {num(dE_dyhat)}")
    later = (node(_e("h = " + inputs + " + b") + "<br>" + _e(f"= {num(h)}"), rows_n)
             + edge(f_edge, rows_n)
             + node(f_node + "<br>" + _e(tr("target y = {0}").format(num(y))), rows_n)
             + edge(e_edge, rows_n)
             + node(_e(SAMPLE_LOSSES[loss]) + "<br>" + _e(f"= {num(error)}"), rows_n))
    rows = []
    for i in range(rows_n):
        if i < k:
            box = f"<b>{_e(ws[i])} = {num(rule.params[i])}</b><br>{_e(xs[i])} = {num(x[i])}"
            label = _e(f"∂h/∂{ws[i]} = {xs[i]}") + "<br>" + _e(f"= {num(x[i])}")
        else:
            box, label = f"<b>b = {num(rule.params[k])}</b>", _e("∂h/∂b = 1")
        rows.append(node(box) + edge(label) + (later if i == 0 else ""))
    graph = ('<table cellspacing="4" cellpadding="4">'
             + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>")

    out.caption = tr("of {0} · loss {1}: L = Σ E over the samples · forward: the values in the boxes, "
                     "backward: the factors on the arrows").format(n, _LOSS_NAMES[loss])

    chain = "∂E/∂ŷ · ∂ŷ/∂h"
    lines = []
    for i, name in enumerate([*ws, "b"]):
        last = f"∂h/∂{name}"
        value = factor(x[i]) if i < k else "1"
        lines.append(_e(f"∂E/∂{name} = {chain} · {last} = {factor(dE_dyhat)} × {factor(slope)} × {value} = ")
                     + f'<b style="color: {back}">{num(terms[i])}</b>')
    if loss == "bce":
        lines.append(_e(tr("(with the sigmoid, ŷ(1 − ŷ) cancels: ∂E/∂h = (ŷ − y)/N = {0})").format(
            num(dE_dh))))
    products = "<b>" + _e(tr("Backward, the product along each path:")) + "</b><br>" + "<br>".join(lines)

    sums = _sums(problem, rule, track, ws, out)
    out.html = (graph + '<table cellspacing="6"><tr><td valign="top">' + products
                + '</td><td width="24"></td><td valign="top">' + sums + "</td></tr></table>")
    return out


def _slope_formula(problem) -> str:
    """f′ as the activation's formula writes it, without its "f′(h) = "."""
    text = formula_text(problem.activation.derivative_formula)
    return text.split("=", 1)[1].strip() if "=" in text else text


def _sums(problem, rule, track, ws, out) -> str:
    """Σ over the samples of each product, beside the gradient the run has at this point and, with
    mini-batches, the batch's sums beside the gradient the next step uses."""
    n = rule.n
    gradient = np.asarray(track.gradient, float)
    names = [*ws, "b"]
    lines = ["<b>" + _e(tr("Summed over all {0} samples, the products are the gradient:").format(n)) + "</b>"]
    for i, name in enumerate(names):
        lines.append(_e(f"Σ ∂E/∂{name} = {num(rule.gradient[i])},   ∂L/∂{name} = ")
                     + f"<b>{num(gradient[i])}</b>")
    lines.append(_e(_agreement(rule.gradient, gradient, rule.terms)))
    rows = getattr(track, "batch_rows", None)
    if rows is not None:
        batch = chain_rule(problem, track.params, rows=rows)
        g = np.asarray(track.update_gradient, float)
        out.values.update(batch_sums=batch.gradient.copy(), batch_gradient=g.copy(), batch_n=batch.n)
        lines.append(_e(tr("The next step uses a mini-batch of {0} samples (N = {0} in E): summed over "
                           "them,").format(batch.n)))
        for i, name in enumerate(names):
            lines.append(_e(f"Σ ∂E/∂{name} = {num(batch.gradient[i])},   g = ") + f"<b>{num(g[i])}</b>")
        lines.append(_e(_agreement(batch.gradient, g, batch.terms)))
    else:
        lines.append(_e(tr("This is the gradient the optimizer steps with.")))
    return "<br>".join(lines)


def _agreement(sums, gradient, terms) -> str:
    """Equal, or equal up to the order of summation (a few ulps of the terms' sizes)."""
    if np.array_equal(sums, gradient):
        return tr("equal, to the last digit")
    off = float(np.max(np.abs(sums - gradient)))
    return tr("equal up to rounding (the engine adds in another order): they differ by {0}").format(
        f"{off:.1e}".replace("-", "−"))
