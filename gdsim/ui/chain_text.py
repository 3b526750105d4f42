"""The chain rule for the neuron as rich text: a small computation graph x, w, b → h = w·x + b →
ŷ = f(h) → E with the forward values in its nodes and the backward factors on its edges, for one
sample of the watched run at its current point; then the products of the factors and their sums
over the samples, set beside the gradient the optimizer steps with.

Every number comes from the engine: ``gdsim.model.chain_rule.chain_at`` (worked out away from the
window's thread) for the sample's values and factors and the sums, the snapshot's track for the
gradient the run uses. Nothing is computed here.
"""

import html
from dataclasses import dataclass

import numpy as np

from ..engine.chain_rule import LOSS_SLOPES, SAMPLE_LOSSES
from ..model.chain_rule import ChainAtSample
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


def not_for_this_problem() -> ChainText:
    """What the panel says for a fixed function, which has no samples and no neuron."""
    return ChainText("<p>" + _e(tr("The chain rule is shown for models fitted to data: choose the problem "
                                   "Linear regression or Neuron.")) + "</p>")


ACROSS, BESIDE, BELOW = "across", "beside", "below"


def describe_chain(problem, track, chain: ChainAtSample, style: Style, layout: str = ACROSS) -> ChainText:
    """The graph of ``chain`` (gdsim.model.chain_rule.chain_at at the track's point) and its sums set
    beside the track's gradient. ``layout``: the graph from left to right with the products and sums
    below it (ACROSS), or from top to bottom with them beside it (BESIDE) or below it (BELOW).
    ``values`` holds what is shown: the sample's forward values and factors, its products, the sums
    over all samples, the gradient they are set beside, and, with mini-batches, the batch's sums and
    the gradient the next step uses."""
    out = ChainText("")
    across = layout == ACROSS
    n, k = chain.n, len(chain.x)
    ws, xs = _names(k)
    loss = chain.loss
    identity = chain.activation == "identity"
    x, y, h, yhat, error = chain.x, chain.y, chain.h, chain.yhat, chain.error
    dE_dyhat, slope, dE_dh, terms = chain.dE_dyhat, chain.dyhat_dh, chain.dE_dh, chain.terms
    out.values.update(sample=chain.sample, x=x, y=y, h=h, yhat=yhat, error=error, dE_dyhat=dE_dyhat,
                      dyhat_dh=slope, dE_dh=dE_dh, terms=terms, sums=chain.sums,
                      gradient=np.asarray(track.gradient, float).copy(), loss=loss, n=n)

    back = style.gradient
    node_bg = "#E8EEF5" if style.name == "light" else "#1E2A36"
    rows_n = k + 1

    def node(lines: list[str], rowspan: int = 1, colspan: int = 1) -> str:
        return (f'<td rowspan="{rowspan}" colspan="{colspan}" align="center" valign="middle" '
                f'bgcolor="{node_bg}" style="white-space: nowrap">{"<br>".join(lines)}</td>')

    def edge(lines: list[str], rowspan: int = 1, colspan: int = 1) -> str:
        arrow = "→" if across else "↓"
        return (f'<td rowspan="{rowspan}" colspan="{colspan}" align="center" valign="middle" '
                f'style="white-space: nowrap">{arrow}<br>'
                f'<span style="color: {back}">{"<br>".join(lines)}</span></td>')

    inputs = " + ".join(f"{w}·{xn}" for w, xn in zip(ws, xs, strict=True))
    if identity:
        f_node = [_e("ŷ = h"), _e(f"= {num(yhat)}"), _e(tr("(f is the identity)"))]
        f_edge = [_e("∂ŷ/∂h = 1")]
    else:
        f_node = [_e("ŷ = f(h)"), _e(f"= {num(yhat)}")]
        f_edge = [_e("∂ŷ/∂h = f′(h)"), _e(f"= {_slope_formula(problem)}"), _e(f"= {num(slope)}")]
    f_node.append(_e(tr("target y = {0}").format(num(y))))
    h_node = [_e(f"h = {inputs} + b"), _e(f"= {num(h)}")]
    e_edge = [_e(LOSS_SLOPES[loss]), _e(f"= {num(dE_dyhat)}")]
    e_node = [_e(SAMPLE_LOSSES[loss]), _e(f"= {num(error)}")]
    params, labels = [], []
    for i in range(rows_n):
        if i < k:
            weight = _e(f"{ws[i]} = {num(chain.params[i])}")
            params.append([f"<b>{weight}</b>", _e(f"{xs[i]} = {num(x[i])}")])
            labels.append([_e(f"∂h/∂{ws[i]} = {xs[i]}"), _e(f"= {num(x[i])}")])
        else:
            params.append([f"<b>{_e(f'b = {num(chain.params[k])}')}</b>"])
            labels.append([_e("∂h/∂b = 1")])
    if across:  # x, w, b → h → ŷ → E from left to right, the parameters one below the other
        later = (node(h_node, rows_n) + edge(f_edge, rows_n) + node(f_node, rows_n) + edge(e_edge, rows_n)
                 + node(e_node, rows_n))
        rows = [node(params[i]) + edge(labels[i]) + (later if i == 0 else "") for i in range(rows_n)]
    else:  # from top to bottom, the parameters side by side
        rows = ["".join(node(p) for p in params), "".join(edge(label) for label in labels),
                node(h_node, colspan=rows_n), edge(f_edge, colspan=rows_n), node(f_node, colspan=rows_n),
                edge(e_edge, colspan=rows_n), node(e_node, colspan=rows_n)]
    graph = ('<table cellspacing="2" cellpadding="3">'
             + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>")

    out.graph = graph
    out.caption = tr("of {0} · loss {1}: L = Σ E over the samples · forward: the values in the boxes, "
                     "backward: the factors on the arrows").format(n, _LOSS_NAMES[loss])

    lines = []
    for i, name in enumerate([*ws, "b"]):
        value = factor(x[i]) if i < k else "1"
        lines.append(_whole(_e(f"∂E/∂{name} = ∂E/∂ŷ · ∂ŷ/∂h · ∂h/∂{name}")))
        lines.append(_whole(_e(f"= {factor(dE_dyhat)} × {factor(slope)} × {value} = ")
                            + f'<b style="color: {back}">{num(terms[i])}</b>'))
    if loss == "bce":
        lines.append(_e(tr("(with the sigmoid, ŷ(1 − ŷ) cancels: ∂E/∂h = (ŷ − y)/N = {0})").format(
            num(dE_dh))))
    products = _block([_heading(tr("Backward, the product along each path:")), *lines])

    sums = _sums(chain, track, ws, out)
    if across:
        out.html = (graph + '<table cellspacing="6"><tr><td valign="top">' + products
                    + '</td><td width="24"></td><td valign="top">' + sums + "</td></tr></table>")
    elif layout == BELOW:
        out.html = graph + _SPACE + products + _SPACE + sums
    else:  # the products and sums beside the graph, where the width is
        out.html = (f'<table cellspacing="6"><tr><td valign="top">{graph}</td><td width="16"></td>'
                    f'<td valign="top">{products}{_SPACE}{sums}</td></tr></table>')
    return out


_SPACE = '<div style="font-size: 6pt">&#160;</div>'  # a little room between two parts


def _heading(text: str) -> str:
    return f"<b>{_e(text)}</b>"


def _block(lines: list[str]) -> str:
    """Lines as blocks: those made ``_whole`` stay whole, the others wrap."""
    return "".join(line if line.startswith("<div") else f"<div>{line}</div>" for line in lines)


def _whole(html: str) -> str:
    """A line never broken (Qt keeps white-space: nowrap on blocks only, not on spans or <nobr>)."""
    return f'<div style="white-space: nowrap">{html}</div>'


def _slope_formula(problem) -> str:
    """f′ as the activation's formula writes it, without its "f′(h) = "."""
    text = formula_text(problem.activation.derivative_formula)
    return text.split("=", 1)[1].strip() if "=" in text else text


def _sums(chain: ChainAtSample, track, ws, out) -> str:
    """Σ over the samples of each product, beside the gradient the run has at this point and, with
    mini-batches, the batch's sums beside the gradient the next step uses."""
    n = chain.n
    gradient = np.asarray(track.gradient, float)
    names = [*ws, "b"]
    lines = [_heading(tr("Summed over all {0} samples, the products are the gradient:").format(n))]
    for i, name in enumerate(names):
        lines.append(_whole(_e(f"Σ ∂E/∂{name} = {num(chain.sums[i])},  ∂L/∂{name} = ")
                            + f"<b>{num(gradient[i])}</b>"))
    lines.append(_e(_agreement(chain.sums, gradient)))
    if chain.batch_sums is not None:
        g = np.asarray(track.update_gradient, float)
        out.values.update(batch_sums=chain.batch_sums, batch_gradient=g.copy(), batch_n=chain.batch_n)
        lines.append(_e(tr("The next step uses a mini-batch of {0} samples (N = {0} in E): summed over "
                           "them,").format(chain.batch_n)))
        for i, name in enumerate(names):
            lines.append(_whole(_e(f"Σ ∂E/∂{name} = {num(chain.batch_sums[i])},  g = ")
                                + f"<b>{num(g[i])}</b>"))
        lines.append(_e(_agreement(chain.batch_sums, g)))
    else:
        lines.append(_e(tr("This is the gradient the optimizer steps with.")))
    return _block(lines)


def _agreement(sums, gradient) -> str:
    """Equal, or equal up to the order of summation (a few ulps of the terms' sizes)."""
    if np.array_equal(sums, gradient):
        return tr("equal, to the last digit")
    off = float(np.max(np.abs(sums - gradient)))
    return tr("equal up to rounding (the engine adds in another order): they differ by {0}").format(
        f"{off:.1e}".replace("-", "−"))
