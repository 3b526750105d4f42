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
    graph: str = ""  # the graph's table alone (the panel measures how wide it is)


_LOSS_NAMES = {"sse": "SSE", "mse": "MSE", "half-mse": "half-mse", "bce": "BCE"}


def _e(text: str) -> str:
    return html.escape(text)


def _names(k: int) -> tuple[list[str], list[str]]:
    if k == 1:
        return ["w"], ["x"]
    return [f"w{i}" for i in range(1, k + 1)], [f"x{i}" for i in range(1, k + 1)]


def describe_chain(problem, track, sample: int, style: Style, across: bool = True) -> ChainText:
    """The graph and the sums for sample ``sample`` (0-based row of the data) at the track's point,
    drawn from left to right (``across``) or, where that is too wide, from top to bottom.
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

    def node(lines: list[str], rowspan: int = 1, colspan: int = 1) -> str:
        return (f'<td rowspan="{rowspan}" colspan="{colspan}" align="center" valign="middle" '
                f'bgcolor="{node_bg}">{"<br>".join(lines)}</td>')

    def edge(lines: list[str], rowspan: int = 1, colspan: int = 1) -> str:
        arrow = "→" if across else "↓"
        return (f'<td rowspan="{rowspan}" colspan="{colspan}" align="center" valign="middle">{arrow}<br>'
                f'<span style="color: {back}">{"<br>".join(lines)}</span></td>')

    inputs = " + ".join(f"{w}·{xn}" for w, xn in zip(ws, xs, strict=True))
    if identity:
        f_node = [_nobr(tr("ŷ = h = {0}").format(num(yhat))), _nobr(tr("(f is the identity)"))]
        f_edge = [_nobr("∂ŷ/∂h = 1")]
    else:
        f_node = [_nobr(f"ŷ = f(h) = {num(yhat)}")]
        f_edge = [_nobr("∂ŷ/∂h = f′(h)"), _nobr(f"= {_slope_formula(problem)}"), _nobr(f"= {num(slope)}")]
    f_node.append(_nobr(tr("target y = {0}").format(num(y))))
    h_node = [_nobr(f"h = {inputs} + b"), _nobr(f"= {num(h)}")]
    e_edge = [_nobr(LOSS_SLOPES[loss]), _nobr(f"= {num(dE_dyhat)}")]
    e_node = [_nobr(SAMPLE_LOSSES[loss]), _nobr(f"= {num(error)}")]
    params, labels = [], []
    for i in range(rows_n):
        if i < k:
            weight = _nobr(f"{ws[i]} = {num(rule.params[i])}")
            params.append([f"<b>{weight}</b>", _nobr(f"{xs[i]} = {num(x[i])}")])
            labels.append([_nobr(f"∂h/∂{ws[i]} = {xs[i]}"), _nobr(f"= {num(x[i])}")])
        else:
            params.append([f"<b>{_nobr(f'b = {num(rule.params[k])}')}</b>"])
            labels.append([_nobr("∂h/∂b = 1")])
    if across:  # x, w, b → h → ŷ → E from left to right, the parameters one below the other
        later = (node(h_node, rows_n) + edge(f_edge, rows_n) + node(f_node, rows_n) + edge(e_edge, rows_n)
                 + node(e_node, rows_n))
        rows = [node(params[i]) + edge(labels[i]) + (later if i == 0 else "") for i in range(rows_n)]
    else:  # from top to bottom, the parameters side by side
        rows = ["".join(node(p) for p in params), "".join(edge(label) for label in labels),
                node(h_node, colspan=rows_n), edge(f_edge, colspan=rows_n), node(f_node, colspan=rows_n),
                edge(e_edge, colspan=rows_n), node(e_node, colspan=rows_n)]
    graph = ('<table cellspacing="4" cellpadding="4">'
             + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>")

    out.graph = graph
    out.caption = tr("of {0} · loss {1}: L = Σ E over the samples · forward: the values in the boxes, "
                     "backward: the factors on the arrows").format(n, _LOSS_NAMES[loss])

    lines = []
    for i, name in enumerate([*ws, "b"]):
        value = factor(x[i]) if i < k else "1"
        lines.append(" ".join([_nobr(f"∂E/∂{name} = ∂E/∂ŷ · ∂ŷ/∂h · ∂h/∂{name}"),
                               _nobr(f"= {factor(dE_dyhat)} × {factor(slope)} × {value}"),
                               _nobr("=") + f' <b style="color: {back}">{num(terms[i])}</b>']))
    if loss == "bce":
        lines.append(_e(tr("(with the sigmoid, ŷ(1 − ŷ) cancels: ∂E/∂h = (ŷ − y)/N = {0})").format(
            num(dE_dh))))
    products = "<b>" + _e(tr("Backward, the product along each path:")) + "</b><br>" + "<br>".join(lines)

    sums = _sums(problem, rule, track, ws, out)
    if across:
        out.html = (graph + '<table cellspacing="6"><tr><td valign="top">' + products
                    + '</td><td width="24"></td><td valign="top">' + sums + "</td></tr></table>")
    else:
        out.html = graph + f"<p>{products}</p><p>{sums}</p>"
    return out


def _nobr(text: str) -> str:
    """Text kept on one line: a formula is broken only between its parts, at the ones we choose."""
    return f"<nobr>{_e(text)}</nobr>"


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
        lines.append(_nobr(f"Σ ∂E/∂{name} = {num(rule.gradient[i])},") + " "
                     + _nobr(f"∂L/∂{name} = ") + f"<b>{num(gradient[i])}</b>")
    lines.append(_e(_agreement(rule.gradient, gradient, rule.terms)))
    rows = getattr(track, "batch_rows", None)
    if rows is not None:
        batch = chain_rule(problem, track.params, rows=rows)
        g = np.asarray(track.update_gradient, float)
        out.values.update(batch_sums=batch.gradient.copy(), batch_gradient=g.copy(), batch_n=batch.n)
        lines.append(_e(tr("The next step uses a mini-batch of {0} samples (N = {0} in E): summed over "
                           "them,").format(batch.n)))
        for i, name in enumerate(names):
            lines.append(_nobr(f"Σ ∂E/∂{name} = {num(batch.gradient[i])},") + " " + _nobr("g = ")
                         + f"<b>{num(g[i])}</b>")
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
